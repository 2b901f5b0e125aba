/*
** buf.h — a growable byte buffer for the psvtab command's output. It
** remembers a failed allocation: every append after one does nothing, and
** whoever writes the buffer out checks `failed` once.
*/
#ifndef CLI_BUF_H
#define CLI_BUF_H

#include <stddef.h>

typedef struct buf {
  char *data;     /* not NUL-terminated */
  size_t len, cap;
  int failed;     /* an allocation failed: the contents are incomplete */
} buf;

void buf_add(buf *b, const void *bytes, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(buf *b);

#endif /* CLI_BUF_H */
