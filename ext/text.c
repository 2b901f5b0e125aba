/*
** text.c — strict UTF-8 validation, and the encoding of OS bytes as text
** (see text.h).
*/
#include "text.h"

#include <stdio.h>
#include <string.h>

size_t psv_utf8_seq_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned min, cp;
  if (c < 0x80) return 1;
  if ((c & 0xe0) == 0xc0) { len = 2; min = 0x80; cp = c & 0x1f; }
  else if ((c & 0xf0) == 0xe0) { len = 3; min = 0x800; cp = c & 0x0f; }
  else if ((c & 0xf8) == 0xf0) { len = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if (n < len) return 0;
  for (size_t k = 1; k < len; k++) {
    if ((s[k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

/* The character U+EF00 + b, in out[0..3). */
static size_t escape_byte(unsigned char b, unsigned char *out) {
  unsigned cp = PSV_TEXT_ESCAPE_BASE + b;
  out[0] = (unsigned char)(0xe0 | (cp >> 12));
  out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
  out[2] = (unsigned char)(0x80 | (cp & 0x3f));
  return 3;
}

/* 1 when s[0..3) is the UTF-8 form of a character U+EF00..U+EFFF. */
static int is_escape_char(const unsigned char *s, size_t n) {
  return n >= 3 && s[0] == 0xee && s[1] >= 0xbc && s[1] <= 0xbf &&
         (s[2] & 0xc0) == 0x80;
}

/* The next unit of s[0..n) (n >= 1): sets *take to the input bytes it
** stands for, writes its encoding to out (at most 6 bytes) and returns
** that length. `json`: also escape what a JSON string may not hold. */
static size_t next_unit(const unsigned char *s, size_t n, int json, unsigned char *out,
                        size_t *take) {
  static const char hex[] = "0123456789abcdef";
  unsigned char c = s[0];
  *take = 1;
  if (c == 0) return escape_byte(c, out);
  if (c < 0x80) {
    if (json && (c == '"' || c == '\\')) {
      out[0] = '\\';
      out[1] = c;
      return 2;
    }
    if (json && c < 0x20) {
      memcpy(out, "\\u00", 4);
      out[4] = (unsigned char)hex[c >> 4];
      out[5] = (unsigned char)hex[c & 15];
      return 6;
    }
    out[0] = c;
    return 1;
  }
  size_t len = psv_utf8_seq_len(s, n);
  if (len == 0 || (len == 3 && is_escape_char(s, n))) return escape_byte(c, out);
  memcpy(out, s, len);
  *take = len;
  return len;
}

/* 1 for an ASCII byte that is its own encoding. */
static int plain_ascii(unsigned char c, int json) {
  return json ? c >= 0x20 && c < 0x80 && c != '"' && c != '\\' : c > 0 && c < 0x80;
}

static size_t encode(char *out, size_t room, const char *str, size_t n, size_t *used,
                     int json) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, w = 0;
  while (i < n) {
    /* runs of plain ASCII, the common case, in one copy */
    size_t run = 0;
    while (i + run < n && run < room - w && plain_ascii(s[i + run], json)) run++;
    if (run) {
      if (out) memcpy(out + w, s + i, run);
      w += run;
      i += run;
      continue;
    }
    unsigned char unit[6];
    size_t take, len = next_unit(s + i, n - i, json, unit, &take);
    if (len > room - w) break;
    if (out) memcpy(out + w, unit, len);
    w += len;
    i += take;
  }
  *used = i;
  return w;
}

size_t psv_text_encode(char *out, size_t room, const char *s, size_t n, size_t *used) {
  return encode(out, room, s, n, used, 0);
}

size_t psv_json_encode(char *out, size_t room, const char *s, size_t n, size_t *used) {
  return encode(out, room, s, n, used, 1);
}

size_t psv_text_decode(char *out, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, w = 0;
  while (i < n) {
    if (is_escape_char(s + i, n - i)) {
      out[w++] = (char)(((s[i + 1] & 0x03) << 6) | (s[i + 2] & 0x3f));
      i += 3;
    } else {
      out[w++] = (char)s[i++];
    }
  }
  return w;
}

int psv_text_is_cut(const char *s, size_t n) {
  return n >= PSV_TEXT_CUT_LEN &&
         memcmp(s + n - PSV_TEXT_CUT_LEN, PSV_TEXT_CUT, PSV_TEXT_CUT_LEN) == 0;
}

/* ---- Sinks ---------------------------------------------------------- */

void psv_sink_init(psv_sink *k, char *out, size_t limit) {
  k->out = out;
  k->n = 0;
  k->limit = limit;
  k->full = 0;
}

void psv_sink_text(psv_sink *k, const char *s, size_t n) {
  size_t used;
  if (k->full) return;
  k->n += psv_text_encode(k->out ? k->out + k->n : NULL, k->limit - k->n, s, n, &used);
  if (used < n) k->full = 1;
}

void psv_sink_ascii(psv_sink *k, const char *s, size_t n) {
  if (k->full) return;
  if (n > k->limit - k->n) {
    k->full = 1;
    return;
  }
  if (k->out) memcpy(k->out + k->n, s, n);
  k->n += n;
}

/* ---- JSON arrays ---------------------------------------------------- */

/* What stays free after each element, for a cut element to end the
** array: ,"<U+EF01>"] */
#define JSON_RESERVE (2 + PSV_TEXT_CUT_LEN + 2)

void psv_json_begin(psv_json_array *a, char *out, size_t limit) {
  psv_sink_init(&a->k, out, limit);
  a->count = 0;
  a->last_string = 0;
  psv_sink_ascii(&a->k, "[", 1);
}

/* Ends the array with a string: as much of s[0..n) as fits (s NULL:
** nothing), the cut mark, and the bracket. JSON_RESERVE left room. */
static void json_cut(psv_json_array *a, const char *s, size_t n) {
  psv_sink *k = &a->k;
  size_t used, end = PSV_TEXT_CUT_LEN + 2;
  if (a->count) psv_sink_ascii(k, ",", 1);
  psv_sink_ascii(k, "\"", 1);
  if (s && !k->full && k->limit - k->n > end) {
    k->n += psv_json_encode(k->out ? k->out + k->n : NULL, k->limit - k->n - end, s, n, &used);
  }
  psv_sink_ascii(k, PSV_TEXT_CUT "\"]", end);
  k->full = 1;
}

/* 1 when `fixed` bytes and JSON_RESERVE after them fit; *room is then
** what is left for the element's content. */
static int json_fits(const psv_json_array *a, size_t fixed, size_t *room) {
  size_t left = a->k.limit - a->k.n;
  if (a->k.full || left < fixed + JSON_RESERVE) return 0;
  *room = left - fixed - JSON_RESERVE;
  return 1;
}

void psv_json_string(psv_json_array *a, const char *s, size_t n) {
  psv_sink *k = &a->k;
  size_t sep = a->count > 0, room, used;
  if (k->full) return;
  int fits = json_fits(a, sep + 2, &room);
  if (fits) {
    psv_json_encode(NULL, room, s, n, &used);
    fits = used == n;
  }
  if (!fits) {
    json_cut(a, s, n);
    return;
  }
  if (sep) psv_sink_ascii(k, ",", 1);
  psv_sink_ascii(k, "\"", 1);
  k->n += psv_json_encode(k->out ? k->out + k->n : NULL, room, s, n, &used);
  psv_sink_ascii(k, "\"", 1);
  a->count++;
  a->last_string = 1;
}

void psv_json_int(psv_json_array *a, long long v) {
  char num[24];
  size_t room;
  if (a->k.full) return;
  int len = snprintf(num, sizeof num, "%s%lld", a->count ? "," : "", v);
  if (!json_fits(a, (size_t)len, &room)) {
    json_cut(a, NULL, 0);
    return;
  }
  psv_sink_ascii(&a->k, num, (size_t)len);
  a->count++;
  a->last_string = 0;
}

void psv_json_end(psv_json_array *a) {
  /* a cut array is closed already; JSON_RESERVE left room for this */
  if (!a->k.full) psv_sink_ascii(&a->k, "]", 1);
}

void psv_json_end_cut(psv_json_array *a) {
  psv_sink *k = &a->k;
  if (k->full) return;   /* cut already */
  /* JSON_RESERVE left room after the last element */
  if (a->last_string) {
    k->n--;   /* reopen it: its closing quote goes */
  } else {
    if (a->count) psv_sink_ascii(k, ",", 1);
    psv_sink_ascii(k, "\"", 1);
  }
  psv_sink_ascii(k, PSV_TEXT_CUT "\"]", PSV_TEXT_CUT_LEN + 2);
  k->full = 1;
}
