/*
** text.h — UTF-8 checks shared by the driver (TEXT or BLOB?) and the JSON
** builders (which bytes need escaping?).
*/
#ifndef PSV_TEXT_H
#define PSV_TEXT_H

#include <stddef.h>

/* Length (1..4) of the valid UTF-8 sequence at s[0..n), or 0 when the
** bytes there are not UTF-8. Strict: no overlong forms, no surrogates,
** nothing above U+10FFFF. n must be at least 1. */
size_t psv_utf8_seq_len(const unsigned char *s, size_t n);

/* 1 when all of s[0..n) is valid UTF-8. */
int psv_utf8_valid(const char *s, size_t n);

#endif /* PSV_TEXT_H */
