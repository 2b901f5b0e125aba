/*
** parse_cpu.c — pure parsers for the system-wide CPU files: the cpu lines
** and counters of /proc/stat, /proc/loadavg and /proc/cpuinfo.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

/* ---- /proc/stat ---------------------------------------------------- */

/* "cpu  7015 0 1374 ..." (the total) or "cpu1 3755 0 889 ...". */
int psv_parse_cpu_times_line(const char *line, size_t n, psv_cpu_times *out) {
  const char *p = line, *end = line + n;
  if (n < 3 || memcmp(line, "cpu", 3) != 0) return EINVAL;
  p += 3;
  memset(out, 0, sizeof *out);
  out->cpu = -1;
  if (p < end && *p >= '0' && *p <= '9') {
    uint64_t cpu;
    /* CPU numbers are below 2^31; more is not a line the kernel wrote */
    if (psv_scan_u64(&p, end, &cpu) || cpu > INT32_MAX) return EINVAL;
    out->cpu = (int)cpu;
  }
  if (p >= end || (*p != ' ' && *p != '\t')) return EINVAL;  /* "cpufoo" */
  /* the fields are the states in their enum's order */
  int fields = 0;
  while (fields < PSV_CPU_N_STATES && psv_scan_u64(&p, end, &out->time[fields]) == 0) {
    out->have |= 1u << fields++;
  }
  return fields > 0 ? 0 : EINVAL;
}

/* The first number after a "key " at the start of the line, if it is. */
static int keyed_number(const char *line, size_t n, const char *key, uint64_t *out) {
  size_t klen = strlen(key);
  if (n <= klen || memcmp(line, key, klen) != 0 || (line[klen] != ' ' && line[klen] != '\t')) {
    return 0;
  }
  const char *p = line + klen;
  return psv_scan_u64(&p, line + n, out) == 0;
}

void psv_parse_cpu_stats(const char *buf, size_t len, psv_cpu_stats *out) {
  size_t off = 0, n;
  const char *line;
  memset(out, 0, sizeof *out);
  while (psv_next_line(buf, len, &off, &line, &n)) {
    if (keyed_number(line, n, "ctxt", &out->ctx_switches)) out->have |= PSV_CS_CTX_SWITCHES;
    else if (keyed_number(line, n, "intr", &out->interrupts)) out->have |= PSV_CS_INTERRUPTS;
    else if (keyed_number(line, n, "softirq", &out->soft_interrupts)) out->have |= PSV_CS_SOFT_INTERRUPTS;
  }
}

/* ---- /proc/loadavg: "0.52 0.58 0.59 1/123 4567" --------------------- */

int psv_parse_loadavg(const char *buf, size_t len, double out[3]) {
  const char *p = buf, *end = buf + len;
  for (int i = 0; i < 3; i++) {
    if (psv_scan_decimal(&p, end, &out[i])) return EINVAL;
    if (p < end && *p != ' ' && *p != '\t' && *p != '\n') return EINVAL;
  }
  return 0;
}

/* ---- /proc/cpuinfo ------------------------------------------------- */

/* Whether the line starts with `key`, in any case (psutil lowercases). */
static int starts_with_key(const char *line, size_t n, const char *key) {
  size_t klen = strlen(key);
  if (n < klen) return 0;
  for (size_t i = 0; i < klen; i++) {
    char c = line[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != key[i]) return 0;
  }
  return 1;
}

/* The text after the line's first ':', or NULL. */
static const char *after_colon(const char *line, size_t n) {
  const char *colon = memchr(line, ':', n);
  return colon ? colon + 1 : NULL;
}

static int blank_line(const char *line, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return 0;
  }
  return 1;
}

/* psutil's fallback for the number of cores: in each processor section
** (a block of lines ended by a blank one) with both a "physical id" and
** a "cpu cores" line, the package has that many cores; the answer is the
** sum over distinct packages. */
#define MAX_PACKAGES 256
typedef struct core_map {
  uint64_t id[MAX_PACKAGES], cores[MAX_PACKAGES];
  int n;
  int have_id, have_cores;   /* in the current section */
  uint64_t cur_id, cur_cores;
} core_map;

static void end_section(core_map *m) {
  if (m->have_id && m->have_cores) {
    int i = 0;
    while (i < m->n && m->id[i] != m->cur_id) i++;
    if (i < MAX_PACKAGES) {     /* beyond 256 sockets: not a real machine */
      m->id[i] = m->cur_id;
      m->cores[i] = m->cur_cores;   /* the last section of a package wins */
      if (i == m->n) m->n++;
    }
  }
  m->have_id = m->have_cores = 0;
}

static int key_number(const char *line, size_t n, uint64_t *out) {
  const char *p = after_colon(line, n);
  return p && psv_scan_u64(&p, line + n, out) == 0;
}

static void cpuinfo_line(const char *line, size_t n, psv_cpuinfo *out, core_map *m) {
  if (blank_line(line, n)) {
    end_section(m);
  } else if (starts_with_key(line, n, "processor")) {
    out->processors++;
  } else if (starts_with_key(line, n, "cpu mhz")) {
    double mhz;
    const char *p = after_colon(line, n);
    if (p && psv_scan_decimal(&p, line + n, &mhz) == 0) out->n_mhz++;
  } else if (starts_with_key(line, n, "physical id")) {
    m->have_id = key_number(line, n, &m->cur_id);
  } else if (starts_with_key(line, n, "cpu cores")) {
    m->have_cores = key_number(line, n, &m->cur_cores);
  }
}

void psv_parse_cpuinfo(const char *buf, size_t len, psv_cpuinfo *out) {
  core_map m;
  size_t off = 0, n;
  const char *line;
  memset(out, 0, sizeof *out);
  memset(&m, 0, sizeof m);
  while (psv_next_line(buf, len, &off, &line, &n)) cpuinfo_line(line, n, out, &m);
  /* psutil counts a section only when a blank line follows it; the kernel
  ** ends every one with a blank line, so ending the last here changes
  ** nothing on real files and keeps a truncated one's last package */
  end_section(&m);
  uint64_t sum = 0;
  for (int i = 0; i < m.n; i++) {
    sum = m.cores[i] > (uint64_t)INT64_MAX - sum ? (uint64_t)INT64_MAX : sum + m.cores[i];
  }
  out->cores = (int64_t)sum;
}

int psv_cpuinfo_next_mhz(const char *buf, size_t len, size_t *off, double *mhz) {
  const char *line;
  size_t n;
  while (psv_next_line(buf, len, off, &line, &n)) {
    if (!starts_with_key(line, n, "cpu mhz")) continue;
    const char *p = after_colon(line, n);
    if (p && psv_scan_decimal(&p, line + n, mhz) == 0) return 1;
  }
  return 0;
}
