/* fuzz_smaps.c — psv_parse_smaps (/proc/PID/smaps and smaps_rollup).
** The parser adds line by line, so parsing the text in two pieces cut at
** a line end must give the same sums as parsing it whole. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  psv_smaps whole = {0, 0, 0}, parts = {0, 0, 0};
  psv_parse_smaps(buf, size, &whole);

  /* cut after the middle line's newline */
  const char *nl = memchr(buf + size / 2, '\n', size - size / 2);
  size_t cut = nl ? (size_t)(nl - buf) + 1 : size;
  psv_parse_smaps(buf, cut, &parts);
  psv_parse_smaps(buf + cut, size - cut, &parts);
  CHECK(whole.uss == parts.uss && whole.pss == parts.pss && whole.swap == parts.swap);
  return 0;
}
