/* fuzz_status.c — psv_parse_status (/proc/PID/status), and the
** Cpus_allowed_list it finds through psv_cpu_list_each. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  psv_status st;
  const unsigned known = PSV_ST_TGID | PSV_ST_UIDS | PSV_ST_GIDS | PSV_ST_CTXSW |
                         PSV_ST_VOLCTX | PSV_ST_INVOLCTX | PSV_ST_CPUS |
                         PSV_ST_VMPEAK | PSV_ST_VMHWM | PSV_ST_RSSANON | PSV_ST_RSSFILE |
                         PSV_ST_RSSSHMEM | PSV_ST_HUGETLB;
  CHECK(psv_parse_status(buf, size, &st) == 0);
  CHECK((st.has & ~known) == 0);
  int both = (st.has & PSV_ST_VOLCTX) && (st.has & PSV_ST_INVOLCTX);
  CHECK(!!(st.has & PSV_ST_CTXSW) == both);
  if (st.has & PSV_ST_CPUS) {
    CHECK(in_buf(buf, size, st.cpus_list, st.cpus_list_len));
    CHECK(!memchr(st.cpus_list, '\n', st.cpus_list_len));
    check_cpu_list(st.cpus_list, st.cpus_list_len);
  } else {
    CHECK(st.cpus_list == NULL && st.cpus_list_len == 0);
  }
  return 0;
}
