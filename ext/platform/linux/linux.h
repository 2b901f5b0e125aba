/*
** linux.h — what the files of the Linux platform layer share.
*/
#ifndef PSV_LINUX_H
#define PSV_LINUX_H

#include "platform.h"

/* Read the whole of dirfd/name into b (NUL-terminated). 0 or an errno. */
int psv_linux_read_at(int dirfd, const char *name, psv_buf *b);

/* The descriptor of a procfs root. */
int psv_procfs_rootfd(const psv_procfs *fs);

#endif /* PSV_LINUX_H */
