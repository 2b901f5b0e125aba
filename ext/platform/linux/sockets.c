/*
** sockets.c — the sockets of the calling process's network namespace:
** tcp (both families), udp, udp6 and unix, in that order, one socket per
** call. And the processes that hold them, from every process's fd/
** directory.
**
** Of the machine's own /proc they come from the kernel's sock_diag over
** netlink (sock_diag.c), which frames every socket's name; the /proc/net
** files print a unix socket's name raw, so a name that holds a newline
** reads there as the end of one line and the start of another. The files
** are read for another procfs= tree, and for a family the kernel has no
** sock_diag for (or no netlink at all): each is read in pieces, as many
** as a server with hundreds of thousands of sockets needs.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* What a listing reads, in order: a dump (family AF_UNSPEC: tcp of both
** families in one), or where the kernel has none for it, its files. */
static const struct {
  int family, protocol;
  struct { const char *name; int v6; } files[2];
} socket_sources[] = {
  { AF_UNSPEC, IPPROTO_TCP, { { "net/tcp", 0 }, { "net/tcp6", 1 } } },
  { AF_INET, IPPROTO_UDP, { { "net/udp", 0 } } },
  { AF_INET6, IPPROTO_UDP, { { "net/udp6", 1 } } },
  { AF_UNIX, 0, { { "net/unix", 0 } } },
};
#define N_SOCKET_SOURCES (int)(sizeof socket_sources / sizeof *socket_sources)

struct psv_socket_list {
  psv_os *os;
  int rootfd;
  int source;       /* index into socket_sources of the one read; -1 none yet */
  psv_diag *diag;   /* the machine's own sockets, or NULL: the files */
  int file;         /* the source's file read (index into files); -1: its dump */
  int rows;         /* sockets this source gave so far */
  psv_lines lines;
};

static int sockets_failed(psv_os *os, int err) {
  return psv_linux_fail_under(os, err, "sockets", psv_linux_procfs(os));
}

int psv_socket_list_open(psv_os *os, psv_socket_list **out) {
  int root = psv_linux_root(os);
  *out = NULL;
  if (root < 0) return sockets_failed(os, -root);
  psv_socket_list *l = psv_calloc(sizeof *l);
  *out = l;
  if (!l) return ENOMEM;
  l->os = os;
  l->rootfd = root;
  l->source = -1;
  l->lines.fd = -1;
  if (psv_linux_is_live(os)) {
    int err = psv_diag_open(&l->diag);
    /* no netlink, or none for sock_diag (or a policy refuses it): the files */
    if (err && psv_is_resource_errno(err)) return sockets_failed(os, err);
  }
  return 0;
}

/* Opens the current source's next file that exists (no IPv6 is no file:
** no rows). 1, 0 when none is left, or -errno. */
static int next_file(psv_socket_list *l) {
  psv_lines_close(&l->lines);
  while (++l->file < 2 && socket_sources[l->source].files[l->file].name) {
    int err = psv_lines_open(&l->lines, l->rootfd, socket_sources[l->source].files[l->file].name);
    /* A seq_file read stops when its page-sized buffer cannot take the
    ** next record; a read that left room for one more (lines here are 150
    ** to ~300 bytes) found the end. That saves the empty last read, which
    ** for tcp walks the kernel's whole connection hash again (~1.6 ms). */
    l->lines.eof_below = 4096 - 512;
    if (!err) return 1;
    if (err != ENOENT) return -err;
  }
  return 0;
}

/* Starts the next source: its dump, or its files. 1, 0 when none is
** left, or -errno. */
static int next_source(psv_socket_list *l) {
  psv_lines_close(&l->lines);
  while (++l->source < N_SOCKET_SOURCES) {
    l->rows = 0;
    l->file = -1;
    if (l->diag) {
      int err = psv_diag_request(l->diag, socket_sources[l->source].family,
                                 socket_sources[l->source].protocol);
      if (!err) return 1;
      if (psv_is_resource_errno(err)) return -err;
    }
    int rc = next_file(l);
    if (rc) return rc;
  }
  return 0;
}

/* The next line of the source's files that is a socket: 1, 0 at the
** end of its last file, or -errno. */
static int next_line(psv_socket_list *l, psv_socket *out) {
  for (;;) {
    const char *line;
    size_t n;
    int rc = psv_lines_next(&l->lines, &line, &n);
    if (rc < 0) return rc;
    if (rc == 0) {
      rc = next_file(l);
      if (rc <= 0) return rc;
      continue;
    }
    int err = socket_sources[l->source].family == AF_UNIX
      ? psv_parse_unix_socket(line, n, out)
      : psv_parse_inet_socket(line, n, socket_sources[l->source].files[l->file].v6,
                              socket_sources[l->source].protocol == IPPROTO_TCP, out);
    if (!err) return 1;   /* headers and unknown lines are no rows */
  }
}

/* The next socket of the current source: 1, 0 at its end, or -errno. */
static int next_in_source(psv_socket_list *l, psv_socket *out) {
  if (l->file < 0) {
    int rc = psv_diag_next(l->diag, out);
    /* A refusal before any socket is a kernel without sock_diag for this
    ** family (ENOENT, EINVAL on one older than SOCK_DIAG_BY_FAMILY, ...):
    ** the files then, as psutil reads them. */
    if (rc >= 0 || l->rows || psv_is_resource_errno(-rc)) return rc;
    rc = next_file(l);
    if (rc <= 0) return rc;
  }
  return next_line(l, out);
}

int psv_socket_list_next(psv_socket_list *l, psv_socket *out) {
  for (;;) {
    int rc = l->source < 0 ? 0 : next_in_source(l, out);
    if (rc > 0) {
      l->rows++;
      return 1;
    }
    if (rc == 0) rc = next_source(l);
    if (rc < 0) sockets_failed(l->os, -rc);
    if (rc <= 0) return rc;
  }
}

void psv_socket_list_close(psv_socket_list *l) {
  if (!l) return;
  psv_lines_close(&l->lines);
  psv_buf_free(&l->lines.buf);
  psv_diag_close(l->diag);
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
  int with_starttime;
  psv_buf stat;       /* with_starttime: the current process's stat */
  const int *pids;
  size_t n_pids;
  psv_socket_owner *owners;
  size_t n, cap;
  int err, err_pid;   /* the first failure that is the system's */
} owner_job;

static int add_owner(owner_job *j, uint64_t inode, int pid, int fd, uint64_t starttime) {
  if (psv_grow((void **)&j->owners, &j->cap, j->n + 1, sizeof *j->owners)) return ENOMEM;
  j->owners[j->n++] = (psv_socket_owner){ .inode = inode, .pid = pid, .fd = fd, .start = starttime };
  return 0;
}

/* The socket links of one descriptor directory, basefd/path: "PID/fd"
** under the root, opened in one step, or "fd" under an opened process.
** Either way the descriptor pins the process, so a reused pid cannot mix
** in. *listed: how many descriptors the directory had. 0, or an errno that
** is the system's trouble. */
static int read_process_sockets(owner_job *j, int basefd, const char *path, int pid,
                                uint64_t starttime, int *listed) {
  psv_numdir d;
  char name[16], target[64];
  *listed = 0;
  int err = psv_numdir_open(&d, basefd, path, j->is_procfs);
  if (err) return psv_is_resource_errno(err) ? err : 0;
  int fd;
  while (!err && psv_numdir_next(&d, &fd) > 0) {
    ++*listed;
    snprintf(name, sizeof name, "%d", fd);
    ssize_t n = readlinkat(d.fd, name, target, sizeof target);
    uint64_t inode;
    if (n > 0 && psv_parse_socket_link(target, (size_t)n, &inode) == 0) {
      err = add_owner(j, inode, pid, fd, starttime);
    }
  }
  psv_numdir_close(&d);
  return err;
}

/* A process that listed no descriptor may be one whose main thread has
** ended while others run: its descriptors are then a live thread's (see
** headless.c), read through its /proc/PID descriptor dirfd. */
static int read_headless_sockets(owner_job *j, int dirfd, int pid, uint64_t starttime) {
  int taskfd, listed;
  psv_proc_state state;
  int err = psv_linux_live_thread(dirfd, pid, NULL, j->is_procfs, &j->stat, &taskfd, &state);
  if (err || taskfd < 0) return err;
  err = read_process_sockets(j, taskfd, "fd", pid, starttime, &listed);
  close(taskfd);
  return err;
}

/* The sockets of the process whose /proc/PID descriptor is dirfd, with
** its starttime when the job wants it: both read through dirfd, so both
** are of one process instance. A process gone meanwhile holds nothing. */
static int read_instance_sockets(owner_job *j, int dirfd, int pid) {
  uint64_t starttime = 0;
  int listed;
  if (j->with_starttime) {
    psv_stat st;
    int err = psv_linux_read_record(dirfd, "stat", &j->stat, j->is_procfs);
    if (err) return psv_is_resource_errno(err) ? err : 0;
    if (psv_parse_stat(j->stat.p, j->stat.n, &st)) return 0;
    starttime = st.starttime;
  }
  int err = read_process_sockets(j, dirfd, "fd", pid, starttime, &listed);
  return err || listed ? err : read_headless_sockets(j, dirfd, pid, starttime);
}

/* One process of a listing: its fd/ opened in one step, or, for its
** starttime (or when fd/ lists nothing), its /proc/PID first. */
static int read_listed_process(owner_job *j, int pid) {
  char path[32];
  int listed = 0, err = 0;
  if (!j->with_starttime) {
    snprintf(path, sizeof path, "%d/fd", pid);
    err = read_process_sockets(j, j->rootfd, path, pid, 0, &listed);
    if (err || listed) return err;
  }
  snprintf(path, sizeof path, "%d", pid);
  int dirfd = openat(j->rootfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) return psv_is_resource_errno(errno) ? errno : 0;
  err = j->with_starttime ? read_instance_sockets(j, dirfd, pid) : read_headless_sockets(j, dirfd, pid, 0);
  close(dirfd);
  return err;
}

static void *run_owner_job(void *arg) {
  owner_job *j = arg;
  for (size_t i = 0; i < j->n_pids && !j->err; i++) {
    j->err = read_listed_process(j, j->pids[i]);
    if (j->err) j->err_pid = j->pids[i];
  }
  return NULL;
}

/* A job on a thread of its own: a worker (see psv_worker_enter). */
static void *run_worker_job(void *arg) {
  psv_worker_enter();
  return run_owner_job(arg);
}

/* Every pid of the tree's listing, into a growable array. */
static int list_pids(psv_os *os, int **pids, size_t *n) {
  psv_pid_list *list;
  size_t cap = 0;
  int pid, rc, err = psv_pid_list_open(os, &list);
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
static int run_pid_job(owner_job *j, psv_os *os) {
  psv_proc *p = psv_proc_new();
  if (!p) return ENOMEM;
  for (size_t i = 0; i < j->n_pids && !j->err; i++) {
    int err = psv_proc_open(p, os, j->pids[i], 1);
    if (!err) err = read_instance_sockets(j, psv_linux_proc_dirfd(p), j->pids[i]);
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
    started[i] = pthread_create(&threads[i], NULL, run_worker_job, &jobs[i]) == 0;
  }
  for (int i = 0; i < n_jobs; i++) {
    if (i == 0 || !started[i]) run_owner_job(&jobs[i]);
  }
  for (int i = 1; i < n_jobs; i++) {
    if (started[i]) pthread_join(threads[i], NULL);
  }
}

/* Each owner's create_time from its starttime: on the query's thread, once
** the workers are done, since the boot time is the handle's. */
static void add_create_times(psv_os *os, psv_socket_owner *owners, size_t n) {
  for (size_t i = 0; i < n; i++) {
    owners[i].has_create_time =
      psv_linux_create_time(os, owners[i].start, &owners[i].create_time) == 0;
  }
}

int psv_socket_owners(psv_os *os, const int *given, size_t n_given, int with_starttime,
                      psv_socket_owner **out, size_t *n_out) {
  owner_job jobs[8];
  int *listed = NULL;
  size_t n_pids = n_given;
  int failed_pid = 0;
  *out = NULL;
  *n_out = 0;
  int root = psv_linux_root(os);
  if (root < 0) return psv_linux_fail(os, -root, "cannot list procfs", psv_linux_procfs(os));
  int err = given ? 0 : list_pids(os, &listed, &n_pids);
  if (err) psv_linux_fail(os, err, "cannot list procfs", psv_linux_procfs(os));
  /* NULL when nothing was listed: no offset on it (on an error no job
  ** runs) */
  const int *pids = given ? given : listed;
  int n_jobs = given ? 1 : psv_max_threads();
  if ((size_t)n_jobs > n_pids / PIDS_PER_THREAD) n_jobs = (int)(n_pids / PIDS_PER_THREAD);
  if (n_jobs < 1) n_jobs = 1;
  size_t share = (n_pids + (size_t)n_jobs - 1) / (size_t)n_jobs;
  for (int i = 0; i < n_jobs; i++) {
    size_t first = share * (size_t)i < n_pids ? share * (size_t)i : n_pids;
    size_t count = n_pids - first < share ? n_pids - first : share;
    jobs[i] = (owner_job){ .rootfd = root, .is_procfs = psv_linux_is_live(os),
                           .with_starttime = with_starttime, .pids = pids ? pids + first : NULL, .n_pids = count };
  }
  if (!err && given) err = run_pid_job(&jobs[0], os);
  else if (!err) run_listing_jobs(jobs, n_jobs);
  for (int i = 0; i < n_jobs && !err; i++) {
    if (jobs[i].err) { err = jobs[i].err; failed_pid = jobs[i].err_pid; }
  }
  if (failed_pid) psv_linux_fail_at(os, err, "cannot read", failed_pid, "fd");
  if (!err) err = merge_jobs(jobs, n_jobs);
  for (int i = 1; i < n_jobs; i++) psv_free(jobs[i].owners);
  for (int i = 0; i < n_jobs; i++) psv_buf_free(&jobs[i].stat);
  psv_free(listed);
  if (err) {
    psv_free(jobs[0].owners);
    return err;
  }
  if (jobs[0].n) qsort(jobs[0].owners, jobs[0].n, sizeof *jobs[0].owners, compare_owners);
  if (with_starttime) add_create_times(os, jobs[0].owners, jobs[0].n);
  *out = jobs[0].owners;
  *n_out = jobs[0].n;
  return 0;
}
