/* fuzz_diskstats.c — /proc/diskstats lines (psv_next_line +
** psv_parse_diskstats_line, as disk.c walks them) and the whole input as
** a /sys/block/NAME/stat file (psv_parse_block_stat). */
#include "fuzz.h"

#include <errno.h>

static void check_stat(const psv_diskstat *d) {
  const unsigned known = PSV_DS_TIMES | PSV_DS_DISCARD | PSV_DS_FLUSH;
  CHECK((d->has & ~known) == 0);
  CHECK(!(d->has & PSV_DS_FLUSH) || (d->has & PSV_DS_DISCARD));
  CHECK(!(d->has & PSV_DS_DISCARD) || (d->has & PSV_DS_TIMES));
  CHECK(d->is_partition == -1);
  CHECK(memchr(d->name, '\0', sizeof d->name) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  size_t off = 0;
  const char *line;
  size_t n;
  psv_diskstat d;
  while (psv_next_line(buf, size, &off, &line, &n)) {
    int rc = psv_parse_diskstats_line(line, n, &d);
    CHECK(rc == 0 || rc == EINVAL);
    if (rc) continue;
    check_stat(&d);
    /* the name token is not empty, but may hold a NUL byte, so the C
    ** string can be shorter (even empty): only bounds are checked */
    size_t name_len = strlen(d.name);
    CHECK(name_len < sizeof d.name);
    CHECK(!strpbrk(d.name, " \t\n"));
    CHECK(name_len == 0 || memmem(line, n, d.name, name_len) != NULL);
  }

  /* the caller names the device; the parser must keep the name */
  memset(&d, 0x5a, sizeof d);
  memcpy(d.name, "cciss/c0d0", sizeof "cciss/c0d0");
  int rc = psv_parse_block_stat(buf, size, &d);
  CHECK(rc == 0 || rc == EINVAL);
  CHECK(strcmp(d.name, "cciss/c0d0") == 0);
  if (rc == 0) check_stat(&d);
  return 0;
}
