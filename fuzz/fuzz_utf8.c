/* fuzz_utf8.c — psv_utf8_valid and psv_utf8_seq_len against a table-driven
** strict validator (Unicode 3.9, Table 3-7), and psv_json_string: its
** output must be valid UTF-8 that decodes back to the input bytes. */
#include "fuzz.h"
#include "text.h"
#include "common.h"

/* Length of the well-formed sequence at s[0..n), 0 when ill-formed. */
static size_t ref_seq_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  unsigned lo = 0x80, hi = 0xbf;
  size_t len;
  if (c <= 0x7f) return 1;
  if (c >= 0xc2 && c <= 0xdf) len = 2;
  else if (c == 0xe0) { len = 3; lo = 0xa0; }
  else if (c >= 0xe1 && c <= 0xec) len = 3;
  else if (c == 0xed) { len = 3; hi = 0x9f; }
  else if (c >= 0xee && c <= 0xef) len = 3;
  else if (c == 0xf0) { len = 4; lo = 0x90; }
  else if (c >= 0xf1 && c <= 0xf3) len = 4;
  else if (c == 0xf4) { len = 4; hi = 0x8f; }
  else return 0;
  if (n < len) return 0;
  if (s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; k++) if (s[k] < 0x80 || s[k] > 0xbf) return 0;
  return len;
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void check_json(const unsigned char *s, size_t n) {
  psv_buf b = {0};
  CHECK(psv_json_string(&b, (const char *)s, n) == 0);
  CHECK(b.n >= 2 && b.p[0] == '"' && b.p[b.n - 1] == '"');
  CHECK(psv_utf8_valid(b.p, b.n));
  /* decode it back */
  size_t i = 1, k = 0;
  while (i < b.n - 1) {
    unsigned char c = (unsigned char)b.p[i];
    CHECK(c >= 0x20 && c != '"');
    if (c != '\\') { CHECK(k < n && s[k] == c); k++; i++; continue; }
    CHECK(i + 1 < b.n - 1);
    char e = b.p[i + 1];
    if (e == '"' || e == '\\') { CHECK(k < n && s[k] == (unsigned char)e); k++; i += 2; continue; }
    CHECK(e == 'u' && i + 6 <= b.n - 1);
    unsigned v = 0;
    for (int j = 2; j < 6; j++) {
      int h = hexval(b.p[i + j]);
      CHECK(h >= 0);
      v = v * 16 + (unsigned)h;
    }
    if (v >= 0xdc80 && v <= 0xdcff) {   /* surrogateescape: a byte that is not UTF-8 */
      CHECK(k < n && s[k] == (v & 0xff) && ref_seq_len(s + k, n - k) == 0);
    } else {
      CHECK(v < 0x20 && k < n && s[k] == v);
    }
    k++;
    i += 6;
  }
  CHECK(k == n);
  psv_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const unsigned char *s = data;
  int ref_valid = 1;
  for (size_t i = 0; i < size;) {
    size_t want = ref_seq_len(s + i, size - i);
    CHECK(psv_utf8_seq_len(s + i, size - i) == want);
    if (!want) { ref_valid = 0; i++; } else i += want;
  }
  CHECK(psv_utf8_valid((const char *)s, size) == ref_valid);
  check_json(s, size);
  return 0;
}
