/*
** load_avg.c — one row: psutil's getloadavg(), from sysinfo(2) as glibc's
** getloadavg() (another procfs tree: its loadavg file).
**
**   SELECT load1, load5, load15 FROM load_avg;
**   SELECT load1 / (SELECT cpu_count_logical FROM system_info) FROM load_avg;
*/
#include "common.h"

enum { COL_LOAD1, COL_LOAD5, COL_LOAD15, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_LOAD1] = {"load1", "REAL", NULL, "runnable and uninterruptible tasks, averaged over 1 minute", 0},
  [COL_LOAD5] = {"load5", "REAL", NULL, "the same over 5 minutes", 0},
  [COL_LOAD15] = {"load15", "REAL", NULL, "the same over 15 minutes", 0},
};

typedef struct load_avg_state { double load[3]; int done; } load_avg_state;

static int load_avg_begin(void *state, psv_scan *scan) {
  load_avg_state *st = state;
  st->done = 0;
  int err = psv_load_avg_read(scan->os, st->load);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int load_avg_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  load_avg_state *st = state;
  if (st->done++) return PSV_EOF;
  for (int i = 0; i < N_COLUMNS; i++) psv_set_real(&row[i], st->load[i]);
  return PSV_ROW;
}

static void load_avg_end(void *state) { (void)state; }

const psv_table psv_table_load_avg = {
  .name = "load_avg",
  .platforms = "linux",
  .doc = "one row: the 1, 5 and 15 minute load averages",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CPU_USE,
  .full_scan_rows = 1,
  .state_size = sizeof(load_avg_state),
  .begin = load_avg_begin,
  .next = load_avg_next,
  .end = load_avg_end,
};
