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

/* ---- Disks, load, logins ------------------------------------------------------ */

int psv_disks_open(psv_os *os, psv_disks **out) {
  *out = NULL;
  return unsupported(os, "disk counters");
}

int psv_disks_next(psv_disks *d, psv_disk *out) {
  (void)d; (void)out;
  return 0;
}

void psv_disks_close(psv_disks *d) { (void)d; }


int psv_load_avg_read(psv_os *os, double out[3]) {
  out[0] = out[1] = out[2] = 0;
  return unsupported(os, "load averages");
}


int psv_logins_open(psv_os *os, psv_logins **out) {
  *out = NULL;
  return unsupported(os, "logins");
}

int psv_logins_next(psv_logins *l, psv_user *out) {
  (void)l; (void)out;
  return 0;
}

void psv_logins_close(psv_logins *l) { (void)l; }
