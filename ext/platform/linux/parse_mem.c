/*
** parse_mem.c — pure parsers for /proc/meminfo, /proc/zoneinfo and
** /proc/vmstat, and psutil's virtual_memory() formulas over them.
*/
#include "linux.h"

#include <string.h>

/* Calls each(line, len) for every line. */
static void each_line(const char *buf, size_t len, void *ctx,
                      void (*each)(void *ctx, const char *line, size_t n)) {
  const char *p = buf, *end = buf + len;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    each(ctx, p, (size_t)(eol - p));
    if (eol == end) break;
    p = eol + 1;
  }
}

static const char *const meminfo_keys[PSV_MI_COUNT] = {
  "MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:",
  "SReclaimable:", "Shmem:", "MemShared:", "Active:", "Inactive:",
  "Inact_dirty:", "Inact_clean:", "Inact_laundry:", "Slab:",
  "Active(file):", "Inactive(file):", "SwapTotal:", "SwapFree:"
};

/* "MemTotal:       16318412 kB": every value is in kB. */
static void meminfo_line(void *ctx, const char *line, size_t n) {
  psv_meminfo *mi = ctx;
  for (int i = 0; i < PSV_MI_COUNT; i++) {
    size_t klen = strlen(meminfo_keys[i]);
    if (n <= klen || memcmp(line, meminfo_keys[i], klen) != 0) continue;
    const char *p = line + klen;
    uint64_t kb;
    if (psv_scan_u64(&p, line + n, &kb) == 0) {
      mi->v[i] = kb * 1024;
      mi->has |= 1u << i;
    }
    return;
  }
}

void psv_parse_meminfo(const char *buf, size_t len, psv_meminfo *out) {
  memset(out, 0, sizeof *out);
  each_line(buf, len, out, meminfo_line);
}

/* Lines "        low      1234" inside each zone. */
static void zoneinfo_line(void *ctx, const char *line, size_t n) {
  uint64_t *sum = ctx, v;
  const char *p = line, *end = line + n;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  if ((size_t)(end - p) < 4 || memcmp(p, "low", 3) != 0 || (p[3] != ' ' && p[3] != '\t')) return;
  p += 3;
  if (psv_scan_u64(&p, end, &v) == 0) *sum += v;
}

uint64_t psv_parse_zoneinfo_low(const char *buf, size_t len) {
  uint64_t sum = 0;
  each_line(buf, len, &sum, zoneinfo_line);
  return sum;
}

struct vmstat_swap { uint64_t in, out; int seen; };

static void vmstat_line(void *ctx, const char *line, size_t n) {
  struct vmstat_swap *vs = ctx;
  const char *end = line + n, *p;
  if (n > 7 && memcmp(line, "pswpin ", 7) == 0) {
    p = line + 7;
    if (psv_scan_u64(&p, end, &vs->in) == 0) vs->seen |= 1;
  } else if (n > 8 && memcmp(line, "pswpout ", 8) == 0) {
    p = line + 8;
    if (psv_scan_u64(&p, end, &vs->out) == 0) vs->seen |= 2;
  }
}

int psv_parse_vmstat_swap(const char *buf, size_t len, uint64_t *in, uint64_t *out) {
  struct vmstat_swap vs = {0, 0, 0};
  each_line(buf, len, &vs, vmstat_line);
  *in = vs.in;
  *out = vs.out;
  return vs.seen == 3 ? 0 : -1;
}

static int has(const psv_meminfo *mi, enum psv_meminfo_field f) {
  return (mi->has >> f) & 1;
}

static double min_d(double a, double b) { return a < b ? a : b; }

/* psutil's calculate_avail_vmem(): the kernel's MemAvailable estimate, for
** kernels before 3.14 that lack the line. */
static int64_t estimate_available(const psv_meminfo *mi, int64_t zoneinfo_low, long page_size) {
  const uint64_t *v = mi->v;
  int64_t fallback = (int64_t)(v[PSV_MI_MEMFREE] + v[PSV_MI_CACHED]);
  if (!has(mi, PSV_MI_ACTIVE_FILE) || !has(mi, PSV_MI_INACTIVE_FILE) ||
      !has(mi, PSV_MI_SRECLAIMABLE) || zoneinfo_low < 0) return fallback;
  double low = (double)zoneinfo_low * (double)page_size;
  double avail = (double)v[PSV_MI_MEMFREE] - low;
  double pagecache = (double)(v[PSV_MI_ACTIVE_FILE] + v[PSV_MI_INACTIVE_FILE]);
  pagecache -= min_d(pagecache / 2, low);
  avail += pagecache;
  double slab = (double)v[PSV_MI_SRECLAIMABLE];
  avail += slab - min_d(slab / 2.0, low);
  /* corrupt files can push the estimate out of range: clamp, as psutil
  ** clamps it to [0, total] afterwards anyway */
  if (!(avail < 9.2e18)) return INT64_MAX;
  if (!(avail > -9.2e18)) return 0;
  return (int64_t)avail;
}

void psv_vmem_compute(const psv_meminfo *mi, int64_t zoneinfo_low,
                      long page_size, psv_vmem *out) {
  const uint64_t *v = mi->v;
  memset(out, 0, sizeof *out);
  out->total = v[PSV_MI_MEMTOTAL];
  out->free = v[PSV_MI_MEMFREE];
  out->buffers = v[PSV_MI_BUFFERS];
  /* like free(1), reclaimable slab counts as cache */
  out->cached = has(mi, PSV_MI_CACHED) ? v[PSV_MI_CACHED] + v[PSV_MI_SRECLAIMABLE] : 0;
  out->shared = has(mi, PSV_MI_SHMEM) ? v[PSV_MI_SHMEM] : v[PSV_MI_MEMSHARED];
  out->active = v[PSV_MI_ACTIVE];
  if (has(mi, PSV_MI_INACTIVE)) {
    out->inactive = v[PSV_MI_INACTIVE];
  } else if (has(mi, PSV_MI_INACT_DIRTY) && has(mi, PSV_MI_INACT_CLEAN) &&
             has(mi, PSV_MI_INACT_LAUNDRY)) {
    out->inactive = v[PSV_MI_INACT_DIRTY] + v[PSV_MI_INACT_CLEAN] + v[PSV_MI_INACT_LAUNDRY];
  }
  out->slab = v[PSV_MI_SLAB];
  /* used = total - free - cached - buffers, or total - free when that is
  ** negative (containers), as psutil; in unsigned steps, since corrupt
  ** numbers near 2^64 must not overflow */
  const uint64_t t = out->total, f = out->free, c = out->cached, b = out->buffers;
  if (f <= t && c <= t - f && b <= t - f - c) out->used = t - f - c - b;
  else out->used = f <= t ? t - f : 0;
  uint64_t avail;
  if (has(mi, PSV_MI_MEMAVAILABLE)) {
    avail = v[PSV_MI_MEMAVAILABLE];
  } else {
    int64_t estimate = estimate_available(mi, zoneinfo_low, page_size);
    avail = estimate < 0 ? 0 : (uint64_t)estimate;
  }
  if (avail > t) avail = f;
  out->available = avail;
  out->percent = psv_percent_1((double)out->total - (double)avail, (double)out->total);
}
