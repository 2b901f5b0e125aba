/* fuzz_mounts.c — <procfs>/self/mounts: psv_next_line and
** psv_parse_mount_line on each line (decoding in place, as
** psv_mounts_next does); psv_fstype_is_physical with the input as
** <procfs>/filesystems; psv_disk_usage_compute on numbers from the input. */
#include "fuzz.h"

#include <stdlib.h>

static void check_field(const char *line, size_t n, const char *f, size_t len) {
  /* decoded in place: inside the line (its last field may end on line[n]) */
  CHECK(len > 0 && in_buf(line, n, f, len));
  CHECK(f[len] == '\0');
}

static void check_usage(const uint8_t *data, size_t size) {
  uint64_t v[4] = {0, 0, 0, 0};
  if (size < sizeof v) return;
  memcpy(v, data, sizeof v);
  psv_disk_usage u;
  psv_disk_usage_compute(v[0], v[1], v[2], v[3], &u);
  CHECK(u.percent == u.percent);   /* never NaN */
  if (v[1] <= v[0]) CHECK(u.used == v[0] * v[3] - v[1] * v[3]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* a writable copy with its NUL, as psv_buf gives */
  char *buf = malloc(size + 1);
  if (!buf) return 0;
  memcpy(buf, data, size);
  buf[size] = '\0';
  size_t off = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, size, &off, &line, &n)) {
    psv_mount m;
    if (psv_parse_mount_line((char *)line, n, &m)) continue;
    check_field(line, n, m.device, m.device_len);
    check_field(line, n, m.mountpoint, m.mountpoint_len);
    check_field(line, n, m.fstype, m.fstype_len);
    check_field(line, n, m.opts, m.opts_len);
    /* in the order of the line, apart */
    CHECK(m.device + m.device_len < m.mountpoint);
    CHECK(m.mountpoint + m.mountpoint_len < m.fstype);
    CHECK(m.fstype + m.fstype_len < m.opts);
  }
  memcpy(buf, data, size);
  int phys = psv_fstype_is_physical(buf, size, "ext4", 4);
  CHECK(phys == 0 || phys == 1);
  CHECK(psv_fstype_is_physical(buf, size, "", 0) == 0);
  check_usage(data, size);
  free(buf);
  return 0;
}
