/*
** system.c — the running kernel's names (uname) and the logins of utmp.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <utmpx.h>

int psv_uname_read(psv_os *os, psv_uname *out) {
  struct utsname u;
  if (uname(&u) != 0) return psv_linux_fail(os, errno, "cannot read the system's names", "uname");
  snprintf(out->hostname, sizeof out->hostname, "%s", u.nodename);
  snprintf(out->release, sizeof out->release, "%s", u.release);
  return 0;
}

int psv_utmp_read(psv_os *os, psv_buf *b) {
  const char *path = psv_linux_utmp(os);
  int err = psv_linux_read_at(AT_FDCWD, path ? path : _PATH_UTMPX, b);
  if (err == ENOENT) {   /* no utmp (many containers): nobody logged in */
    b->n = 0;
    return 0;
  }
  return err ? psv_linux_fail(os, err, "cannot read utmp file", path ? path : "the system's") : 0;
}
