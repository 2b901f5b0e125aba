/*
** parse_num.c — the decimal scanner every parser of this folder uses:
** overflow is an error, never a wrap.
*/
#include "linux.h"

#include <errno.h>
#include <limits.h>

int psv_scan_u64(const char **pp, const char *end, uint64_t *out) {
  const char *p = *pp;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  if (p >= end || *p < '0' || *p > '9') return EINVAL;
  uint64_t v = 0;
  while (p < end && *p >= '0' && *p <= '9') {
    unsigned digit = (unsigned)(*p++ - '0');
    if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && digit > UINT64_MAX % 10)) return ERANGE;
    v = v * 10 + digit;
  }
  *out = v;
  *pp = p;
  return 0;
}

int psv_scan_i64(const char **pp, const char *end, int64_t *out) {
  const char *p = *pp;
  while (p < end && (*p == ' ' || *p == '\t')) p++;
  int neg = 0;
  if (p < end && (*p == '-' || *p == '+')) neg = (*p++ == '-');
  uint64_t v;
  int err = psv_scan_u64(&p, end, &v);
  if (err) return err;
  /* Unsigned counters above INT64_MAX keep their bits; callers cast back. */
  *out = (int64_t)(neg ? 0 - v : v);
  *pp = p;
  return 0;
}

int psv_scan_decimal(const char **pp, const char *end, double *out) {
  const char *p = *pp;
  uint64_t whole, frac = 0, scale = 1;
  int err = psv_scan_u64(&p, end, &whole);
  if (err == ERANGE) return EINVAL;
  if (err) return err;
  if (p < end && *p == '.') {
    p++;
    while (p < end && *p >= '0' && *p <= '9') {
      /* digits past the 18th cannot change a double: read, not kept */
      if (scale < 1000000000000000000ull) {
        frac = frac * 10 + (uint64_t)(*p - '0');
        scale *= 10;
      }
      p++;
    }
  }
  /* One division of two exact numbers rounds once, as strtod does; the
  ** sum of two roundings is the fallback for more than 2^53 digits' worth. */
  const uint64_t exact = (uint64_t)1 << 53;
  if (frac <= exact && whole <= (exact - frac) / scale) {
    *out = (double)(whole * scale + frac) / (double)scale;
  } else {
    *out = (double)whole + (double)frac / (double)scale;
  }
  *pp = p;
  return 0;
}

int psv_name_number(const char *name) {
  if (name[0] == '0') return name[1] == '\0' ? 0 : -1;
  int v = 0;
  const char *c = name;
  for (; *c >= '0' && *c <= '9'; c++) {
    int digit = *c - '0';
    if (v > (INT_MAX - digit) / 10) return -1;
    v = v * 10 + digit;
  }
  return c != name && *c == '\0' ? v : -1;
}
