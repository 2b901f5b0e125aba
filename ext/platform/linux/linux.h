/*
** linux.h — what the files of the Linux platform layer share (and what
** its fuzzers and fixture tests reach): the readers of /proc and /sys
** files, the handle's internals, and through parse.h the formats.
*/
#ifndef PSV_LINUX_H
#define PSV_LINUX_H

#include "platform.h"
#include "parse.h"
#include "parse_osquery.h"

/* Opens dirfd/name for reading, as every file of this folder is opened:
** never blocking (O_NONBLOCK), and only a regular file. 0 with *fd, or an
** errno: EISDIR for a directory, PSV_ENOTREG for a FIFO, a device or a
** socket (a FIFO is never waited for, a device never read). in_procfs:
** dirfd is in the machine's own procfs, which holds neither (its files
** are not looked at before the open: a path lookup per file saved). */
int psv_linux_open_file(int dirfd, const char *name, int in_procfs, int *fd);

/* Read the whole of dirfd/name into b (NUL-terminated), at most
** PSV_MAX_FILE - 1 bytes. 0 or an errno. */
int psv_linux_read_at(int dirfd, const char *name, psv_buf *b);
/* The same for a file the kernel makes in one piece (stat, fdinfo): a
** short read is its end, which saves a read. in_procfs: as above. *cut
** (when not NULL) is set to 1 when the file went on past the bound. */
int psv_linux_read_record(int dirfd, const char *name, psv_buf *b, int in_procfs);
int psv_linux_read_bounded(int dirfd, const char *name, psv_buf *b, int in_procfs, int *cut);
/* Read a file of many records whole (no short read is its end). */
int psv_linux_read_many(int dirfd, const char *name, psv_buf *b, int in_procfs);
/* A file under the handle's procfs root ("meminfo", "net/dev"), whole;
** a failure is recorded as "cannot read RELPATH under '<procfs>'". */
int psv_linux_procfs_read(psv_os *os, const char *relpath, psv_buf *b);

/* Decimal numbers after optional blanks: 0 and *pp advanced, or EINVAL
** (no digits) or ERANGE (more than 64 bits). The signed form takes a sign
** and keeps the bits of values above INT64_MAX. */
int psv_scan_u64(const char **pp, const char *end, uint64_t *out);
int psv_scan_i64(const char **pp, const char *end, int64_t *out);
/* "123" or "123.456" after optional blanks, to the nearest double where
** digits allow (the C library's strtod depends on the locale). 0 or EINVAL. */
int psv_scan_decimal(const char **pp, const char *end, double *out);
/* The number a directory entry's name spells as the kernel spells one (a
** pid, a descriptor, a thread, a CPU): digits without a leading zero
** ("0" itself is one), at most INT_MAX. -1 for any other name: "0001" is
** not pid 1, nor "+1", nor "4294967297". */
int psv_name_number(const char *name);

static inline const char *psv_skip_blanks(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  return p;
}

/* ---- The handle (os.c) ---------------------------------------------- */

struct stat;
/* 0 for a regular file, EISDIR for a directory, else PSV_ENOTREG. */
int psv_linux_regular_or_why(const struct stat *st);

/* The roots the handle reads: procfs, sysfs and etc (the running
** system's by default), and the utmp file (NULL: the system's). */
const char *psv_linux_procfs(const psv_os *os);
const char *psv_linux_sysfs(const psv_os *os);
const char *psv_linux_utmp(const psv_os *os);
/* The configuration directory (the running system's: /etc). */
const char *psv_linux_etc(const psv_os *os);
/* A handle like os whose procfs root is that of process `pid`
** (<procfs>/PID: its network namespace's net/ files). 0 or an errno. */
int psv_linux_os_below(psv_os *os, int pid, psv_os **out);
/* A new handle on the roots of `os`, with caches of its own: for a thread
** of the platform layer (ahead.c). 0 or ENOMEM. */
int psv_linux_os_copy(const psv_os *os, psv_os **out);
/* The procfs root's descriptor, opened when first asked for, or -errno. */
int psv_linux_root(psv_os *os);
/* 1 when the procfs root is this machine's own /proc. */
int psv_linux_is_live(psv_os *os);
/* Whether pid system calls name the processes of the tree, asked once per
** handle: 1, 0, or -errno. The second form only says whether that was
** already found to be so. */
int psv_linux_pids_ours(psv_os *os);
int psv_linux_pids_known_ours(const psv_os *os);

/* Records what a failed read was doing, for psv_os_failure, and returns
** err: "WHAT 'PATH'", "cannot read FILE under 'ROOT'", or
** "WHAT '<procfs>/PID/FILE'" (FILE NULL: none). The strings must outlive
** the next psv_os_failure: literals, or the handle's roots. */
int psv_linux_fail(psv_os *os, int err, const char *what, const char *path);
int psv_linux_fail_under(psv_os *os, int err, const char *file, const char *root);
int psv_linux_fail_at(psv_os *os, int err, const char *what, int pid, const char *file);

/* The caches: boot time (the btime line of <procfs>/stat), create time
** from a stat's starttime, user names, and the terminal of a stat's
** tty_nr (NULL: none, or *err set). */
int psv_linux_boot_time(psv_os *os, double *out);
int psv_linux_create_time(psv_os *os, uint64_t starttime, double *out);
const char *psv_linux_user_name(psv_os *os, uint32_t uid);
const char *psv_linux_terminal_path(psv_os *os, uint64_t tty_dev, int *err);

long psv_linux_clock_ticks(void);
long psv_linux_page_size(void);

/* psutil's cpu_count(logical=True): the CPUs of <sysfs>/devices/system/
** cpu/online (what sysconf(_SC_NPROCESSORS_ONLN) counts), else the
** "processor" lines of <procfs>/cpuinfo, else the "cpuN" lines of
** <procfs>/stat. *out is 0 when none says. 0 or ENOMEM. */
int psv_linux_cpu_count_logical(psv_os *os, int64_t *out);
/* psutil's cpu_count(logical=False): the distinct topology/core_cpus_list
** (else thread_siblings_list) of <sysfs>/devices/system/cpu/cpuN, else
** the cpuinfo sum (psv_cpuinfo.cores). *out is 0 when unknown. 0 or ENOMEM. */
int psv_linux_cpu_count_cores(psv_os *os, int64_t *out);

/* What proc.c shares with the readers of a process's lists (proc_lists.c,
** sockets.c): the /proc/PID descriptor, and the rules that turn an errno
** into "the process is gone" (PSV_GONE), "report it" or "leave it out" (0). */
int psv_linux_proc_dirfd(const psv_proc *p);
/* What a thread shares with its process (memory, descriptors, cwd, ...)
** is read through this descriptor: /proc/PID's, or a live thread's when
** the main thread has ended (see psv_linux_proc_headless). */
int psv_linux_proc_datafd(const psv_proc *p);
/* Whether the main thread of the process has ended while others run on;
** checked once per opened process (one read of its stat unless `leader`
** is it). 1 (psv_linux_proc_datafd is then a live thread's), 0, or a
** negative errno. */
int psv_linux_proc_headless(psv_proc *p, const psv_stat *leader);
/* headless.c: given a process's /proc/PID descriptor and its stat (read
** when NULL), the descriptor of a live thread's task/TID in *taskfd, with
** that thread's state, when the leader is a zombie with threads left;
** else -1 there. 0, or a resource errno. */
int psv_linux_live_thread(int dirfd, int pid, const psv_stat *leader, int is_procfs,
                          psv_buf *b, int *taskfd, psv_proc_state *state);
int psv_linux_proc_pid(const psv_proc *p);
int psv_linux_proc_is_live(const psv_proc *p);
/* 1 when system calls on the process's pid name it (see proc.c), 0 when
** only its files may be read, or a negative errno. */
int psv_linux_proc_pids_ours(psv_proc *p);
psv_os *psv_linux_proc_os(const psv_proc *p);
int psv_linux_proc_alive(psv_proc *p);
int psv_linux_classify(psv_proc *p, int err);

/* A directory of decimal names (fd/, task/), read without allocating:
** open basefd/path; is_procfs: procfs's own (a short read is its end). */
typedef struct psv_numdir {
  int fd;
  long got, off;
  int is_procfs, at_end;
  char buf[4096];
} psv_numdir;
int psv_numdir_open(psv_numdir *d, int basefd, const char *path, int is_procfs); /* 0 or errno */
/* 1 with the next number, 0 at the end, or a negative errno. */
int psv_numdir_next(psv_numdir *d, int *num);
void psv_numdir_close(psv_numdir *d);

/* The text of the symbolic link dirfd/name into b, NUL-terminated, at
** most PATH_MAX bytes (what the kernel keeps of one): 0 or an errno. */
int psv_linux_readlink_at(int dirfd, const char *name, psv_buf *b);

/* readlinkat into b, with the kernel's " (deleted)" mark handled as for
** exe and cwd (see proc.c). 0 or an errno. */
int psv_linux_read_link(int dirfd, const char *name, psv_buf *b, psv_link *out);

/* Lines of a file larger than PSV_MAX_FILE may be, read in pieces: for
** files of many records (smaps, net/tcp). A line is at most PSV_MAX_LINE
** bytes: a longer one is cut there (its first PSV_MAX_LINE bytes are the
** line) and the rest of it passed over; the buffer never holds more than
** PSV_MAX_LINE + PSV_LINES_CHUNK + 1 bytes. A file ends, for the reader,
** after PSV_MAX_LINES_FILE bytes or PSV_MAX_LINES lines, whichever comes
** first: far beyond any kernel's (a million sockets are ~150 MB of net/tcp
** and 1M lines; 262,144 mappings, ~300 MB and 6M lines of smaps), so a
** regular file without end (a tree's sparse 1 TB file, /proc/kcore under
** root) costs a bounded time. */
#define PSV_MAX_LINE ((size_t)1 << 20)
#define PSV_LINES_CHUNK ((size_t)64 << 10)
#define PSV_MAX_LINES_FILE ((uint64_t)1 << 30)
#define PSV_MAX_LINES ((uint64_t)1 << 24)
typedef struct psv_lines {
  int fd;
  psv_buf buf;
  size_t start;    /* first unread byte in buf */
  int at_eof;
  int skipping;    /* in the rest of a line cut at PSV_MAX_LINE */
  size_t eof_below;   /* a read shorter than this is the end (0: never) */
  uint64_t bytes_read, lines_given;
} psv_lines;
/* 0 or an errno (those of psv_linux_open_file). */
int psv_lines_open(psv_lines *r, int dirfd, const char *name);
/* 1 with the line (no newline), 0 at the end, or a negative errno. The
** line lives until the next call. */
int psv_lines_next(psv_lines *r, const char **line, size_t *n);
void psv_lines_close(psv_lines *r);   /* keeps the buffer for reuse */

/* ---- Sockets: what the /proc/net files and sock_diag share ---------- */

/* An inet endpoint's text and port from its address bytes (4 or 16) and
** port number: port 0 is no endpoint (text "", port -1), as psutil has
** it. 0, or EINVAL. */
int psv_inet_endpoint(int v6, const unsigned char *addr, unsigned port,
                      char *text, size_t size, int *port_out);
/* Family, type, psutil's status and "listening" of a tcp or udp socket in
** the kernel's state `state`; its ports must be set already. */
void psv_inet_socket_kind(psv_socket *out, int v6, int tcp, unsigned state);
/* A unix socket of the kernel's type number `type`: 0, or ENOENT for a
** type other than stream, datagram and seqpacket (no row, as psutil). */
int psv_unix_socket(psv_socket *out, unsigned type, uint64_t inode, int listening,
                    const char *path, size_t path_len);

/* ---- sock_diag: the sockets, from the kernel over netlink ----------- */

/* A unix socket's name as a row gives it: "@" and the bytes of an
** abstract name, or a path; sun_path holds at most 108 bytes. */
#define PSV_UNIX_NAME_SIZE 112

/* One message of a sock_diag answer (parse_diag.c, pure). */
enum { PSV_NL_SOCKET = 1, PSV_NL_DONE, PSV_NL_ERROR, PSV_NL_OTHER };
typedef struct psv_nlmsg {
  int kind;                    /* PSV_NL_* */
  int error;                   /* DONE, ERROR: the kernel's errno, 0 none */
  const unsigned char *data;   /* SOCKET: the payload after the header */
  size_t len;
} psv_nlmsg;
/* The next message at *off of a datagram that answers request `seq`
** (messages of other requests are passed over); its sockets come as
** messages of the request's `type`. 1 with *out and *off past it, 0 at
** the datagram's end, or EINVAL when a header does not fit (the rest of
** the datagram is then unusable). */
int psv_netlink_next(const unsigned char *buf, size_t len, size_t *off, uint32_t seq,
                     uint16_t type, psv_nlmsg *out);
/* The payload of an inet_diag message: 0, or EINVAL when it is not one
** of `family` (AF_INET, AF_INET6, or AF_UNSPEC for either). */
int psv_parse_inet_diag(const unsigned char *p, size_t n, int family, int tcp, psv_socket *out);
/* The payload of a unix_diag message, with its name (UNIX_DIAG_NAME)
** copied into name[PSV_UNIX_NAME_SIZE], which out->path then points to.
** 0; ENOENT for a socket type psutil does not list (no row, as in
** /proc/net/unix); EINVAL when malformed. */
int psv_parse_unix_diag(const unsigned char *p, size_t n, psv_socket *out, char *name);

/* The reader of sock_diag dumps (sock_diag.c): one netlink socket, made
** in the caller's network namespace, for the dumps of one listing. */
typedef struct psv_diag psv_diag;
int psv_diag_open(psv_diag **out);   /* 0 or errno (no sock_diag: EPROTONOSUPPORT, ...) */
/* Asks for every socket of family (AF_INET, AF_INET6, AF_UNIX; for tcp
** AF_UNSPEC: both inet families) and protocol (IPPROTO_TCP, IPPROTO_UDP;
** 0 for unix). 0 or errno. */
int psv_diag_request(psv_diag *d, int family, int protocol);
/* 1 with *out (strings live until the next call), 0 at the dump's end,
** or a negative errno (the kernel's refusal of the request, when it
** comes before any socket). */
int psv_diag_next(psv_diag *d, psv_socket *out);
void psv_diag_close(psv_diag *d);

#endif /* PSV_LINUX_H */
