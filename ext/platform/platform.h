/*
** platform.h — the OS-neutral C API that tables read the OS through.
**
** It knows nothing of SQLite. Each operating system implements it in its
** own folder (ext/platform/linux/, ...); the tables above never test the OS.
**
** Errors are reported as errno values (0 = success). PSV_GONE means the
** process no longer exists (or its pid now names another process): the
** caller skips the row. Any other failure to read one group of facts
** leaves that group out of psv_proc_info.have, and the table reports NULL.
*/
#ifndef PSV_PLATFORM_H
#define PSV_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#define PSV_GONE (-1)

/* Memory for the platform layer. The layer above provides these (ext/
** alloc.c routes them to sqlite3_malloc, so the host's limits and its
** test allocators apply); a fuzzer links plain malloc instead. Memory that
** libc takes for itself (opendir, getifaddrs, NSS) is not covered.
**
** The rule for threads: a thread the platform layer starts (a worker) calls
** psv_worker_enter() first, and from then on its blocks come from the C
** library, never from the host's allocator, which may be neither
** thread-safe nor meant to be called from other threads (a host that runs
** SQLite with SQLITE_CONFIG_SINGLETHREAD, or its own allocator). Any thread
** may psv_free a worker's block; a worker frees and grows only its own.
** Nothing else in this layer touches the host. */
void *psv_malloc(size_t n);
void *psv_realloc(void *p, size_t n);
void psv_free(void *p);
void psv_worker_enter(void);

static inline void *psv_calloc(size_t n) {
  void *p = psv_malloc(n);
  if (p) __builtin_memset(p, 0, n);
  return p;
}

/* Makes *arr (of *cap elements of `elem` bytes) hold at least `need`,
** doubling: 0 or ENOMEM (then *arr and *cap are as they were). */
int psv_grow(void **arr, size_t *cap, size_t need, size_t elem);

/* The name psvtab_platform() returns: "linux", ... */
const char *psv_platform_name(void);

/* 1 for the errors that are the system's trouble rather than one
** process's (ENOMEM, EMFILE, ENFILE, ENOBUFS): a query reports them. */
int psv_is_resource_errno(int err);

/* A FIFO, device or socket where a file is read: never read (a FIFO
** would block, a device such as /dev/zero would never end), reported like
** a file the caller may not read. Beyond every errno of the C library;
** psv_strerror names it "not a regular file". */
#define PSV_ENOTREG 10000

/* Thread-safe text of an errno value (strerror is not). */
const char *psv_strerror(int err, char *buf, size_t size);

/* Growable byte buffer: what the platform layer hands strings back in. */
typedef struct psv_buf {
  char *p;
  size_t n, cap;
} psv_buf;

/* The most read of any one file (cmdline, environ, smaps, ...): a process
** cannot make a query take unbounded memory. What lies beyond is not read:
** the value is cut there (see the README's security section). */
#define PSV_MAX_FILE ((size_t)16 << 20)
int psv_buf_reserve(psv_buf *b, size_t cap);   /* 0 or ENOMEM */
int psv_buf_append(psv_buf *b, const void *data, size_t n);
void psv_buf_free(psv_buf *b);

/* ---- A procfs root and the per-scan caches that go with it ---------- */

typedef struct psv_procfs psv_procfs;

/* Open the root (e.g. "/proc", or a fixture tree). ENOENT/ENOTDIR when it
** is not a directory. The handle caches boot time, user names and the
** terminal map for the length of one scan: open one per scan. */
int psv_procfs_open(const char *root, psv_procfs **out);
void psv_procfs_close(psv_procfs *fs);

/* Check, without opening anything for long, that `root` is a directory. */
int psv_check_dir(const char *root);
/* The same for a file: 0, or ENOENT, EISDIR (a directory), PSV_ENOTREG
** (a FIFO, a device, ...), ... */
int psv_check_file(const char *path);
/* Whether a directory can be read as a procfs or sysfs root: a mount of
** one, or a tree that holds at least one thing psvtab reads there. 0, or
** EINVAL (*wanted then says what such a root holds), or an errno. */
int psv_check_procfs_root(const char *root, const char **wanted);
int psv_check_sysfs_root(const char *root, const char **wanted);

/* Boot time in Unix seconds; 0 on success. */
int psv_procfs_boot_time(psv_procfs *fs, double *out);

/* A process's start time as Unix seconds from its stat's starttime (clock
** ticks since boot): psutil's create_time(), boot time + starttime /
** ticks. Every table computes it here, so that the same process instance
** has the same value in every table: (pid, create_time) names one
** instance. 0, or the error of reading the boot time. */
int psv_procfs_create_time(psv_procfs *fs, uint64_t starttime, double *out);

/* Clock ticks per second and page size of this system. */
long psv_clock_ticks(void);
long psv_page_size(void);

/* Name of the user with this uid. Writes the decimal uid when the user has
** no name. The returned string lives as long as `fs`. NULL: out of memory. */
const char *psv_user_name(psv_procfs *fs, uint32_t uid);

/* /dev path of the terminal with this device number, NULL when none (or
** out of memory: *err is then ENOMEM). Lives as long as `fs`. */
const char *psv_terminal_path(psv_procfs *fs, uint64_t tty_dev, int *err);

/* ---- Listing the processes ----------------------------------------- */

typedef struct psv_pid_list psv_pid_list;
int psv_pid_list_open(psv_procfs *fs, psv_pid_list **out);
/* 1 with *pid set, 0 at the end, or a negative errno. */
int psv_pid_list_next(psv_pid_list *list, int *pid);
void psv_pid_list_close(psv_pid_list *list);

/* ---- One process --------------------------------------------------- */

/* Groups of facts. A table asks for the union of what its used columns
** need; each group costs the OS one read (a file, a link, a syscall). */
enum {
  PSV_PI_STAT    = 1u << 0,  /* ppid, comm, state, times, tty, nice, ... */
  PSV_PI_STATUS  = 1u << 1,  /* ids, context switches, affinity, tgid */
  PSV_PI_CMDLINE = 1u << 2,
  PSV_PI_EXE     = 1u << 3,
  PSV_PI_CWD     = 1u << 4,
  PSV_PI_IO      = 1u << 5,
  PSV_PI_FDS     = 1u << 6,  /* number of open descriptors */
  PSV_PI_IOPRIO  = 1u << 7,
  PSV_PI_STATM   = 1u << 8,  /* memory sizes in pages */
  PSV_PI_SMAPS   = 1u << 9,  /* uss, pss, swap: the costly page-table walk */
  PSV_PI_ENVIRON = 1u << 10,
  PSV_PI_AFFINITY = 1u << 11 /* CPUs the process may run on */
};

/* Process state as psutil names it. */
typedef enum psv_proc_state {
  PSV_STATE_UNKNOWN = 0,
  PSV_STATE_RUNNING, PSV_STATE_SLEEPING, PSV_STATE_DISK_SLEEP,
  PSV_STATE_STOPPED, PSV_STATE_TRACING_STOP, PSV_STATE_ZOMBIE,
  PSV_STATE_DEAD, PSV_STATE_WAKE_KILL, PSV_STATE_WAKING,
  PSV_STATE_IDLE, PSV_STATE_PARKED
} psv_proc_state;
const char *psv_state_name(psv_proc_state state);

/* From /proc/PID/stat (Linux) or its equivalent. Times in clock ticks. */
typedef struct psv_stat {
  const char *comm;   /* not NUL-terminated; may hold any byte */
  size_t comm_len;
  char state_letter;
  psv_proc_state state;
  int ppid;
  uint64_t tty_dev;   /* kernel encoding; 0 = none */
  uint64_t utime, stime, cutime, cstime;
  int64_t nice;
  int64_t num_threads;
  uint64_t starttime;
  int has_cpu_num;
  int64_t cpu_num;
  int has_blkio;
  uint64_t blkio_ticks;
} psv_stat;

/* Which optional lines a status file had. */
enum {
  PSV_ST_TGID     = 1u << 0,
  PSV_ST_UIDS     = 1u << 1,
  PSV_ST_GIDS     = 1u << 2,
  PSV_ST_CTXSW    = 1u << 3,  /* both ctxt_switches lines */
  PSV_ST_VOLCTX   = 1u << 12,
  PSV_ST_INVOLCTX = 1u << 13,
  PSV_ST_CPUS     = 1u << 4,  /* Cpus_allowed_list */
  PSV_ST_VMPEAK   = 1u << 6,
  PSV_ST_VMHWM    = 1u << 7,
  PSV_ST_RSSANON  = 1u << 8,
  PSV_ST_RSSFILE  = 1u << 9,
  PSV_ST_RSSSHMEM = 1u << 10,
  PSV_ST_HUGETLB  = 1u << 11
};

typedef struct psv_status {
  unsigned has;
  int tgid;
  uint32_t uid[3], gid[3];      /* real, effective, saved */
  uint64_t vol_ctxsw, invol_ctxsw;
  const char *cpus_list;        /* e.g. "0-3,6", not NUL-terminated */
  size_t cpus_list_len;
  /* memory lines, in bytes */
  uint64_t vm_peak, vm_hwm, rss_anon, rss_file, rss_shmem, hugetlb;
} psv_status;

/* psutil's memory_full_info() extras, in bytes, from smaps_rollup (or
** smaps summed): uss = every Private_* line, pss = Pss:, swap = Swap:. */
typedef struct psv_smaps {
  uint64_t uss, pss, swap;
} psv_smaps;

/* From /proc/PID/statm: sizes in pages, in the kernel's order. */
typedef struct psv_statm {
  uint64_t size, resident, shared, text, lib, data, dirty;
} psv_statm;

typedef struct psv_io {
  uint64_t rchar, wchar, syscr, syscw, read_bytes, write_bytes;
} psv_io;

/* A link target such as exe or cwd, with the kernel's " (deleted)" mark
** taken off when the file really was deleted. */
typedef struct psv_link {
  const char *path;
  size_t len;
  int deleted;
} psv_link;

typedef struct psv_proc_info {
  unsigned have;         /* PSV_PI_* groups that were read */
  psv_stat stat;
  psv_status status;
  const char *cmdline;   /* raw bytes as the kernel gives them */
  size_t cmdline_len;
  psv_link exe, cwd;
  psv_io io;
  psv_statm statm;
  psv_smaps smaps;
  const char *affinity;  /* CPU list, e.g. "0-3,6" (not NUL-terminated) */
  size_t affinity_len;
  const char *environ;   /* raw NUL-separated block */
  size_t environ_len;
  int64_t num_fds;
  int ioprio_class;      /* 0 none, 1 rt, 2 be, 3 idle */
  int ioprio_value;
} psv_proc_info;

typedef struct psv_proc psv_proc;

psv_proc *psv_proc_new(void);
void psv_proc_free(psv_proc *p);

/* Attach to one process instance. 0, PSV_GONE, or an errno. `verify_pid`
** set: make sure pid names a process, not a thread of one (a lookup by a
** pid that came from the user rather than from the listing). */
int psv_proc_open(psv_proc *p, psv_procfs *fs, int pid, int verify_pid);

/* Read the groups in `want`. 0, PSV_GONE (skip the row), or an errno that
** is the system's trouble rather than the process's (ENOMEM, EMFILE,
** ENFILE): the query should fail with it.
** Strings in `info` live until the next psv_proc_read or psv_proc_close. */
int psv_proc_read(psv_proc *p, unsigned want, psv_proc_info *info);

/* Read more groups into an `info` already filled by psv_proc_read, for
** facts whose need shows only after a first read. Same returns. */
int psv_proc_add(psv_proc *p, unsigned want, psv_proc_info *info);

/* Detach from the process (the buffers stay for the next one). */
void psv_proc_close(psv_proc *p);

/* ---- A process's lists: descriptors, threads, mappings, limits ------ */
/* Each list is read through the descriptor of an opened psv_proc, so it
** belongs to that process instance. Opening one gives 0, PSV_GONE, or an
** errno (EACCES: the caller may not see it; the table shows no rows). */

/* One open descriptor. `want` of psv_fd_read says what to fill. */
enum {
  PSV_FD_LINK = 1u << 0,   /* target: the link text */
  PSV_FD_STAT = 1u << 1,   /* is_regular: fstat of the open file itself */
  PSV_FD_INFO = 1u << 2    /* position and flags, from fdinfo */
};
typedef struct psv_fd_entry {
  unsigned have;
  psv_link target;     /* "/path", "socket:[123]", "pipe:[45]", ... */
  int path_too_long;   /* with PSV_FD_LINK: a path the kernel cannot give
                       ** (longer than PATH_MAX): target is empty */
  int is_regular;
  int unlinked;        /* with PSV_FD_STAT: the open file has no name left */
  int64_t position;
  uint64_t flags;      /* open(2) flags, as fdinfo shows them (octal there) */
} psv_fd_entry;

typedef struct psv_fd_list psv_fd_list;
int psv_fd_list_open(psv_proc *p, psv_fd_list **out);
/* 1 with the next descriptor number, 0 at the end, or a negative errno. */
int psv_fd_list_next(psv_fd_list *l, int *fd);
/* Adds the facts `want` names to *out (zero it before the first call for
** a descriptor). 0; ENOENT when the descriptor was closed meanwhile (no
** row); or an errno. Strings live until the next call. */
int psv_fd_read(psv_fd_list *l, int fd, unsigned want, psv_fd_entry *out);
void psv_fd_list_close(psv_fd_list *l);

/* One thread: its id and its own stat line (name, state, times). */
typedef struct psv_task_list psv_task_list;
int psv_task_list_open(psv_proc *p, psv_task_list **out);
/* 1 with *tid and *stat (comm lives until the next call), 0 at the end,
** or a negative errno. Threads that ended meanwhile are passed over. */
int psv_task_list_next(psv_task_list *l, int *tid, psv_stat *stat);
void psv_task_list_close(psv_task_list *l);

/* One mapping of /proc/PID/maps, with smaps' sizes (bytes) when asked. */
typedef struct psv_map {
  uint64_t start, end, offset, inode;
  char perms[8];       /* "r-xp" */
  char dev[16];        /* "fd:01", as the kernel prints it */
  const char *path;    /* not NUL-terminated; "" for anonymous memory */
  size_t path_len;
  int deleted;         /* path had the kernel's " (deleted)" mark, now off */
  int has_sizes;
  uint64_t rss, size, pss, shared_clean, shared_dirty, private_clean,
           private_dirty, referenced, anonymous, swap;
} psv_map;

typedef struct psv_map_list psv_map_list;
/* with_sizes: read smaps (the costly page-table walk) rather than maps. */
int psv_map_list_open(psv_proc *p, int with_sizes, psv_map_list **out);
/* 1 with *out filled (strings live until the next call), 0 at the end,
** or a negative errno. */
int psv_map_list_next(psv_map_list *l, psv_map *out);
void psv_map_list_close(psv_map_list *l);

/* Resource limits, in the kernel's RLIMIT_ order: psv_rlimit_names[i] is
** psutil's RLIMIT_* name of resource i, lower case without the prefix. */
#define PSV_N_RLIMITS 16
#define PSV_RLIM_INFINITY UINT64_MAX
extern const char *const psv_rlimit_names[PSV_N_RLIMITS];
extern const char *const psv_rlimit_units[PSV_N_RLIMITS];
typedef struct psv_rlimit {
  int has;
  uint64_t soft, hard;   /* PSV_RLIM_INFINITY: unlimited */
} psv_rlimit;
/* prlimit(2) where permitted, else /proc/PID/limits (readable by all).
** 0, PSV_GONE, or an errno. */
int psv_proc_rlimits(psv_proc *p, psv_rlimit out[PSV_N_RLIMITS]);

/* ---- Sockets (of the calling process's network namespace) ---------- */

typedef struct psv_socket {
  const char *family;   /* "AF_INET", "AF_INET6", "AF_UNIX" */
  const char *type;     /* "SOCK_STREAM", "SOCK_DGRAM", "SOCK_SEQPACKET" */
  const char *status;   /* psutil's: "ESTABLISHED", "LISTEN", ... "NONE" */
  char laddr[64], raddr[64];   /* inet: address text; "" when none */
  int lport, rport;            /* -1 when none (port 0) */
  const char *path;     /* unix: bound path, "@name" when abstract */
  size_t path_len;      /* 0 when unbound */
  uint64_t inode;
  int listening;        /* tcp LISTEN, a unix socket that accepts, or a udp
                        ** socket bound to a port and not connected */
} psv_socket;

/* Who holds a socket: a descriptor of a process, and (when asked for)
** the process's starttime, read through the same /proc/PID descriptor as
** its descriptors (see psv_procfs_create_time). */
typedef struct psv_socket_owner {
  uint64_t inode;
  int pid, fd;
  uint64_t starttime;
} psv_socket_owner;

/* The socket descriptors of the given processes (given == NULL: every
** process of the tree), sorted by inode, pid and fd, into *out (psv_free
** it). One readlink per descriptor is the cost of the whole scan, so a
** whole listing is shared among up to psv_max_threads() threads. A given
** pid that names a thread, not a process, holds nothing; so do processes
** the caller may not see. with_starttime: read each process's stat too
** (one more read per process). 0, or an errno (ENOMEM, EMFILE, ...) with
** *failed_pid set when it came from reading one process. */
int psv_socket_owners(psv_procfs *fs, const int *given, size_t n_given, int with_starttime,
                      psv_socket_owner **out, size_t *n_out, int *failed_pid);

/* How many threads the platform layer may use for one scan (psvtab.c sets
** it at load: one per online CPU, psv_online_cpus). */
void psv_set_max_threads(int n);
int psv_max_threads(void);
int psv_online_cpus(void);

typedef struct psv_socket_list psv_socket_list;
/* The sockets of the caller's network namespace: tcp (v4 and v6 mixed),
** udp, udp6 and unix, in that order. Of the machine's own /proc from the
** kernel (sock_diag), else from <procfs>/net/tcp, tcp6, udp, udp6 and
** unix; a file that does not exist (no IPv6) is passed over. */
int psv_socket_list_open(psv_procfs *fs, psv_socket_list **out);
/* 1 with *out filled (strings live until the next call), 0 at the end,
** or a negative errno. */
int psv_socket_list_next(psv_socket_list *l, psv_socket *out);
void psv_socket_list_close(psv_socket_list *l);

/* ---- Pure parsers (bytes in, struct out; no I/O) -------------------- */

int psv_parse_stat(const char *buf, size_t len, psv_stat *out);
int psv_parse_status(const char *buf, size_t len, psv_status *out);
int psv_parse_io(const char *buf, size_t len, psv_io *out);
int psv_parse_statm(const char *buf, size_t len, psv_statm *out);
/* Adds the lines of smaps or smaps_rollup text to *out (zero it first). */
void psv_parse_smaps(const char *buf, size_t len, psv_smaps *out);

/* The next entry of an environ block at or after *off: every
** NUL-terminated entry, and a final fragment without its NUL; empty entries
** hold nothing and are passed over. Sets *entry, *n, and *eq (offset of the
** first '=' in the entry, -1 when none); advances *off. 1, or 0 at the end. */
int psv_environ_next(const char *buf, size_t len, size_t *off,
                     const char **entry, size_t *n, long *eq);

/* Split a cmdline the way psutil does (NUL-separated; a rewritten,
** space-separated one split on spaces). Calls `each` per argument; stops
** and returns its non-zero result. */
int psv_cmdline_split(const char *buf, size_t len,
                      int (*each)(void *ctx, const char *arg, size_t n),
                      void *ctx);

/* Parse a CPU list such as "0-3,8,10-11". Calls `each` per CPU number.
** Returns 0, EINVAL for a malformed list, or `each`'s non-zero result. */
int psv_cpu_list_each(const char *buf, size_t len,
                      int (*each)(void *ctx, long cpu), void *ctx);

/* A line of fdinfo ("pos:\t0\nflags:\t0100002\n..."): 0 or EINVAL. */
int psv_parse_fdinfo(const char *buf, size_t len, int64_t *position, uint64_t *flags);
/* "socket:[12345]": 0 with the inode, or EINVAL for any other target. */
int psv_parse_socket_link(const char *s, size_t n, uint64_t *inode);
/* The header line of a mapping ("7f..-7f.. r-xp 00000000 fd:01 1234  /p"):
** 0, or EINVAL when the line is not one (a field line of smaps). */
int psv_parse_map_header(const char *line, size_t n, psv_map *out);
/* A field line of smaps ("Rss:  12 kB"): added to *out's sizes when it is
** one psutil reports. 0 for any field line, EINVAL for a header. */
int psv_parse_smaps_field(const char *line, size_t n, psv_map *out);
/* /proc/PID/limits text: the 16 rows of out. 0 or EINVAL (no row read). */
int psv_parse_limits(const char *buf, size_t len, psv_rlimit out[PSV_N_RLIMITS]);
/* A line of net/tcp, tcp6, udp or udp6 (v6: the *6 files; tcp: tcp*).
** 0, or EINVAL for the header and malformed lines. */
int psv_parse_inet_socket(const char *line, size_t n, int v6, int tcp, psv_socket *out);
/* A line of net/unix. 0, or EINVAL for the header and malformed lines. */
int psv_parse_unix_socket(const char *line, size_t n, psv_socket *out);

/* Read a file under the procfs root ("meminfo", "net/dev") whole into b. */
int psv_procfs_read(psv_procfs *fs, const char *relpath, psv_buf *b);

/* The next line of buf at or after *off (without its newline); 1, or 0 at
** the end. */
int psv_next_line(const char *buf, size_t len, size_t *off, const char **line, size_t *n);

/* ---- Network interfaces (of the calling process's network namespace) -- */

/* One line of /proc/net/dev. */
typedef struct psv_net_dev {
  const char *name;
  size_t name_len;
  uint64_t bytes_recv, packets_recv, errin, dropin;
  uint64_t bytes_sent, packets_sent, errout, dropout;
} psv_net_dev;

/* 0, or EINVAL for a line that is not an interface (the two headers). */
int psv_parse_net_dev_line(const char *line, size_t n, psv_net_dev *out);

/* Interface flags, in psutil's order: bit i is psv_if_flag_names[i]. */
extern const char *const psv_if_flag_names[];
extern const int psv_n_if_flags;
#define PSV_IF_RUNNING (1u << 6)

enum { PSV_DUPLEX_HALF, PSV_DUPLEX_FULL, PSV_DUPLEX_UNKNOWN };
enum {
  PSV_IFS_FLAGS = 1u << 0,   /* flags */
  PSV_IFS_MTU   = 1u << 1,   /* mtu */
  PSV_IFS_LINK  = 1u << 2    /* duplex and speed: the costly ethtool query */
};

typedef struct psv_if_stats {
  unsigned have;   /* PSV_IFS_* read */
  unsigned flags;
  int64_t mtu;
  int duplex;
  int64_t speed;   /* Mbit/s; 0 when unknown */
} psv_if_stats;

/* Where interface stats come from for one scan: the kernel (ioctls, as
** psutil) when `sysfs` is this machine's /sys, else that tree's
** class/net/NAME files (fixtures). */
typedef struct psv_netif psv_netif;
int psv_netif_open(const char *sysfs, psv_netif **out);
/* 0, PSV_GONE when the interface no longer exists, or an errno. */
int psv_netif_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out);
void psv_netif_close(psv_netif *nif);

/* Pure parsers of the sysfs values: "0x1003", "full", "-1". */
int psv_parse_sysfs_flags(const char *buf, size_t len, unsigned *out);
int psv_parse_sysfs_duplex(const char *buf, size_t len);
int psv_parse_sysfs_int(const char *buf, size_t len, int64_t *out);

/* One address of an interface, as psutil's net_if_addrs() gives it. Empty
** strings stand for "none". */
typedef struct psv_if_addr {
  const char *interface;
  const char *family;   /* "AF_INET", "AF_INET6" or "AF_LINK" */
  char address[80], netmask[80], broadcast[80], ptp[80];
} psv_if_addr;

typedef struct psv_if_addrs psv_if_addrs;
int psv_if_addrs_open(psv_if_addrs **out);
/* 1 with *out filled, 0 at the end. */
int psv_if_addrs_next(psv_if_addrs *list, psv_if_addr *out);
void psv_if_addrs_close(psv_if_addrs *list);

/* ---- Disk I/O counters ---------------------------------------------- */

/* Which groups of counters a line had. */
enum {
  PSV_DS_TIMES   = 1u << 0,  /* merged counts, times, in_flight, busy */
  PSV_DS_DISCARD = 1u << 1,  /* Linux 4.18+ */
  PSV_DS_FLUSH   = 1u << 2   /* Linux 5.5+ */
};

/* One device of /proc/diskstats or /sys/block; sectors are 512 bytes
** whatever the device's own sector size. Times in milliseconds. */
typedef struct psv_diskstat {
  char name[64];
  int is_partition;   /* -1: not known from the line alone */
  unsigned has;
  uint64_t reads, reads_merged, read_sectors, read_ms;
  uint64_t writes, writes_merged, write_sectors, write_ms;
  uint64_t in_flight, busy_ms;
  uint64_t discards, discards_merged, discard_sectors, discard_ms;
  uint64_t flushes, flush_ms;
} psv_diskstat;

/* One line of /proc/diskstats in any shape kernels have printed: Linux
** 2.4 (15 fields, #blocks before the name), 2.6 partitions (7), 14, 18
** (discards), 20 (flushes) and longer (the known fields are read).
** 0, or EINVAL for a line of no known shape. */
int psv_parse_diskstats_line(const char *line, size_t n, psv_diskstat *out);
/* /sys/block/NAME/stat (no name in it): 11, 15 or 17 numbers (4 for the
** partitions of old kernels). */
int psv_parse_block_stat(const char *buf, size_t n, psv_diskstat *out);

/* Every device: <procfs>/diskstats, or where it is missing the stat files
** under <sysfs>/block. Names are diskstats' ("cciss/c0d0", where sysfs
** says "cciss!c0d0"). is_partition: no <sysfs>/block/NAME directory. */
typedef struct psv_disks psv_disks;
int psv_disks_open(const char *procfs, const char *sysfs, psv_disks **out);
/* 1 with *out filled, 0 at the end, or a negative errno. */
int psv_disks_next(psv_disks *d, psv_diskstat *out);
void psv_disks_close(psv_disks *d);

/* ---- Mounted file systems ------------------------------------------ */

/* One mount, its fields decoded (NUL-terminated; a decoded \000 would
** make the length the one to trust). */
typedef struct psv_mount {
  const char *device, *mountpoint, *fstype, *opts;
  size_t device_len, mountpoint_len, fstype_len, opts_len;
} psv_mount;

/* One line of <procfs>/self/mounts, "DEV MNT TYPE OPTS 0 0", split and
** decoded in place: the kernel writes a space, tab, newline, backslash
** or '#' inside a field as a three-digit octal escape (\040). line[n]
** must be writable (the newline or the buffer's NUL): the last field is
** NUL-terminated there. 0, or EINVAL for a line of fewer than four fields. */
int psv_parse_mount_line(char *line, size_t n, psv_mount *out);

/* psutil's disk_partitions(all=False) test of a file system type: named
** in <procfs>/filesystems on a line without "nodev", or "zfs" (nodev, but
** counted). */
int psv_fstype_is_physical(const char *filesystems, size_t len,
                           const char *fstype, size_t n);

/* The mounts of <procfs>/self/mounts (or <procfs>/mounts), in order;
** device "none" is given as "". Without `all`, only psutil's default
** ones: a device, and a physical file system type. */
typedef struct psv_mounts psv_mounts;
int psv_mounts_open(const char *procfs, int all, psv_mounts **out);
/* 1 with *out filled (valid until the next call), 0 at the end. */
int psv_mounts_next(psv_mounts *m, psv_mount *out);
void psv_mounts_close(psv_mounts *m);

/* psutil's disk_usage(path), in bytes: total and used count the blocks
** reserved for root; free and percent are what other users may use. */
typedef struct psv_disk_usage {
  uint64_t total, used, free;
  double percent;   /* used / (used + free), rounded to 0.1 */
} psv_disk_usage;

/* The formula over statvfs's numbers (pure, for fixture tests). */
void psv_disk_usage_compute(uint64_t blocks, uint64_t bfree, uint64_t bavail,
                            uint64_t frsize, psv_disk_usage *out);
/* statvfs(path) through the formula: 0 or an errno. */
int psv_disk_usage_of(const char *path, psv_disk_usage *out);

/* ---- Sampling ------------------------------------------------------ */

/* Seconds of a clock that only goes forward (CLOCK_MONOTONIC). */
double psv_monotonic(void);
/* Sleep for `seconds`, or less when a signal arrives (then the caller
** decides: an interrupted query stops, see psv_scan_wait). */
void psv_sleep(double seconds);

/* A counter's growth between two samples; a counter that went down (it
** wrapped, or its device was replaced) has grown by 0. */
static inline uint64_t psv_delta(uint64_t before, uint64_t after) {
  return after > before ? after - before : 0;
}
/* growth / seconds; 0 when no time passed. */
static inline double psv_rate(uint64_t before, uint64_t after, double seconds) {
  return seconds > 0 ? (double)psv_delta(before, after) / seconds : 0.0;
}

/* ---- System memory ------------------------------------------------- */

/* psutil's virtual_memory(), in bytes (percent in %). */
typedef struct psv_vmem {
  uint64_t total, available, used, free, active, inactive, buffers, cached,
           shared, slab;
  double percent;
} psv_vmem;

/* psutil's swap_memory(), in bytes (percent in %). sin/sout: swapped in
** and out since boot. */
typedef struct psv_swap {
  uint64_t total, used, free, sin, sout;
  double percent;
  int has_sin_sout;
} psv_swap;

int psv_virtual_memory(psv_procfs *fs, psv_vmem *out);
int psv_swap_memory(psv_procfs *fs, psv_swap *out);

/* The meminfo fields the formulas use, in bytes; `has` bit i set when
** field i (enum psv_meminfo_field) was in the file. */
enum psv_meminfo_field {
  PSV_MI_MEMTOTAL, PSV_MI_MEMFREE, PSV_MI_MEMAVAILABLE, PSV_MI_BUFFERS,
  PSV_MI_CACHED, PSV_MI_SRECLAIMABLE, PSV_MI_SHMEM, PSV_MI_MEMSHARED,
  PSV_MI_ACTIVE, PSV_MI_INACTIVE, PSV_MI_INACT_DIRTY, PSV_MI_INACT_CLEAN,
  PSV_MI_INACT_LAUNDRY, PSV_MI_SLAB, PSV_MI_ACTIVE_FILE,
  PSV_MI_INACTIVE_FILE, PSV_MI_SWAPTOTAL, PSV_MI_SWAPFREE, PSV_MI_COUNT
};
typedef struct psv_meminfo {
  unsigned has;
  uint64_t v[PSV_MI_COUNT];
} psv_meminfo;

void psv_parse_meminfo(const char *buf, size_t len, psv_meminfo *out);
/* Sum of the "low" watermarks of /proc/zoneinfo, in pages. */
uint64_t psv_parse_zoneinfo_low(const char *buf, size_t len);
/* pswpin/pswpout of /proc/vmstat, in pages; 0 when both were found. */
int psv_parse_vmstat_swap(const char *buf, size_t len, uint64_t *in, uint64_t *out);

/* The psutil formulas over parsed files (pure, for fixture tests).
** zoneinfo_low: pages, or -1 when /proc/zoneinfo could not be read. */
/* psutil's usage_percent(used, total, round_=1); 0 when total is 0. */
double psv_percent_1(double used, double total);
/* Python's round(x, 1), which psutil rounds every percentage with: the
** exact binary value of x to one decimal, ties to even. */
double psv_round_1(double x);

void psv_vmem_compute(const psv_meminfo *mi, int64_t zoneinfo_low,
                      long page_size, psv_vmem *out);

/* ---- CPUs and the system ------------------------------------------- */

/* The fields of a "cpu" line of /proc/stat, in the kernel's order. */
enum psv_cpu_time_field {
  PSV_CPU_USER, PSV_CPU_NICE, PSV_CPU_SYSTEM, PSV_CPU_IDLE, PSV_CPU_IOWAIT,
  PSV_CPU_IRQ, PSV_CPU_SOFTIRQ, PSV_CPU_STEAL, PSV_CPU_GUEST,
  PSV_CPU_GUEST_NICE, PSV_CPU_N_FIELDS
};

/* The time one CPU, or all of them together, spent in each state since
** boot, in clock ticks (psv_clock_ticks() to the second). Only the first
** n_fields are known: kernels before 2.6.11 print 7 (no steal), before
** 2.6.24 8 (no guest), before 3.2 9 (no guest_nice). guest and guest_nice
** are also counted in user and nice: a sum of all fields counts them
** twice (psutil's cpu_percent leaves them out of the total). */
typedef struct psv_cpu_times {
  int cpu;        /* CPU number; -1 for the total of all CPUs */
  int n_fields;   /* 1 .. PSV_CPU_N_FIELDS */
  uint64_t ticks[PSV_CPU_N_FIELDS];
} psv_cpu_times;

/* One line of /proc/stat: 0 for "cpu ..." (the total, cpu = -1) and
** "cpuN ..." with at least one number; EINVAL for any other line. Fields
** after the first one that is not a number are missing. */
int psv_parse_cpu_times_line(const char *line, size_t n, psv_cpu_times *out);

/* Every CPU's times from one read of <procfs>/stat: the whole of what a
** sampler (cpu_percent over an interval) needs per sample. *out is an
** array of *n entries allocated with psv_malloc (the caller psv_frees
** it): out[0] is the total (cpu = -1), then one entry per "cpuN" line in
** the file's order (an offline CPU has no line, so numbers may skip).
** 0, ENOMEM, EINVAL (the file does not start with the total's line), or
** the errno of reading the file. */
int psv_cpu_times_read(const char *procfs, psv_cpu_times **out, size_t *n);

/* psutil's cpu_stats(): /proc/stat's ctxt, the first number of intr (the
** total of all interrupts) and of softirq. `has`: which lines were there. */
enum { PSV_CS_CTXT = 1u << 0, PSV_CS_INTR = 1u << 1, PSV_CS_SOFTIRQ = 1u << 2 };
typedef struct psv_cpu_stats {
  unsigned has;
  uint64_t ctx_switches, interrupts, soft_interrupts;
} psv_cpu_stats;
void psv_parse_cpu_stats(const char *buf, size_t len, psv_cpu_stats *out);
int psv_cpu_stats_read(const char *procfs, psv_cpu_stats *out);

/* The 1, 5 and 15 minute load averages of /proc/loadavg: 0, or EINVAL. */
int psv_parse_loadavg(const char *buf, size_t len, double out[3]);
int psv_load_avg_read(const char *procfs, double out[3]);

/* What /proc/cpuinfo tells of the CPU counts (psutil's fallbacks). */
typedef struct psv_cpuinfo {
  int64_t processors;  /* "processor" lines */
  int64_t cores;       /* the sum of "cpu cores" over distinct "physical
                       ** id"s of the processor sections; 0: none */
  int64_t n_mhz;       /* "cpu MHz" lines */
} psv_cpuinfo;
void psv_parse_cpuinfo(const char *buf, size_t len, psv_cpuinfo *out);
/* The next "cpu MHz" value at or after *off: 1 with *mhz set, 0 at the end. */
int psv_cpuinfo_next_mhz(const char *buf, size_t len, size_t *off, double *mhz);

/* psutil's cpu_count(logical=True): the CPUs of <sysfs>/devices/system/
** cpu/online (what sysconf(_SC_NPROCESSORS_ONLN) counts), else the
** "processor" lines of <procfs>/cpuinfo, else the "cpuN" lines of
** <procfs>/stat. *out is 0 when none says. 0 or ENOMEM. */
int psv_cpu_count_logical(const char *procfs, const char *sysfs, int64_t *out);
/* psutil's cpu_count(logical=False): the distinct topology/core_cpus_list
** (else thread_siblings_list) of <sysfs>/devices/system/cpu/cpuN, else
** the cpuinfo sum (psv_cpuinfo.cores). *out is 0 when unknown. 0 or ENOMEM. */
int psv_cpu_count_cores(const char *procfs, const char *sysfs, int64_t *out);

/* psutil's cpu_freq(percpu=True), in MHz, one entry per cpufreq policy
** (<sysfs>/devices/system/cpu/cpufreq/policyN, else cpuN/cpufreq) in
** CPU order. current: the "cpu MHz" of <procfs>/cpuinfo when it has one
** line per policy (psutil's choice: the kernel keeps it fresher), else
** scaling_cur_freq, else cpuinfo_cur_freq. Without cpufreq, one entry per
** "cpu MHz" line, current only. No entry at all where neither exists. */
typedef struct psv_cpu_freq {
  int cpu;
  int has_current, has_min, has_max;
  double current, min, max;
} psv_cpu_freq;
/* *out (psv_free it) holds *n entries. 0 or ENOMEM. */
int psv_cpu_freq_read(const char *procfs, const char *sysfs, psv_cpu_freq **out, size_t *n);

/* The running kernel's names (uname): NUL-terminated. */
typedef struct psv_uname {
  char hostname[256];
  char release[256];
} psv_uname;
int psv_uname_read(psv_uname *out);

/* One login of psutil's users(): a USER_PROCESS record of utmp. Strings
** point into the buffer given to psv_utmp_next and are not
** NUL-terminated; a host of ":0" or ":0.0" reads "localhost" (psutil). */
typedef struct psv_user {
  const char *name, *terminal, *host;
  size_t name_len, terminal_len, host_len;   /* terminal_len 0: none */
  int64_t started;                           /* Unix seconds */
  int64_t pid;
} psv_user;
/* The next USER_PROCESS record of a utmp file's bytes (struct utmpx
** records) at or after *off: 1 with *out set, or 0 at the end. A partial
** record at the end is not read. */
int psv_utmp_next(const char *buf, size_t len, size_t *off, psv_user *out);
/* Read a utmp file whole into b: `path`, or the system's (_PATH_UTMPX)
** when NULL. A missing file has no logins: 0 with b empty. */
int psv_utmp_read(const char *path, psv_buf *b);

/* ==== Facts for the osquery-compatible tables (issue 20) =============== */
/* Everything below is what the osquery_* tables read; it speaks facts in
** their units (bytes, seconds, Unix time, text as bytes), never a file
** format. The parsers behind it are private to the platform folder. */

/* ---- Files: one path, one directory, the paths a pattern names ------- */

typedef enum psv_file_type {
  PSV_FT_UNKNOWN = 0,   /* also: a symbolic link that points nowhere */
  PSV_FT_REGULAR, PSV_FT_DIRECTORY, PSV_FT_SYMLINK, PSV_FT_BLOCK,
  PSV_FT_CHARACTER, PSV_FT_FIFO, PSV_FT_SOCKET,
  PSV_FT_ERROR          /* a link that cannot be followed (a loop, a
                        ** directory the caller may not search) */
} psv_file_type;

/* What the system says of one path, the final symbolic link followed
** when it can be (else the link's own facts). */
typedef struct psv_file_info {
  int is_symlink;              /* the path itself is a symbolic link */
  const char *link_target;     /* is_symlink: its text (NULL when it could
                               ** not be read); lives in the caller's buffer */
  size_t link_target_len;
  psv_file_type type;          /* of what the path names, link followed */
  uint64_t inode, device;      /* device: the file system's */
  uint64_t special_device;     /* the device a device file is; else 0 */
  uint32_t uid, gid;
  uint32_t permissions;        /* the 12 permission bits (07777) */
  uint64_t size, block_size;   /* bytes; block_size: the preferred I/O size */
  uint64_t hard_links;
  int64_t atime, mtime, ctime; /* Unix seconds */
} psv_file_info;

/* Looks at `path` (NUL-terminated bytes) without opening it. 0, or the
** errno that says why there is nothing there to see (ENOENT, EACCES,
** ENAMETOOLONG, ...; ENOMEM is the system's). `link` holds the link text. */
int psv_file_stat(const char *path, psv_buf *link, psv_file_info *out);

/* The entries of one directory, "." and ".." left out. Opening never
** waits: anything but a directory fails (ENOTDIR), a FIFO included. */
typedef struct psv_dir psv_dir;
int psv_dir_open(const char *path, psv_dir **out);
/* 1 with *name (NUL-terminated, until the next call), 0 at the end, or a
** negative errno. */
int psv_dir_next(psv_dir *d, const char **name, size_t *len);
void psv_dir_close(psv_dir *d);

/* The paths an absolute file pattern names, as osquery's file table
** reads `path LIKE pattern`: '%' is any run of bytes within one component
** of the path (a name that starts with '.' only where the pattern's
** component does too), every other byte itself; a final "%%" names, with
** what "%" there names, everything below those directories, symbolic
** links followed, each directory once, PSV_GLOB_MAX_DEPTH levels down.
** A directory's path ends with '/'. folders_only: directories only. A
** relative pattern names nothing. each() gets every path (not sorted; a
** path may come twice); its non-zero result stops the walk and is
** returned. Otherwise 0, ENOMEM, EINVAL (more than PSV_GLOB_MAX_DEPTH
** components with '%', or PSV_GLOB_MAX_COMPONENTS in all), or E2BIG: the
** pattern names more than PSV_GLOB_MAX_PATHS paths, or naming them read
** more than PSV_GLOB_MAX_ENTRIES directory entries. Unreadable
** directories are passed over. */
#define PSV_GLOB_MAX_DEPTH 64
#define PSV_GLOB_MAX_COMPONENTS 256
#define PSV_GLOB_MAX_PATHS 100000
#define PSV_GLOB_MAX_ENTRIES 1000000
int psv_file_glob(const char *pattern, size_t n, int folders_only,
                  int (*each)(void *ctx, const char *path, size_t n), void *ctx);

/* Text the platform hands back: bytes and their length, no NUL needed;
** s == NULL: the fact is not known (the table shows NULL). */
typedef struct psv_str {
  const char *s;
  size_t n;
} psv_str;

/* ---- Records of the small system files ----------------------------- */
/* Each list below is read whole when opened (at most PSV_MAX_FILE bytes)
** and handed out one record at a time: next() gives 1 with *out filled
** (strings live until the next call), or 0 at the end. A list whose file
** does not exist is empty; open() fails only with an errno of reading it.
** psv_records_close() closes any of them. */
typedef struct psv_records psv_records;
void psv_records_close(psv_records *r);

/* The loaded kernel modules (Linux: <procfs>/modules), as the kernel
** lists them; size in bytes (as text: osquery's). */
typedef struct psv_kernel_module {
  psv_str name, size, used_by, status, address;
} psv_kernel_module;
int psv_kernel_modules_open(const char *procfs, psv_records **out);
int psv_kernel_module_next(psv_records *r, psv_kernel_module *out);

/* The neighbours of the IPv4 address resolution cache (<procfs>/net/arp). */
typedef struct psv_arp_entry {
  psv_str address, mac, interface;
  int permanent;   /* a static entry */
} psv_arp_entry;
int psv_arp_cache_open(const char *procfs, psv_records **out);
int psv_arp_entry_next(psv_records *r, psv_arp_entry *out);

/* The lines of the hosts file (<etc>/hosts): an address and its names,
** joined by single spaces (has_hostnames 0: the line has none). */
typedef struct psv_host_entry {
  psv_str address, hostnames;
  int has_hostnames;
} psv_host_entry;
int psv_hosts_open(const char *etc, psv_records **out);
int psv_host_entry_next(psv_records *r, psv_host_entry *out);

/* ---- The kernel and the OS release --------------------------------- */

/* The running kernel, as osquery's kernel_info reads it: its release,
** and its boot command line split into the image it booted, the root
** device and the other arguments (joined by single spaces). */
typedef struct psv_kernel_info {
  psv_str version, image_path, root_device, arguments;
  int has_arguments;   /* the command line could be read */
} psv_kernel_info;
/* Strings live in b. 0 or ENOMEM (a file that cannot be read leaves its
** facts unknown). */
int psv_kernel_info_read(const char *procfs, psv_buf *b, psv_kernel_info *out);

/* The OS release, as osquery's os_version reads it from <etc>/os-release
** (and <etc>/redhat-release or <etc>/gentoo-release where they exist):
** text as the files spell it; unknown facts NULL, except osquery's
** defaults (name "Unknown", platform "posix", major/minor/patch "0"). */
typedef struct psv_os_version {
  psv_str name, version, major, minor, patch, build, platform, platform_like, codename;
  psv_str version_id;
  char arch[65];   /* the machine's hardware name (uname -m) */
} psv_os_version;
/* Strings live in b. 0 or ENOMEM. */
int psv_os_version_read(const char *etc, psv_buf *b, psv_os_version *out);

/* ---- Mounts, as osquery's mounts lists them ------------------------- */

/* One mount of <procfs>/mounts, with what statfs says of it (not asked of
** an autofs mount, which statfs would make mount). */
typedef struct psv_fs_mount {
  psv_str device, device_alias, path, type, flags;
  int has_statfs;
  uint64_t block_size, blocks, blocks_free, blocks_available, inodes, inodes_free;
} psv_fs_mount;
int psv_fs_mounts_open(const char *procfs, psv_records **out);
int psv_fs_mount_next(psv_records *r, psv_fs_mount *out);

/* ---- Logins: the current ones (utmp) and the history (wtmp) -------- */

/* A record's kind, numbered as utmp.h numbers them (osquery shows the
** number): a login is PSV_LOGIN_USER, a logout PSV_LOGIN_DEAD. */
enum {
  PSV_LOGIN_EMPTY = 0, PSV_LOGIN_RUN_LEVEL = 1, PSV_LOGIN_BOOT = 2, PSV_LOGIN_NEW_TIME = 3,
  PSV_LOGIN_OLD_TIME = 4, PSV_LOGIN_INIT = 5, PSV_LOGIN_LOGIN = 6, PSV_LOGIN_USER = 7,
  PSV_LOGIN_DEAD = 8, PSV_LOGIN_ACCOUNTING = 9
};
typedef struct psv_login_record {
  int type;
  psv_str user, tty, host;
  int64_t pid, time;   /* time: Unix seconds */
} psv_login_record;
/* Every record of a login file in the file's order: `path`, or when NULL
** the system's history (history 1: wtmp) or its current logins (utmp). */
int psv_logins_open(const char *path, int history, psv_records **out);
int psv_login_record_next(psv_records *r, psv_login_record *out);

/* ---- Accounts (osquery's users: /etc/passwd, never a directory service) */

typedef struct psv_account {
  psv_str name, description, directory, shell;
  uint32_t uid, gid;
} psv_account;
/* The accounts of <etc>/passwd, in its order. */
int psv_accounts_open(const char *etc, psv_records **out);
int psv_account_next(psv_records *r, psv_account *out);

/* ---- More of one process, for osquery's process tables -------------- */

enum {
  PSV_PX_PGROUP  = 1u << 0,   /* its process group */
  PSV_PX_DISK_IO = 1u << 1,   /* bytes read from and written to storage */
  PSV_PX_ROOT    = 1u << 2,   /* its root directory */
  PSV_PX_CGROUP  = 1u << 3,   /* its control group */
  PSV_PX_NET_NS  = 1u << 4    /* its network namespace */
};
typedef struct psv_proc_extra {
  unsigned have;              /* PSV_PX_* read */
  int64_t pgroup;
  int64_t disk_read;          /* bytes the process made storage read */
  int64_t disk_written;       /* bytes it made storage write, less those
                              ** cancelled (truncated before written) */
  psv_str root, cgroup_path;  /* a path; the first hierarchy's group */
  uint64_t net_namespace;     /* the namespace's inode number */
  psv_buf text[2], file;      /* memory of the strings: zero the struct
                              ** once, psv_proc_extra_free() at the end */
} psv_proc_extra;
/* Reads the groups of `want` of an opened process: each one that cannot
** be read stays out of `have`. 0, or ENOMEM. */
int psv_proc_read_extra(psv_proc *p, unsigned want, psv_proc_extra *out);
void psv_proc_extra_free(psv_proc_extra *x);

/* ---- Sockets of every network namespace ----------------------------- */

enum { PSV_NET_INET = 1, PSV_NET_INET6, PSV_NET_UNIX, PSV_NET_PACKET };
typedef struct psv_net_socket {
  int family;                 /* PSV_NET_* */
  int protocol;               /* inet: IANA's number (6 tcp, 17 udp, 136
                              ** udplite, 255 raw, 1 icmp); packet: the
                              ** ethertype; unix: 0 */
  const char *local_address, *remote_address;  /* inet: text; an endpoint
                              ** without a port reads as the unspecified
                              ** address (0.0.0.0, ::); else "" */
  int local_port, remote_port;   /* 0 when none */
  psv_str path;               /* unix: its name ("@..." abstract); else "" */
  const char *tcp_state;      /* tcp: ESTABLISHED, LISTEN, ... CLOSE;
                              ** NULL for the others */
  uint64_t inode;
} psv_net_socket;
typedef struct psv_net_sockets psv_net_sockets;
/* The sockets of one network namespace: the caller's own (pid 0: tcp,
** udp and unix from the kernel itself where it can say, as
** psv_socket_list_open), or the one process `pid` of the procfs root is
** in (its net/ files); then the udplite, raw, icmp and packet sockets of
** the namespace's files. */
int psv_net_sockets_open(const char *procfs, int pid, psv_net_sockets **out);
/* 1 with *out (strings live until the next call), 0 at the end, or a
** negative errno. */
int psv_net_socket_next(psv_net_sockets *s, psv_net_socket *out);
void psv_net_sockets_close(psv_net_sockets *s);
/* The inode of the caller's own network namespace: 0 or an errno. */
int psv_self_net_namespace(uint64_t *out);

/* ---- The machine, as osquery's system_info names it ----------------- */

#define PSV_ID_TEXT 256
typedef struct psv_machine {
  /* NUL-terminated; "" when unknown (has_* says which are known) */
  char hostname[256], machine[65];
  char cpu_brand[PSV_ID_TEXT], cpu_model[PSV_ID_TEXT], cpu_microcode[PSV_ID_TEXT];
  int has_cpu_brand, has_cpu_model, has_cpu_microcode;
  int64_t cpu_siblings;        /* logical CPUs per package; 0 unknown */
  /* the firmware's (SMBIOS) system and board: vendor, model, version,
  ** serial, and the system's UUID; has_dmi 0 when it says nothing */
  int has_dmi;
  char sys_vendor[PSV_ID_TEXT], product[PSV_ID_TEXT], product_version[PSV_ID_TEXT],
       product_serial[PSV_ID_TEXT], product_uuid[PSV_ID_TEXT];
  char board_vendor[PSV_ID_TEXT], board[PSV_ID_TEXT], board_version[PSV_ID_TEXT],
       board_serial[PSV_ID_TEXT];
  /* which of the firmware's values could be read (serials and the UUID
  ** are root's): bit i for the i-th field above, sys_vendor first */
  unsigned dmi_have;
} psv_machine;
/* From <procfs>/cpuinfo, <sysfs>/class/dmi/id and uname. 0 or ENOMEM. */
int psv_machine_read(const char *procfs, const char *sysfs, psv_machine *out);

#endif /* PSV_PLATFORM_H */
