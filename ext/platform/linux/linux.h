/*
** linux.h — what the files of the Linux platform layer share.
*/
#ifndef PSV_LINUX_H
#define PSV_LINUX_H

#include "platform.h"

/* Read the whole of dirfd/name into b (NUL-terminated). 0 or an errno. */
int psv_linux_read_at(int dirfd, const char *name, psv_buf *b);

/* Decimal numbers after optional blanks: 0 and *pp advanced, or EINVAL
** (no digits) or ERANGE (more than 64 bits). The signed form takes a sign
** and keeps the bits of values above INT64_MAX. */
int psv_scan_u64(const char **pp, const char *end, uint64_t *out);
int psv_scan_i64(const char **pp, const char *end, int64_t *out);


#endif /* PSV_LINUX_H */
