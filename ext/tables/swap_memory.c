/*
** swap_memory.c — one row: psutil's swap_memory().
**
**   SELECT total, used, percent, sin, sout FROM swap_memory;
*/
#include "common.h"

enum { COL_TOTAL, COL_USED, COL_FREE, COL_PERCENT, COL_SIN, COL_SOUT, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_TOTAL] = {"total", "INTEGER", "bytes", "swap space", 0},
  [COL_USED] = {"used", "INTEGER", "bytes", "total - free", 0},
  [COL_FREE] = {"free", "INTEGER", "bytes", "unused swap", 0},
  [COL_PERCENT] = {"percent", "REAL", "percent", "used / total, rounded to 0.1; 0 without swap", 0},
  [COL_SIN] = {"sin", "INTEGER", "bytes", "swapped in from disk since boot", 0},
  [COL_SOUT] = {"sout", "INTEGER", "bytes", "swapped out to disk since boot", 0},
};

typedef struct swap_memory_state { psv_swap sw; int done; } swap_memory_state;

static int swap_memory_begin(void *state, psv_scan *scan) {
  swap_memory_state *st = state;
  st->done = 0;
  int err = psv_swap_memory(scan->os, &st->sw);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int swap_memory_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  swap_memory_state *st = state;
  if (st->done++) return PSV_EOF;
  const psv_swap *sw = &st->sw;
  psv_set_int(&row[COL_TOTAL], (int64_t)sw->total);
  psv_set_int(&row[COL_USED], (int64_t)sw->used);
  psv_set_int(&row[COL_FREE], (int64_t)sw->free);
  psv_set_real(&row[COL_PERCENT], sw->percent);
  if (sw->has_sin_sout) {
    psv_set_int(&row[COL_SIN], (int64_t)sw->sin);
    psv_set_int(&row[COL_SOUT], (int64_t)sw->sout);
  }
  return PSV_ROW;
}

static void swap_memory_end(void *state) { (void)state; }

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_SIN] = "linux",
  [COL_SOUT] = "linux",
};

const psv_table psv_table_swap_memory = {
  .name = "swap_memory",
  .doc = "one row: swap, psutil's swap_memory()",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_MEMORY,
  .full_scan_rows = 1,
  .state_size = sizeof(swap_memory_state),
  .begin = swap_memory_begin,
  .next = swap_memory_next,
  .end = swap_memory_end,
};
