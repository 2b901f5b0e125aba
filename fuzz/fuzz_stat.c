/* fuzz_stat.c — psv_parse_stat (/proc/PID/stat). */
#include "fuzz.h"

#include <errno.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  psv_stat st;
  int rc = psv_parse_stat(buf, size, &st);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc) return 0;
  /* comm: between the first '(' and the last ')' of the buffer. */
  CHECK(in_buf(buf, size, st.comm, st.comm_len));
  CHECK(st.comm > buf && st.comm[-1] == '(');
  CHECK(memchr(buf, '(', size) == st.comm - 1);
  CHECK(st.comm + st.comm_len < buf + size && st.comm[st.comm_len] == ')');
  const char *after = st.comm + st.comm_len + 1;
  CHECK(!memchr(after, ')', (size_t)(buf + size - after)));
  /* state name: known for every known state, NULL otherwise */
  const char *name = psv_state_name(st.state);
  CHECK((name != NULL) == (st.state != PSV_STATE_UNKNOWN));
  CHECK(!st.has_blkio || st.has_cpu_num);
  return 0;
}
