/* fuzz_io.c — psv_parse_io (/proc/PID/io). */
#include "fuzz.h"

#include <errno.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  psv_io io;
  int rc = psv_parse_io((const char *)data, size, &io);
  CHECK(rc == 0 || rc == EINVAL);
  return 0;
}
