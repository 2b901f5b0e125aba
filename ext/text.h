/*
** text.h — how OS text (bytes) becomes SQL text, and back.
**
** The OS names things with bytes: a name, a path or an argument may be
** any bytes but NUL (and a rewritten command line or a fixture tree may
** hold NULs too). SQL text must be valid UTF-8 without NUL in every row,
** or `LIKE`, `json_*`, the shell's exports and Python's and Node's drivers
** each treat the row differently (docs/text.md: "Text a query can always
** match"). So every OS string is encoded (after MirBSD's OPTU-8):
**
**   - bytes that form valid UTF-8 pass unchanged, except NUL and the
**     characters U+EF00..U+EFFF (private use);
**   - every other byte b (a byte that is not UTF-8, a NUL, or each byte of
**     the UTF-8 form of a character U+EF00..U+EFFF) becomes the character
**     U+EF00 + b, three bytes EE BC..BF 80..BF.
**
** Encoding is one-to-one: decoding (each U+EF00 + b back to the byte b,
** everything else copied) gives back the exact bytes. Text that is valid
** UTF-8 without NUL or U+EFxx (nearly all there is) is its own encoding.
**
** The encoder only ever makes U+EF00 and U+EF80..U+EFFF (a NUL, or a byte
** of 0x80 and up), so U+EF01 can mark a value cut at the bound: a cut value
** ends with it, and no data is ever read as that mark.
*/
#ifndef PSV_TEXT_H
#define PSV_TEXT_H

#include <stddef.h>

/* The character U+EF00 + b stands for the byte b. */
#define PSV_TEXT_ESCAPE_BASE 0xEF00u
/* U+EF01: the end of a value cut at the bound. */
#define PSV_TEXT_CUT "\xEE\xBC\x81"
#define PSV_TEXT_CUT_LEN 3

/* The most one value may take, its NUL terminator included: a value is
** cut (and marked) after escaping, so that no process can make one value
** cost more than this, however its bytes expand. */
#define PSV_MAX_VALUE ((size_t)16 << 20)

/* Length (1..4) of the valid UTF-8 sequence at s[0..n), or 0 when the
** bytes there are not UTF-8. Strict: no overlong forms, no surrogates,
** nothing above U+10FFFF. n must be at least 1. */
size_t psv_utf8_seq_len(const unsigned char *s, size_t n);

/* Encodes s[0..n) into out[0..room), never splitting a character: returns
** the bytes written and sets *used to the input bytes they stand for (n,
** unless room ran out). out NULL: only measures. */
size_t psv_text_encode(char *out, size_t room, const char *s, size_t n, size_t *used);

/* The same, for the inside of a JSON string: '"', '\' and the control
** characters U+0001..U+001F are also escaped, the JSON way. */
size_t psv_json_encode(char *out, size_t room, const char *s, size_t n, size_t *used);

/* Decodes s[0..n) into out (room for n bytes: never longer than its
** input), for any input: each U+EF00 + b becomes the byte b, all else is
** copied. Returns the bytes written. */
size_t psv_text_decode(char *out, const char *s, size_t n);

/* 1 when s[0..n) ends with the cut mark. */
int psv_text_is_cut(const char *s, size_t n);

/* ---- Bounded values ------------------------------------------------- */

/* Where a value is written: out[0..limit). out NULL only measures: the
** same calls give the length that writing them gives. Once something does
** not fit, `full` is set and nothing more is added. */
typedef struct psv_sink {
  char *out;
  size_t n, limit;
  int full;
} psv_sink;

void psv_sink_init(psv_sink *k, char *out, size_t limit);
/* OS bytes, escaped: as much as fits, never splitting a character. */
void psv_sink_text(psv_sink *k, const char *s, size_t n);
/* ASCII (punctuation, a number): all of it, or nothing and full. */
void psv_sink_ascii(psv_sink *k, const char *s, size_t n);

/* A JSON array in a sink. Strings are OS bytes, escaped as text is (so
** that json_each() gives what a TEXT column gives), then for JSON. When an
** element does not fit, the array is cut and still valid JSON: its last
** element is then a string that ends with the cut mark (after as much of
** the element as fits, or nothing). limit must be at least 8. */
typedef struct psv_json_array {
  psv_sink k;
  int count;
  int last_string;   /* the last element is a string */
} psv_json_array;

void psv_json_begin(psv_json_array *a, char *out, size_t limit);
void psv_json_string(psv_json_array *a, const char *s, size_t n);
void psv_json_int(psv_json_array *a, long long v);
void psv_json_end(psv_json_array *a);
/* Ends the array as cut: its last string (or a new one when there is
** none) ends with the cut mark. */
void psv_json_end_cut(psv_json_array *a);

#endif /* PSV_TEXT_H */
