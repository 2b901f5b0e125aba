/*
** headless.c — a process whose main thread has ended while its other
** threads run on (pthread_exit in main). The kernel keeps the leader as a
** zombie until the last thread ends, and /proc/PID answers for the leader:
** state Z, no memory (statm zeros, empty maps, cmdline and environ), no
** descriptors, no exe or cwd. The process is alive and has all of these:
** they are read through a live thread, /proc/PID/task/TID, opened under
** the process's own /proc/PID descriptor, so of the same instance (the
** kernel looks TID up in that process's thread group only).
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* A thread that is neither a zombie nor dead. */
static int thread_is_live(int taskfd, int is_procfs, psv_buf *b, psv_proc_state *state) {
  psv_stat st;
  int err = psv_linux_read_record(taskfd, "stat", b, is_procfs);
  if (err) return psv_is_resource_errno(err) ? -err : 0;
  if (psv_parse_stat(b->p, b->n, &st)) return 0;
  if (st.state == PSV_STATE_ZOMBIE || st.state == PSV_STATE_DEAD) return 0;
  *state = st.state;
  return 1;
}

int psv_linux_live_thread(int dirfd, int pid, const psv_stat *leader, int is_procfs,
                          psv_buf *b, int *taskfd, psv_proc_state *state) {
  *taskfd = -1;
  psv_stat own;
  if (!leader) {
    int err = psv_linux_read_record(dirfd, "stat", b, is_procfs);
    if (err) return psv_is_resource_errno(err) ? err : 0;
    if (psv_parse_stat(b->p, b->n, &own)) return 0;
    leader = &own;
  }
  /* num_threads counts the zombie leader until the process is reaped */
  if (leader->state != PSV_STATE_ZOMBIE || leader->num_threads < 2) return 0;
  psv_numdir d;
  int err = psv_numdir_open(&d, dirfd, "task", is_procfs);
  if (err) return psv_is_resource_errno(err) ? err : 0;
  int tid, rc;
  while (*taskfd < 0 && (rc = psv_numdir_next(&d, &tid)) > 0) {
    if (tid == pid) continue;
    char name[32];
    snprintf(name, sizeof name, "task/%d", tid);
    int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      if (psv_is_resource_errno(errno)) { err = errno; break; }
      continue;   /* ended meanwhile */
    }
    int live = thread_is_live(fd, is_procfs, b, state);
    if (live > 0) *taskfd = fd;
    else close(fd);
    if (live < 0) { err = -live; break; }
  }
  psv_numdir_close(&d);
  return err;
}
