/*
** parse_net.c — pure parsers for /proc/net/dev and the sysfs values of
** /sys/class/net/NAME, plus the line walker the tables share.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

int psv_next_line(const char *buf, size_t len, size_t *off, const char **line, size_t *n) {
  if (*off >= len) return 0;
  const char *p = buf + *off;
  const char *eol = memchr(p, '\n', len - *off);
  size_t size = eol ? (size_t)(eol - p) : len - *off;
  *line = p;
  *n = size;
  *off += size + 1;
  return 1;
}

/* "  eth0: 1234 5 0 0 0 0 0 0 678 9 0 0 0 0 0 0": the name ends at the
** last ':' (as psutil reads it), then 16 counters, receive first. */
int psv_parse_net_dev_line(const char *line, size_t n, psv_net_dev *out) {
  const char *end = line + n, *colon = NULL;
  for (const char *p = end; p > line; p--) {
    if (p[-1] == ':') { colon = p - 1; break; }
  }
  if (!colon) return EINVAL;
  const char *name = line;
  while (name < colon && (*name == ' ' || *name == '\t')) name++;
  const char *name_end = colon;
  while (name_end > name && (name_end[-1] == ' ' || name_end[-1] == '\t')) name_end--;
  if (name_end == name) return EINVAL;
  uint64_t f[16];
  const char *p = colon + 1;
  for (int i = 0; i < 16; i++) {
    if (psv_scan_u64(&p, end, &f[i])) return EINVAL;
  }
  out->name = name;
  out->name_len = (size_t)(name_end - name);
  out->bytes_recv = f[0];
  out->packets_recv = f[1];
  out->errin = f[2];
  out->dropin = f[3];
  out->bytes_sent = f[8];
  out->packets_sent = f[9];
  out->errout = f[10];
  out->dropout = f[11];
  return 0;
}

static size_t trimmed_len(const char *buf, size_t len) {
  while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' ')) len--;
  return len;
}

int psv_parse_sysfs_flags(const char *buf, size_t len, unsigned *out) {
  len = trimmed_len(buf, len);
  if (len < 3 || buf[0] != '0' || (buf[1] != 'x' && buf[1] != 'X') || len > 10) return EINVAL;
  unsigned v = 0;
  for (size_t i = 2; i < len; i++) {
    char c = buf[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return EINVAL;
    v = v * 16 + (unsigned)d;
  }
  *out = v;
  return 0;
}

int psv_parse_sysfs_duplex(const char *buf, size_t len) {
  len = trimmed_len(buf, len);
  if (len == 4 && memcmp(buf, "full", 4) == 0) return PSV_DUPLEX_FULL;
  if (len == 4 && memcmp(buf, "half", 4) == 0) return PSV_DUPLEX_HALF;
  return PSV_DUPLEX_UNKNOWN;
}

int psv_parse_sysfs_int(const char *buf, size_t len, int64_t *out) {
  len = trimmed_len(buf, len);
  const char *p = buf, *end = buf + len;
  int neg = p < end && *p == '-';
  if (neg) p++;
  uint64_t v;
  if (psv_scan_u64(&p, end, &v) || p != end || v > INT64_MAX) return EINVAL;
  *out = neg ? -(int64_t)v : (int64_t)v;
  return 0;
}
