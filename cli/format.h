/*
** format.h — how the psvtab command spells values: display widths, the
** escapes of the box and tab-separated outputs, JSON strings and a JSON
** syntax check, base64, hex and numbers.
*/
#ifndef CLI_FORMAT_H
#define CLI_FORMAT_H

#include "buf.h"

#include <stddef.h>

/* Terminal columns the UTF-8 text takes (wide East Asian characters take
** two, combining marks none). Invalid bytes count one each. */
size_t text_width(const char *s, size_t n);

/* How many bytes of the UTF-8 text fit in `columns` terminal columns. */
size_t text_fit(const char *s, size_t n, size_t columns);

/* The bytes as printable text: control characters (C0, DEL, C1), the
** characters that reorder or break lines on a terminal (bidirectional
** controls, U+2028/U+2029) and bytes that are not UTF-8 become \t \n \r,
** \xHH (a byte or an ASCII control) or \uHHHH. With `backslash`, a
** backslash is doubled too, so that the escapes read back exactly. */
void put_escaped(buf *b, const char *s, size_t n, int backslash);

/* A JSON string literal of the bytes: bytes that are not UTF-8 become
** \udcXX, as in the argv column; what put_escaped escapes is \uXXXX. */
void put_json_string(buf *b, const char *s, size_t n);

/* 1 when the bytes are exactly one JSON value (RFC 8259), in UTF-8. */
int json_valid(const char *s, size_t n);

void put_base64(buf *b, const unsigned char *p, size_t n);
void put_hex(buf *b, const unsigned char *p, size_t n);

/* The shortest decimal that reads back as r, with ".0" when it would
** look like an integer; infinities as Inf/-Inf (`json`: 9e999/-9e999, as
** SQLite's JSON functions write them), NaN as NaN (JSON: null). */
void put_real(buf *b, double r, int json);

#endif /* CLI_FORMAT_H */
