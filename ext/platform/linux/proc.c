/*
** proc.c — processes from a procfs tree (Linux): the listing, and one
** process's facts.
**
** Every file of one process is read with openat() on one descriptor of its
** /proc/PID directory. That descriptor pins the process instance: once the
** process is reaped, reads through it fail with ENOENT/ESRCH even if the
** pid is reused, so one row never mixes two processes.
**
** The facts a table asks for (PSV_PROC_*) map to reads: the "groups"
** below, each one file, link or system call. Several facts share a group
** (stat holds the parent, name, state, CPU times, ...); a read gives every
** fact of its group at once, and only the groups of the facts wanted are
** read. The conversions to the units of platform.h (pages to bytes, the
** kernel's tty number to a /dev path, starttime to Unix time, the state
** letter to psutil's status) are made here, once per fact wanted.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

double psv_cpu_seconds(double count) {
  return count / (double)psv_linux_clock_ticks();
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

/* ---- One process: the reads ------------------------------------------ */

/* The reads of one process: a file, a link or a system call each. */
enum {
  RD_STAT     = 1u << 0,   /* ppid, comm, state, times, tty, nice, ... */
  RD_STATUS   = 1u << 1,   /* ids, context switches, memory lines, tgid */
  RD_CMDLINE  = 1u << 2,
  RD_EXE      = 1u << 3,
  RD_CWD      = 1u << 4,
  RD_IO       = 1u << 5,
  RD_FDS      = 1u << 6,   /* the number of entries of fd/ */
  RD_IOPRIO   = 1u << 7,
  RD_STATM    = 1u << 8,   /* memory sizes in pages */
  RD_SMAPS    = 1u << 9,   /* uss, pss, swap: the costly page-table walk */
  RD_ENVIRON  = 1u << 10,
  RD_AFFINITY = 1u << 11,  /* the CPUs the process may run on */
  RD_ROOT     = 1u << 12,  /* the root link */
  RD_CGROUP   = 1u << 13,
  RD_NET_NS   = 1u << 14   /* the ns/net link */
};

/* Which read gives each fact. */
static const struct { uint64_t facts; unsigned read; } fact_reads[] = {
  { PSV_PROC_PPID | PSV_PROC_NAME | PSV_PROC_STATUS | PSV_PROC_CREATE_TIME | PSV_PROC_START |
    PSV_PROC_CPU_TIMES | PSV_PROC_CPU_CHILDREN | PSV_PROC_CPU_IOWAIT | PSV_PROC_CPU_NUM |
    PSV_PROC_NICE | PSV_PROC_NUM_THREADS | PSV_PROC_TERMINAL | PSV_PROC_OS_NAME |
    PSV_PROC_PGROUP, RD_STAT },
  { PSV_PROC_UIDS | PSV_PROC_GIDS | PSV_PROC_USERNAME | PSV_PROC_CTX_SWITCHES |
    PSV_PROC_RSS_ANON | PSV_PROC_RSS_FILE | PSV_PROC_RSS_SHMEM | PSV_PROC_PEAK_RSS |
    PSV_PROC_PEAK_VMS | PSV_PROC_HUGETLB, RD_STATUS },
  { PSV_PROC_MEMORY | PSV_PROC_MEMORY_LAYOUT, RD_STATM },
  { PSV_PROC_MEMORY_UNIQUE, RD_SMAPS },
  { PSV_PROC_CMDLINE, RD_CMDLINE },
  { PSV_PROC_EXE, RD_EXE },
  { PSV_PROC_CWD, RD_CWD },
  { PSV_PROC_IO | PSV_PROC_IO_CHARS | PSV_PROC_DISK_IO, RD_IO },
  { PSV_PROC_ROOT, RD_ROOT },
  { PSV_PROC_CGROUP, RD_CGROUP },
  { PSV_PROC_NET_NAMESPACE, RD_NET_NS },
  { PSV_PROC_NUM_FDS, RD_FDS },
  { PSV_PROC_IONICE, RD_IOPRIO },
  { PSV_PROC_AFFINITY, RD_AFFINITY },
  { PSV_PROC_ENVIRON, RD_ENVIRON },
};

static unsigned reads_of(uint64_t want) {
  unsigned reads = 0;
  for (size_t i = 0; i < sizeof fact_reads / sizeof *fact_reads; i++) {
    if (want & fact_reads[i].facts) reads |= fact_reads[i].read;
  }
  return reads;
}

/* What the reads found, in the kernel's terms. */
typedef struct proc_reads {
  unsigned have;        /* RD_* read */
  unsigned cut;         /* RD_CMDLINE, RD_ENVIRON: stopped at the bound */
  psv_stat stat;
  psv_status status;
  const char *cmdline;  /* raw bytes as the kernel gives them */
  size_t cmdline_len;
  psv_link exe, cwd;
  psv_io io;
  psv_statm statm;
  psv_smaps smaps;
  int affinity_ok;      /* affinity holds the CPUs */
  const char *environ;  /* raw NUL-separated block */
  size_t environ_len;
  int64_t num_fds;
  psv_link root;
  psv_str cgroup;
  uint64_t net_ns;
  int ioprio_class;     /* 0 none, 1 rt, 2 be, 3 idle */
  int ioprio_value;
} proc_reads;

struct psv_proc {
  psv_os *os;
  int is_live;   /* the os's procfs is the machine's own */
  int dirfd;
  int pid;
  proc_reads rd;
  psv_buf stat, status, statm, smaps, environ, cmdline, io, exe, cwd, root, cgroup, net_ns;
  psv_cpu_range *affinity;   /* the CPUs of the last affinity read */
  size_t n_affinity, cap_affinity;
  int status_fresh;          /* status was read by psv_proc_open for this process */
  int headless_known;        /* whether the main thread has ended is known */
  int taskfd;                /* then: a live thread's task/TID, or -1 */
  psv_proc_state thread_state;
  psv_buf thread_stat;
};

/* A per-process file made in one piece (see files.c). */
static int read_proc_file(psv_proc *p, int dirfd, const char *name, psv_buf *b) {
  return psv_linux_read_record(dirfd, name, b, p->is_live);
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

int psv_linux_proc_headless(psv_proc *p, const psv_stat *leader) {
  if (!p->headless_known) {
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
  psv_buf *bufs[] = { &p->stat, &p->status, &p->statm, &p->smaps, &p->environ, &p->cmdline,
                      &p->io, &p->exe, &p->cwd, &p->root, &p->cgroup, &p->net_ns,
                      &p->thread_stat };
  for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++) psv_buf_free(bufs[i]);
  psv_free(p->affinity);
  psv_free(p);
}

static int is_gone_errno(int err) { return err == ENOENT || err == ESRCH; }

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
  int err = read_proc_file(p, p->dirfd, "status", &p->status);
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
  if (root < 0) return psv_linux_fail(os, -root, "cannot read procfs", psv_linux_procfs(os));
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

static int read_ioprio(psv_proc *p, proc_reads *rd) {
  int ours = psv_linux_pids_ours(p->os);
  if (ours < 0) return -ours;
  if (!ours) return EOPNOTSUPP;  /* a pid of another tree, or namespace */
  long v = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, p->pid);
  if (v < 0) return errno;
  rd->ioprio_class = (int)(v >> 13);
  rd->ioprio_value = (int)(v & 0x1fff);
  return 0;   /* read_groups checks that the pid was still ours */
}

/* uss/pss/swap from smaps_rollup (Linux 4.14+), else summed over smaps,
** as psutil does. */
static int read_smaps(psv_proc *p, int dirfd, psv_smaps *out) {
  memset(out, 0, sizeof *out);
  int err = read_proc_file(p, dirfd, "smaps_rollup", &p->smaps);
  /* ESRCH from a live process: it has no memory (a kernel thread, a
  ** zombie), and smaps would be empty too: 0, as psutil reports. */
  if (err == ESRCH && psv_linux_proc_alive(p)) return 0;
  if (err == ENOENT) err = psv_linux_read_many(dirfd, "smaps", &p->smaps, p->is_live);
  if (!err) psv_parse_smaps(p->smaps.p, p->smaps.n, out);
  return err;
}

static int read_group(psv_proc *p, unsigned group, proc_reads *rd);

/* The CPUs, ascending, as ranges in p->affinity. */
static int add_cpu_range(psv_proc *p, int first, int last) {
  if (p->n_affinity && p->affinity[p->n_affinity - 1].last + 1 == first) {
    p->affinity[p->n_affinity - 1].last = last;
    return 0;
  }
  if (psv_grow((void **)&p->affinity, &p->cap_affinity, p->n_affinity + 1, sizeof *p->affinity)) {
    return ENOMEM;
  }
  p->affinity[p->n_affinity++] = (psv_cpu_range){ first, last };
  return 0;
}

static int add_cpu(void *ctx, long cpu) {
  return add_cpu_range(ctx, (int)cpu, (int)cpu);
}

/* sched_getaffinity's mask, as ranges: stop after the last set CPU rather
** than test all of a 1024-bit mask. */
static int ranges_of_set(psv_proc *p, const cpu_set_t *set, size_t setsize) {
  int left = CPU_COUNT_S(setsize, set);
  for (size_t cpu = 0; left > 0 && cpu < setsize * 8; cpu++) {
    if (!CPU_ISSET_S(cpu, setsize, set)) continue;
    left--;
    if (add_cpu_range(p, (int)cpu, (int)cpu)) return ENOMEM;
  }
  return 0;
}

/* sched_getaffinity, as psutil uses: the kernel intersects the allowed
** mask with the CPUs that are online (Cpus_allowed_list does not). Another
** tree's pids mean nothing here: its status file's list is used. */
static int read_affinity(psv_proc *p, proc_reads *rd) {
  p->n_affinity = 0;
  int ours = psv_linux_pids_ours(p->os);
  if (ours < 0) return -ours;
  if (!ours) {
    int err = read_group(p, RD_STATUS, rd);
    if (err) return err == PSV_GONE ? ESRCH : err;
    if (!(rd->have & RD_STATUS) || !(rd->status.has & PSV_ST_CPUS)) return ENOENT;
    err = psv_cpu_list_each(rd->status.cpus_list, rd->status.cpus_list_len, add_cpu, p);
    rd->affinity_ok = !err;
    return err == ENOMEM ? ENOMEM : 0;   /* a malformed list: no value */
  }
  for (int ncpu = 1024; ncpu <= (1 << 20); ncpu *= 2) {
    cpu_set_t *set = CPU_ALLOC(ncpu);
    if (!set) return ENOMEM;
    size_t size = CPU_ALLOC_SIZE(ncpu);
    int err = sched_getaffinity(p->pid, size, set) == 0 ? 0 : errno;
    if (!err) err = ranges_of_set(p, set, size);
    CPU_FREE(set);
    if (err == EINVAL) continue;   /* more CPUs than this mask holds */
    if (err) return err;
    rd->affinity_ok = 1;
    return 0;   /* read_groups checks that the pid was still ours */
  }
  return EINVAL;
}

static int read_bounded(psv_proc *p, int dirfd, const char *name, psv_buf *b,
                        unsigned group, proc_reads *rd) {
  int cut;
  int err = psv_linux_read_bounded(dirfd, name, b, p->is_live, &cut);
  if (!err && cut) rd->cut |= group;
  return err;
}

/* Reads one group through dirfd (the process's, or a live thread's for
** what threads share); 0 or the errno of the read. */
static int read_group_at(psv_proc *p, int dirfd, unsigned group, proc_reads *rd) {
  int err = 0;
  switch (group) {
    case RD_STAT:
      err = read_proc_file(p, dirfd, "stat", &p->stat);
      if (!err && psv_parse_stat(p->stat.p, p->stat.n, &rd->stat)) err = EINVAL;
      break;
    case RD_STATUS:
      /* psv_proc_open's read is the process's own */
      if (!p->status_fresh || dirfd != p->dirfd) err = read_proc_file(p, dirfd, "status", &p->status);
      if (!err) psv_parse_status(p->status.p, p->status.n, &rd->status);
      break;
    case RD_STATM:
      err = read_proc_file(p, dirfd, "statm", &p->statm);
      if (!err && psv_parse_statm(p->statm.p, p->statm.n, &rd->statm)) err = EINVAL;
      break;
    case RD_SMAPS: err = read_smaps(p, dirfd, &rd->smaps); break;
    case RD_ENVIRON:
      err = read_bounded(p, dirfd, "environ", &p->environ, group, rd);
      rd->environ = p->environ.p;
      rd->environ_len = p->environ.n;
      break;
    case RD_CMDLINE:
      err = read_bounded(p, dirfd, "cmdline", &p->cmdline, group, rd);
      rd->cmdline = p->cmdline.p;
      rd->cmdline_len = p->cmdline.n;
      break;
    case RD_EXE: err = psv_linux_read_link(dirfd, "exe", &p->exe, &rd->exe); break;
    case RD_CWD: err = psv_linux_read_link(dirfd, "cwd", &p->cwd, &rd->cwd); break;
    case RD_IO:
      err = read_proc_file(p, dirfd, "io", &p->io);
      if (!err && psv_parse_io(p->io.p, p->io.n, &rd->io)) err = EINVAL;
      break;
    case RD_FDS: err = count_fds(p, dirfd, &rd->num_fds); break;
    case RD_IOPRIO: err = read_ioprio(p, rd); break;
    case RD_AFFINITY: err = read_affinity(p, rd); break;
    case RD_ROOT: err = psv_linux_read_link(dirfd, "root", &p->root, &rd->root); break;
    case RD_CGROUP:
      err = psv_linux_read_at(dirfd, "cgroup", &p->cgroup);
      if (!err && psv_parse_cgroup_path(p->cgroup.p, p->cgroup.n, &rd->cgroup)) err = EINVAL;
      break;
    case RD_NET_NS:
      err = psv_linux_readlink_at(dirfd, "ns/net", &p->net_ns);
      if (!err && psv_parse_ns_link(p->net_ns.p, p->net_ns.n, "net", &rd->net_ns)) err = EINVAL;
      break;
  }
  return err;
}

/* What threads share with their process: when the main thread has ended,
** /proc/PID answers for it alone (it took none of these along). */
#define SHARED_GROUPS (RD_STATUS | RD_STATM | RD_SMAPS | RD_FDS | RD_CMDLINE | RD_ENVIRON | \
                       RD_EXE | RD_CWD | RD_ROOT)

/* The answer a zombie leader gives for a shared group (a kernel thread's
** is the same): only then is it worth asking whether threads live on. */
static int leader_left_empty(unsigned group, int err, const proc_reads *rd) {
  /* A zombie's environ is ESRCH; and with no memory left to say whose
  ** they are, its private files (environ, fd/) are root's: EACCES even
  ** for the process's own user. */
  if (err == ESRCH || err == EACCES || err == EPERM) return 1;
  switch (group) {
    case RD_STATUS: return !err && !(rd->status.has & PSV_ST_VMPEAK);
    case RD_STATM: return !err && rd->statm.size == 0;
    case RD_SMAPS: return !err && rd->smaps.pss == 0 && rd->smaps.uss == 0;
    case RD_FDS: return !err && rd->num_fds == 0;
    case RD_CMDLINE: return !err && rd->cmdline_len == 0;
    case RD_ENVIRON: return !err && rd->environ_len == 0;
    case RD_EXE: case RD_CWD: case RD_ROOT: return err == ENOENT;
  }
  return 0;
}

static const psv_stat *leader_stat(const proc_reads *rd) {
  return rd && (rd->have & RD_STAT) ? &rd->stat : NULL;
}

/* A shared group through a live thread when the main thread has ended:
** read the process's own first, since asking costs a read. */
static int read_shared_group(psv_proc *p, unsigned group, proc_reads *rd) {
  int err = read_group_at(p, psv_linux_proc_datafd(p), group, rd);
  if (p->headless_known || !leader_left_empty(group, err, rd)) return err;
  int headless = psv_linux_proc_headless(p, leader_stat(rd));
  if (headless < 0) return -headless;
  return headless ? read_group_at(p, p->taskfd, group, rd) : err;
}

/* Reads one group; 0 whether or not it could be read, else GONE/ENOMEM. */
static int read_group(psv_proc *p, unsigned group, proc_reads *rd) {
  int err = (group & SHARED_GROUPS) ? read_shared_group(p, group, rd)
                                    : read_group_at(p, p->dirfd, group, rd);
  if (err) return psv_linux_classify(p, err);
  rd->have |= group;
  if (group == RD_STAT && rd->stat.state == PSV_STATE_ZOMBIE) {
    /* a zombie leader of a live process: the process is in the state of
    ** its live thread */
    int headless = psv_linux_proc_headless(p, &rd->stat);
    if (headless < 0) return psv_linux_classify(p, -headless);
    if (headless > 0) rd->stat.state = p->thread_state;
  }
  return 0;
}

/* Reads the groups `want` into rd (keeping what it holds): 0, PSV_GONE, or
** a resource errno. */
static int read_groups(psv_proc *p, unsigned want, proc_reads *rd) {
  /* The system calls on the pid first: their check that the process is
  ** still ours then also covers the files read after them. */
  static const unsigned order[] = {
    RD_IOPRIO, RD_AFFINITY, RD_STAT, RD_STATUS, RD_STATM, RD_CMDLINE, RD_EXE, RD_CWD,
    RD_IO, RD_FDS, RD_SMAPS, RD_ENVIRON, RD_ROOT, RD_CGROUP, RD_NET_NS
  };
  unsigned before = rd->have;
  for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
    if (!(want & order[i]) || (rd->have & order[i])) continue;
    int rc = read_group(p, order[i], rd);
    if (rc) return rc;
  }
  /* A system call names the pid, not our descriptor. A file read through
  ** the descriptor after it proves the process was still ours; without
  ** one, check (a reused pid fails this). Whether the groups came from
  ** system calls is known once they were read (pids_ours). */
  const unsigned by_pid = psv_linux_pids_known_ours(p->os) ? RD_IOPRIO | RD_AFFINITY : 0;
  unsigned added = rd->have & ~before;
  if ((added & by_pid) && !(added & ~by_pid) && !psv_linux_proc_alive(p)) return PSV_GONE;
  return 0;
}

/* ---- One process: the facts ------------------------------------------ */

/* argv[0] of the cmdline, for the name rule. */
struct first_arg { const char *p; size_t n; };

static int take_first(void *ctx, const char *arg, size_t n) {
  struct first_arg *f = ctx;
  f->p = arg;
  f->n = n;
  return 1;   /* stop */
}

/* psutil's name(): comm is cut to 15 bytes by the kernel; when the
** basename of argv[0] starts with it, that is the real name. The command
** line is read for it then, whether or not it was asked for; a process
** whose command line cannot be read keeps its comm. */
static void set_name(psv_proc *p, proc_reads *rd, psv_proc_info *info) {
  const psv_stat *s = &rd->stat;
  info->name = s->comm;
  info->name_len = s->comm_len;
  if (s->comm_len < 15) return;
  if (read_groups(p, RD_CMDLINE, rd) || !(rd->have & RD_CMDLINE)) return;
  struct first_arg f = { NULL, 0 };
  psv_cmdline_split(rd->cmdline, rd->cmdline_len, take_first, &f);
  if (!f.p) return;
  const char *slash = f.p + f.n;
  while (slash > f.p && slash[-1] != '/') slash--;
  size_t base_len = (size_t)(f.p + f.n - slash);
  if (base_len > s->comm_len && memcmp(slash, s->comm, s->comm_len) == 0) {
    info->name = slash;
    info->name_len = base_len;
  }
}

/* The facts of stat. 0, or ENOMEM (the terminal map). */
static int stat_facts(psv_proc *p, proc_reads *rd, uint64_t want, psv_proc_info *info) {
  const psv_stat *s = &rd->stat;
  uint64_t have = want & (PSV_PROC_PPID | PSV_PROC_NAME | PSV_PROC_STATUS | PSV_PROC_START |
                          PSV_PROC_CPU_TIMES | PSV_PROC_CPU_CHILDREN | PSV_PROC_NICE |
                          PSV_PROC_NUM_THREADS | PSV_PROC_TERMINAL);
  info->ppid = s->ppid;
  info->status = s->state;
  info->start = s->starttime;
  info->cpu_user = s->utime;
  info->cpu_system = s->stime;
  info->cpu_children_user = s->cutime;
  info->cpu_children_system = s->cstime;
  info->nice = s->nice;
  info->num_threads = s->num_threads;
  if (s->has_blkio) {
    info->cpu_iowait = s->blkio_ticks;
    have |= want & PSV_PROC_CPU_IOWAIT;
  }
  if (s->has_cpu_num) {
    info->cpu_num = s->cpu_num;
    have |= want & PSV_PROC_CPU_NUM;
  }
  /* left NULL when the boot time cannot be read */
  if ((want & PSV_PROC_CREATE_TIME) &&
      psv_linux_create_time(p->os, s->starttime, &info->create_time) == 0) {
    have |= PSV_PROC_CREATE_TIME;
  }
  if (want & PSV_PROC_TERMINAL) {
    int err;
    info->terminal = psv_linux_terminal_path(p->os, s->tty_dev, &err);
    if (err) return err;
  }
  if (want & PSV_PROC_NAME) set_name(p, rd, info);
  info->os_name = s->comm;
  info->os_name_len = s->comm_len;
  have |= want & PSV_PROC_OS_NAME;
  if ((want & PSV_PROC_PGROUP) && psv_parse_stat_pgroup(p->stat.p, p->stat.n, &info->pgroup) == 0) {
    have |= PSV_PROC_PGROUP;
  }
  info->have |= have;
  return 0;
}

/* The facts of status: a line the kernel lacks (older kernels) leaves its
** fact out. 0, or ENOMEM (the user name). */
static int status_facts(psv_proc *p, const psv_status *s, uint64_t want, psv_proc_info *info) {
  static const struct { unsigned line; uint64_t fact; } lines[] = {
    { PSV_ST_UIDS, PSV_PROC_UIDS | PSV_PROC_USERNAME }, { PSV_ST_GIDS, PSV_PROC_GIDS },
    { PSV_ST_CTXSW, PSV_PROC_CTX_SWITCHES }, { PSV_ST_RSSANON, PSV_PROC_RSS_ANON },
    { PSV_ST_RSSFILE, PSV_PROC_RSS_FILE }, { PSV_ST_RSSSHMEM, PSV_PROC_RSS_SHMEM },
    { PSV_ST_VMHWM, PSV_PROC_PEAK_RSS }, { PSV_ST_VMPEAK, PSV_PROC_PEAK_VMS },
    { PSV_ST_HUGETLB, PSV_PROC_HUGETLB },
  };
  uint64_t have = 0;
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    if (s->has & lines[i].line) have |= want & lines[i].fact;
  }
  memcpy(info->uid, s->uid, sizeof info->uid);
  memcpy(info->gid, s->gid, sizeof info->gid);
  info->ctx_switches_voluntary = s->vol_ctxsw;
  info->ctx_switches_involuntary = s->invol_ctxsw;
  info->rss_anon = s->rss_anon;
  info->rss_file = s->rss_file;
  info->rss_shmem = s->rss_shmem;
  info->peak_rss = s->vm_hwm;
  info->peak_vms = s->vm_peak;
  info->hugetlb = s->hugetlb;
  if (have & PSV_PROC_USERNAME) {
    info->username = psv_linux_user_name(p->os, s->uid[0]);
    if (!info->username) return ENOMEM;
  }
  info->have |= have;
  return 0;
}

static void memory_facts(const psv_statm *m, uint64_t want, psv_proc_info *info) {
  const uint64_t page = (uint64_t)psv_linux_page_size();
  info->rss = m->resident * page;
  info->vms = m->size * page;
  info->shared = m->shared * page;
  info->text = m->text * page;
  info->lib = m->lib * page;
  info->data = m->data * page;
  info->dirty = m->dirty * page;
  info->have |= want & (PSV_PROC_MEMORY | PSV_PROC_MEMORY_LAYOUT);
}

static void io_facts(psv_proc *p, const psv_io *io, uint64_t want, psv_proc_info *info) {
  if ((want & PSV_PROC_DISK_IO) &&
      psv_parse_disk_io(p->io.p, p->io.n, &info->disk_read, &info->disk_written) == 0) {
    info->have |= PSV_PROC_DISK_IO;
  }
  info->io_read_count = io->syscr;
  info->io_write_count = io->syscw;
  info->io_read_bytes = io->read_bytes;
  info->io_write_bytes = io->write_bytes;
  info->io_read_chars = io->rchar;
  info->io_write_chars = io->wchar;
  info->have |= want & (PSV_PROC_IO | PSV_PROC_IO_CHARS);
}

static void ionice_facts(const proc_reads *rd, psv_proc_info *info) {
  static const char *const classes[] = { "none", "rt", "be", "idle" };
  info->ionice_class = rd->ioprio_class >= 0 && rd->ioprio_class <= 3 ? classes[rd->ioprio_class] : NULL;
  info->ionice_value = rd->ioprio_value;
  info->have |= PSV_PROC_IONICE;
}

/* The facts of the files the process holds and the bytes it keeps. */
static void held_facts(const proc_reads *rd, psv_proc_info *info) {
  /* the name rule may have read the cmdline: given whether asked or not */
  if (rd->have & RD_CMDLINE) {
    info->cmdline = rd->cmdline;
    info->cmdline_len = rd->cmdline_len;
    info->have |= PSV_PROC_CMDLINE;
    if (rd->cut & RD_CMDLINE) info->cut |= PSV_PROC_CMDLINE;
  }
  if (rd->have & RD_EXE) { info->exe = rd->exe; info->have |= PSV_PROC_EXE; }
  if (rd->have & RD_CWD) { info->cwd = rd->cwd; info->have |= PSV_PROC_CWD; }
  if (rd->have & RD_ENVIRON) {
    info->environ = rd->environ;
    info->environ_len = rd->environ_len;
    info->have |= PSV_PROC_ENVIRON;
    if (rd->cut & RD_ENVIRON) info->cut |= PSV_PROC_ENVIRON;
  }
}

/* The facts of the reads made: 0, or ENOMEM. */
static int facts_of(psv_proc *p, proc_reads *rd, uint64_t want, psv_proc_info *info) {
  int err = 0;
  if (rd->have & RD_STAT) err = stat_facts(p, rd, want, info);
  if (!err && (rd->have & RD_STATUS)) err = status_facts(p, &rd->status, want, info);
  if (err) return err;
  if (rd->have & RD_STATM) memory_facts(&rd->statm, want, info);
  if ((rd->have & RD_SMAPS) && (want & PSV_PROC_MEMORY_UNIQUE)) {
    info->uss = rd->smaps.uss;
    info->pss = rd->smaps.pss;
    info->swap = rd->smaps.swap;
    info->have |= PSV_PROC_MEMORY_UNIQUE;
  }
  held_facts(rd, info);
  if (rd->have & RD_IO) io_facts(p, &rd->io, want, info);
  if (rd->have & RD_ROOT) { info->root = rd->root; info->have |= PSV_PROC_ROOT; }
  if (rd->have & RD_CGROUP) {
    info->cgroup = rd->cgroup.s;
    info->cgroup_len = rd->cgroup.n;
    info->have |= PSV_PROC_CGROUP;
  }
  if (rd->have & RD_NET_NS) { info->net_namespace = rd->net_ns; info->have |= PSV_PROC_NET_NAMESPACE; }
  if (rd->have & RD_FDS) { info->num_fds = rd->num_fds; info->have |= PSV_PROC_NUM_FDS; }
  if (rd->have & RD_IOPRIO) ionice_facts(rd, info);
  if ((rd->have & RD_AFFINITY) && rd->affinity_ok) {
    info->affinity = p->affinity;
    info->affinity_n = p->n_affinity;
    info->have |= PSV_PROC_AFFINITY;
  }
  return 0;
}

int psv_proc_read(psv_proc *p, uint64_t want, psv_proc_info *info) {
  memset(info, 0, sizeof *info);
  /* what a read found is used only under its have bit */
  p->rd.have = p->rd.cut = 0;
  p->rd.affinity_ok = 0;
  int rc = read_groups(p, reads_of(want), &p->rd);
  if (!rc) rc = facts_of(p, &p->rd, want, info);
  if (rc == PSV_GONE) return rc;
  return rc ? psv_linux_fail_at(p->os, rc, "cannot read process", p->pid, NULL) : 0;
}
