/*
** stub.c — the platform that reads nothing: every call of platform.h that
** would read the OS fails with ENOSYS ("not supported on this platform"),
** every list is empty, and there are no CREATE arguments. It is built by
** `make check-stub` into stub-psvtab.so, with the layer above compiled
** against platform.h alone: the proof that no table needs more than the
** API, and the start of a new port (copy this folder, fill it in;
** docs/platforms.md, "Porting"). test/stub.test loads it: every table loads, and every query
** gives an error or no rows, never a crash.
**
** Only standard C here, so that it builds wherever a C11 compiler does.
*/
#include "platform.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#ifndef ENOSYS
#define ENOSYS 38
#endif

const char *psv_platform_name(void) { return "stub"; }

int psv_is_resource_errno(int err) {
  return err == ENOMEM || err == EMFILE || err == ENFILE || err == ENOBUFS;
}

const char *psv_strerror(int err, char *buf, size_t size) {
  switch (err) {
    case ENOSYS: return "not supported on this platform";
    case ENOMEM: return "out of memory";
    case PSV_ENOTREG: return "not a regular file";
    default: snprintf(buf, size, "error %d", err); return buf;
  }
}

/* ---- Where the OS is read from ---------------------------------------- */

const psv_platform_arg *psv_platform_args(int *n) {
  *n = 0;
  return NULL;
}

int psv_check_path(const char *path, int is_file) {
  (void)path; (void)is_file;
  return ENOSYS;
}

struct psv_os { int unused; };

int psv_os_open(const char *const *values, psv_os **out) {
  (void)values;
  *out = psv_calloc(sizeof **out);
  return *out ? 0 : ENOMEM;
}

void psv_os_close(psv_os *os) { psv_free(os); }

const char *psv_os_failure(psv_os *os) {
  (void)os;
  return "the stub platform reads nothing";
}

/* ---- Processes ------------------------------------------------------------ */

int psv_pid_list_open(psv_os *os, psv_pid_list **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_pid_list_next(psv_pid_list *list, int *pid) {
  (void)list; (void)pid;
  return 0;
}

void psv_pid_list_close(psv_pid_list *list) { (void)list; }

double psv_cpu_seconds(double count) { return count; }

struct psv_proc { int unused; };

psv_proc *psv_proc_new(void) { return psv_calloc(sizeof(psv_proc)); }
void psv_proc_free(psv_proc *p) { psv_free(p); }

int psv_proc_open(psv_proc *p, psv_os *os, int pid, int verify_pid) {
  (void)p; (void)os; (void)pid; (void)verify_pid;
  return ENOSYS;
}

int psv_proc_read(psv_proc *p, uint64_t want, psv_proc_info *info) {
  (void)p; (void)want;
  memset(info, 0, sizeof *info);
  return ENOSYS;
}

void psv_proc_close(psv_proc *p) { (void)p; }

int psv_cmdline_split(const char *buf, size_t len,
                      int (*each)(void *ctx, const char *arg, size_t n), void *ctx) {
  (void)buf; (void)len; (void)each; (void)ctx;
  return 0;
}

int psv_environ_next(const char *buf, size_t len, size_t *off, int64_t *index,
                     const char **entry, size_t *n, long *eq) {
  (void)buf; (void)len; (void)off; (void)index; (void)entry; (void)n; (void)eq;
  return 0;
}

int psv_thread_list_open(psv_proc *p, psv_thread_list **out) {
  (void)p;
  *out = NULL;
  return ENOSYS;
}

int psv_thread_list_next(psv_thread_list *l, psv_thread *out) {
  (void)l; (void)out;
  return 0;
}

void psv_thread_list_close(psv_thread_list *l) { (void)l; }

int psv_open_files_open(psv_proc *p, psv_open_files **out) {
  (void)p;
  *out = NULL;
  return ENOSYS;
}

int psv_open_files_next(psv_open_files *l, unsigned want, psv_open_file *out) {
  (void)l; (void)want; (void)out;
  return 0;
}

void psv_open_files_close(psv_open_files *l) { (void)l; }

int psv_map_list_open(psv_proc *p, int with_sizes, psv_map_list **out) {
  (void)p; (void)with_sizes;
  *out = NULL;
  return ENOSYS;
}

int psv_map_list_next(psv_map_list *l, psv_map *out) {
  (void)l; (void)out;
  return 0;
}

void psv_map_list_close(psv_map_list *l) { (void)l; }

int psv_proc_limits(psv_proc *p, psv_limit out[PSV_MAX_LIMITS], int *n) {
  (void)p; (void)out;
  *n = 0;
  return ENOSYS;
}

/* ---- Sockets -------------------------------------------------------------- */

int psv_socket_list_open(psv_os *os, psv_socket_list **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_socket_list_next(psv_socket_list *l, psv_socket *out) {
  (void)l; (void)out;
  return 0;
}

void psv_socket_list_close(psv_socket_list *l) { (void)l; }

int psv_socket_owners(psv_os *os, const int *given, size_t n_given, int with_create_time,
                      psv_socket_owner **out, size_t *n_out) {
  (void)os; (void)given; (void)n_given; (void)with_create_time;
  *out = NULL;
  *n_out = 0;
  return ENOSYS;
}

/* ---- Network interfaces ----------------------------------------------------- */

int psv_if_io_open(psv_os *os, psv_if_io_list **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_if_io_next(psv_if_io_list *l, psv_if_io *out) {
  (void)l; (void)out;
  return 0;
}

void psv_if_io_close(psv_if_io_list *l) { (void)l; }

int psv_netif_open(psv_os *os, psv_netif **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_netif_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out) {
  (void)nif; (void)name; (void)want;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

void psv_netif_close(psv_netif *nif) { (void)nif; }

int psv_if_addrs_open(psv_os *os, psv_if_addrs **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_if_addrs_next(psv_if_addrs *list, psv_if_addr *out) {
  (void)list; (void)out;
  return 0;
}

void psv_if_addrs_close(psv_if_addrs *list) { (void)list; }

/* ---- Disks and file systems ------------------------------------------------- */

int psv_disks_open(psv_os *os, psv_disks **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_disks_next(psv_disks *d, psv_disk *out) {
  (void)d; (void)out;
  return 0;
}

void psv_disks_close(psv_disks *d) { (void)d; }

int psv_mounts_open(psv_os *os, int all, psv_mounts **out) {
  (void)os; (void)all;
  *out = NULL;
  return ENOSYS;
}

int psv_mounts_next(psv_mounts *m, psv_mount *out) {
  (void)m; (void)out;
  return 0;
}

void psv_mounts_close(psv_mounts *m) { (void)m; }

int psv_disk_usage_of(psv_os *os, const char *path, psv_disk_usage *out) {
  (void)os; (void)path;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

/* ---- Memory, CPUs, the system, logins ---------------------------------------- */

int psv_virtual_memory(psv_os *os, psv_vmem *out) {
  (void)os;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_swap_memory(psv_os *os, psv_swap *out) {
  (void)os;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_cpu_times_read(psv_os *os, psv_cpu_times **out, size_t *n) {
  (void)os;
  *out = NULL;
  *n = 0;
  return ENOSYS;
}

void psv_cpu_busy(const psv_cpu_times *before, const psv_cpu_times *after,
                  double *busy, double *total) {
  (void)before; (void)after;
  *busy = *total = 0;
}

int psv_cpu_stats_read(psv_os *os, psv_cpu_stats *out) {
  (void)os;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_load_avg_read(psv_os *os, double out[3]) {
  (void)os;
  out[0] = out[1] = out[2] = 0;
  return ENOSYS;
}

int psv_cpu_freq_read(psv_os *os, psv_cpu_freq **out, size_t *n) {
  (void)os;
  *out = NULL;
  *n = 0;
  return ENOSYS;
}

int psv_system_read(psv_os *os, unsigned want, psv_system *out) {
  (void)os; (void)want;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_logins_open(psv_os *os, psv_logins **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_logins_next(psv_logins *l, psv_user *out) {
  (void)l; (void)out;
  return 0;
}

void psv_logins_close(psv_logins *l) { (void)l; }

/* No threads in standard C: a scan reads one process after another. */
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
  return "no read-ahead";
}

void psv_ahead_close(psv_ahead *a) { (void)a; }

/* ---- Time and threads ------------------------------------------------------- */

/* The C library's clock: enough for a platform that never samples. */
double psv_monotonic(void) {
  struct timespec ts;
  if (timespec_get(&ts, TIME_UTC) != TIME_UTC) return 0;
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Standard C cannot sleep: a wait (which no stub scan reaches) spins. */
void psv_sleep(double seconds) { (void)seconds; }

void psv_set_max_threads(int n) { (void)n; }
int psv_max_threads(void) { return 1; }
int psv_online_cpus(void) { return 1; }

/* ---- Files, the kernel, the system's configuration -------------------- */

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

/* Every record list: none can be opened, so next() is never reached with
** one; it says "the end" all the same. */
void psv_records_close(psv_records *r) { (void)r; }

static int no_records(psv_os *os, psv_records **out) {
  (void)os;
  *out = NULL;
  return ENOSYS;
}

int psv_kernel_modules_open(psv_os *os, psv_records **out) { return no_records(os, out); }
int psv_arp_cache_open(psv_os *os, psv_records **out) { return no_records(os, out); }
int psv_hosts_open(psv_os *os, psv_records **out) { return no_records(os, out); }
int psv_fs_mounts_open(psv_os *os, psv_records **out) { return no_records(os, out); }
int psv_accounts_open(psv_os *os, psv_records **out) { return no_records(os, out); }

int psv_login_records_open(psv_os *os, int history, psv_records **out) {
  (void)history;
  return no_records(os, out);
}

int psv_kernel_module_next(psv_records *r, psv_kernel_module *out) { (void)r; (void)out; return 0; }
int psv_arp_entry_next(psv_records *r, psv_arp_entry *out) { (void)r; (void)out; return 0; }
int psv_host_entry_next(psv_records *r, psv_host_entry *out) { (void)r; (void)out; return 0; }
int psv_fs_mount_next(psv_records *r, psv_fs_mount *out) { (void)r; (void)out; return 0; }
int psv_login_record_next(psv_records *r, psv_login_record *out) { (void)r; (void)out; return 0; }
int psv_account_next(psv_records *r, psv_account *out) { (void)r; (void)out; return 0; }

int psv_kernel_info_read(psv_os *os, psv_buf *b, psv_kernel_info *out) {
  (void)os; (void)b;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_os_version_read(psv_os *os, psv_buf *b, psv_os_version *out) {
  (void)os; (void)b;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}

int psv_net_sockets_open(psv_os *os, int pid, psv_net_sockets **out) {
  (void)os; (void)pid;
  *out = NULL;
  return ENOSYS;
}

int psv_net_socket_next(psv_net_sockets *s, psv_net_socket *out) {
  (void)s; (void)out;
  return 0;
}

void psv_net_sockets_close(psv_net_sockets *s) { (void)s; }

int psv_self_net_namespace(psv_os *os, uint64_t *out) {
  (void)os;
  *out = 0;
  return ENOSYS;
}

int psv_machine_read(psv_os *os, psv_machine *out) {
  (void)os;
  memset(out, 0, sizeof *out);
  return ENOSYS;
}
