/*
** system_memory.c — one row: psutil's virtual_memory().
**
**   SELECT total, available, percent FROM system_memory;
**   SELECT pid, 100.0 * pss / (SELECT total FROM system_memory) AS pss_percent
**   FROM process_memory ORDER BY pss DESC LIMIT 5;   -- memory_percent('pss')
*/
#include "common.h"

enum {
  COL_TOTAL, COL_AVAILABLE, COL_PERCENT, COL_USED, COL_FREE, COL_ACTIVE,
  COL_INACTIVE, COL_BUFFERS, COL_CACHED, COL_SHARED, COL_SLAB, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_TOTAL] = {"total", "INTEGER", "bytes", "physical memory", 0},
  [COL_AVAILABLE] = {"available", "INTEGER", "bytes",
    "memory that can be given to processes without swapping", 0},
  [COL_PERCENT] = {"percent", "REAL", "percent", "(total - available) / total, rounded to 0.1", 0},
  [COL_USED] = {"used", "INTEGER", "bytes", "total - free - cached - buffers (total - free if negative)", 0},
  [COL_FREE] = {"free", "INTEGER", "bytes", "memory not used at all", 0},
  [COL_ACTIVE] = {"active", "INTEGER", "bytes", "recently used memory", 0},
  [COL_INACTIVE] = {"inactive", "INTEGER", "bytes", "memory not recently used", 0},
  [COL_BUFFERS] = {"buffers", "INTEGER", "bytes", "file system metadata cache", 0},
  [COL_CACHED] = {"cached", "INTEGER", "bytes", "page cache, with the kernel memory that can be reclaimed", 0},
  [COL_SHARED] = {"shared", "INTEGER", "bytes", "shared memory and tmpfs", 0},
  [COL_SLAB] = {"slab", "INTEGER", "bytes", "kernel data structures", 0},
};

typedef struct system_memory_state { psv_vmem vm; int done; } system_memory_state;

static int system_memory_begin(void *state, psv_scan *scan) {
  system_memory_state *st = state;
  st->done = 0;
  int err = psv_virtual_memory(scan->os, &st->vm);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int system_memory_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  system_memory_state *st = state;
  if (st->done++) return PSV_EOF;
  const psv_vmem *vm = &st->vm;
  const uint64_t bytes[] = {
    vm->total, vm->available, 0, vm->used, vm->free, vm->active, vm->inactive,
    vm->buffers, vm->cached, vm->shared, vm->slab
  };
  for (int i = 0; i < N_COLUMNS; i++)
    if (!vm->totals_only || i <= COL_FREE) psv_set_int(&row[i], (int64_t)bytes[i]);
  psv_set_real(&row[COL_PERCENT], vm->percent);
  return PSV_ROW;
}

static void system_memory_end(void *state) { (void)state; }

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_ACTIVE] = "linux",
  [COL_INACTIVE] = "linux",
  [COL_BUFFERS] = "linux",
  [COL_CACHED] = "linux",
  [COL_SHARED] = "linux",
  [COL_SLAB] = "linux",
};

const psv_table psv_table_system_memory = {
  .name = "system_memory",
  .doc = "one row: system memory, psutil's virtual_memory()",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_MEMORY,
  .full_scan_rows = 1,
  .state_size = sizeof(system_memory_state),
  .begin = system_memory_begin,
  .next = system_memory_next,
  .end = system_memory_end,
};
