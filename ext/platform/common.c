/*
** common.c — what every platform shares: buffers, the growth of arrays,
** psutil's rounding of percentages and its names of process states. Pure
** C, no OS: each ext/platform/<os>/ folder is built with it.
*/
#include "platform.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

int psv_buf_reserve(psv_buf *b, size_t cap) {
  if (cap <= b->cap) return 0;
  size_t want = b->cap ? b->cap : 256;
  while (want < cap) want *= 2;
  char *p = psv_realloc(b->p, want);
  if (!p) return ENOMEM;
  b->p = p;
  b->cap = want;
  return 0;
}

int psv_buf_append(psv_buf *b, const void *data, size_t n) {
  if (psv_buf_reserve(b, b->n + n + 1)) return ENOMEM;
  memcpy(b->p + b->n, data, n);
  b->n += n;
  b->p[b->n] = '\0';
  return 0;
}

void psv_buf_free(psv_buf *b) {
  psv_free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

int psv_grow(void **arr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t want = *cap ? *cap : 16;
  while (want < need) want *= 2;
  if (want > SIZE_MAX / elem) return ENOMEM;
  void *p = psv_realloc(*arr, want * elem);
  if (!p) return ENOMEM;
  *arr = p;
  *cap = want;
  return 0;
}

const char *psv_state_name(psv_proc_state state) {
  static const char *const names[] = {
    NULL, "running", "sleeping", "disk-sleep", "stopped", "tracing-stop",
    "zombie", "dead", "wake-kill", "waking", "idle", "parked"
  };
  if (state <= PSV_STATE_UNKNOWN || state > PSV_STATE_PARKED) return NULL;
  return names[state];
}

/* x * 10 exactly, as hi + lo (Dekker's product: each factor split into
** halves whose products a double holds). Exact unless x is huge. */
static void times_ten(double x, double *hi, double *lo) {
  const double split = 134217729.0;   /* 2^27 + 1 */
  double xs = x * split, xh = xs - (xs - x), xl = x - xh;
  double ts = 10.0 * split, th = ts - (ts - 10.0), tl = 10.0 - th;
  *hi = x * 10.0;
  *lo = ((xh * th - *hi) + xh * tl + xl * th) + xl * tl;
}

/* Python's round(x, 1): the exact binary value of x rounded to one
** decimal, ties to even (round(6.25, 1) is 6.2, round(0.35, 1) is 0.3
** since 0.35 is 0.34999...), then the double nearest that decimal. */
double psv_round_1(double x) {
  /* beyond 2^52 a double has no fraction left to round (and converting it
  ** to an integer type could overflow): returned as is */
  if (!(x > -4.5e14 && x < 4.5e14)) return x;
  double hi, lo;
  times_ten(x, &hi, &lo);
  double n = (double)(int64_t)hi;            /* toward zero */
  double frac = hi - n;                      /* exact: |hi| < 2^53 */
  if (frac < 0) { n -= 1; frac += 1; }       /* now n = floor(hi) */
  int up;
  if (frac != 0.5) up = frac > 0.5;
  else if (lo != 0) up = lo > 0;             /* hi is a tie, the exact x*10 is not */
  else up = ((int64_t)n & 1) != 0;           /* a true tie: to even */
  /* one division of two integers: the double nearest n / 10 */
  return (n + up) / 10.0;
}

/* psutil's usage_percent(used, total, round_=1). */
double psv_percent_1(double used, double total) {
  if (total == 0) return 0.0;
  return psv_round_1(used / total * 100.0);
}

