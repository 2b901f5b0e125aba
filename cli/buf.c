/*
** buf.c — the growable output buffer (buf.h).
*/
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes; 0 (and b->failed) when there is none. */
static int reserve(buf *b, size_t n) {
  if (b->failed) return 0;
  if (b->cap - b->len >= n) return 1;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len < n) {
    if (cap > ((size_t)-1) / 2) {
      b->failed = 1;
      return 0;
    }
    cap *= 2;
  }
  char *grown = realloc(b->data, cap);
  if (!grown) {
    b->failed = 1;
    return 0;
  }
  b->data = grown;
  b->cap = cap;
  return 1;
}

void buf_add(buf *b, const void *bytes, size_t n) {
  if (n == 0 || !reserve(b, n)) return;
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
}

void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_putc(buf *b, char c) { buf_add(b, &c, 1); }

void buf_printf(buf *b, const char *fmt, ...) {
  char small[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = 1;
    return;
  }
  if ((size_t)n < sizeof small) {
    buf_add(b, small, (size_t)n);
    return;
  }
  if (!reserve(b, (size_t)n + 1)) return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

void buf_free(buf *b) {
  free(b->data);
  *b = (buf){ 0 };
}
