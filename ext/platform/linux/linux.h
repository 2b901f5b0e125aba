/*
** linux.h — what the files of the Linux platform layer share.
*/
#ifndef PSV_LINUX_H
#define PSV_LINUX_H

#include "platform.h"

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
** short read is its end, which saves a read. in_procfs: as above. */
int psv_linux_read_record(int dirfd, const char *name, psv_buf *b, int in_procfs);

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

/* What proc.c shares with the readers of a process's lists (proc_lists.c,
** sockets.c): the /proc/PID descriptor, and the rules that turn an errno
** into "the process is gone" (PSV_GONE), "report it" or "leave it out" (0). */
int psv_linux_proc_dirfd(const psv_proc *p);
int psv_linux_proc_pid(const psv_proc *p);
int psv_linux_proc_is_live(const psv_proc *p);
int psv_linux_procfs_rootfd(const psv_procfs *fs);
int psv_linux_procfs_is_live(const psv_procfs *fs);
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

#endif /* PSV_LINUX_H */
