/*
** parse_lists.c — pure parsers for the per-process lists: fdinfo, the
** socket:[N] link text, the lines of maps/smaps, and the limits file.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

/* Hexadecimal digits at *pp: 0 and *pp advanced, or EINVAL/ERANGE. */
static int scan_hex(const char **pp, const char *end, uint64_t *out) {
  const char *p = *pp;
  uint64_t v = 0;
  int digits = 0;
  for (; p < end; p++, digits++) {
    unsigned d;
    if (*p >= '0' && *p <= '9') d = (unsigned)(*p - '0');
    else if (*p >= 'a' && *p <= 'f') d = (unsigned)(*p - 'a' + 10);
    else if (*p >= 'A' && *p <= 'F') d = (unsigned)(*p - 'A' + 10);
    else break;
    if (v >> 60) return ERANGE;
    v = v << 4 | d;
  }
  if (!digits) return EINVAL;
  *out = v;
  *pp = p;
  return 0;
}

/* The value after "KEY:" on some line of buf, NULL when no line has it. */
static const char *field_value(const char *buf, size_t len, const char *key) {
  size_t klen = strlen(key);
  const char *end = buf + len;
  for (const char *line = buf; line < end;) {
    const char *eol = memchr(line, '\n', (size_t)(end - line));
    if (!eol) eol = end;
    if ((size_t)(eol - line) > klen && memcmp(line, key, klen) == 0) return line + klen;
    line = eol + 1;
  }
  return NULL;
}

int psv_parse_fdinfo(const char *buf, size_t len, int64_t *position, uint64_t *flags) {
  const char *end = buf + len;
  const char *pos = field_value(buf, len, "pos:");
  const char *flg = field_value(buf, len, "flags:");
  uint64_t v;
  if (!pos || !flg || psv_scan_i64(&pos, end, position)) return EINVAL;
  /* flags are printed in octal */
  flg = psv_skip_blanks(flg, end);
  if (flg >= end || *flg < '0' || *flg > '7') return EINVAL;
  for (v = 0; flg < end && *flg >= '0' && *flg <= '7'; flg++) {
    if (v >> 61) return ERANGE;
    v = v << 3 | (uint64_t)(*flg - '0');
  }
  *flags = v;
  return 0;
}

int psv_parse_socket_link(const char *s, size_t n, uint64_t *inode) {
  static const char prefix[] = "socket:[";
  const size_t plen = sizeof prefix - 1;
  if (n < plen + 2 || memcmp(s, prefix, plen) != 0 || s[n - 1] != ']') return EINVAL;
  const char *p = s + plen, *end = s + n - 1;
  if (*p < '0' || *p > '9' || psv_scan_u64(&p, end, inode) || p != end) return EINVAL;
  return 0;
}

/* Copies the next blank-separated word into out (cut to size - 1). */
static int take_word(const char **pp, const char *end, char *out, size_t size) {
  const char *p = psv_skip_blanks(*pp, end), *start = p;
  while (p < end && *p != ' ' && *p != '\t') p++;
  size_t n = (size_t)(p - start);
  if (!n) return EINVAL;
  if (n >= size) n = size - 1;
  memcpy(out, start, n);
  out[n] = '\0';
  *pp = p;
  return 0;
}

int psv_parse_map_header(const char *line, size_t n, psv_map *out) {
  const char *p = line, *end = line + n;
  uint64_t start, stop, offset, inode;
  char perms[8], dev[16];
  if (scan_hex(&p, end, &start) || p >= end || *p++ != '-') return EINVAL;
  if (scan_hex(&p, end, &stop) || p >= end || *p != ' ') return EINVAL;
  if (take_word(&p, end, perms, sizeof perms)) return EINVAL;
  p = psv_skip_blanks(p, end);
  if (scan_hex(&p, end, &offset)) return EINVAL;
  if (take_word(&p, end, dev, sizeof dev) || !strchr(dev, ':')) return EINVAL;
  if (psv_scan_u64(&p, end, &inode)) return EINVAL;
  if (p < end && *p != ' ' && *p != '\t') return EINVAL;
  /* The path starts after the padding and runs to the end of the line:
  ** spaces inside it, and at its end, are its own. */
  p = psv_skip_blanks(p, end);
  memset(out, 0, sizeof *out);
  out->start = start;
  out->end = stop;
  out->offset = offset;
  out->inode = inode;
  memcpy(out->perms, perms, sizeof perms);
  memcpy(out->dev, dev, sizeof dev);
  out->path = p;
  out->path_len = (size_t)(end - p);
  return 0;
}

#define FIELD(key, member) { key, sizeof key - 1, offsetof(psv_map, member) }

int psv_parse_smaps_field(const char *line, size_t n, psv_map *out) {
  /* the sizes psutil reports; the key lengths are compared first, which
  ** passes over the other twelve or so lines of a block cheaply */
  static const struct { const char *key; size_t len, offset; } fields[] = {
    FIELD("Rss:", rss), FIELD("Size:", size), FIELD("Pss:", pss),
    FIELD("Shared_Clean:", shared_clean), FIELD("Shared_Dirty:", shared_dirty),
    FIELD("Private_Clean:", private_clean), FIELD("Private_Dirty:", private_dirty),
    FIELD("Referenced:", referenced), FIELD("Anonymous:", anonymous), FIELD("Swap:", swap),
  };
  const char *end = line + n;
  const char *word_end = line;
  while (word_end < end && *word_end != ' ' && *word_end != '\t') word_end++;
  if (word_end == line || word_end[-1] != ':') return EINVAL;
  size_t klen = (size_t)(word_end - line);
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    if (fields[i].len != klen || memcmp(line, fields[i].key, klen) != 0) continue;
    uint64_t kb;
    const char *p = word_end;
    /* A malformed number leaves the size out rather than the mapping. */
    if (psv_scan_u64(&p, end, &kb) == 0 && kb <= UINT64_MAX / 1024) {
      *(uint64_t *)((char *)out + fields[i].offset) = kb * 1024;
    }
    break;
  }
  out->has_sizes = 1;
  return 0;
}

const char *const psv_rlimit_names[PSV_N_RLIMITS] = {
  "cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile",
  "memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime"
};
const char *const psv_rlimit_units[PSV_N_RLIMITS] = {
  "seconds", "bytes", "bytes", "bytes", "bytes", "bytes", "processes", "files",
  "bytes", "bytes", "locks", "signals", "bytes", NULL, NULL, "microseconds"
};

/* The kernel's row labels of /proc/PID/limits, in RLIMIT_ order. */
static const char *const limit_labels[PSV_N_RLIMITS] = {
  "Max cpu time", "Max file size", "Max data size", "Max stack size",
  "Max core file size", "Max resident set", "Max processes", "Max open files",
  "Max locked memory", "Max address space", "Max file locks",
  "Max pending signals", "Max msgqueue size", "Max nice priority",
  "Max realtime priority", "Max realtime timeout"
};

static int scan_limit(const char **pp, const char *end, uint64_t *out) {
  const char *p = psv_skip_blanks(*pp, end);
  if ((size_t)(end - p) >= 9 && memcmp(p, "unlimited", 9) == 0) {
    *out = PSV_RLIM_INFINITY;
    *pp = p + 9;
    return 0;
  }
  int err = psv_scan_u64(&p, end, out);
  if (!err) *pp = p;
  return err;
}

int psv_parse_limits(const char *buf, size_t len, psv_rlimit out[PSV_N_RLIMITS]) {
  const char *line;
  size_t n, off = 0;
  int rows = 0;
  memset(out, 0, sizeof *out * PSV_N_RLIMITS);
  while (psv_next_line(buf, len, &off, &line, &n)) {
    const char *end = line + n;
    for (int i = 0; i < PSV_N_RLIMITS; i++) {
      size_t llen = strlen(limit_labels[i]);
      /* "Max processes" must not take "Max processes2": a blank follows */
      if (n <= llen || memcmp(line, limit_labels[i], llen) != 0 || line[llen] != ' ') continue;
      const char *p = line + llen;
      psv_rlimit r = { 1, 0, 0 };
      if (scan_limit(&p, end, &r.soft) == 0 && scan_limit(&p, end, &r.hard) == 0) {
        out[i] = r;
        rows++;
      }
      break;
    }
  }
  return rows ? 0 : EINVAL;
}
