/*
** parse_mount.c — pure parsers for <procfs>/self/mounts and
** <procfs>/filesystems (psutil's disk_partitions), and psutil's
** disk_usage formula over statvfs's numbers.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_octal(char c) { return c >= '0' && c <= '7'; }

/* Decode the \ooo escapes of [p, p+n) in place; returns the new length.
** A backslash not followed by three octal digits of a byte stays as is. */
static size_t decode_octal(char *p, size_t n) {
  size_t out = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '\\' && n - i > 3 && is_octal(p[i + 1]) &&
        is_octal(p[i + 2]) && is_octal(p[i + 3]) && p[i + 1] <= '3') {
      p[out++] = (char)(((p[i + 1] - '0') << 6) | ((p[i + 2] - '0') << 3) | (p[i + 3] - '0'));
      i += 3;
    } else {
      p[out++] = p[i];
    }
  }
  return out;
}

/* The next blank-separated field of [*pos, end): decoded in place and
** NUL-terminated (over the blank after it, or at `end`, which the caller
** keeps writable). 0 when there is none. */
static int next_field(char **pos, char *end, const char **field, size_t *len) {
  char *p = *pos;
  while (p < end && is_blank(*p)) p++;
  if (p == end) return 0;
  char *start = p;
  while (p < end && !is_blank(*p)) p++;
  size_t n = decode_octal(start, (size_t)(p - start));
  *pos = p < end ? p + 1 : p;
  start[n] = '\0';
  *field = start;
  *len = n;
  return 1;
}

int psv_parse_mount_line(char *line, size_t n, psv_mount *out) {
  char *pos = line, *end = line + n;
  if (!next_field(&pos, end, &out->device, &out->device_len) ||
      !next_field(&pos, end, &out->mountpoint, &out->mountpoint_len) ||
      !next_field(&pos, end, &out->fstype, &out->fstype_len) ||
      !next_field(&pos, end, &out->opts, &out->opts_len)) {
    return EINVAL;
  }
  return 0;
}

int psv_fstype_is_physical(const char *filesystems, size_t len,
                           const char *fstype, size_t n) {
  const char *line;
  size_t size, off = 0;
  while (psv_next_line(filesystems, len, &off, &line, &size)) {
    while (size && is_blank(*line)) { line++; size--; }
    while (size && (is_blank(line[size - 1]) || line[size - 1] == '\r')) size--;
    int nodev = size >= 5 && memcmp(line, "nodev", 5) == 0;
    if (nodev) {
      /* nodev file systems hold no disk's data; zfs says nodev but does */
      line += 5;
      size -= 5;
      while (size && is_blank(*line)) { line++; size--; }
      if (!(size == 3 && memcmp(line, "zfs", 3) == 0)) continue;
    }
    if (size && size == n && memcmp(line, fstype, n) == 0) return 1;
  }
  return 0;
}

void psv_disk_usage_compute(uint64_t blocks, uint64_t bfree, uint64_t bavail,
                            uint64_t frsize, psv_disk_usage *out) {
  out->total = blocks * frsize;
  /* free to root includes the reserved blocks: used is what is taken */
  out->used = out->total - bfree * frsize;
  if (bfree > blocks) out->used = 0;   /* a file system that lies */
  out->free = bavail * frsize;
  /* against what an ordinary user can have: used plus what is left to
  ** them, as psutil (df's Use% is the same number, rounded up) */
  out->percent = psv_percent_1((double)out->used, (double)out->used + (double)out->free);
}
