/*
** parse_disk.c — pure parsers for /proc/diskstats lines and the
** /sys/block/.../stat files (Documentation/admin-guide/iostats.rst).
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

#define MAX_FIELDS 32

typedef struct tokens {
  const char *p[MAX_FIELDS];
  size_t n[MAX_FIELDS];
  int count;   /* may exceed MAX_FIELDS: only the first are kept */
} tokens;

static void split_blank(const char *s, size_t len, tokens *t) {
  const char *p = s, *end = s + len;
  t->count = 0;
  for (;;) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n')) p++;
    if (p >= end) return;
    const char *start = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '\n') p++;
    if (t->count < MAX_FIELDS) {
      t->p[t->count] = start;
      t->n[t->count] = (size_t)(p - start);
    }
    t->count++;
  }
}

/* Numbers t[first .. first+count) into v[]. */
static int numbers(const tokens *t, int first, int count, uint64_t *v) {
  for (int i = 0; i < count; i++) {
    const char *p = t->p[first + i], *end = p + t->n[first + i];
    if (psv_scan_u64(&p, end, &v[i]) || p != end) return EINVAL;
  }
  return 0;
}

/* The 4.18+/5.5+ layout from the first counter on: reads, merged, sectors,
** ms, writes, merged, sectors, ms, in flight, busy ms, weighted ms,
** [discards, merged, sectors, ms, [flushes, ms]]. */
static void set_full(psv_diskstat *d, const uint64_t *v, int count) {
  d->reads = v[0]; d->reads_merged = v[1]; d->read_sectors = v[2]; d->read_ms = v[3];
  d->writes = v[4]; d->writes_merged = v[5]; d->write_sectors = v[6]; d->write_ms = v[7];
  d->in_flight = v[8]; d->busy_ms = v[9];
  d->has = PSV_DS_TIMES;
  if (count >= 15) {
    d->discards = v[11]; d->discards_merged = v[12]; d->discard_sectors = v[13]; d->discard_ms = v[14];
    d->has |= PSV_DS_DISCARD;
  }
  if (count >= 17) {
    d->flushes = v[15]; d->flush_ms = v[16];
    d->has |= PSV_DS_FLUSH;
  }
}

/* Old partitions: reads, sectors read, writes, sectors written. */
static void set_short(psv_diskstat *d, const uint64_t *v) {
  d->reads = v[0]; d->read_sectors = v[1]; d->writes = v[2]; d->write_sectors = v[3];
  d->has = 0;
}

static int set_name(psv_diskstat *d, const char *p, size_t n) {
  if (n == 0 || n >= sizeof d->name) return EINVAL;
  memcpy(d->name, p, n);
  d->name[n] = '\0';
  return 0;
}

int psv_parse_diskstats_line(const char *line, size_t n, psv_diskstat *out) {
  tokens t;
  uint64_t v[17];
  memset(out, 0, sizeof *out);
  out->is_partition = -1;
  split_blank(line, n, &t);
  if (t.count < 7) return EINVAL;
  int name_at = 2, first = 3, counters;
  if (t.count == 7) counters = 4;
  else if (t.count == 14) counters = 11;
  else if (t.count == 15) { name_at = 3; first = 4; counters = 11; }  /* 2.4 */
  else if (t.count == 18) counters = 15;
  else if (t.count >= 20) counters = 17;
  else return EINVAL;
  if (set_name(out, t.p[name_at], t.n[name_at]) || numbers(&t, first, counters, v)) return EINVAL;
  if (counters == 4) set_short(out, v);
  else set_full(out, v, counters);
  return 0;
}

int psv_parse_block_stat(const char *buf, size_t n, psv_diskstat *out) {
  tokens t;
  uint64_t v[17];
  char name[sizeof out->name];
  memcpy(name, out->name, sizeof name);   /* the caller named it */
  memset(out, 0, sizeof *out);
  memcpy(out->name, name, sizeof name);
  out->is_partition = -1;
  split_blank(buf, n, &t);
  int counters = t.count >= 17 ? 17 : t.count >= 15 ? 15 : t.count >= 11 ? 11 : t.count == 4 ? 4 : 0;
  if (!counters || numbers(&t, 0, counters, v)) return EINVAL;
  if (counters == 4) set_short(out, v);
  else set_full(out, v, counters);
  return 0;
}
