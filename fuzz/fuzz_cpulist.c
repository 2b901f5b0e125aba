/* fuzz_cpulist.c — psv_cpu_list_each ("0-3,8,10-11"). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_cpu_list((const char *)data, size);
  return 0;
}
