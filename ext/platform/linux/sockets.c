/*
** sockets.c — the sockets of the calling process's network namespace, as
** /proc/net lists them: tcp, tcp6, udp, udp6, unix. Read in pieces (a
** server may have hundreds of thousands), one line per call. And the
** processes that hold them, from every process's fd/ directory.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
  const char *file;
  int kind;   /* 0 unix, else inet: bit 1 v6, bit 2 tcp */
} socket_files[] = {
  { "net/tcp", 4 }, { "net/tcp6", 4 | 2 }, { "net/udp", 1 }, { "net/udp6", 1 | 2 },
  { "net/unix", 0 },
};
#define N_SOCKET_FILES (int)(sizeof socket_files / sizeof *socket_files)

struct psv_socket_list {
  int rootfd;
  int file;       /* index into socket_files of the open one; -1 none yet */
  psv_lines lines;
};

int psv_socket_list_open(psv_procfs *fs, psv_socket_list **out) {
  psv_socket_list *l = psv_calloc(sizeof *l);
  *out = l;
  if (!l) return ENOMEM;
  l->rootfd = psv_linux_procfs_rootfd(fs);
  l->file = -1;
  l->lines.fd = -1;
  return 0;
}

/* Opens the next file that exists. 1, 0 when none is left, or -errno. */
static int next_file(psv_socket_list *l) {
  psv_lines_close(&l->lines);
  while (++l->file < N_SOCKET_FILES) {
    int err = psv_lines_open(&l->lines, l->rootfd, socket_files[l->file].file);
    /* A seq_file read stops when its page-sized buffer cannot take the
    ** next record; a read that left room for one more (lines here are 150
    ** to ~300 bytes) found the end. That saves the empty last read, which
    ** for tcp walks the kernel's whole connection hash again (~1.6 ms). */
    l->lines.eof_below = 4096 - 512;
    if (!err) return 1;
    if (err != ENOENT) return -err;   /* no IPv6 is no file: no rows */
  }
  return 0;
}

int psv_socket_list_next(psv_socket_list *l, psv_socket *out) {
  for (;;) {
    const char *line;
    size_t n;
    int rc = l->file < 0 ? 0 : psv_lines_next(&l->lines, &line, &n);
    if (rc < 0) return rc;
    if (rc == 0) {
      rc = next_file(l);
      if (rc <= 0) return rc;
      continue;
    }
    int kind = socket_files[l->file].kind;
    int err = kind ? psv_parse_inet_socket(line, n, kind & 2, kind & 4, out)
                   : psv_parse_unix_socket(line, n, out);
    if (!err) return 1;   /* headers and unknown lines are no rows */
  }
}

void psv_socket_list_close(psv_socket_list *l) {
  if (!l) return;
  psv_lines_close(&l->lines);
  psv_buf_free(&l->lines.buf);
  psv_free(l);
}

/* ---- Holders of sockets --------------------------------------------- */

static _Atomic int max_threads = 1;

void psv_set_max_threads(int n) { max_threads = n < 1 ? 1 : n > 8 ? 8 : n; }
int psv_max_threads(void) { return max_threads; }
int psv_online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* The share of the processes one thread reads, and what it found. */
typedef struct owner_job {
  int rootfd;
  int is_procfs;      /* the machine's own procfs */
  const int *pids;
  size_t n_pids;
  psv_socket_owner *owners;
  size_t n, cap;
  int err, err_pid;   /* the first failure that is the system's */
} owner_job;

static int add_owner(owner_job *j, uint64_t inode, int pid, int fd) {
  if (psv_grow((void **)&j->owners, &j->cap, j->n + 1, sizeof *j->owners)) return ENOMEM;
  j->owners[j->n++] = (psv_socket_owner){ inode, pid, fd };
  return 0;
}

/* The socket links of one descriptor directory, basefd/path: "PID/fd"
** under the root, opened in one step, or "fd" under an opened process.
** Either way the descriptor pins the process, so a reused pid cannot mix
** in. 0, or an errno that is the system's trouble. */
static int read_process_sockets(owner_job *j, int basefd, const char *path, int pid) {
  psv_numdir d;
  char name[16], target[64];
  int err = psv_numdir_open(&d, basefd, path, j->is_procfs);
  if (err) return psv_is_resource_errno(err) ? err : 0;
  int fd;
  while (!err && psv_numdir_next(&d, &fd) > 0) {
    snprintf(name, sizeof name, "%d", fd);
    ssize_t n = readlinkat(d.fd, name, target, sizeof target);
    uint64_t inode;
    if (n > 0 && psv_parse_socket_link(target, (size_t)n, &inode) == 0) {
      err = add_owner(j, inode, pid, fd);
    }
  }
  psv_numdir_close(&d);
  return err;
}

static void *run_owner_job(void *arg) {
  owner_job *j = arg;
  for (size_t i = 0; i < j->n_pids && !j->err; i++) {
    char path[32];
    snprintf(path, sizeof path, "%d/fd", j->pids[i]);
    j->err = read_process_sockets(j, j->rootfd, path, j->pids[i]);
    if (j->err) j->err_pid = j->pids[i];
  }
  return NULL;
}

/* Every pid of the tree's listing, into a growable array. */
static int list_pids(psv_procfs *fs, int **pids, size_t *n) {
  psv_pid_list *list;
  size_t cap = 0;
  int pid, rc, err = psv_pid_list_open(fs, &list);
  *pids = NULL;
  *n = 0;
  if (err) return err;
  while ((rc = psv_pid_list_next(list, &pid)) > 0) {
    if (psv_grow((void **)pids, &cap, *n + 1, sizeof **pids)) { rc = -ENOMEM; break; }
    (*pids)[(*n)++] = pid;
  }
  psv_pid_list_close(list);
  return rc < 0 ? -rc : 0;
}

static int compare_owners(const void *a, const void *b) {
  const psv_socket_owner *x = a, *y = b;
  if (x->inode != y->inode) return x->inode < y->inode ? -1 : 1;
  if (x->pid != y->pid) return x->pid < y->pid ? -1 : 1;
  return (x->fd > y->fd) - (x->fd < y->fd);
}

/* Job 0 takes every other job's owners. */
static int merge_jobs(owner_job *jobs, int n_jobs) {
  size_t total = 0;
  for (int i = 0; i < n_jobs; i++) total += jobs[i].n;
  if (n_jobs > 1 && total > jobs[0].cap) {
    psv_socket_owner *grown = psv_realloc(jobs[0].owners, (total ? total : 1) * sizeof *grown);
    if (!grown) return ENOMEM;
    jobs[0].owners = grown;
    jobs[0].cap = total;
  }
  for (int i = 1; i < n_jobs; i++) {
    if (jobs[i].n) memcpy(jobs[0].owners + jobs[0].n, jobs[i].owners, jobs[i].n * sizeof *jobs[i].owners);
    jobs[0].n += jobs[i].n;
  }
  return 0;
}

/* Fewer processes than this are not worth a thread's start (~50 us, where
** one process costs ~20 us). */
#define PIDS_PER_THREAD 128

/* The given pids, one by one: each must be a process (not a thread of
** one), as a pid from the user may be. */
static int run_pid_job(owner_job *j, psv_procfs *fs) {
  psv_proc *p = psv_proc_new();
  if (!p) return ENOMEM;
  for (size_t i = 0; i < j->n_pids && !j->err; i++) {
    int err = psv_proc_open(p, fs, j->pids[i], 1);
    if (!err) err = read_process_sockets(j, psv_linux_proc_dirfd(p), "fd", j->pids[i]);
    else if (!psv_is_resource_errno(err)) err = 0;   /* gone: holds nothing */
    if (err) { j->err = err; j->err_pid = j->pids[i]; }
  }
  psv_proc_free(p);
  return 0;
}

/* Runs jobs[0..n_jobs) for a whole listing: 1.. on threads of their own
** (where one cannot start, here). */
static void run_listing_jobs(owner_job *jobs, int n_jobs) {
  pthread_t threads[8];
  int started[8] = {0};
  for (int i = 1; i < n_jobs; i++) {
    started[i] = pthread_create(&threads[i], NULL, run_owner_job, &jobs[i]) == 0;
  }
  for (int i = 0; i < n_jobs; i++) {
    if (i == 0 || !started[i]) run_owner_job(&jobs[i]);
  }
  for (int i = 1; i < n_jobs; i++) {
    if (started[i]) pthread_join(threads[i], NULL);
  }
}

int psv_socket_owners(psv_procfs *fs, const int *given, size_t n_given,
                      psv_socket_owner **out, size_t *n_out, int *failed_pid) {
  owner_job jobs[8];
  int *listed = NULL;
  size_t n_pids = n_given;
  *out = NULL;
  *n_out = 0;
  *failed_pid = 0;
  int err = given ? 0 : list_pids(fs, &listed, &n_pids);
  /* NULL when the listing failed (or found nothing): no offset on it */
  const int *pids = given ? given : listed;
  int n_jobs = given ? 1 : psv_max_threads();
  if ((size_t)n_jobs > n_pids / PIDS_PER_THREAD) n_jobs = (int)(n_pids / PIDS_PER_THREAD);
  if (n_jobs < 1) n_jobs = 1;
  size_t share = (n_pids + (size_t)n_jobs - 1) / (size_t)n_jobs;
  for (int i = 0; i < n_jobs; i++) {
    size_t first = share * (size_t)i < n_pids ? share * (size_t)i : n_pids;
    size_t count = n_pids - first < share ? n_pids - first : share;
    jobs[i] = (owner_job){ .rootfd = psv_linux_procfs_rootfd(fs), .is_procfs = psv_linux_procfs_is_live(fs),
                           .pids = pids ? pids + first : NULL, .n_pids = count };
  }
  if (!err && given) err = run_pid_job(&jobs[0], fs);
  else if (!err) run_listing_jobs(jobs, n_jobs);
  for (int i = 0; i < n_jobs && !err; i++) {
    if (jobs[i].err) { err = jobs[i].err; *failed_pid = jobs[i].err_pid; }
  }
  if (!err) err = merge_jobs(jobs, n_jobs);
  for (int i = 1; i < n_jobs; i++) psv_free(jobs[i].owners);
  psv_free(listed);
  if (err) {
    psv_free(jobs[0].owners);
    return err;
  }
  if (jobs[0].n) qsort(jobs[0].owners, jobs[0].n, sizeof *jobs[0].owners, compare_owners);
  *out = jobs[0].owners;
  *n_out = jobs[0].n;
  return 0;
}
