/*
** format.c — values spelled as text for the psvtab command (format.h).
*/
#include "format.h"
#include "text.h"   /* psvtab's own UTF-8 check (ext/text.h) */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of the one valid UTF-8 character at s (setting *cp), or 0 when the
** bytes there are not one (overlong, surrogate, cut short, ...). */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp) {
  size_t len = n > 0 ? psv_utf8_seq_len(s, n) : 0;
  if (len == 1) {
    *cp = s[0];
  } else if (len > 1) {
    *cp = s[0] & (0x7fu >> len);   /* the lead byte's bits: 5, 4 or 3 */
    for (size_t k = 1; k < len; k++) *cp = (*cp << 6) | (s[k] & 0x3fu);
  }
  return len;
}

/* ---- Display width ---------------------------------------------------- */

typedef struct { unsigned first, last; } range;

/* Marks that combine with the character before them (no column of their
** own), and zero-width spaces and joiners. The common blocks, not all of
** Unicode: a miss costs one column of alignment, never a wrong value. */
static const range zero_width[] = {
  { 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd }, { 0x0610, 0x061a },
  { 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x0e31, 0x0e31 },
  { 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
  { 0x200b, 0x200f }, { 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
  { 0xfeff, 0xfeff }, { 0xe0100, 0xe01ef },
};

/* East Asian wide and fullwidth characters, and emoji: two columns. */
static const range double_width[] = {
  { 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x23e9, 0x23ec },
  { 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x26aa, 0x26ab }, { 0x26bd, 0x26be },
  { 0x2705, 0x2705 }, { 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x2b50, 0x2b50 },
  { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
  { 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
  { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
  { 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static int in_ranges(unsigned cp, const range *r, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (cp >= r[i].first && cp <= r[i].last) return 1;
  }
  return 0;
}

static size_t char_width(unsigned cp) {
  if (cp < 0x300) return 1;
  if (in_ranges(cp, zero_width, sizeof zero_width / sizeof *zero_width)) return 0;
  if (in_ranges(cp, double_width, sizeof double_width / sizeof *double_width)) return 2;
  return 1;
}

size_t text_width(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t width = 0;
  for (size_t i = 0; i < n;) {
    unsigned cp;
    size_t len = utf8_char(p + i, n - i, &cp);
    width += len ? char_width(cp) : 1;
    i += len ? len : 1;
  }
  return width;
}

size_t text_fit(const char *s, size_t n, size_t columns) {
  const unsigned char *p = (const unsigned char *)s;
  size_t width = 0, i = 0;
  while (i < n) {
    unsigned cp;
    size_t len = utf8_char(p + i, n - i, &cp);
    size_t w = len ? char_width(cp) : 1;
    if (width + w > columns) break;
    width += w;
    i += len ? len : 1;
  }
  return i;
}

/* ---- Escapes for the terminal and tab-separated text -------------------- */

/* Characters a terminal would act on rather than show, or that reorder
** the text around them (a name could make another row look different). */
static int acts_on_terminal(unsigned cp) {
  return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x200e ||
         cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static void put_escape(buf *b, unsigned cp) {
  switch (cp) {
    case '\t': buf_puts(b, "\\t"); return;
    case '\n': buf_puts(b, "\\n"); return;
    case '\r': buf_puts(b, "\\r"); return;
    case '\\': buf_puts(b, "\\\\"); return;
    default: break;
  }
  if (cp < 0x80) buf_printf(b, "\\x%02x", cp);
  else buf_printf(b, "\\u%04x", cp);
}

/* ---- JSON --------------------------------------------------------------- */

/* What JSON requires escaped, and what a terminal would act on (so that
** JSON is as safe to print as the box). */
static int json_escaped(unsigned cp) {
  return cp == '"' || cp == '\\' || acts_on_terminal(cp);
}

static void put_json_escape(buf *b, unsigned cp) {
  switch (cp) {
    case '"': buf_puts(b, "\\\""); return;
    case '\\': buf_puts(b, "\\\\"); return;
    case '\b': buf_puts(b, "\\b"); return;
    case '\f': buf_puts(b, "\\f"); return;
    case '\n': buf_puts(b, "\\n"); return;
    case '\r': buf_puts(b, "\\r"); return;
    case '\t': buf_puts(b, "\\t"); return;
    default: buf_printf(b, "\\u%04x", cp); return;
  }
}

/* ---- Escaping ------------------------------------------------------------ */

/* One way of escaping: which characters, how, and how a byte that is not
** UTF-8 is written. */
typedef struct escaping {
  int (*escaped)(unsigned cp);
  void (*put)(buf *b, unsigned cp);
  const char *byte_prefix;   /* then the byte in two hex digits */
} escaping;

static void put_with(buf *b, const char *s, size_t n, const escaping *e) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, plain = 0;   /* bytes from `plain` to i go out as they are */
  while (i < n) {
    unsigned cp;
    size_t len = utf8_char(p + i, n - i, &cp);
    if (len && !e->escaped(cp)) {
      i += len;
      continue;
    }
    buf_add(b, p + plain, i - plain);
    if (len) {
      e->put(b, cp);
    } else {
      buf_printf(b, "%s%02x", e->byte_prefix, p[i]);
      len = 1;
    }
    i += len;
    plain = i;
  }
  buf_add(b, p + plain, n - plain);
}

static int terminal_or_backslash(unsigned cp) { return cp == '\\' || acts_on_terminal(cp); }

void put_escaped(buf *b, const char *s, size_t n, int backslash) {
  static const escaping terminal = { acts_on_terminal, put_escape, "\\x" };
  static const escaping reversible = { terminal_or_backslash, put_escape, "\\x" };
  put_with(b, s, n, backslash ? &reversible : &terminal);
}

void put_json_string(buf *b, const char *s, size_t n) {
  /* a byte that is not UTF-8 is >= 0x80: \udc80 to \udcff */
  static const escaping json = { json_escaped, put_json_escape, "\\udc" };
  buf_putc(b, '"');
  put_with(b, s, n, &json);
  buf_putc(b, '"');
}

/* A recursive-descent reader that only says whether the text is JSON. */
typedef struct json_reader {
  const unsigned char *p, *end;
  int depth;
} json_reader;

#define JSON_MAX_DEPTH 1000   /* as SQLite's JSON functions */

static int json_value(json_reader *r);

static void json_blanks(json_reader *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
}

static int json_literal(json_reader *r, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) return 0;
  r->p += n;
  return 1;
}

static int json_digits(json_reader *r) {
  const unsigned char *start = r->p;
  while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
  return r->p > start;
}

static int json_number(json_reader *r) {
  if (r->p < r->end && *r->p == '-') r->p++;
  if (r->p < r->end && *r->p == '0') r->p++;
  else if (!json_digits(r)) return 0;
  if (r->p < r->end && *r->p == '.') {
    r->p++;
    if (!json_digits(r)) return 0;
  }
  if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
    r->p++;
    if (r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    if (!json_digits(r)) return 0;
  }
  return 1;
}

static int json_string_escape(json_reader *r) {
  if (r->p >= r->end) return 0;
  if (*r->p && strchr("\"\\/bfnrt", *r->p)) {
    r->p++;
    return 1;
  }
  if (*r->p != 'u' || r->end - r->p < 5) return 0;
  for (int i = 1; i <= 4; i++) {
    unsigned char c = r->p[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return 0;
  }
  r->p += 5;
  return 1;
}

static int json_string(json_reader *r) {
  r->p++;   /* the opening quote */
  while (r->p < r->end) {
    unsigned cp;
    size_t len = utf8_char(r->p, (size_t)(r->end - r->p), &cp);
    if (!len || cp < 0x20) return 0;
    r->p += len;
    if (cp == '"') return 1;
    if (cp == '\\' && !json_string_escape(r)) return 0;
  }
  return 0;
}

/* The members of an array (close ']') or object (close '}'). */
static int json_members(json_reader *r, unsigned char close) {
  if (++r->depth > JSON_MAX_DEPTH) return 0;
  r->p++;
  json_blanks(r);
  if (r->p < r->end && *r->p == close) {
    r->p++;
    r->depth--;
    return 1;
  }
  for (;;) {
    json_blanks(r);
    if (close == '}') {
      if (r->p >= r->end || *r->p != '"' || !json_string(r)) return 0;
      json_blanks(r);
      if (r->p >= r->end || *r->p++ != ':') return 0;
    }
    if (!json_value(r)) return 0;
    json_blanks(r);
    if (r->p >= r->end) return 0;
    unsigned char c = *r->p++;
    if (c == close) break;
    if (c != ',') return 0;
  }
  r->depth--;
  return 1;
}

static int json_value(json_reader *r) {
  json_blanks(r);
  if (r->p >= r->end) return 0;
  switch (*r->p) {
    case '{': return json_members(r, '}');
    case '[': return json_members(r, ']');
    case '"': return json_string(r);
    case 't': return json_literal(r, "true");
    case 'f': return json_literal(r, "false");
    case 'n': return json_literal(r, "null");
    default: return json_number(r);
  }
}

int json_valid(const char *s, size_t n) {
  json_reader r = { (const unsigned char *)s, (const unsigned char *)s + n, 0 };
  if (!json_value(&r)) return 0;
  json_blanks(&r);
  return r.p == r.end;
}

/* ---- Bytes and numbers ------------------------------------------------ */

void put_base64(buf *b, const unsigned char *p, size_t n) {
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)p[i] << 16;
    if (i + 1 < n) v |= (unsigned)p[i + 1] << 8;
    if (i + 2 < n) v |= p[i + 2];
    char quad[4] = { digits[v >> 18], digits[(v >> 12) & 63],
                     i + 1 < n ? digits[(v >> 6) & 63] : '=', i + 2 < n ? digits[v & 63] : '=' };
    buf_add(b, quad, 4);
  }
}

void put_hex(buf *b, const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++) buf_printf(b, "%02X", p[i]);
}

void put_real(buf *b, double r, int json) {
  if (isnan(r)) {
    buf_puts(b, json ? "null" : "NaN");
    return;
  }
  if (isinf(r)) {
    if (json) buf_puts(b, r < 0 ? "-9e999" : "9e999");
    else buf_puts(b, r < 0 ? "-Inf" : "Inf");
    return;
  }
  char s[40];
  for (int digits = 15; digits <= 17; digits++) {
    snprintf(s, sizeof s, "%.*g", digits, r);
    if (strtod(s, NULL) == r) break;
  }
  buf_puts(b, s);
  if (!strpbrk(s, ".e")) buf_puts(b, ".0");
}
