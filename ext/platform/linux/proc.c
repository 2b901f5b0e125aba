/*
** proc.c — reading processes from a procfs tree (Linux).
**
** Every file of one process is read with openat() on one descriptor of its
** /proc/PID directory. That descriptor pins the process instance: once the
** process is reaped, reads through it fail with ENOENT/ESRCH even if the
** pid is reused, so one row never mixes two processes.
*/
#include "linux.h"

#include <dirent.h>
#include <sched.h>
#include <stdatomic.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

const char *psv_platform_name(void) { return "linux"; }

const char *psv_strerror(int err, char *buf, size_t size) {
  if (err == PSV_ENOTREG) return "not a regular file";
  return strerror_r(err, buf, size);   /* the GNU form: returns the text */
}

/* ---- Buffers ------------------------------------------------------- */

int psv_buf_reserve(psv_buf *b, size_t cap) {
  if (cap <= b->cap) return 0;
  size_t want = b->cap ? b->cap : 256;
  while (want < cap) want *= 2;
  char *p = psv_realloc(b->p, want);
  if (!p) return ENOMEM;
  b->p = p;
  b->cap = want;
  return 0;
}

int psv_buf_append(psv_buf *b, const void *data, size_t n) {
  if (psv_buf_reserve(b, b->n + n + 1)) return ENOMEM;
  memcpy(b->p + b->n, data, n);
  b->n += n;
  b->p[b->n] = '\0';
  return 0;
}

void psv_buf_free(psv_buf *b) {
  psv_free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

/* A FIFO in a tree would block open() until a writer came, and a device
** (/dev/zero) would feed a read without end; some devices act on open
** alone (a watchdog starts). So outside the machine's own procfs, which
** holds no FIFO or device, a file is looked at before it is opened; and
** it is opened O_NONBLOCK (a FIFO swapped in meanwhile opens at once) and
** looked at again through the descriptor, which is what is read. */
int psv_linux_open_file(int dirfd, const char *name, int in_procfs, int *fd) {
  struct stat st;
  *fd = -1;
  if (!in_procfs) {
    if (fstatat(dirfd, name, &st, 0) != 0) return errno;
    int err = psv_linux_regular_or_why(&st);
    if (err) return err;
  }
  int got = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (got < 0) return errno;
  int err = fstat(got, &st) != 0 ? errno : psv_linux_regular_or_why(&st);
  if (err) {
    close(got);
    return err;
  }
  *fd = got;
  return 0;
}

/* Reads to end of file. With `one_record`, a short read is taken for the
** end, which saves a read per file: true of the /proc files whose text is
** made in one piece (stat, status, statm, io, smaps_rollup) or copied out
** until the caller's buffer is full (cmdline, environ); not of files of
** many records (smaps, net/dev, diskstats), where a read stops short
** before a record that does not fit. `in_procfs`: see psv_linux_open_file. */
static int read_whole(int dirfd, const char *name, psv_buf *b, int one_record, int in_procfs) {
  b->n = 0;
  int fd;
  int err = psv_linux_open_file(dirfd, name, in_procfs, &fd);
  if (err) return err;
  for (;;) {
    /* Bounded: at most PSV_MAX_FILE - 1 bytes, so that with its NUL the
    ** buffer never grows past PSV_MAX_FILE. */
    const size_t most = PSV_MAX_FILE - 1;
    if (b->n >= most) break;
    size_t want = b->n + 4096 < most ? b->n + 4096 : most;
    if (psv_buf_reserve(b, want + 1)) { err = ENOMEM; break; }
    size_t room = b->cap - b->n - 1;
    if (room > most - b->n) room = most - b->n;
    ssize_t got = read(fd, b->p + b->n, room);
    if (got < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    if (got == 0) break;
    b->n += (size_t)got;
    if (one_record && (size_t)got < room) break;
  }
  close(fd);
  if (!err) b->p[b->n] = '\0';
  return err;
}

int psv_linux_read_at(int dirfd, const char *name, psv_buf *b) {
  return read_whole(dirfd, name, b, 0, 0);
}

int psv_linux_read_record(int dirfd, const char *name, psv_buf *b, int in_procfs) {
  return read_whole(dirfd, name, b, 1, in_procfs);
}



/* ---- Files under the procfs root --------------------------------------- */

int psv_procfs_read(psv_os *os, const char *relpath, psv_buf *b) {
  int fd = psv_linux_root(os);
  int err = fd < 0 ? -fd : read_whole(fd, relpath, b, 0, psv_linux_is_live(os));
  return err ? psv_linux_fail_under(os, err, relpath, psv_linux_procfs(os)) : 0;
}

long psv_clock_ticks(void) { return psv_linux_clock_ticks(); }
long psv_page_size(void) { return psv_linux_page_size(); }

int psv_boot_time(psv_os *os, double *out) { return psv_linux_boot_time(os, out); }

int psv_create_time(psv_os *os, uint64_t starttime, double *out) {
  return psv_linux_create_time(os, starttime, out);
}

const char *psv_user_name(psv_os *os, uint32_t uid) { return psv_linux_user_name(os, uid); }

const char *psv_terminal_path(psv_os *os, uint64_t tty_dev, int *err) {
  return psv_linux_terminal_path(os, tty_dev, err);
}

int psv_grow(void **arr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t want = *cap ? *cap : 16;
  while (want < need) want *= 2;
  if (want > SIZE_MAX / elem) return ENOMEM;
  void *p = psv_realloc(*arr, want * elem);
  if (!p) return ENOMEM;
  *arr = p;
  *cap = want;
  return 0;
}

/* ---- Listing ------------------------------------------------------- */

struct psv_pid_list { DIR *dir; int is_live; psv_os *os; };

int psv_pid_list_open(psv_os *os, psv_pid_list **out) {
  *out = NULL;
  int root = psv_linux_root(os);
  if (root < 0) return psv_linux_fail(os, -root, "cannot read procfs", psv_linux_procfs(os));
  psv_pid_list *list = psv_calloc(sizeof *list);
  if (!list) return ENOMEM;
  int fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0 || (list->dir = fdopendir(fd)) == NULL) {
    int err = errno;
    if (fd >= 0) close(fd);
    psv_free(list);
    return psv_linux_fail(os, err, "cannot read procfs", psv_linux_procfs(os));
  }
  list->is_live = psv_linux_is_live(os);
  list->os = os;
  *out = list;
  return 0;
}

/* A process is a directory. procfs says so in the entry; in another tree
** an entry that may be a link is looked at (a FIFO or a link loop named
** "100" is no process, whether the query reads its files or not). */
static int is_directory(psv_pid_list *list, const struct dirent *e) {
  if (e->d_type == DT_DIR) return 1;
  if (list->is_live || (e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)) return 0;
  struct stat st;
  return fstatat(dirfd(list->dir), e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

int psv_pid_list_next(psv_pid_list *list, int *pid) {
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(list->dir);
    if (!e && errno) psv_linux_fail(list->os, errno, "cannot list procfs", psv_linux_procfs(list->os));
    if (!e) return errno ? -errno : 0;
    int v = psv_name_number(e->d_name);   /* "0001" is not pid 1 */
    if (v > 0 && is_directory(list, e)) { *pid = v; return 1; }
  }
}

void psv_pid_list_close(psv_pid_list *list) {
  if (!list) return;
  closedir(list->dir);
  psv_free(list);
}

/* ---- One process --------------------------------------------------- */

struct psv_proc {
  psv_os *os;
  int is_live;   /* the os's procfs is the machine's own */
  int dirfd;
  int pid;
  psv_buf stat, status, statm, smaps, environ, cmdline, io, exe, cwd, affinity;
  int status_fresh;  /* status was read by psv_proc_open for this process */
  int headless_known;       /* whether the main thread has ended is known */
  int taskfd;               /* then: a live thread's task/TID, or -1 */
  psv_proc_state thread_state;
  psv_buf thread_stat;
};

/* A per-process file made in one piece (see read_whole). */
static int read_proc_file(psv_proc *p, const char *name, psv_buf *b) {
  return read_whole(p->dirfd, name, b, 1, p->is_live);
}

int psv_linux_proc_dirfd(const psv_proc *p) { return p->dirfd; }
int psv_linux_proc_datafd(const psv_proc *p) { return p->taskfd >= 0 ? p->taskfd : p->dirfd; }
int psv_linux_proc_pid(const psv_proc *p) { return p->pid; }
int psv_linux_proc_is_live(const psv_proc *p) { return p->is_live; }
int psv_linux_proc_pids_ours(psv_proc *p) { return psv_linux_pids_ours(p->os); }
psv_os *psv_linux_proc_os(const psv_proc *p) { return p->os; }

psv_proc *psv_proc_new(void) {
  psv_proc *p = psv_calloc(sizeof *p);
  if (p) p->dirfd = p->taskfd = -1;
  return p;
}

void psv_proc_close(psv_proc *p) {
  if (p->dirfd >= 0) close(p->dirfd);
  if (p->taskfd >= 0) close(p->taskfd);
  p->dirfd = p->taskfd = -1;
  p->status_fresh = 0;
  p->headless_known = 0;
}

int psv_linux_proc_headless(psv_proc *p, const psv_proc_info *info) {
  if (!p->headless_known) {
    const psv_stat *leader = info && (info->have & PSV_PI_STAT) ? &info->stat : NULL;
    int err = psv_linux_live_thread(p->dirfd, p->pid, leader, p->is_live, &p->thread_stat,
                                    &p->taskfd, &p->thread_state);
    if (err) return -err;
    p->headless_known = 1;
  }
  return p->taskfd >= 0;
}

void psv_proc_free(psv_proc *p) {
  if (!p) return;
  psv_proc_close(p);
  psv_buf *bufs[] = { &p->stat, &p->status, &p->statm, &p->smaps, &p->environ, &p->cmdline, &p->affinity, &p->io, &p->exe, &p->cwd, &p->thread_stat };
  for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++) psv_buf_free(bufs[i]);
  psv_free(p);
}

static int is_gone_errno(int err) { return err == ENOENT || err == ESRCH; }

/* Errors that are the system's trouble, not the process's: reported. */
int psv_is_resource_errno(int err) {
  return err == ENOMEM || err == EMFILE || err == ENFILE || err == ENOBUFS;
}

/* After an ENOENT from one file: is the process itself still there? */
int psv_linux_proc_alive(psv_proc *p) {
  return faccessat(p->dirfd, "stat", F_OK, 0) == 0;
}

/* Map a read error to: 0 (leave the group out), PSV_GONE, or a resource
** error to report. */
int psv_linux_classify(psv_proc *p, int err) {
  if (psv_is_resource_errno(err)) return err;
  if (err == ESRCH) return PSV_GONE;
  if (err == ENOENT && !psv_linux_proc_alive(p)) return PSV_GONE;
  return 0;
}

/* pidfd_open is not there (an old kernel, valgrind): known for the life of
** the process, not only of one scan. */
static _Atomic int no_pidfd;

/* pidfd_open (Linux 5.3+) refuses a thread that is not a group leader:
** two system calls, where reading status makes the kernel format a page.
** 1 leader, 0 not (or no such pid), -1 cannot tell here. */
static int leader_by_pidfd(psv_os *os, int pid) {
#ifdef SYS_pidfd_open
  if (no_pidfd || psv_linux_pids_ours(os) != 1) return -1;
  long fd = syscall(SYS_pidfd_open, pid, 0);
  if (fd >= 0) {
    close((int)fd);
    return 1;
  }
  if (errno == EINVAL || errno == ESRCH) return 0;
  if (errno == ENOSYS) no_pidfd = 1;
#else
  (void)os; (void)pid;
#endif
  return -1;
}

/* What opening a process gives: 0, PSV_GONE, or err with the failure
** recorded. A /proc/PID hidden from us (hidepid) is as if absent. */
static int open_verdict(psv_proc *p, int err) {
  if (!err) return 0;
  if (err == PSV_GONE || err == EACCES || err == EPERM) return PSV_GONE;
  return psv_linux_fail_at(p->os, err, "cannot read process", p->pid, NULL);
}

/* The leader check of a pid from the user: 0 or PSV_GONE, or an errno. */
static int check_leader(psv_proc *p) {
  /* /proc/TID exists for every thread but is listed only for the leader:
  ** a pid given by the user must be a thread group id. */
  int verdict = leader_by_pidfd(p->os, p->pid);
  if (verdict >= 0) return verdict ? 0 : PSV_GONE;
  /* Another tree, or an old kernel: the status file's Tgid says. A status
  ** that cannot be read cannot prove it: no row. */
  psv_status st;
  int err = read_proc_file(p, "status", &p->status);
  if (err) return psv_is_resource_errno(err) ? err : PSV_GONE;
  p->status_fresh = 1;
  psv_parse_status(p->status.p, p->status.n, &st);
  return (st.has & PSV_ST_TGID) && st.tgid != p->pid ? PSV_GONE : 0;
}

int psv_proc_open(psv_proc *p, psv_os *os, int pid, int verify_pid) {
  char name[16];
  psv_proc_close(p);
  p->os = os;
  p->pid = pid;
  int root = psv_linux_root(os);
  if (root < 0) return open_verdict(p, -root);
  p->is_live = psv_linux_is_live(os);
  snprintf(name, sizeof name, "%d", pid);
  p->dirfd = openat(root, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  /* an entry that is no directory (in a tree: a file, a link loop) is no
  ** process either */
  if (p->dirfd < 0) {
    return open_verdict(p, is_gone_errno(errno) || errno == ENOTDIR || errno == ELOOP ? PSV_GONE : errno);
  }
  return open_verdict(p, verify_pid ? check_leader(p) : 0);
}

/* readlink into b, growing it as needed; NUL-terminated. 0 or errno. The
** kernel makes no link target longer than a page or PATH_MAX: a longer one
** is not taken. */
#define MAX_LINK ((size_t)64 << 10)
static int read_link_at(int dirfd, const char *name, psv_buf *b) {
  size_t size = 256;
  for (;;) {
    if (size > MAX_LINK) return ENAMETOOLONG;
    if (psv_buf_reserve(b, size)) return ENOMEM;
    ssize_t n = readlinkat(dirfd, name, b->p, b->cap);
    if (n < 0) return errno;
    if ((size_t)n < b->cap) {
      b->n = (size_t)n;
      b->p[n] = '\0';
      return 0;
    }
    size = b->cap * 2;
  }
}

#define DELETED_MARK " (deleted)"
#define DELETED_LEN (sizeof DELETED_MARK - 1)

/* The kernel appends " (deleted)" to the target of an unlinked file. A
** path may also end so by its own name: the mark is taken off only when no
** file at that path is the one the process holds (psutil strips it when no
** such path exists; comparing inodes also covers a later file of the same
** name). */
int psv_linux_read_link(int dirfd, const char *name, psv_buf *b, psv_link *out) {
  int err = read_link_at(dirfd, name, b);
  if (err) return err;
  b->n = strlen(b->p);   /* old kernels left garbage after a NUL */
  out->path = b->p;
  out->len = b->n;
  out->deleted = 0;
  if (b->n < DELETED_LEN || strcmp(b->p + b->n - DELETED_LEN, DELETED_MARK) != 0) return 0;
  struct stat held, named;
  int have_held = fstatat(dirfd, name, &held, 0) == 0;
  int have_named = stat(b->p, &named) == 0;
  if (have_held) {
    out->deleted = !(have_named && held.st_dev == named.st_dev && held.st_ino == named.st_ino);
  } else {
    out->deleted = !have_named;
  }
  if (out->deleted) out->len -= DELETED_LEN;
  return 0;
}

/* Number of descriptors in the fd directory. */
static int count_fds(psv_proc *p, int dirfd, int64_t *out) {
  psv_numdir d;
  int err = psv_numdir_open(&d, dirfd, "fd", p->is_live);
  if (err) return err;
  int64_t n = 0;
  int fd, rc;
  while ((rc = psv_numdir_next(&d, &fd)) > 0) n++;
  psv_numdir_close(&d);
  *out = n;
  return -rc;
}

#define IOPRIO_WHO_PROCESS 1

static int read_ioprio(psv_proc *p, psv_proc_info *info) {
  int ours = psv_linux_pids_ours(p->os);
  if (ours < 0) return -ours;
  if (!ours) return EOPNOTSUPP;  /* a pid of another tree, or namespace */
  long v = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, p->pid);
  if (v < 0) return errno;
  info->ioprio_class = (int)(v >> 13);
  info->ioprio_value = (int)(v & 0x1fff);
  return 0;   /* psv_proc_add checks that the pid was still ours */
}

/* uss/pss/swap from smaps_rollup (Linux 4.14+), else summed over smaps,
** as psutil does. */
static int read_smaps(psv_proc *p, int dirfd, psv_smaps *out) {
  memset(out, 0, sizeof *out);
  int err = read_whole(dirfd, "smaps_rollup", &p->smaps, 1, p->is_live);
  /* ESRCH from a live process: it has no memory (a kernel thread, a
  ** zombie), and smaps would be empty too: 0, as psutil reports. */
  if (err == ESRCH && psv_linux_proc_alive(p)) return 0;
  if (err == ENOENT) err = read_whole(dirfd, "smaps", &p->smaps, 0, p->is_live);
  if (!err) psv_parse_smaps(p->smaps.p, p->smaps.n, out);
  return err;
}

static int read_group(psv_proc *p, unsigned group, psv_proc_info *info);

/* CPU list text from a cpu_set_t: "0,1,5". */
static int format_cpu_set(const cpu_set_t *set, size_t setsize, psv_buf *b) {
  char num[24];
  b->n = 0;
  if (psv_buf_append(b, "", 0)) return ENOMEM;
  /* stop after the last set CPU rather than test all of a 1024-bit mask */
  int left = CPU_COUNT_S(setsize, set);
  for (size_t cpu = 0; left > 0 && cpu < setsize * 8; cpu++) {
    if (!CPU_ISSET_S(cpu, setsize, set)) continue;
    left--;
    int n = snprintf(num, sizeof num, "%s%zu", b->n ? "," : "", cpu);
    if (psv_buf_append(b, num, (size_t)n)) return ENOMEM;
  }
  return 0;
}

/* sched_getaffinity, as psutil uses: the kernel intersects the allowed
** mask with the CPUs that are online (Cpus_allowed_list does not). Another
** tree's pids mean nothing here: its status file's list is used. */
static int read_affinity(psv_proc *p, psv_proc_info *info) {
  int ours = psv_linux_pids_ours(p->os);
  if (ours < 0) return -ours;
  if (!ours) {
    int err = read_group(p, PSV_PI_STATUS, info);
    if (err) return err == PSV_GONE ? ESRCH : err;
    if (!(info->have & PSV_PI_STATUS) || !(info->status.has & PSV_ST_CPUS)) return ENOENT;
    info->affinity = info->status.cpus_list;
    info->affinity_len = info->status.cpus_list_len;
    return 0;
  }
  for (int ncpu = 1024; ncpu <= (1 << 20); ncpu *= 2) {
    cpu_set_t *set = CPU_ALLOC(ncpu);
    if (!set) return ENOMEM;
    size_t size = CPU_ALLOC_SIZE(ncpu);
    int err = sched_getaffinity(p->pid, size, set) == 0 ? 0 : errno;
    if (!err) err = format_cpu_set(set, size, &p->affinity);
    CPU_FREE(set);
    if (err == EINVAL) continue;   /* more CPUs than this mask holds */
    if (err) return err;
    info->affinity = p->affinity.p;
    info->affinity_len = p->affinity.n;
    return 0;   /* psv_proc_add checks that the pid was still ours */
  }
  return EINVAL;
}

/* Reads one group through dirfd (the process's, or a live thread's for
** what threads share); 0 or the errno of the read. */
static int read_group_at(psv_proc *p, int dirfd, unsigned group, psv_proc_info *info) {
  int err = 0;
  switch (group) {
    case PSV_PI_STAT:
      err = read_whole(dirfd, "stat", &p->stat, 1, p->is_live);
      if (!err && psv_parse_stat(p->stat.p, p->stat.n, &info->stat)) err = EINVAL;
      break;
    case PSV_PI_STATUS:
      /* psv_proc_open's read is the process's own */
      if (!p->status_fresh || dirfd != p->dirfd) err = read_whole(dirfd, "status", &p->status, 1, p->is_live);
      if (!err) psv_parse_status(p->status.p, p->status.n, &info->status);
      break;
    case PSV_PI_STATM:
      err = read_whole(dirfd, "statm", &p->statm, 1, p->is_live);
      if (!err && psv_parse_statm(p->statm.p, p->statm.n, &info->statm)) err = EINVAL;
      break;
    case PSV_PI_SMAPS: err = read_smaps(p, dirfd, &info->smaps); break;
    case PSV_PI_ENVIRON:
      err = read_whole(dirfd, "environ", &p->environ, 1, p->is_live);
      info->environ = p->environ.p;
      info->environ_len = p->environ.n;
      break;
    case PSV_PI_CMDLINE:
      err = read_whole(dirfd, "cmdline", &p->cmdline, 1, p->is_live);
      info->cmdline = p->cmdline.p;
      info->cmdline_len = p->cmdline.n;
      break;
    case PSV_PI_EXE: err = psv_linux_read_link(dirfd, "exe", &p->exe, &info->exe); break;
    case PSV_PI_CWD: err = psv_linux_read_link(dirfd, "cwd", &p->cwd, &info->cwd); break;
    case PSV_PI_IO:
      err = read_whole(dirfd, "io", &p->io, 1, p->is_live);
      if (!err && psv_parse_io(p->io.p, p->io.n, &info->io)) err = EINVAL;
      break;
    case PSV_PI_FDS: err = count_fds(p, dirfd, &info->num_fds); break;
    case PSV_PI_IOPRIO: err = read_ioprio(p, info); break;
    case PSV_PI_AFFINITY: err = read_affinity(p, info); break;
  }
  return err;
}

/* What threads share with their process: when the main thread has ended,
** /proc/PID answers for it alone (it took none of these along). */
#define SHARED_GROUPS (PSV_PI_STATUS | PSV_PI_STATM | PSV_PI_SMAPS | PSV_PI_FDS | \
                       PSV_PI_CMDLINE | PSV_PI_ENVIRON | PSV_PI_EXE | PSV_PI_CWD)

/* The answer a zombie leader gives for a shared group (a kernel thread's
** is the same): only then is it worth asking whether threads live on. */
static int leader_left_empty(unsigned group, int err, const psv_proc_info *info) {
  /* A zombie's environ is ESRCH; and with no memory left to say whose
  ** they are, its private files (environ, fd/) are root's: EACCES even
  ** for the process's own user. */
  if (err == ESRCH || err == EACCES || err == EPERM) return 1;
  switch (group) {
    case PSV_PI_STATUS: return !err && !(info->status.has & PSV_ST_VMPEAK);
    case PSV_PI_STATM: return !err && info->statm.size == 0;
    case PSV_PI_SMAPS: return !err && info->smaps.pss == 0 && info->smaps.uss == 0;
    case PSV_PI_FDS: return !err && info->num_fds == 0;
    case PSV_PI_CMDLINE: return !err && info->cmdline_len == 0;
    case PSV_PI_ENVIRON: return !err && info->environ_len == 0;
    case PSV_PI_EXE: case PSV_PI_CWD: return err == ENOENT;
  }
  return 0;
}

/* A shared group through a live thread when the main thread has ended:
** read the process's own first, since asking costs a read. */
static int read_shared_group(psv_proc *p, unsigned group, psv_proc_info *info) {
  int err = read_group_at(p, psv_linux_proc_datafd(p), group, info);
  if (p->headless_known || !leader_left_empty(group, err, info)) return err;
  int headless = psv_linux_proc_headless(p, info);
  if (headless < 0) return -headless;
  return headless ? read_group_at(p, p->taskfd, group, info) : err;
}

/* Reads one group; 0 whether or not it could be read, else GONE/ENOMEM. */
static int read_group(psv_proc *p, unsigned group, psv_proc_info *info) {
  int err = (group & SHARED_GROUPS) ? read_shared_group(p, group, info)
                                    : read_group_at(p, p->dirfd, group, info);
  if (err) return psv_linux_classify(p, err);
  info->have |= group;
  if (group == PSV_PI_STAT && info->stat.state == PSV_STATE_ZOMBIE) {
    /* a zombie leader of a live process: the process is in the state of
    ** its live thread */
    int headless = psv_linux_proc_headless(p, info);
    if (headless < 0) return psv_linux_classify(p, -headless);
    if (headless > 0) info->stat.state = p->thread_state;
  }
  return 0;
}

int psv_proc_read(psv_proc *p, unsigned want, psv_proc_info *info) {
  memset(info, 0, sizeof *info);
  return psv_proc_add(p, want, info);
}

int psv_proc_add(psv_proc *p, unsigned want, psv_proc_info *info) {
  /* The system calls on the pid first: their check that the process is
  ** still ours then also covers the files read after them. */
  static const unsigned order[] = {
    PSV_PI_IOPRIO, PSV_PI_AFFINITY, PSV_PI_STAT, PSV_PI_STATUS, PSV_PI_STATM,
    PSV_PI_CMDLINE, PSV_PI_EXE, PSV_PI_CWD, PSV_PI_IO, PSV_PI_FDS,
    PSV_PI_SMAPS, PSV_PI_ENVIRON
  };
  unsigned before = info->have;
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    if (!(want & order[i]) || (info->have & order[i])) continue;
    int rc = read_group(p, order[i], info);
    if (rc == PSV_GONE) return rc;
    if (rc) return psv_linux_fail_at(p->os, rc, "cannot read process", p->pid, NULL);
  }
  /* A system call names the pid, not our descriptor. A file read through
  ** the descriptor after it proves the process was still ours; without
  ** one, check (a reused pid fails this). Whether the groups came from
  ** system calls is known once they were read (pids_ours). */
  const unsigned by_pid = psv_linux_pids_known_ours(p->os) ? PSV_PI_IOPRIO | PSV_PI_AFFINITY : 0;
  unsigned added = info->have & ~before;
  if ((added & by_pid) && !(added & ~by_pid) && !psv_linux_proc_alive(p)) return PSV_GONE;
  return 0;
}
