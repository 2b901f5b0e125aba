/* fuzz_environ.c — the psv_environ_next loop (/proc/PID/environ), checked
** against a plain walk over the NUL-separated entries. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  size_t off = 0, ref = 0, prev_off = 0;
  const char *entry;
  size_t n;
  long eq;
  size_t count = 0;
  int64_t index = -1;
  while (psv_environ_next(buf, size, &off, &index, &entry, &n, &eq)) {
    CHECK(++count <= size);
    CHECK(off > prev_off);
    prev_off = off;
    CHECK(n > 0 && in_buf(buf, size, entry, n));
    CHECK(!memchr(entry, '\0', n));
    if (eq < 0) {
      CHECK(eq == -1 && !memchr(entry, '=', n));
    } else {
      CHECK((size_t)eq < n && entry[eq] == '=' && !memchr(entry, '=', (size_t)eq));
    }
    /* the reference walk: next non-empty NUL-separated piece */
    while (ref < size && buf[ref] == '\0') ref++;
    CHECK(ref < size && entry == buf + ref);
    size_t end = ref;
    while (end < size && buf[end] != '\0') end++;
    CHECK(n == end - ref);
    /* its place: every entry before it, empty or not, ends in a NUL */
    int64_t before = 0;
    for (const char *p = buf; p < entry; p++) before += *p == '\0';
    CHECK(index == before);
    ref = end;
  }
  while (ref < size && buf[ref] == '\0') ref++;
  CHECK(ref == size);   /* nothing left out */
  CHECK(!psv_environ_next(buf, size, &off, &index, &entry, &n, &eq));   /* stays at the end */
  return 0;
}
