/*
** mount.c — mounted file systems from <procfs>/self/mounts, their usage
** by statvfs, and the clock that sampling tables measure intervals with.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

struct psv_mounts {
  psv_buf text;          /* self/mounts */
  psv_buf filesystems;   /* <procfs>/filesystems, without `all` */
  size_t offset;
  int all;
};

static int read_mounts(int rootfd, psv_mounts *m) {
  int err = psv_linux_read_at(rootfd, "self/mounts", &m->text);
  /* a tree without self/ (an old layout, a hand-made fixture) */
  if (err == ENOENT) err = psv_linux_read_at(rootfd, "mounts", &m->text);
  if (!err && !m->all) err = psv_linux_read_at(rootfd, "filesystems", &m->filesystems);
  return err;
}

int psv_mounts_open(psv_os *os, int all, psv_mounts **out) {
  *out = NULL;
  psv_mounts *m = psv_calloc(sizeof *m);
  if (!m) return ENOMEM;
  m->all = all;
  int rootfd = psv_linux_root(os);
  int err = rootfd < 0 ? -rootfd : read_mounts(rootfd, m);
  if (err) {
    psv_mounts_close(m);
    return psv_linux_fail_under(os, err, "the mounts", psv_linux_procfs(os));
  }
  *out = m;
  return 0;
}

static int wanted(psv_mounts *m, const psv_mount *mnt) {
  if (m->all) return 1;
  return mnt->device_len > 0 &&
         psv_fstype_is_physical(m->filesystems.p, m->filesystems.n, mnt->fstype, mnt->fstype_len);
}

int psv_mounts_next(psv_mounts *m, psv_mount *out) {
  const char *line;
  size_t n;
  while (psv_next_line(m->text.p, m->text.n, &m->offset, &line, &n)) {
    /* the buffer is ours: decoding writes into it (line[n] is its '\n'
    ** or its NUL) */
    if (psv_parse_mount_line((char *)line, n, out)) continue;
    if (out->device_len == 4 && memcmp(out->device, "none", 4) == 0) {
      out->device = "";        /* as psutil: no device */
      out->device_len = 0;
    }
    if (wanted(m, out)) return 1;
  }
  return 0;
}

void psv_mounts_close(psv_mounts *m) {
  if (!m) return;
  psv_buf_free(&m->text);
  psv_buf_free(&m->filesystems);
  psv_free(m);
}

int psv_disk_usage_of(psv_os *os, const char *path, psv_disk_usage *out) {
  (void)os;
  struct statvfs st;
  if (statvfs(path, &st) != 0) return errno;
  psv_disk_usage_compute(st.f_blocks, st.f_bfree, st.f_bavail, st.f_frsize, out);
  return 0;
}

double psv_monotonic(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void psv_sleep(double seconds) {
  if (!(seconds > 0)) return;
  struct timespec want;
  want.tv_sec = (time_t)seconds;
  want.tv_nsec = (long)((seconds - (double)want.tv_sec) * 1e9);
  if (want.tv_nsec > 999999999L) want.tv_nsec = 999999999L;
  nanosleep(&want, NULL);   /* a signal ends it early: the caller looks why */
}
