/*
** osquery_kernel_modules.c — osquery's kernel_modules: the loaded kernel
** modules, one row per line of /proc/modules, as osquery reads them.
**
**   SELECT name, size, used_by FROM kernel_modules WHERE status = 'Live';
*/
#include "osquery.h"

enum { COL_NAME, COL_SIZE, COL_USED_BY, COL_STATUS, COL_ADDRESS, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_NAME] = {"name", "TEXT", NULL, "module name", 0},
  [COL_SIZE] = {"size", "BIGINT", "bytes", "size of the module in memory", 0},
  [COL_USED_BY] = {"used_by", "TEXT", NULL,
    "the modules that use it, comma-separated; '-' when none", 0},
  [COL_STATUS] = {"status", "TEXT", NULL, "Live, Loading or Unloading", 0},
  [COL_ADDRESS] = {"address", "TEXT", NULL,
    "load address as the kernel prints it (0x0000000000000000 unless the caller may see it)", 0},
};

static int modules_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, psv_kernel_modules_open);
}

static int modules_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_kernel_module m;
  if (!psv_kernel_module_next(st->records, &m)) return PSV_EOF;
  psv_set_str(&row[COL_NAME], m.name);
  psv_set_osquery_int(&row[COL_SIZE], m.size);
  psv_set_str(&row[COL_USED_BY], m.used_by);
  psv_set_str(&row[COL_STATUS], m.status);
  psv_set_str(&row[COL_ADDRESS], m.address);
  return PSV_ROW;
}

const psv_table psv_table_osquery_kernel_modules = {
  .name = "osquery_kernel_modules",
  .platforms = "linux",
  .doc = "osquery's kernel_modules: the loaded kernel modules",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_KERNEL,
  .full_scan_rows = 100,
  .state_size = sizeof(psv_records_state),
  .begin = modules_begin,
  .next = modules_next,
  .end = psv_records_end,
};
