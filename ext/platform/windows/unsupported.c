/*
** unsupported.c (ext/platform/windows/) — what the Windows layer does not
** read (yet): each call fails with ENOSYS, which psv_strerror calls "not
** supported on windows", after what was asked for; the table's query
** fails with that message, never a crash, and lists come back empty
** (README, "Windows").
*/
#include "windows.h"

#include <errno.h>
#include <string.h>

static int unsupported(psv_os *os, const char *what) { return psv_win_fail(os, what, ENOSYS); }

/* ---- A process's lists --------------------------------------------------- */

int psv_open_files_open(psv_proc *p, psv_open_files **out) {
  *out = NULL;
  return unsupported(psv_win_proc_os(p), "open files");
}

int psv_open_files_next(psv_open_files *l, unsigned want, psv_open_file *out) {
  (void)l; (void)want; (void)out;
  return 0;
}

void psv_open_files_close(psv_open_files *l) { (void)l; }

int psv_map_list_open(psv_proc *p, int with_sizes, psv_map_list **out) {
  (void)with_sizes;
  *out = NULL;
  return unsupported(psv_win_proc_os(p), "memory maps");
}

int psv_map_list_next(psv_map_list *l, psv_map *out) {
  (void)l; (void)out;
  return 0;
}

void psv_map_list_close(psv_map_list *l) { (void)l; }

/* Windows has no resource limits of this kind (psutil has no rlimit()). */
int psv_proc_limits(psv_proc *p, psv_limit out[PSV_MAX_LIMITS], int *n) {
  (void)out;
  *n = 0;
  return unsupported(psv_win_proc_os(p), "resource limits");
}

/* ---- Load ------------------------------------------------------------------ */

int psv_load_avg_read(psv_os *os, double out[3]) {
  out[0] = out[1] = out[2] = 0;
  return unsupported(os, "load averages");
}

/* ---- Read-ahead (issue 21) ------------------------------------------------ */

/* Not ported yet (it would start CreateThread workers as Linux starts
** pthreads): ENOSYS, and the scan reads one process after another. */
int psv_ahead_open(psv_os *os, psv_pid_list *list, int threads, int depth, uint64_t want,
                   const psv_ahead_extra *extra, psv_ahead **out) {
  (void)os; (void)list; (void)threads; (void)depth; (void)want; (void)extra;
  *out = NULL;
  return ENOSYS;
}

int psv_ahead_next(psv_ahead *a, int *pid, psv_proc_info *info, void **block) {
  (void)a; (void)pid; (void)info; (void)block;
  return 0;
}

const char *psv_ahead_failure(psv_ahead *a) {
  (void)a;
  return "no read-ahead on windows";
}

void psv_ahead_close(psv_ahead *a) { (void)a; }

/* ---- The osquery tables' facts (platform.h section 9) ---------------------- */

/* Those tables are Linux's (psv_table.platforms): on Windows each fails
** with "not supported on windows" after what it asked for. */

int psv_file_stat(const char *path, psv_buf *link, psv_file_info *out) {
  (void)path; (void)link;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_dir_open(const char *path, psv_dir **out) {
  (void)path;
  *out = NULL;
  return ENOSYS;
}

int psv_dir_next(psv_dir *d, const char **name, size_t *len) {
  (void)d; (void)name; (void)len;
  return 0;
}

void psv_dir_close(psv_dir *d) { (void)d; }

int psv_file_glob(const char *pattern, size_t n, int folders_only,
                  int (*each)(void *ctx, const char *path, size_t n), void *ctx) {
  (void)pattern; (void)n; (void)folders_only; (void)each; (void)ctx;
  return ENOSYS;
}

void psv_records_close(psv_records *r) { (void)r; }

static int no_records(psv_os *os, const char *what, psv_records **out) {
  *out = NULL;
  return unsupported(os, what);
}

int psv_kernel_modules_open(psv_os *os, psv_records **out) { return no_records(os, "kernel modules", out); }
int psv_arp_cache_open(psv_os *os, psv_records **out) { return no_records(os, "ARP cache", out); }
int psv_hosts_open(psv_os *os, psv_records **out) { return no_records(os, "hosts file", out); }
int psv_fs_mounts_open(psv_os *os, psv_records **out) { return no_records(os, "mounts", out); }
int psv_accounts_open(psv_os *os, psv_records **out) { return no_records(os, "accounts", out); }

int psv_login_records_open(psv_os *os, int history, psv_records **out) {
  (void)history;
  return no_records(os, "login records", out);
}

int psv_kernel_module_next(psv_records *r, psv_kernel_module *out) { (void)r; (void)out; return 0; }
int psv_arp_entry_next(psv_records *r, psv_arp_entry *out) { (void)r; (void)out; return 0; }
int psv_host_entry_next(psv_records *r, psv_host_entry *out) { (void)r; (void)out; return 0; }
int psv_fs_mount_next(psv_records *r, psv_fs_mount *out) { (void)r; (void)out; return 0; }
int psv_login_record_next(psv_records *r, psv_login_record *out) { (void)r; (void)out; return 0; }
int psv_account_next(psv_records *r, psv_account *out) { (void)r; (void)out; return 0; }

int psv_kernel_info_read(psv_os *os, psv_buf *b, psv_kernel_info *out) {
  (void)b;
  memset(out, 0, sizeof *out);
  return unsupported(os, "kernel information");
}

int psv_os_version_read(psv_os *os, psv_buf *b, psv_os_version *out) {
  (void)b;
  memset(out, 0, sizeof *out);
  return unsupported(os, "OS release");
}

int psv_net_sockets_open(psv_os *os, int pid, psv_net_sockets **out) {
  (void)pid;
  *out = NULL;
  return unsupported(os, "sockets by namespace");
}

int psv_net_socket_next(psv_net_sockets *s, psv_net_socket *out) {
  (void)s; (void)out;
  return 0;
}

void psv_net_sockets_close(psv_net_sockets *s) { (void)s; }

int psv_self_net_namespace(psv_os *os, uint64_t *out) {
  *out = 0;
  return unsupported(os, "network namespaces");
}

int psv_machine_read(psv_os *os, psv_machine *out) {
  memset(out, 0, sizeof *out);
  return unsupported(os, "machine identity");
}
