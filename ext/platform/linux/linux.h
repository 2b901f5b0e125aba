/*
** linux.h — what the files of the Linux platform layer share.
*/
#ifndef PSV_LINUX_H
#define PSV_LINUX_H

#include "platform.h"

/* Read the whole of dirfd/name into b (NUL-terminated). 0 or an errno. */
int psv_linux_read_at(int dirfd, const char *name, psv_buf *b);
/* The same for a file the kernel makes in one piece (stat, fdinfo): a
** short read is its end, which saves a read. */
int psv_linux_read_record(int dirfd, const char *name, psv_buf *b);

/* Decimal numbers after optional blanks: 0 and *pp advanced, or EINVAL
** (no digits) or ERANGE (more than 64 bits). The signed form takes a sign
** and keeps the bits of values above INT64_MAX. */
int psv_scan_u64(const char **pp, const char *end, uint64_t *out);
int psv_scan_i64(const char **pp, const char *end, int64_t *out);
/* "123" or "123.456" after optional blanks, to the nearest double where
** digits allow (the C library's strtod depends on the locale). 0 or EINVAL. */
int psv_scan_decimal(const char **pp, const char *end, double *out);

static inline const char *psv_skip_blanks(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  return p;
}

/* 1 when `root` is this machine's /proc (the same directory). */
int psv_linux_is_machine_proc(const char *root);

/* What proc.c shares with the readers of a process's lists (proc_lists.c,
** sockets.c): the /proc/PID descriptor, and the rules that turn an errno
** into "the process is gone" (PSV_GONE), "report it" or "leave it out" (0). */
int psv_linux_proc_dirfd(const psv_proc *p);
/* What a thread shares with its process (memory, descriptors, cwd, ...)
** is read through this descriptor: /proc/PID's, or a live thread's when
** the main thread has ended (see psv_linux_proc_headless). */
int psv_linux_proc_datafd(const psv_proc *p);
/* Whether the main thread of the process has ended while others run on;
** checked once per opened process (one read of its stat unless `info`
** has it). 1 (psv_linux_proc_datafd is then a live thread's), 0, or a
** negative errno. */
int psv_linux_proc_headless(psv_proc *p, const psv_proc_info *info);
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

/* Lines of a file of any size, read in pieces: for files of many records
** (smaps, net/tcp) that can be larger than PSV_MAX_FILE. One line is at
** most PSV_MAX_LINE bytes; the rest of a longer line is passed over. */
#define PSV_MAX_LINE ((size_t)1 << 20)
typedef struct psv_lines {
  int fd;
  psv_buf buf;
  size_t start;    /* first unread byte in buf */
  int at_eof;
  int skipping;    /* in the rest of a line cut at PSV_MAX_LINE */
  size_t eof_below;   /* a read shorter than this is the end (0: never) */
} psv_lines;
int psv_lines_open(psv_lines *r, int dirfd, const char *name);   /* 0 or errno */
/* 1 with the line (no newline), 0 at the end, or a negative errno. The
** line lives until the next call. */
int psv_lines_next(psv_lines *r, const char **line, size_t *n);
void psv_lines_close(psv_lines *r);   /* keeps the buffer for reuse */

#endif /* PSV_LINUX_H */
