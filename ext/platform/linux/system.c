/*
** system.c — the running kernel's names (uname) and the logins of utmp.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <utmpx.h>

int psv_uname_read(psv_uname *out) {
  struct utsname u;
  if (uname(&u) != 0) return errno;
  snprintf(out->hostname, sizeof out->hostname, "%s", u.nodename);
  snprintf(out->release, sizeof out->release, "%s", u.release);
  return 0;
}

int psv_utmp_read(const char *path, psv_buf *b) {
  int err = psv_linux_read_at(AT_FDCWD, path ? path : _PATH_UTMPX, b);
  if (err == ENOENT) {   /* no utmp (many containers): nobody logged in */
    b->n = 0;
    return 0;
  }
  return err;
}
