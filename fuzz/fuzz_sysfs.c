/* fuzz_sysfs.c — the /sys/class/net/NAME values: psv_parse_sysfs_flags
** ("0x1003"), psv_parse_sysfs_duplex ("full") and psv_parse_sysfs_int
** ("-1", "1500"). A parsed value printed back must parse the same. */
#include "fuzz.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  char text[32];

  unsigned flags;
  int rc = psv_parse_sysfs_flags(buf, size, &flags);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc == 0) {
    unsigned again;
    int k = snprintf(text, sizeof text, "0x%x\n", flags);
    CHECK(psv_parse_sysfs_flags(text, (size_t)k, &again) == 0 && again == flags);
  }

  int duplex = psv_parse_sysfs_duplex(buf, size);
  CHECK(duplex == PSV_DUPLEX_HALF || duplex == PSV_DUPLEX_FULL || duplex == PSV_DUPLEX_UNKNOWN);

  int64_t v;
  rc = psv_parse_sysfs_int(buf, size, &v);
  CHECK(rc == 0 || rc == EINVAL || rc == ERANGE);
  if (rc == 0) {
    int64_t again;
    int k = snprintf(text, sizeof text, "%" PRId64 "\n", v);
    CHECK(psv_parse_sysfs_int(text, (size_t)k, &again) == 0 && again == v);
  }
  return 0;
}
