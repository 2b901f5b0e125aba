/*
** fuzz.h — what the psvtab fuzz harnesses share: an invariant check that
** crashes (so libFuzzer records the input) and bounds helpers.
*/
#ifndef PSV_FUZZ_H
#define PSV_FUZZ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "platform.h"
#include "linux/linux.h"   /* the Linux formats and parsers under test */

/* An invariant broke: crash here so that libFuzzer saves the input. */
#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

/* 1 when [p, p+n) lies inside [base, base+len). */
static inline int in_buf(const char *base, size_t len, const char *p, size_t n) {
  return p >= base && p <= base + len && n <= (size_t)(base + len - p);
}

/* psv_cpu_list_each callback: numbers strictly increasing, 0 .. 2^20. */
struct cpu_check { long prev; long calls; long stop_at; };

static inline int cpu_check_each(void *ctx, long cpu) {
  struct cpu_check *c = ctx;
  CHECK(cpu >= 0 && cpu <= (1L << 20));
  CHECK(cpu > c->prev);
  c->prev = cpu;
  if (c->calls++ == c->stop_at) return 1234;
  return 0;
}

/* Runs a CPU list through psv_cpu_list_each twice: to the end, then
** stopping half way; checks the callback's result comes back. */
static inline void check_cpu_list(const char *buf, size_t len) {
  struct cpu_check all = { -1, 0, -1 };
  int rc = psv_cpu_list_each(buf, len, cpu_check_each, &all);
  CHECK(rc == 0 || rc == EINVAL);
  CHECK(all.calls <= (1L << 20) + 1);
  if (all.calls > 0) {
    struct cpu_check half = { -1, 0, all.calls / 2 };
    CHECK(psv_cpu_list_each(buf, len, cpu_check_each, &half) == 1234);
    CHECK(half.calls == all.calls / 2 + 1);
  }
}

#endif /* PSV_FUZZ_H */
