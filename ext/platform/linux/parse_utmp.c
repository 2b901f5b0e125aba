/*
** parse_utmp.c — the logins of a utmp file's bytes, as psutil's users()
** reads them with getutxent(), but over a buffer: getutxent keeps its
** place in static state, so two threads reading it would mix records.
*/
#include "linux.h"

#include <stddef.h>
#include <string.h>
#include <utmpx.h>

/* A fixed-size field: its bytes up to the first NUL, if any. */
static const char *field(const char *record, size_t offset, size_t size, size_t *len) {
  const char *s = record + offset;
  const char *nul = memchr(s, '\0', size);
  *len = nul ? (size_t)(nul - s) : size;
  return s;
}

int psv_utmp_next(const char *buf, size_t len, size_t *off, psv_user *out) {
  struct utmpx rec;
  while (*off <= len && len - *off >= sizeof rec) {
    const char *record = buf + *off;
    *off += sizeof rec;
    memcpy(&rec, record, sizeof rec);   /* the buffer need not be aligned */
    /* boot time, run level, dead logins...: not a user (as psutil) */
    if (rec.ut_type != USER_PROCESS) continue;
    out->name = field(record, offsetof(struct utmpx, ut_user), sizeof rec.ut_user, &out->name_len);
    out->terminal = field(record, offsetof(struct utmpx, ut_line), sizeof rec.ut_line,
                          &out->terminal_len);
    out->host = field(record, offsetof(struct utmpx, ut_host), sizeof rec.ut_host, &out->host_len);
    /* an X display on this machine: psutil names it localhost */
    if ((out->host_len == 2 && memcmp(out->host, ":0", 2) == 0) ||
        (out->host_len == 4 && memcmp(out->host, ":0.0", 4) == 0)) {
      out->host = "localhost";
      out->host_len = 9;
    }
    out->started = (int64_t)rec.ut_tv.tv_sec;
    out->pid = (int64_t)rec.ut_pid;
    return 1;
  }
  return 0;
}
