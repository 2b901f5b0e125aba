/*
** numdir.c — the entries of a directory of decimal names (a process's fd/
** and task/), read with getdents64 into a buffer of the reader's own: no
** allocation per process, as opendir would make.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Room a procfs read left for one more entry (a name of up to 10 digits
** takes 32 bytes) means the directory had no more. */
#define ENTRY_ROOM 64

int psv_numdir_open(psv_numdir *d, int basefd, const char *path, int is_procfs) {
  d->got = d->off = 0;
  d->at_end = 0;
  d->is_procfs = is_procfs;
  d->fd = openat(basefd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  return d->fd < 0 ? errno : 0;
}

int psv_numdir_next(psv_numdir *d, int *num) {
  for (;;) {
    if (d->off >= d->got) {
      if (d->at_end) return 0;
      d->got = syscall(SYS_getdents64, d->fd, d->buf, sizeof d->buf);
      d->off = 0;
      if (d->got < 0) return -errno;
      if (d->got == 0) return 0;
      /* procfs fills the buffer while entries remain: a read that left
      ** room for another was the last (this saves the empty read) */
      d->at_end = d->is_procfs && (size_t)d->got < sizeof d->buf - ENTRY_ROOM;
    }
    /* struct linux_dirent64: ino(8) off(8) reclen(2) type(1) name */
    unsigned short reclen;
    memcpy(&reclen, d->buf + d->off + 16, sizeof reclen);
    /* only the kernel's spelling: "03" would be read as fd 3 twice */
    int n = psv_name_number(d->buf + d->off + 19);
    d->off += reclen;
    if (n >= 0) {
      *num = n;
      return 1;
    }
  }
}

void psv_numdir_close(psv_numdir *d) {
  if (d->fd >= 0) close(d->fd);
  d->fd = -1;
}
