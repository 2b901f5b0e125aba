/*
** platform.h — what the tables know of the operating system, and the one
** way they reach it.
**
** Everything here is a fact in the unit a table publishes: sizes in bytes,
** times in seconds or Unix time, counts, yes or no, and text as bytes (a
** pointer and a length; any bytes, NUL-terminated only where it says so).
** What an OS, its version or the caller's rights did not give is left out
** of a "have" bit set, and the table shows NULL. Nothing here names a file,
** a format or a system call of any OS. Each OS implements this header in a
** folder of its own (ext/platform/<os>/, chosen by configure); the stub
** platform (ext/platform/stub/) implements it with nothing at all, and is
** where a port starts (docs/platforms.md, "Porting"). This layer knows nothing of
** SQLite; what it shares among its platforms is in ext/platform/common.c.
**
**   1. Memory, buffers, errors
**   2. Where the OS is read from: the platform's CREATE arguments, and the
**      psv_os handle a cursor reads through
**   3. Processes: the listing, one process's facts, its lists
**   4. Sockets
**   5. Network interfaces
**   6. Disks and file systems
**   7. Memory, CPUs, the system, logins
**   8. Time and threads
**   9. Files, the kernel, the system's configuration (what osquery's
**      tables read)
**
** What a table asks of a process is a set of facts (PSV_PROC_*, one bit per
** fact or per few facts that every OS gives together), and each platform
** maps them to what it reads. Where several facts come from one read (on
** Linux the parent, name, state and CPU times are one file), a query that
** uses any of them pays that read once, and one that uses none never pays
** it: the reads are the union of those of the facts wanted, exactly what a
** query's columns need. Where an OS gives the same facts otherwise (on
** Windows a snapshot of every process gives parents and names at no cost
** per process, while CPU times take a handle and a call), the same bits
** map to its own reads. Groups named after one OS's reads would make every
** other OS read more than a query uses, or be split again. The same holds
** for the system facts (PSV_SYS_*) and the interfaces' (PSV_IFS_*).
**
** Errors are errno values (0: success); PSV_GONE: the process (interface,
** ...) no longer exists, the caller passes over it. A call on a psv_os that
** fails leaves what it was reading for psv_os_failure. A string a call
** returns lives until the next call on the same object, unless it says.
*/
#ifndef PSV_PLATFORM_H
#define PSV_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/* ======================================================================
** 1. Memory, buffers, errors
** ====================================================================== */

#define PSV_GONE (-1)

/* Memory for the platform layer. The layer above provides these (ext/
** alloc.c routes them to sqlite3_malloc, so the host's limits and its
** test allocators apply); a fuzzer links plain malloc instead. Memory that
** the C library or the OS takes for itself is not covered.
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

/* Growable byte buffer: what the platform layer hands strings back in. */
typedef struct psv_buf {
  char *p;
  size_t n, cap;
} psv_buf;

/* The most read of any one value a process keeps (its command line, its
** environment, ...): a process cannot make a query take unbounded memory.
** What lies beyond is not read: the value is cut there, and the fact says
** so (psv_proc_info.cut; docs/security.md). */
#define PSV_MAX_FILE ((size_t)16 << 20)
int psv_buf_reserve(psv_buf *b, size_t cap);   /* 0 or ENOMEM */
int psv_buf_append(psv_buf *b, const void *data, size_t n);
void psv_buf_free(psv_buf *b);

/* The name of this platform (psvtab_platform()): "linux", "stub", ... */
const char *psv_platform_name(void);

/* 1 for the errors that are the system's trouble rather than one
** process's (ENOMEM, EMFILE, ENFILE, ENOBUFS): a query reports them. */
int psv_is_resource_errno(int err);

/* A FIFO, device or socket where a file is read: never read (a FIFO
** would block, a device might never end), reported like a file the caller
** may not read. Beyond every errno; psv_strerror calls it "not a regular
** file". */
#define PSV_ENOTREG 10000

/* Thread-safe text of an errno value. */
const char *psv_strerror(int err, char *buf, size_t size);

/* psutil's usage_percent(used, total, round_=1); 0 when total is 0. */
double psv_percent_1(double used, double total);
/* Python's round(x, 1), which psutil rounds every percentage with: the
** exact binary value of x to one decimal, ties to even. */
double psv_round_1(double x);

/* A counter's growth between two samples; a counter that went down (it
** wrapped, or its device was replaced) has grown by 0. */
static inline uint64_t psv_delta(uint64_t before, uint64_t after) {
  return after > before ? after - before : 0;
}
/* growth / seconds; 0 when no time passed. */
static inline double psv_rate(uint64_t before, uint64_t after, double seconds) {
  return seconds > 0 ? (double)psv_delta(before, after) / seconds : 0.0;
}

/* ======================================================================
** 2. Where the OS is read from
** ====================================================================== */

/* Kinds of facts: what a table reads (psv_table.kinds), and what an
** argument of the platform says where to read (psv_platform_arg.kinds). */
enum {
  PSV_KIND_PROCESSES = 1u << 0,   /* processes and what they hold */
  PSV_KIND_SOCKETS   = 1u << 1,   /* sockets and the processes holding them */
  PSV_KIND_MEMORY    = 1u << 2,   /* system memory and swap */
  PSV_KIND_CPU_USE   = 1u << 3,   /* CPU times and counters, load */
  PSV_KIND_CPU_INFO  = 1u << 4,   /* CPU counts and frequencies */
  PSV_KIND_SYSTEM    = 1u << 5,   /* boot time, names, constants */
  PSV_KIND_DISKS     = 1u << 6,   /* block devices and their counters */
  PSV_KIND_MOUNTS    = 1u << 7,   /* mounted file systems */
  PSV_KIND_NET_IO    = 1u << 8,   /* network interfaces and their counters */
  PSV_KIND_NET_IF    = 1u << 9,   /* network interfaces and their state */
  PSV_KIND_NET_ADDRS = 1u << 10,  /* network interfaces' addresses */
  PSV_KIND_LOGINS    = 1u << 11,  /* users logged in, and the login history */
  PSV_KIND_FILES     = 1u << 12,  /* files by path (no argument redirects them) */
  PSV_KIND_CONFIG    = 1u << 13,  /* accounts, host names, the OS release */
  PSV_KIND_KERNEL    = 1u << 14,  /* the kernel: its release, boot arguments, modules */
  PSV_KIND_NEIGHBORS = 1u << 15   /* the address resolution (ARP) cache */
};

/* An argument a table may be created with, to read the OS from elsewhere
** than the running system (a tree mounted for another machine, a copy, a
** fixture): CREATE VIRTUAL TABLE temp.t USING processes(NAME='VALUE'). A
** table takes the arguments of the kinds of facts it reads. Every argument
** names a directory or a file, so only TEMP tables take them. */
typedef struct psv_platform_arg {
  const char *name;
  int is_file;          /* 1: names a file, 0: a directory */
  unsigned kinds;       /* PSV_KIND_*: the facts it says where to read */
  const char *doc;
  /* NULL, or: 0 when the directory (or file), which exists, can serve;
  ** EINVAL when it holds nothing of what it should (*wanted then says
  ** what such a one holds); or the errno of looking into it. */
  int (*check)(const char *value, const char **wanted);
} psv_platform_arg;

#define PSV_MAX_PLATFORM_ARGS 8
/* This platform's arguments: *n of them (at most PSV_MAX_PLATFORM_ARGS;
** none is a valid answer). */
const psv_platform_arg *psv_platform_args(int *n);

/* Whether `path` names a directory (is_file 0) or a regular file: 0, or
** ENOENT, ENOTDIR, EISDIR, PSV_ENOTREG (a FIFO, a device, ...), ... */
int psv_check_path(const char *path, int is_file);

/* What a cursor reads the OS through: the values of the platform's
** arguments, and what serves the cursor's scans (user names, terminals,
** boot time, ...). One per cursor, used by one thread at a time. */
typedef struct psv_os psv_os;

/* values[i] is the value given for argument i of psv_platform_args(), or
** NULL: the running system's. Nothing is read yet. 0 or ENOMEM. */
int psv_os_open(const char *const *values, psv_os **out);
void psv_os_close(psv_os *os);

/* What the last call on `os` that failed was reading, for the message the
** query fails with (the errno's text follows it). Lives until the next
** call on os. */
const char *psv_os_failure(psv_os *os);

/* ======================================================================
** 3. Processes
** ====================================================================== */

typedef struct psv_pid_list psv_pid_list;
/* Every process, by pid. 0 or an errno. */
int psv_pid_list_open(psv_os *os, psv_pid_list **out);
/* 1 with *pid set, 0 at the end, or a negative errno. */
int psv_pid_list_next(psv_pid_list *list, int *pid);
void psv_pid_list_close(psv_pid_list *list);

/* CPU time as the OS counts it: a whole number of the platform's units.
** Whole numbers, so that the growth between two samples is exact;
** psv_cpu_seconds gives the seconds of a count, or of a growth (either
** as a double). */
typedef uint64_t psv_cpu_time;
double psv_cpu_seconds(double count);

/* A process's state, as psutil names them. */
typedef enum psv_proc_state {
  PSV_STATE_UNKNOWN = 0,
  PSV_STATE_RUNNING, PSV_STATE_SLEEPING, PSV_STATE_DISK_SLEEP,
  PSV_STATE_STOPPED, PSV_STATE_TRACING_STOP, PSV_STATE_ZOMBIE,
  PSV_STATE_DEAD, PSV_STATE_WAKE_KILL, PSV_STATE_WAKING,
  PSV_STATE_IDLE, PSV_STATE_PARKED
} psv_proc_state;
/* psutil's name of a state ("running", "disk-sleep", ...); NULL: unknown. */
const char *psv_state_name(psv_proc_state state);

/* The facts of one process: what psv_proc_read is asked for, and what its
** `have` says it found. Each names fields of psv_proc_info. */
#define PSV_PROC_PPID          ((uint64_t)1 << 0)   /* ppid */
#define PSV_PROC_NAME          ((uint64_t)1 << 1)   /* name */
#define PSV_PROC_STATUS        ((uint64_t)1 << 2)   /* status */
#define PSV_PROC_CREATE_TIME   ((uint64_t)1 << 3)   /* create_time */
#define PSV_PROC_START         ((uint64_t)1 << 4)   /* start */
#define PSV_PROC_CPU_TIMES     ((uint64_t)1 << 5)   /* cpu_user, cpu_system */
#define PSV_PROC_CPU_CHILDREN  ((uint64_t)1 << 6)   /* cpu_children_user, _system */
#define PSV_PROC_CPU_IOWAIT    ((uint64_t)1 << 7)   /* cpu_iowait */
#define PSV_PROC_CPU_NUM       ((uint64_t)1 << 8)   /* cpu_num */
#define PSV_PROC_NICE          ((uint64_t)1 << 9)   /* nice */
#define PSV_PROC_NUM_THREADS   ((uint64_t)1 << 10)  /* num_threads */
#define PSV_PROC_TERMINAL      ((uint64_t)1 << 11)  /* terminal */
#define PSV_PROC_UIDS          ((uint64_t)1 << 12)  /* uid[] */
#define PSV_PROC_GIDS          ((uint64_t)1 << 13)  /* gid[] */
#define PSV_PROC_USERNAME      ((uint64_t)1 << 14)  /* username */
#define PSV_PROC_CTX_SWITCHES  ((uint64_t)1 << 15)  /* ctx_switches_* */
#define PSV_PROC_MEMORY        ((uint64_t)1 << 16)  /* rss, vms */
#define PSV_PROC_MEMORY_LAYOUT ((uint64_t)1 << 17)  /* shared, text, lib, data, dirty */
#define PSV_PROC_MEMORY_UNIQUE ((uint64_t)1 << 18)  /* uss, pss, swap: costly */
#define PSV_PROC_RSS_ANON      ((uint64_t)1 << 19)  /* rss_anon */
#define PSV_PROC_RSS_FILE      ((uint64_t)1 << 20)  /* rss_file */
#define PSV_PROC_RSS_SHMEM     ((uint64_t)1 << 21)  /* rss_shmem */
#define PSV_PROC_PEAK_RSS      ((uint64_t)1 << 22)  /* peak_rss */
#define PSV_PROC_PEAK_VMS      ((uint64_t)1 << 23)  /* peak_vms */
#define PSV_PROC_HUGETLB       ((uint64_t)1 << 24)  /* hugetlb */
#define PSV_PROC_CMDLINE       ((uint64_t)1 << 25)  /* cmdline */
#define PSV_PROC_EXE           ((uint64_t)1 << 26)  /* exe */
#define PSV_PROC_CWD           ((uint64_t)1 << 27)  /* cwd */
#define PSV_PROC_IO            ((uint64_t)1 << 28)  /* io_read/write_count, _bytes */
#define PSV_PROC_IO_CHARS      ((uint64_t)1 << 29)  /* io_read/write_chars */
#define PSV_PROC_NUM_FDS       ((uint64_t)1 << 30)  /* num_fds */
#define PSV_PROC_IONICE        ((uint64_t)1 << 31)  /* ionice_class, ionice_value */
#define PSV_PROC_AFFINITY      ((uint64_t)1 << 32)  /* affinity */
#define PSV_PROC_ENVIRON       ((uint64_t)1 << 33)  /* environ */
#define PSV_PROC_OS_NAME       ((uint64_t)1 << 34)  /* os_name */
#define PSV_PROC_PGROUP        ((uint64_t)1 << 35)  /* pgroup */
#define PSV_PROC_DISK_IO       ((uint64_t)1 << 36)  /* disk_read, disk_written */
#define PSV_PROC_ROOT          ((uint64_t)1 << 37)  /* root */
#define PSV_PROC_CGROUP        ((uint64_t)1 << 38)  /* cgroup, cgroup_len */
#define PSV_PROC_NET_NAMESPACE ((uint64_t)1 << 39)  /* net_namespace */
/* What Windows' memory counters give beyond these (psutil's memory_info()
** there): the others' OSes leave them out. */
#define PSV_PROC_PAGE_FAULTS   ((uint64_t)1 << 40)  /* num_page_faults */
#define PSV_PROC_POOLS         ((uint64_t)1 << 41)  /* paged_pool, nonpaged_pool, peaks */
#define PSV_PROC_PRIVATE       ((uint64_t)1 << 42)  /* private_bytes */

/* A path a process holds open as its executable or current directory. */
typedef struct psv_link {
  const char *path;   /* not NUL-terminated */
  size_t len;
  int deleted;        /* the file was deleted (or replaced) meanwhile */
} psv_link;

/* CPUs first..last. */
typedef struct psv_cpu_range { int first, last; } psv_cpu_range;

typedef struct psv_proc_info {
  uint64_t have;            /* PSV_PROC_* known */
  uint64_t cut;             /* of those, values cut at PSV_MAX_FILE */
  int ppid;
  const char *name;         /* psutil's name() */
  size_t name_len;
  psv_proc_state status;
  double create_time;       /* Unix time; the same in every table (below) */
  uint64_t start;           /* the start in the OS's own count: with the pid
                            ** it tells one instance from a later one */
  psv_cpu_time cpu_user, cpu_system, cpu_children_user, cpu_children_system,
               cpu_iowait;  /* children: the waited-for ones */
  int64_t cpu_num;          /* the CPU it last ran on */
  int64_t nice;
  int64_t num_threads;
  const char *terminal;     /* controlling terminal's path; NULL: none.
                            ** NUL-terminated, lives as long as the os */
  uint32_t uid[3], gid[3];  /* real, effective, saved */
  const char *username;     /* the real user's name (the uid's digits when it
                            ** has none); NUL-terminated, lives as the os */
  uint64_t ctx_switches_voluntary, ctx_switches_involuntary;
  /* memory, bytes */
  uint64_t rss, vms, shared, text, lib, data, dirty;
  uint64_t uss, pss, swap;
  uint64_t rss_anon, rss_file, rss_shmem, peak_rss, peak_vms, hugetlb;
  uint64_t num_page_faults, paged_pool, peak_paged_pool, nonpaged_pool,
           peak_nonpaged_pool, private_bytes;
  const char *cmdline;      /* the arguments as the OS keeps them: walk */
  size_t cmdline_len;       /* them with psv_cmdline_split */
  psv_link exe, cwd;
  uint64_t io_read_count, io_write_count, io_read_bytes, io_write_bytes,
           io_read_chars, io_write_chars;
  int64_t num_fds;
  const char *ionice_class; /* "none", "rt", "be", "idle", ...; NULL: a class
                            ** this OS has no name for */
  int64_t ionice_value;
  const psv_cpu_range *affinity;   /* CPUs it may run on, ascending */
  size_t affinity_n;
  const char *environ;      /* its environment: walk it with psv_environ_next */
  size_t environ_len;
  const char *os_name;      /* the name as the OS itself keeps it, which */
  size_t os_name_len;       /* may be cut (Linux: at 15 bytes; psutil's
                            ** `name` completes it from the command line) */
  int64_t pgroup;           /* its process group */
  int64_t disk_read;        /* bytes storage read for it */
  int64_t disk_written;     /* bytes it had storage write, less those
                            ** cancelled (truncated before written) */
  psv_link root;            /* its root directory (chroot) */
  const char *cgroup;       /* its control group's path (the first */
  size_t cgroup_len;        /* hierarchy's where the OS keeps several) */
  uint64_t net_namespace;   /* its network namespace's identity */
} psv_proc_info;

typedef struct psv_proc psv_proc;

psv_proc *psv_proc_new(void);
void psv_proc_free(psv_proc *p);

/* Attach to one process instance: every fact and list read through p is
** of that instance, never of a process that reused its pid meanwhile.
** 0, PSV_GONE (gone, or hidden from the caller), or an errno (the system's
** trouble: the query reports it). `verify_pid` set: make sure the pid
** names a process, not a thread of one (a pid that came from the user
** rather than from the listing). */
int psv_proc_open(psv_proc *p, psv_os *os, int pid, int verify_pid);

/* Read the facts `want` names (PSV_PROC_*) into *info (cleared first);
** info->have says which were found: one the caller may not see, or this
** OS does not keep, is left out. create_time is the platform's promise:
** the same value for one process instance in every table and scan, so
** that (pid, create_time) names the instance. 0, PSV_GONE (pass over the
** process), or an errno that is the system's trouble. Strings live until
** the next psv_proc_read or psv_proc_close. */
int psv_proc_read(psv_proc *p, uint64_t want, psv_proc_info *info);

/* Detach from the process (the buffers stay for the next one). */
void psv_proc_close(psv_proc *p);

/* Calls each(ctx, arg, n) per argument of a command line as the OS keeps
** it (psv_proc_info.cmdline), in order; stops at each's first non-zero
** result and returns it. */
int psv_cmdline_split(const char *buf, size_t len,
                      int (*each)(void *ctx, const char *arg, size_t n),
                      void *ctx);

/* The next entry of an environment as the OS keeps it
** (psv_proc_info.environ) at or after *off: *entry and *n, and *eq the
** offset of the first '=' in it (-1: none). *index becomes the entry's
** place in the environment, counting the empty entries passed over (the
** caller sets it to -1 before the first call). 1, or 0 at the end. */
int psv_environ_next(const char *buf, size_t len, size_t *off, int64_t *index,
                     const char **entry, size_t *n, long *eq);

/* ---- Reading processes ahead ------------------------------------------ */
/* The facts whose reading costs more than handing a process to another
** thread (a walk of the page tables, another process's memory, a
** directory of descriptors): a full scan that wants any of them is worth
** reading ahead. */
#define PSV_PROC_COSTLY (PSV_PROC_MEMORY_UNIQUE | PSV_PROC_ENVIRON | PSV_PROC_NUM_FDS)

/* A full scan read ahead on `threads` threads (2 or more), the caller's
** among them: while the caller uses one process, workers open and read
** (psv_proc_open, psv_proc_read with `want`) the next ones of the
** listing, at most `depth` processes beyond the one in use, so memory
** stays bounded and a scan that stops early has read at most `depth`
** processes it did not use. The caller gets them in the listing's order,
** whatever the timing; each as psv_proc_read gives it (one process
** instance; the facts one may not see left out), and processes that
** vanished are passed over. The workers never call the layer above
** (psv_worker_enter). 0, ENOSYS where this platform has no threads (read
** one by one then), or an errno. */
typedef struct psv_ahead psv_ahead;
/* What more a worker reads of each process while it holds it open (its
** mappings, say), into a block of `size` bytes of the process's slot:
** read() is called on the worker (only this layer's calls, blocks from
** psv_malloc), with the facts read; it gives 0 (also for a list the caller
** may not see: the block then says so), PSV_GONE (no row), or a resource
** errno (psv_os_failure of the worker's handle, which read() reads
** through p, says what failed). release() frees what the block holds, on
** the caller's thread, at psv_ahead_close. */
typedef struct psv_ahead_extra {
  size_t size;
  int (*read)(void *ctx, psv_proc *p, const psv_proc_info *info, void *block);
  void (*release)(void *block);
  void *ctx;   /* read-only while the ahead is open */
} psv_ahead_extra;
/* `list`, opened on os, stays the caller's: the ahead reads it (on the
** caller's thread) until psv_ahead_close. extra: NULL, or as above. */
int psv_ahead_open(psv_os *os, psv_pid_list *list, int threads, int depth, uint64_t want,
                   const psv_ahead_extra *extra, psv_ahead **out);
/* The next process: 1 with *pid, *info (whose strings live until the
** next call) and *block (the extra's, or NULL), 0 at the end, or a
** negative errno that is the system's trouble (ENOMEM, EMFILE, ...) met
** at that point of the listing: then psv_ahead_failure says what was
** being read, and the scan is over. */
int psv_ahead_next(psv_ahead *a, int *pid, psv_proc_info *info, void **block);
const char *psv_ahead_failure(psv_ahead *a);
/* Stops the workers (each ends the read it is in) and frees everything:
** no thread of the scan is left when it returns. NULL is fine. */
void psv_ahead_close(psv_ahead *a);

/* ---- A process's lists ------------------------------------------------ */
/* Each is read through an opened psv_proc, so it belongs to that process
** instance. Opening gives 0, PSV_GONE, or an errno: a resource errno is
** the system's trouble (psv_os_failure says what), any other means the
** caller may not see the list (the table shows no rows for the process).
** next() gives 1 with a row, 0 at the end, or a negative resource errno;
** what vanished meanwhile (a thread, a descriptor) is passed over. */

/* Threads. */
typedef struct psv_thread {
  int tid;
  const char *name;   /* its own name; NULL when it has none */
  size_t name_len;
  psv_proc_state status;
  psv_cpu_time user_time, system_time;
} psv_thread;
typedef struct psv_thread_list psv_thread_list;
int psv_thread_list_open(psv_proc *p, psv_thread_list **out);
int psv_thread_list_next(psv_thread_list *l, psv_thread *out);
void psv_thread_list_close(psv_thread_list *l);

/* Regular files the process holds open (psutil's open_files()). */
enum {
  PSV_FILE_POSITION = 1u << 0,  /* position, mode, flags: a read more per file */
  PSV_FILE_EVERY    = 1u << 1   /* every descriptor whose target the OS can
                                ** name (kind says what it is), not only
                                ** regular files; a name too long is left out */
};
/* What a descriptor refers to (with PSV_FILE_EVERY). */
enum {
  PSV_FD_PATH = 0,   /* a file, directory or device by its path */
  PSV_FD_SOCKET, PSV_FD_PIPE,
  PSV_FD_ANON,       /* an object with no file behind it (an event, a timer) */
  PSV_FD_OTHER       /* anything else the OS names (a namespace, ...) */
};
typedef struct psv_open_file {
  unsigned have;       /* PSV_FILE_* found */
  int kind;            /* PSV_FD_*: PSV_FD_PATH without PSV_FILE_EVERY */
  int fd;              /* descriptor, or -1 where the OS has none */
  const char *path;    /* NULL when longer than the OS can give */
  size_t path_len;
  int deleted;         /* the file was deleted while open */
  int64_t position;
  const char *mode;    /* psutil's 'r', 'w', 'a', 'r+' or 'a+'; NULL: none */
  uint64_t flags;      /* the open flags, as the OS numbers them */
} psv_open_file;
typedef struct psv_open_files psv_open_files;
int psv_open_files_open(psv_proc *p, psv_open_files **out);
/* `want`: the PSV_FILE_* facts to read. */
int psv_open_files_next(psv_open_files *l, unsigned want, psv_open_file *out);
void psv_open_files_close(psv_open_files *l);

/* Memory mappings, with their sizes (bytes) when asked. */
typedef struct psv_map {
  uint64_t start, end, offset, inode;
  char perms[8];       /* "r-xp": read, write, execute, p(rivate)/s(hared) */
  char dev[16];        /* device of the mapped file, "major:minor" in hex */
  const char *path;    /* not NUL-terminated; "" for anonymous memory */
  size_t path_len;
  int deleted;         /* the mapped file was deleted */
  int has_sizes;
  uint64_t rss, size, pss, shared_clean, shared_dirty, private_clean,
           private_dirty, referenced, anonymous, swap;
} psv_map;
typedef struct psv_map_list psv_map_list;
/* with_sizes: the sizes too (on some OSes a costly walk of the memory). */
int psv_map_list_open(psv_proc *p, int with_sizes, psv_map_list **out);
int psv_map_list_next(psv_map_list *l, psv_map *out);
void psv_map_list_close(psv_map_list *l);

/* Resource limits (psutil's rlimit()). */
#define PSV_MAX_LIMITS 32
#define PSV_UNLIMITED UINT64_MAX
typedef struct psv_limit {
  const char *name;    /* psutil's RLIMIT_* name, lower case without RLIMIT_ */
  const char *unit;    /* "bytes", "seconds", "files", ...; NULL: none */
  uint64_t soft, hard; /* PSV_UNLIMITED: none */
} psv_limit;
/* Every limit the OS keeps for the process, into out[0 .. *n). 0, PSV_GONE
** or an errno (as a list's opening). */
int psv_proc_limits(psv_proc *p, psv_limit out[PSV_MAX_LIMITS], int *n);

/* ======================================================================
** 4. Sockets (of the caller's network namespace)
** ====================================================================== */

typedef struct psv_socket {
  const char *family;   /* "AF_INET", "AF_INET6", "AF_UNIX" */
  const char *type;     /* "SOCK_STREAM", "SOCK_DGRAM", "SOCK_SEQPACKET" */
  const char *status;   /* psutil's: "ESTABLISHED", "LISTEN", ... "NONE" */
  char laddr[64], raddr[64];   /* inet: address text; "" when none */
  int lport, rport;            /* -1 when none (port 0) */
  const char *path;     /* unix: bound path, "@name" when abstract */
  size_t path_len;      /* 0 when unbound */
  uint64_t inode;       /* the socket's identity, as its holders see it */
  int no_inode;         /* 1: the OS names sockets otherwise (inode NULL) */
  int listening;        /* tcp LISTEN, a unix socket that accepts, or a udp
                        ** socket bound to a port and not connected */
} psv_socket;

typedef struct psv_socket_list psv_socket_list;
/* Every socket: tcp (v4 and v6 mixed), udp, udp6 and unix, in that order. */
int psv_socket_list_open(psv_os *os, psv_socket_list **out);
/* 1 with *out filled, 0 at the end, or a negative errno. */
int psv_socket_list_next(psv_socket_list *l, psv_socket *out);
void psv_socket_list_close(psv_socket_list *l);

/* Who holds a socket: a descriptor of a process, and (when asked for) the
** process's create_time, read from the same instance as its descriptors. */
typedef struct psv_socket_owner {
  uint64_t inode;
  int pid, fd;
  uint64_t start;          /* as psv_proc_info.start */
  int has_create_time;
  double create_time;
} psv_socket_owner;

/* The socket descriptors of the given processes (given == NULL: every
** process), sorted by inode, pid and fd, into *out (psv_free it). A whole
** listing may be shared among up to psv_max_threads() threads. A given pid
** that names a thread, not a process, holds nothing; so do processes the
** caller may not see. with_create_time: each owner's create_time too.
** 0 or an errno (ENOMEM, EMFILE, ...). */
int psv_socket_owners(psv_os *os, const int *given, size_t n_given, int with_create_time,
                      psv_socket_owner **out, size_t *n_out);

/* ======================================================================
** 5. Network interfaces (of the caller's network namespace)
** ====================================================================== */

/* An interface and its counters since it came up. */
typedef struct psv_if_io {
  char name[64];
  uint64_t bytes_sent, bytes_recv, packets_sent, packets_recv,
           errin, errout, dropin, dropout;
} psv_if_io;
typedef struct psv_if_io_list psv_if_io_list;
/* Every interface, with its counters read at once. 0 or an errno. */
int psv_if_io_open(psv_os *os, psv_if_io_list **out);
/* 1 with *out filled, 0 at the end. */
int psv_if_io_next(psv_if_io_list *l, psv_if_io *out);
void psv_if_io_close(psv_if_io_list *l);

/* An interface's state (psutil's net_if_stats()). */
enum {
  PSV_IFS_FLAGS = 1u << 0,   /* isup, flags */
  PSV_IFS_MTU   = 1u << 1,   /* mtu */
  PSV_IFS_LINK  = 1u << 2    /* duplex and speed: a costly query */
};
enum { PSV_DUPLEX_HALF, PSV_DUPLEX_FULL, PSV_DUPLEX_UNKNOWN };
typedef struct psv_if_stats {
  unsigned have;   /* PSV_IFS_* read */
  int isup;        /* up and running */
  char flags[256]; /* flag names in psutil's order, comma-separated */
  int64_t mtu;
  int duplex;
  int64_t speed;   /* Mbit/s; 0 when unknown */
} psv_if_stats;
typedef struct psv_netif psv_netif;
int psv_netif_open(psv_os *os, psv_netif **out);
/* 0, PSV_GONE when the interface no longer exists, or an errno. */
int psv_netif_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out);
void psv_netif_close(psv_netif *nif);

/* One address of an interface, as psutil's net_if_addrs() gives it. Empty
** strings stand for "none". */
typedef struct psv_if_addr {
  const char *interface;
  const char *family;   /* "AF_INET", "AF_INET6" or "AF_LINK" */
  char address[80], netmask[80], broadcast[80], ptp[80];
} psv_if_addr;
typedef struct psv_if_addrs psv_if_addrs;
int psv_if_addrs_open(psv_os *os, psv_if_addrs **out);
/* 1 with *out filled, 0 at the end. */
int psv_if_addrs_next(psv_if_addrs *list, psv_if_addr *out);
void psv_if_addrs_close(psv_if_addrs *list);

/* ======================================================================
** 6. Disks and file systems
** ====================================================================== */

/* A block device's I/O counters since boot (psutil's disk_io_counters());
** times in milliseconds. */
enum {
  PSV_DISK_TIMES    = 1u << 0,  /* the times, merged counts, in flight, busy */
  PSV_DISK_DISCARDS = 1u << 1,
  PSV_DISK_FLUSHES  = 1u << 2,
  PSV_DISK_RW_TIMES = 1u << 3   /* read_time and write_time alone (Windows) */
};
typedef struct psv_disk {
  char name[64];
  int is_partition;   /* -1: not known */
  unsigned have;      /* PSV_DISK_* counted; the first four always are */
  uint64_t read_count, write_count, read_bytes, write_bytes;
  uint64_t read_time, write_time, read_merged_count, write_merged_count,
           busy_time, in_flight;
  uint64_t discard_count, discard_merged_count, discard_bytes, discard_time;
  uint64_t flush_count, flush_time;
} psv_disk;
typedef struct psv_disks psv_disks;
int psv_disks_open(psv_os *os, psv_disks **out);
/* 1 with *out filled, 0 at the end, or a negative errno. */
int psv_disks_next(psv_disks *d, psv_disk *out);
void psv_disks_close(psv_disks *d);

/* A mounted file system; each field NUL-terminated (a NUL inside makes the
** length the one to trust). */
typedef struct psv_mount {
  const char *device, *mountpoint, *fstype, *opts;
  size_t device_len, mountpoint_len, fstype_len, opts_len;
} psv_mount;
typedef struct psv_mounts psv_mounts;
/* The mounts in order; device "" for none. Without `all`, only psutil's
** default ones (disk_partitions(all=False)). */
int psv_mounts_open(psv_os *os, int all, psv_mounts **out);
/* 1 with *out filled, 0 at the end. */
int psv_mounts_next(psv_mounts *m, psv_mount *out);
void psv_mounts_close(psv_mounts *m);

/* psutil's disk_usage(path), in bytes: total and used count the space
** reserved for the administrator; free and percent are what others may
** use. */
typedef struct psv_disk_usage {
  uint64_t total, used, free;
  double percent;   /* used / (used + free), rounded to 0.1 */
} psv_disk_usage;
/* The file system holding `path`: 0 or an errno (ENOENT: no such path). */
int psv_disk_usage_of(psv_os *os, const char *path, psv_disk_usage *out);

/* ======================================================================
** 7. Memory, CPUs, the system, logins
** ====================================================================== */

/* psutil's virtual_memory(), in bytes (percent in %). */
typedef struct psv_vmem {
  uint64_t total, available, used, free, active, inactive, buffers, cached,
           shared, slab;
  double percent;
  int totals_only;   /* 1: the OS gives total, available, used, free and
                     ** percent only; the others are unknown (NULL) */
} psv_vmem;
int psv_virtual_memory(psv_os *os, psv_vmem *out);

/* psutil's swap_memory(), in bytes (percent in %). sin/sout: swapped in
** and out since boot. */
typedef struct psv_swap {
  uint64_t total, used, free, sin, sout;
  double percent;
  int has_sin_sout;
} psv_swap;
int psv_swap_memory(psv_os *os, psv_swap *out);

/* The states a CPU's time is counted in (psutil's cpu_times() fields, of
** every platform; one OS counts some of them). */
enum psv_cpu_state {
  PSV_CPU_USER, PSV_CPU_NICE, PSV_CPU_SYSTEM, PSV_CPU_IDLE, PSV_CPU_IOWAIT,
  PSV_CPU_IRQ, PSV_CPU_SOFTIRQ, PSV_CPU_STEAL, PSV_CPU_GUEST,
  PSV_CPU_GUEST_NICE, PSV_CPU_N_STATES
};
/* The time one CPU, or all of them together, spent in each state since
** boot. */
typedef struct psv_cpu_times {
  int cpu;          /* CPU number; -1 for all CPUs together */
  unsigned have;    /* bit s: state s is counted */
  psv_cpu_time time[PSV_CPU_N_STATES];
} psv_cpu_times;
/* Every CPU's times in one sample: the whole of what a sampler needs.
** *out (psv_free it) holds *n entries: out[0] is all CPUs together, then
** one per CPU (an offline CPU may have none, so numbers may skip). 0 or
** an errno. */
int psv_cpu_times_read(psv_os *os, psv_cpu_times **out, size_t *n);
/* psutil's cpu_percent() between two samples of one CPU: the CPU time
** counted and the time busy, by this OS's rules (what is counted twice,
** what is idle), in the units of psv_cpu_time (so that busy / total is
** exact), as doubles (so that no corrupt counter wraps them). */
void psv_cpu_busy(const psv_cpu_times *before, const psv_cpu_times *after,
                  double *busy, double *total);

/* psutil's cpu_stats(): counters since boot. */
enum {
  PSV_CS_CTX_SWITCHES = 1u << 0, PSV_CS_INTERRUPTS = 1u << 1,
  PSV_CS_SOFT_INTERRUPTS = 1u << 2, PSV_CS_SYSCALLS = 1u << 3
};
typedef struct psv_cpu_stats {
  unsigned have;    /* PSV_CS_* counted */
  uint64_t ctx_switches, interrupts, soft_interrupts, syscalls;
} psv_cpu_stats;
int psv_cpu_stats_read(psv_os *os, psv_cpu_stats *out);

/* The 1, 5 and 15 minute load averages. 0 or an errno. */
int psv_load_avg_read(psv_os *os, double out[3]);

/* psutil's cpu_freq(percpu=True), in MHz: one entry per group of CPUs
** whose frequency is set together, in CPU order; none where the OS does
** not say. */
typedef struct psv_cpu_freq {
  int cpu;          /* the group's first CPU */
  int has_current, has_min, has_max;
  double current, min, max;
} psv_cpu_freq;
/* *out (psv_free it) holds *n entries. 0 or an errno. */
int psv_cpu_freq_read(psv_os *os, psv_cpu_freq **out, size_t *n);

/* Facts about the system (psutil's boot_time(), cpu_count(), what
** platform.uname() and os.sysconf() tell). */
enum {
  PSV_SYS_BOOT_TIME     = 1u << 0,
  PSV_SYS_CPUS_LOGICAL  = 1u << 1,   /* cpu_count_logical */
  PSV_SYS_CPUS_PHYSICAL = 1u << 2,   /* cpu_count_physical */
  PSV_SYS_NAMES         = 1u << 3,   /* hostname, kernel_release */
  PSV_SYS_PAGE_SIZE     = 1u << 4,
  PSV_SYS_CLOCK_TICKS   = 1u << 5    /* the unit of CPU times, a second's */
};
typedef struct psv_system {
  unsigned have;    /* PSV_SYS_* known */
  double boot_time; /* Unix time */
  int64_t cpu_count_logical, cpu_count_physical;
  char hostname[256], kernel_release[256];
  int64_t page_size, clock_ticks;
} psv_system;
/* Reads the facts `want` names. 0 or an errno. */
int psv_system_read(psv_os *os, unsigned want, psv_system *out);

/* A user logged in (psutil's users()); strings are not NUL-terminated. */
typedef struct psv_user {
  const char *name, *terminal, *host;        /* host NULL: not known */
  size_t name_len, terminal_len, host_len;   /* terminal_len 0: none */
  int64_t started;                           /* Unix seconds; < 0: not known */
  int64_t pid;                               /* the login process; < 0: none known */
} psv_user;
typedef struct psv_logins psv_logins;
int psv_logins_open(psv_os *os, psv_logins **out);
/* 1 with *out filled, 0 at the end. */
int psv_logins_next(psv_logins *l, psv_user *out);
void psv_logins_close(psv_logins *l);

/* ======================================================================
** 8. Time and threads
** ====================================================================== */

/* Seconds of a clock that only goes forward. */
double psv_monotonic(void);
/* Sleep for `seconds`, or less when a signal arrives (then the caller
** decides: an interrupted query stops). */
void psv_sleep(double seconds);

/* How many threads the platform layer may use for one scan (psvtab.c sets
** it at load: one per online CPU, psv_online_cpus, or PSVTAB_THREADS; the
** host changes it with psvtab_threads(n)). 1: none but the caller's. */
void psv_set_max_threads(int n);
int psv_max_threads(void);
int psv_online_cpus(void);

/* ======================================================================
** 9. Files, the kernel, the system's configuration
** ====================================================================== */
/* What the osquery_* tables read beyond the facts above, in their units
** (bytes, Unix seconds, text as bytes). The tables of a platform without
** such a fact get ENOSYS and fail with it (the stub's answer). */

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

/* The loaded kernel modules, as the kernel
** lists them; size in bytes (as text: osquery's). */
typedef struct psv_kernel_module {
  psv_str name, size, used_by, status, address;
} psv_kernel_module;
int psv_kernel_modules_open(psv_os *os, psv_records **out);
int psv_kernel_module_next(psv_records *r, psv_kernel_module *out);

/* The neighbours of the IPv4 address resolution cache. */
typedef struct psv_arp_entry {
  psv_str address, mac, interface;
  int permanent;   /* a static entry */
} psv_arp_entry;
int psv_arp_cache_open(psv_os *os, psv_records **out);
int psv_arp_entry_next(psv_records *r, psv_arp_entry *out);

/* The lines of the static host names file: an address and its names,
** joined by single spaces (has_hostnames 0: the line has none). */
typedef struct psv_host_entry {
  psv_str address, hostnames;
  int has_hostnames;
} psv_host_entry;
int psv_hosts_open(psv_os *os, psv_records **out);
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
int psv_kernel_info_read(psv_os *os, psv_buf *b, psv_kernel_info *out);

/* The OS release, as osquery's os_version reads it from <etc>/os-release
** (and a distribution's own release file where it has one):
** text as the files spell it; unknown facts NULL, except osquery's
** defaults (name "Unknown", platform "posix", major/minor/patch "0"). */
typedef struct psv_os_version {
  psv_str name, version, major, minor, patch, build, platform, platform_like, codename;
  psv_str version_id;
  char arch[65];   /* the machine's hardware name (uname -m) */
} psv_os_version;
/* Strings live in b. 0 or ENOMEM. */
int psv_os_version_read(psv_os *os, psv_buf *b, psv_os_version *out);

/* ---- Mounts, as osquery's mounts lists them ------------------------- */

/* One mounted file system, with its sizes (not asked of an automounter's
** mount point, which asking would make mount). */
typedef struct psv_fs_mount {
  psv_str device, device_alias, path, type, flags;
  int has_statfs;
  uint64_t block_size, blocks, blocks_free, blocks_available, inodes, inodes_free;
} psv_fs_mount;
int psv_fs_mounts_open(psv_os *os, psv_records **out);
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
/* Every record of the login history (history 1) or of the current logins
** (0), in the file's order. A login file given as an argument of the
** handle (PSV_KIND_LOGINS) is read for either. */
int psv_login_records_open(psv_os *os, int history, psv_records **out);
int psv_login_record_next(psv_records *r, psv_login_record *out);

/* ---- Accounts (osquery's users: /etc/passwd, never a directory service) */

typedef struct psv_account {
  psv_str name, description, directory, shell;
  uint32_t uid, gid;
} psv_account;
/* The local accounts (not a directory service's), in their order. */
int psv_accounts_open(psv_os *os, psv_records **out);
int psv_account_next(psv_records *r, psv_account *out);

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
** udp and unix as psv_socket_list_open gives them), or the one process
** `pid` is in (its net_namespace); then the udplite, raw, icmp and packet
** sockets of that namespace. */
int psv_net_sockets_open(psv_os *os, int pid, psv_net_sockets **out);
/* 1 with *out (strings live until the next call), 0 at the end, or a
** negative errno. */
int psv_net_socket_next(psv_net_sockets *s, psv_net_socket *out);
void psv_net_sockets_close(psv_net_sockets *s);
/* The identity of the caller's own network namespace (as
** psv_proc_info.net_namespace): 0 or an errno. */
int psv_self_net_namespace(psv_os *os, uint64_t *out);

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
/* The CPU's and the firmware's identity (PSV_KIND_CPU_INFO), and the host
** name. 0, or ENOMEM; ENOSYS where the OS gives none of it. */
int psv_machine_read(psv_os *os, psv_machine *out);

#endif /* PSV_PLATFORM_H */
