/*
** files.c — how the Linux layer reads files: never blocking, only regular
** files, bounded, in as few reads as the kernel allows; and the links of
** /proc (exe, cwd, fd/N) with the kernel's " (deleted)" mark settled.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *psv_platform_name(void) { return "linux"; }

const char *psv_strerror(int err, char *buf, size_t size) {
  if (err == PSV_ENOTREG) return "not a regular file";
  return strerror_r(err, buf, size);   /* the GNU form: returns the text */
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

/* Reads to end of file, at most PSV_MAX_FILE - 1 bytes, so that with its
** NUL the buffer never grows past PSV_MAX_FILE; *cut (when not NULL) is 1
** when the file went on beyond. With `one_record`, a short read is taken
** for the end, which saves a read per file: true of the /proc files whose
** text is made in one piece (stat, status, statm, io, smaps_rollup) or
** copied out until the caller's buffer is full (cmdline, environ); not of
** files of many records (smaps, net/dev, diskstats), where a read stops
** short before a record that does not fit. `in_procfs`: see
** psv_linux_open_file. */
static int read_whole(int dirfd, const char *name, psv_buf *b, int one_record, int in_procfs,
                      int *cut) {
  const size_t most = PSV_MAX_FILE - 1;
  b->n = 0;
  if (cut) *cut = 0;
  int fd;
  int err = psv_linux_open_file(dirfd, name, in_procfs, &fd);
  if (err) return err;
  for (;;) {
    if (b->n >= most) {   /* one byte more says whether the file went on */
      char more;
      ssize_t got = read(fd, &more, 1);
      if (got < 0 && errno == EINTR) continue;
      if (cut) *cut = got > 0;
      break;
    }
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
  return read_whole(dirfd, name, b, 0, 0, NULL);
}

int psv_linux_read_record(int dirfd, const char *name, psv_buf *b, int in_procfs) {
  return read_whole(dirfd, name, b, 1, in_procfs, NULL);
}

int psv_linux_read_bounded(int dirfd, const char *name, psv_buf *b, int in_procfs, int *cut) {
  return read_whole(dirfd, name, b, 1, in_procfs, cut);
}

int psv_linux_read_many(int dirfd, const char *name, psv_buf *b, int in_procfs) {
  return read_whole(dirfd, name, b, 0, in_procfs, NULL);
}

int psv_linux_procfs_read(psv_os *os, const char *relpath, psv_buf *b) {
  int fd = psv_linux_root(os);
  int err = fd < 0 ? -fd : read_whole(fd, relpath, b, 0, psv_linux_is_live(os), NULL);
  return err ? psv_linux_fail_under(os, err, relpath, psv_linux_procfs(os)) : 0;
}

/* Errors that are the system's trouble, not the process's: reported. */
int psv_is_resource_errno(int err) {
  return err == ENOMEM || err == EMFILE || err == ENFILE || err == ENOBUFS;
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

