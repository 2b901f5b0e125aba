/*
** disk.c — disk I/O counters from <procfs>/diskstats, or from the stat
** files under <sysfs>/block where diskstats is missing.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct psv_disks {
  int blockfd;       /* <sysfs>/block, or -1 */
  psv_buf text;      /* diskstats */
  size_t offset;
  int from_sysfs;
  DIR *disks;        /* sysfs walk: the block directory */
  DIR *parts;        /* ... and the current disk's directory */
  char disk[64];     /* the current disk's sysfs name */
};

int psv_disks_open(psv_os *os, psv_disks **out) {
  *out = NULL;
  psv_disks *d = psv_calloc(sizeof *d);
  if (!d) return ENOMEM;
  char path[4096];
  snprintf(path, sizeof path, "%s/block", psv_linux_sysfs(os));
  d->blockfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rootfd = psv_linux_root(os);
  int err = rootfd < 0 ? -rootfd : psv_linux_read_at(rootfd, "diskstats", &d->text);
  if (err == ENOENT && d->blockfd >= 0) {
    /* no diskstats (a kernel without it): walk sysfs instead */
    int fd = dup(d->blockfd);
    d->disks = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d->disks && fd >= 0) close(fd);
    err = d->disks ? 0 : errno;
    d->from_sysfs = 1;
  }
  if (err) {
    psv_disks_close(d);
    return psv_linux_fail_under(os, err, "diskstats", psv_linux_procfs(os));
  }
  *out = d;
  return 0;
}

void psv_disks_close(psv_disks *d) {
  if (!d) return;
  if (d->blockfd >= 0) close(d->blockfd);
  if (d->parts) closedir(d->parts);
  if (d->disks) closedir(d->disks);
  psv_buf_free(&d->text);
  psv_free(d);
}

/* sysfs spells a '/' in a device name as '!' (cciss!c0d0). */
static void sysfs_name(const char *name, char *out, size_t size) {
  snprintf(out, size, "%s", name);
  for (char *p = out; *p; p++) if (*p == '/') *p = '!';
}

static void diskstats_name(char *name) {
  for (char *p = name; *p; p++) if (*p == '!') *p = '/';
}

/* A whole device has a directory of its own in <sysfs>/block. */
static int is_partition(psv_disks *d, const char *name) {
  char sys[sizeof d->disk];
  if (d->blockfd < 0) return -1;
  sysfs_name(name, sys, sizeof sys);
  return faccessat(d->blockfd, sys, F_OK, 0) != 0;
}

static int next_from_diskstats(psv_disks *d, psv_diskstat *out) {
  const char *line;
  size_t n;
  while (psv_next_line(d->text.p, d->text.n, &d->offset, &line, &n)) {
    if (psv_parse_diskstats_line(line, n, out)) continue;   /* unknown shape */
    out->is_partition = is_partition(d, out->name);
    return 1;
  }
  return 0;
}

/* Read <dir>/<sub>/stat relative to the block directory. */
static int read_block_stat(psv_disks *d, const char *rel, psv_diskstat *out) {
  char path[640];
  psv_buf b = {0};
  snprintf(path, sizeof path, "%s/stat", rel);
  int err = psv_linux_read_at(d->blockfd, path, &b);
  if (!err) err = psv_parse_block_stat(b.p, b.n, out);
  psv_buf_free(&b);
  return err;
}

/* The next partition of the current disk: a subdirectory with a
** "partition" file. */
static int next_partition(psv_disks *d, psv_diskstat *out) {
  struct dirent *e;
  while ((e = readdir(d->parts)) != NULL) {
    char rel[600];
    if (e->d_name[0] == '.') continue;
    snprintf(rel, sizeof rel, "%s/%s/partition", d->disk, e->d_name);
    if (faccessat(d->blockfd, rel, F_OK, 0) != 0) continue;
    snprintf(rel, sizeof rel, "%s/%s", d->disk, e->d_name);
    if (strlen(e->d_name) >= sizeof out->name) continue;
    memcpy(out->name, e->d_name, strlen(e->d_name) + 1);
    if (read_block_stat(d, rel, out)) continue;
    diskstats_name(out->name);
    out->is_partition = 1;
    return 1;
  }
  closedir(d->parts);
  d->parts = NULL;
  return 0;
}

static int next_from_sysfs(psv_disks *d, psv_diskstat *out) {
  for (;;) {
    if (d->parts && next_partition(d, out)) return 1;
    struct dirent *e = readdir(d->disks);
    if (!e) return 0;
    if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof d->disk) continue;
    snprintf(d->disk, sizeof d->disk, "%s", e->d_name);
    int fd = openat(d->blockfd, d->disk, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0 && !(d->parts = fdopendir(fd))) close(fd);
    snprintf(out->name, sizeof out->name, "%s", d->disk);
    if (read_block_stat(d, d->disk, out)) continue;
    diskstats_name(out->name);
    out->is_partition = 0;
    return 1;
  }
}

/* The counters in bytes (a sector is 512 bytes whatever the device's own
** sector size) and milliseconds. */
static void disk_facts(const psv_diskstat *s, psv_disk *out) {
  memcpy(out->name, s->name, sizeof out->name);
  out->is_partition = s->is_partition;
  out->have = (s->has & PSV_DS_TIMES ? PSV_DISK_TIMES : 0) |
              (s->has & PSV_DS_DISCARD ? PSV_DISK_DISCARDS : 0) |
              (s->has & PSV_DS_FLUSH ? PSV_DISK_FLUSHES : 0);
  out->read_count = s->reads;
  out->write_count = s->writes;
  out->read_bytes = s->read_sectors * 512;
  out->write_bytes = s->write_sectors * 512;
  out->read_time = s->read_ms;
  out->write_time = s->write_ms;
  out->read_merged_count = s->reads_merged;
  out->write_merged_count = s->writes_merged;
  out->busy_time = s->busy_ms;
  out->in_flight = s->in_flight;
  out->discard_count = s->discards;
  out->discard_merged_count = s->discards_merged;
  out->discard_bytes = s->discard_sectors * 512;
  out->discard_time = s->discard_ms;
  out->flush_count = s->flushes;
  out->flush_time = s->flush_ms;
}

int psv_disks_next(psv_disks *d, psv_disk *out) {
  psv_diskstat s;
  int rc = d->from_sysfs ? next_from_sysfs(d, &s) : next_from_diskstats(d, &s);
  if (rc > 0) disk_facts(&s, out);
  return rc;
}
