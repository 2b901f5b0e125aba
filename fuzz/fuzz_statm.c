/* fuzz_statm.c — psv_parse_statm (/proc/PID/statm). */
#include "fuzz.h"

#include <errno.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  psv_statm sm;
  int rc = psv_parse_statm((const char *)data, size, &sm);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc) {
    static const psv_statm zero;
    CHECK(memcmp(&sm, &zero, sizeof sm) == 0);
  }
  return 0;
}
