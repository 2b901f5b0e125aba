/*
** system.c — facts about the system (boot time, CPU counts, the kernel's
** names, page size, clock ticks) and the logins of utmp, read from the
** file itself rather than with getutxent, which is not thread-safe.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <utmpx.h>

static int read_names(psv_os *os, psv_system *out) {
  struct utsname u;
  if (uname(&u) != 0) return psv_linux_fail(os, errno, "cannot read the system's names", "uname");
  snprintf(out->hostname, sizeof out->hostname, "%s", u.nodename);
  snprintf(out->kernel_release, sizeof out->kernel_release, "%s", u.release);
  out->have |= PSV_SYS_NAMES;
  return 0;
}

/* Boot time is the btime line of <procfs>/stat: without one (a tree that
** lacks it), no boot time. */
static int read_boot_time(psv_os *os, psv_system *out) {
  int err = psv_linux_boot_time(os, &out->boot_time);
  if (!err) out->have |= PSV_SYS_BOOT_TIME;
  if (err == EINVAL) return 0;
  return err ? psv_linux_fail_under(os, err, "stat", psv_linux_procfs(os)) : 0;
}

/* A count of 0 (no source said) is psutil's None. */
static int read_count(psv_os *os, int (*count)(psv_os *, int64_t *), int64_t *n, unsigned bit,
                      psv_system *out) {
  int err = count(os, n);
  if (!err && *n > 0) out->have |= bit;
  return err;
}

int psv_system_read(psv_os *os, unsigned want, psv_system *out) {
  int err = 0;
  memset(out, 0, sizeof *out);
  if (want & PSV_SYS_BOOT_TIME) err = read_boot_time(os, out);
  if (!err && (want & PSV_SYS_CPUS_LOGICAL)) {
    err = read_count(os, psv_linux_cpu_count_logical, &out->cpu_count_logical,
                     PSV_SYS_CPUS_LOGICAL, out);
  }
  if (!err && (want & PSV_SYS_CPUS_PHYSICAL)) {
    err = read_count(os, psv_linux_cpu_count_cores, &out->cpu_count_physical,
                     PSV_SYS_CPUS_PHYSICAL, out);
  }
  if (!err && (want & PSV_SYS_NAMES)) err = read_names(os, out);
  out->page_size = psv_linux_page_size();
  out->clock_ticks = psv_linux_clock_ticks();
  out->have |= want & (PSV_SYS_PAGE_SIZE | PSV_SYS_CLOCK_TICKS);
  return err;
}

/* ---- Logins ----------------------------------------------------------- */

struct psv_logins {
  psv_buf file;
  size_t offset;
};

int psv_logins_open(psv_os *os, psv_logins **out) {
  const char *path = psv_linux_utmp(os);
  *out = NULL;
  psv_logins *l = psv_calloc(sizeof *l);
  if (!l) return ENOMEM;
  int err = psv_linux_read_at(AT_FDCWD, path ? path : _PATH_UTMPX, &l->file);
  if (err == ENOENT) {   /* no utmp (many containers): nobody logged in */
    l->file.n = 0;
    err = 0;
  }
  if (err) {
    psv_logins_close(l);
    return psv_linux_fail(os, err, "cannot read utmp file", path ? path : "the system's");
  }
  *out = l;
  return 0;
}

int psv_logins_next(psv_logins *l, psv_user *out) {
  return psv_utmp_next(l->file.p, l->file.n, &l->offset, out);
}

void psv_logins_close(psv_logins *l) {
  if (!l) return;
  psv_buf_free(&l->file);
  psv_free(l);
}
