/* fuzz_netdev.c — /proc/net/dev: psv_next_line over the buffer and
** psv_parse_net_dev_line on each line, as psv_if_io_next does. */
#include "fuzz.h"

#include <errno.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  size_t off = 0, prev = 0, lines = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, size, &off, &line, &n)) {
    CHECK(++lines <= size);
    CHECK(line == buf + prev && in_buf(buf, size, line, n));
    CHECK(!memchr(line, '\n', n));
    CHECK(line + n == buf + size || line[n] == '\n');
    CHECK(off == prev + n + 1);
    prev = off;

    psv_net_dev dev;
    int rc = psv_parse_net_dev_line(line, n, &dev);
    CHECK(rc == 0 || rc == EINVAL);
    if (rc) continue;
    CHECK(dev.name_len > 0 && in_buf(line, n, dev.name, dev.name_len));
    CHECK(dev.name[0] != ' ' && dev.name[0] != '\t');
    CHECK(dev.name[dev.name_len - 1] != ' ' && dev.name[dev.name_len - 1] != '\t');
    /* the name ends at the line's last ':' */
    const char *colon = dev.name + dev.name_len;
    while (*colon == ' ' || *colon == '\t') colon++;
    CHECK(*colon == ':' && !memchr(colon + 1, ':', (size_t)(line + n - colon - 1)));
  }
  CHECK(lines == 0 ? size == 0 : off >= size);
  return 0;
}
