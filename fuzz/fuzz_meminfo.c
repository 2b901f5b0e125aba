/* fuzz_meminfo.c — psv_parse_meminfo, psv_parse_zoneinfo_low,
** psv_parse_vmstat_swap and the psutil formulas (psv_vmem_compute, the
** swap percent), each over the whole input, as ext/platform/linux/memory.c
** uses them. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  psv_meminfo mi;
  psv_parse_meminfo(buf, size, &mi);
  CHECK((mi.has >> PSV_MI_COUNT) == 0);
  for (int i = 0; i < PSV_MI_COUNT; i++) CHECK((mi.has >> i) & 1 || mi.v[i] == 0);

  int64_t low = (int64_t)psv_parse_zoneinfo_low(buf, size);
  uint64_t in = 1, out = 1;
  int rc = psv_parse_vmstat_swap(buf, size, &in, &out);
  CHECK(rc == 0 || rc == -1);

  /* virtual_memory(): with zoneinfo's low, and as when it is unreadable */
  psv_vmem vm;
  int64_t lows[2] = { low, -1 };
  for (int i = 0; i < 2; i++) {
    psv_vmem_compute(&mi, lows[i], 4096, &vm);
    CHECK(vm.total == mi.v[PSV_MI_MEMTOTAL] && vm.free == mi.v[PSV_MI_MEMFREE]);
    CHECK(vm.available <= vm.total || vm.available == vm.free);
    CHECK(vm.percent == vm.percent);   /* not NaN */
    if (vm.total == 0) CHECK(vm.percent == 0.0);
  }

  /* swap_memory() */
  uint64_t total = mi.v[PSV_MI_SWAPTOTAL], sfree = mi.v[PSV_MI_SWAPFREE];
  uint64_t used = total - sfree;
  double pct = total ? psv_percent_1((double)used, (double)total) : 0.0;
  CHECK(pct == pct);
  return 0;
}
