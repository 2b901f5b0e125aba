/*
** unsupported.c (ext/platform/windows/) — what the Windows layer does not
** read yet: each call fails with ENOSYS ("not supported on windows"), so
** the tables give an error naming the platform, or no rows, never a crash
** (README, "Windows").
*/
#include "platform.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#ifndef ENOSYS
#define ENOSYS 38
#endif




/* ---- Where the OS is read from ---------------------------------------- */







/* ---- Processes ------------------------------------------------------------ */












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





/* ---- Memory, CPUs, the system, logins ---------------------------------------- */





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
