/*
** cpu_stats.c — one row: psutil's cpu_stats(), counters since boot.
**
**   SELECT ctx_switches, interrupts FROM cpu_stats;
*/
#include "common.h"

enum { COL_CTX_SWITCHES, COL_INTERRUPTS, COL_SOFT_INTERRUPTS, COL_SYSCALLS, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_CTX_SWITCHES] = {"ctx_switches", "INTEGER", NULL, "context switches since boot", 0},
  [COL_INTERRUPTS] = {"interrupts", "INTEGER", NULL, "interrupts since boot", 0},
  [COL_SOFT_INTERRUPTS] = {"soft_interrupts", "INTEGER", NULL, "software interrupts since boot", 0},
  [COL_SYSCALLS] = {"syscalls", "INTEGER", NULL,
    "system calls since boot; always 0 on Linux, which does not count them (as psutil)", 0},
};

typedef struct cpu_stats_state { psv_cpu_stats stats; int done; } cpu_stats_state;

static int cpu_stats_begin(void *state, psv_scan *scan) {
  cpu_stats_state *st = state;
  st->done = 0;
  int err = psv_cpu_stats_read(scan->os, &st->stats);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int cpu_stats_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  cpu_stats_state *st = state;
  if (st->done++) return PSV_EOF;
  const psv_cpu_stats *s = &st->stats;
  /* a counter the OS lacks is NULL (psutil would say None) */
  if (s->have & PSV_CS_CTX_SWITCHES) psv_set_int(&row[COL_CTX_SWITCHES], (int64_t)s->ctx_switches);
  if (s->have & PSV_CS_INTERRUPTS) psv_set_int(&row[COL_INTERRUPTS], (int64_t)s->interrupts);
  if (s->have & PSV_CS_SOFT_INTERRUPTS) {
    psv_set_int(&row[COL_SOFT_INTERRUPTS], (int64_t)s->soft_interrupts);
  }
  if (s->have & PSV_CS_SYSCALLS) psv_set_int(&row[COL_SYSCALLS], (int64_t)s->syscalls);
  return PSV_ROW;
}

static void cpu_stats_end(void *state) { (void)state; }

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_CTX_SWITCHES] = "linux",
  [COL_SOFT_INTERRUPTS] = "linux",
  [COL_SYSCALLS] = "linux",
};

const psv_table psv_table_cpu_stats = {
  .name = "cpu_stats",
  .doc = "one row: context switches and interrupts since boot",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CPU_USE,
  .full_scan_rows = 1,
  .state_size = sizeof(cpu_stats_state),
  .begin = cpu_stats_begin,
  .next = cpu_stats_next,
  .end = cpu_stats_end,
};
