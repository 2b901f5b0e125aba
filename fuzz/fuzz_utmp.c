/* fuzz_utmp.c — psv_utmp_next over any bytes: whole records only, fields
** inside their record (or the "localhost" constant), bounded lengths. */
#include "fuzz.h"

#include <utmpx.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  const size_t rec = sizeof(struct utmpx);
  size_t off = 0, prev = 0, rows = 0;
  psv_user u;
  while (psv_utmp_next(buf, size, &off, &u)) {
    CHECK(off % rec == 0 && off <= size && off > prev);
    const char *record = buf + off - rec;
    CHECK(in_buf(record, rec, u.name, u.name_len) && u.name_len <= 32);
    CHECK(in_buf(record, rec, u.terminal, u.terminal_len) && u.terminal_len <= 32);
    CHECK(in_buf(record, rec, u.host, u.host_len) ||
          (u.host_len == 9 && memcmp(u.host, "localhost", 9) == 0));
    CHECK(u.host_len <= 256);
    CHECK(!memchr(u.name, '\0', u.name_len) && !memchr(u.host, '\0', u.host_len));
    prev = off;
    rows++;
  }
  CHECK(rows <= size / rec);
  return 0;
}
