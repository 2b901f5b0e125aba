/* fuzz_utf8.c — ext/text.c: the UTF-8 checks and the encoding of OS bytes
** as text, each against a reference written here from the rules:
**   - psv_utf8_seq_len: a table-driven strict validator (Unicode 3.9,
**     Table 3-7);
**   - psv_text_encode: the reference encoder, byte for byte; its output is
**     valid UTF-8 without NUL and without the cut mark, and decodes back to
**     the input (psv_text_decode);
**   - psv_json_encode: its JSON decoding is the text encoding;
**   - a bounded sink and a bounded JSON array (the limit comes from the
**     input): measuring and writing agree, the limit holds, the array
**     parses, its strings are the pieces' encodings (the last one cut at a
**     character and marked when the array is cut). */
#include "fuzz.h"
#include "text.h"

#include <stdlib.h>

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

/* The unit of the encoding at s[0..n): a character copied, or one byte b
** as U+EF00 + b. Returns the input bytes taken; out gets the output. */
static size_t ref_unit(const unsigned char *s, size_t n, unsigned char out[4], size_t *out_len) {
  size_t len = ref_seq_len(s, n);
  /* U+EF00..U+EFFF is EE BC..BF xx */
  int copy = s[0] != 0 && len > 0 && !(len == 3 && s[0] == 0xee && s[1] >= 0xbc);
  if (copy) {
    memcpy(out, s, len);
    *out_len = len;
    return len;
  }
  unsigned cp = 0xef00u + s[0];
  out[0] = (unsigned char)(0xe0 | (cp >> 12));
  out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
  out[2] = (unsigned char)(0x80 | (cp & 0x3f));
  *out_len = 3;
  return 1;
}

/* The whole encoding of s[0..n), malloc'd; *len its length. */
static unsigned char *ref_encode(const unsigned char *s, size_t n, size_t *len) {
  unsigned char *out = malloc(3 * n + 1);
  CHECK(out);
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    size_t u;
    i += ref_unit(s + i, n - i, out + w, &u);
    w += u;
  }
  *len = w;
  return out;
}

static int valid_no_nul(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t len = ref_seq_len(s + i, n - i);
    if (!len || s[i] == 0) return 0;
    i += len;
  }
  return 1;
}

/* 1 when s[0..n) holds U+EF01..U+EF7F (EE BC 81..BF, EE BD 80..BF): the
** cut mark, or what no byte escapes to. */
static int has_unmade_escape(const unsigned char *s, size_t n) {
  for (size_t i = 0; i + 2 < n; i++) {
    if (s[i] == 0xee && ((s[i + 1] == 0xbc && s[i + 2] > 0x80) || s[i + 1] == 0xbd)) return 1;
  }
  return 0;
}

static void check_text(const unsigned char *s, size_t n) {
  size_t want_len, used;
  unsigned char *want = ref_encode(s, n, &want_len);
  char *got = malloc(3 * n + 1);
  CHECK(got);
  CHECK(psv_text_encode(NULL, 3 * n, (const char *)s, n, &used) == want_len && used == n);
  CHECK(psv_text_encode(got, 3 * n, (const char *)s, n, &used) == want_len && used == n);
  CHECK(memcmp(got, want, want_len) == 0);
  CHECK(valid_no_nul(want, want_len));
  CHECK(!has_unmade_escape(want, want_len));
  /* clean text is its own encoding */
  if (valid_no_nul(s, n) && want_len == n) CHECK(memcmp(want, s, n) == 0);
  char *back = malloc(want_len + 1);
  CHECK(back);
  CHECK(psv_text_decode(back, got, want_len) == n);
  CHECK(memcmp(back, s, n) == 0);
  free(back);
  free(got);
  free(want);
}

static int hexval(unsigned char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes the body of a JSON string as psv_json_encode writes it (\" \\
** \u00XX, nothing else) into out; returns its length. */
static size_t json_unescape(const unsigned char *s, size_t n, unsigned char *out) {
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    CHECK(s[i] >= 0x20 && s[i] != '"');
    if (s[i] != '\\') { out[w++] = s[i++]; continue; }
    CHECK(i + 1 < n);
    if (s[i + 1] == '"' || s[i + 1] == '\\') { out[w++] = s[i + 1]; i += 2; continue; }
    CHECK(s[i + 1] == 'u' && i + 6 <= n && s[i + 2] == '0' && s[i + 3] == '0');
    int hi = hexval(s[i + 4]), lo = hexval(s[i + 5]);
    CHECK(hi >= 0 && lo >= 0 && hi * 16 + lo < 0x20 && hi * 16 + lo > 0);
    out[w++] = (unsigned char)(hi * 16 + lo);
    i += 6;
  }
  return w;
}

static void check_json_string(const unsigned char *s, size_t n) {
  size_t want_len, used;
  unsigned char *want = ref_encode(s, n, &want_len);
  unsigned char *got = malloc(6 * n + 1), *plain = malloc(6 * n + 1);
  CHECK(got && plain);
  size_t len = psv_json_encode((char *)got, 6 * n, (const char *)s, n, &used);
  CHECK(used == n);
  CHECK(json_unescape(got, len, plain) == want_len && memcmp(plain, want, want_len) == 0);
  free(plain);
  free(got);
  free(want);
}

/* A sink of `limit` bytes: the longest prefix of whole units. */
static void check_sink(const unsigned char *s, size_t n, size_t limit) {
  size_t want_len;
  unsigned char *want = ref_encode(s, n, &want_len);
  char *out = malloc(limit + 1);
  CHECK(out);
  psv_sink m, k;
  psv_sink_init(&m, NULL, limit);
  psv_sink_init(&k, out, limit);
  psv_sink_text(&m, (const char *)s, n);
  psv_sink_text(&k, (const char *)s, n);
  CHECK(m.n == k.n && m.full == k.full && k.n <= limit);
  CHECK(memcmp(out, want, k.n) == 0);
  CHECK(k.full == (k.n < want_len));
  if (k.full) {   /* cut at a unit's edge, and the next unit did not fit */
    unsigned char unit[4];
    size_t in = 0, at = 0, u = 0;
    while (at < k.n) {
      in += ref_unit(s + in, n - in, unit, &u);
      at += u;
    }
    CHECK(at == k.n);
    ref_unit(s + in, n - in, unit, &u);
    CHECK(u > limit - k.n);
  }
  free(out);
  free(want);
}

/* The pieces of data: split at '\n'. */
#define MAX_PIECES 64

static void add_pieces(psv_json_array *a, const unsigned char *s, size_t n, int cut) {
  size_t start = 0;
  int count = 0;
  for (size_t i = 0; i <= n && count < MAX_PIECES; i++) {
    if (i < n && s[i] != '\n') continue;
    psv_json_string(a, (const char *)s + start, i - start);
    count++;
    start = i + 1;
  }
  if (cut) psv_json_end_cut(a);
  else psv_json_end(a);
}

static void check_array(const unsigned char *s, size_t n, size_t limit, int cut) {
  char *out = malloc(limit + 1);
  CHECK(out);
  psv_json_array m, a;
  psv_json_begin(&m, NULL, limit);
  psv_json_begin(&a, out, limit);
  add_pieces(&m, s, n, cut);
  add_pieces(&a, s, n, cut);
  CHECK(m.k.n == a.k.n && a.k.n <= limit);
  /* parse: [ "..." , "..." ] */
  const unsigned char *p = (const unsigned char *)out, *end = p + a.k.n;
  CHECK(p < end && *p++ == '[');
  size_t start = 0;
  int elements = 0, last_cut = 0;
  unsigned char *plain = malloc(a.k.n + 1);
  CHECK(plain);
  while (p < end && *p != ']') {
    if (elements) CHECK(*p++ == ',');
    CHECK(p < end && *p++ == '"');
    const unsigned char *body = p;
    while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
    CHECK(p < end);
    size_t len = json_unescape(body, (size_t)(p - body), plain);
    p++;
    /* the piece this element stands for */
    size_t stop = start;
    while (stop < n && s[stop] != '\n') stop++;
    size_t want_len;
    unsigned char *want = ref_encode(s + (start <= n ? start : n), start <= n ? stop - start : 0,
                                     &want_len);
    last_cut = psv_text_is_cut((const char *)plain, len);
    if (last_cut) {
      len -= PSV_TEXT_CUT_LEN;
      CHECK(len <= want_len);
    } else {
      CHECK(len == want_len);
    }
    CHECK(memcmp(plain, want, len) == 0);
    free(want);
    elements++;
    start = stop + 1;
  }
  CHECK(p + 1 == end && *p == ']');
  /* a cut array ends with the mark, and only it; an uncut one has every
  ** piece (up to MAX_PIECES) */
  int pieces = 1;
  for (size_t i = 0; i < n; i++) pieces += s[i] == '\n';
  if (pieces > MAX_PIECES) pieces = MAX_PIECES;
  CHECK(a.k.full == last_cut);
  if (!last_cut) CHECK(elements == pieces);
  if (cut) CHECK(last_cut);
  free(plain);
  free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const unsigned char *s = data;
  for (size_t i = 0; i < size;) {
    size_t want = ref_seq_len(s + i, size - i);
    CHECK(psv_utf8_seq_len(s + i, size - i) == want);
    i += want ? want : 1;
  }
  check_text(s, size);
  check_json_string(s, size);
  if (size < 2) return 0;
  /* the limit from the first two bytes: 8 (the least an array takes) to
  ** 8 + 4095, so that cuts land anywhere in inputs of up to 4 KiB */
  size_t limit = 8 + (((size_t)s[0] << 8 | s[1]) & 0xfff);
  check_sink(s + 2, size - 2, limit);
  check_array(s + 2, size - 2, limit, 0);
  check_array(s + 2, size - 2, limit, 1);
  return 0;
}
