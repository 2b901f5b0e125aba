/* fuzz_cpu.c — the system-wide CPU parsers over one input read as
** /proc/stat (cpu lines as cpu.c walks them, and the counters), as
** /proc/loadavg and as /proc/cpuinfo; and psv_scan_decimal against
** strtod where both must round the same. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>

static void check_stat(const char *buf, size_t size) {
  size_t off = 0, n;
  const char *line;
  psv_cpu_times t;
  while (psv_next_line(buf, size, &off, &line, &n)) {
    int rc = psv_parse_cpu_times_line(line, n, &t);
    CHECK(rc == 0 || rc == EINVAL);
    if (rc) continue;
    CHECK(n >= 4 && memcmp(line, "cpu", 3) == 0);
    /* the states read are a run from the first, as the kernel prints them */
    CHECK(t.have != 0 && (t.have & (t.have + 1)) == 0 && t.have < (1u << PSV_CPU_N_STATES));
    CHECK(t.cpu >= -1);
    for (int i = 0; i < PSV_CPU_N_STATES; i++) CHECK((t.have >> i) & 1 || t.time[i] == 0);
  }
  psv_cpu_stats st;
  psv_parse_cpu_stats(buf, size, &st);
  CHECK((st.have & ~(unsigned)(PSV_CS_CTX_SWITCHES | PSV_CS_INTERRUPTS | PSV_CS_SOFT_INTERRUPTS)) == 0);
}

static void check_cpuinfo(const char *buf, size_t size) {
  psv_cpuinfo info;
  psv_parse_cpuinfo(buf, size, &info);
  CHECK(info.processors >= 0 && info.cores >= 0 && info.n_mhz >= 0);
  /* the walk of MHz values sees exactly the lines the count saw */
  size_t off = 0;
  int64_t seen = 0;
  double mhz;
  while (psv_cpuinfo_next_mhz(buf, size, &off, &mhz)) {
    CHECK(mhz >= 0 && isfinite(mhz));
    seen++;
  }
  CHECK(seen == info.n_mhz);
}

/* Where the digits fit in a double's 53 bits, one rounding: as strtod. */
static void check_decimal(const char *buf, size_t size) {
  const char *p = buf, *end = buf + size;
  double v;
  if (psv_scan_decimal(&p, end, &v)) return;
  CHECK(p > buf && p <= end && v >= 0 && isfinite(v));
  const char *start = buf;
  while (*start == ' ' || *start == '\t') start++;
  size_t len = (size_t)(p - start), digits = 0;
  for (size_t i = 0; i < len; i++) digits += start[i] != '.';
  if (digits > 15 || len >= 64) return;
  char text[64];
  memcpy(text, start, len);
  text[len] = '\0';
  CHECK(v == strtod(text, NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  check_stat(buf, size);
  double load[3];
  int rc = psv_parse_loadavg(buf, size, load);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc == 0) for (int i = 0; i < 3; i++) CHECK(load[i] >= 0 && isfinite(load[i]));
  check_cpuinfo(buf, size);
  check_decimal(buf, size);
  return 0;
}
