/*
** cpu_freq.c — psutil's cpu_freq(percpu=True): one row per group of CPUs
** whose frequency is set together, in MHz. Empty where the OS does not say
** (on Linux: many VMs and ARM boards).
**
**   SELECT cpu, current, min, max FROM cpu_freq;
**   SELECT avg(current) FROM cpu_freq;      -- cpu_freq(percpu=False).current
*/
#include "common.h"

enum { COL_CPU, COL_CURRENT, COL_MIN, COL_MAX, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_CPU] = {"cpu", "INTEGER", NULL,
    "first CPU of the group whose frequency is set together (or the Nth CPU, where the OS gives one per CPU)", 0},
  [COL_CURRENT] = {"current", "REAL", "MHz", "current frequency", 0},
  [COL_MIN] = {"min", "REAL", "MHz", "lowest frequency allowed", 0},
  [COL_MAX] = {"max", "REAL", "MHz", "highest frequency allowed", 0},
};

typedef struct cpu_freq_state { psv_cpu_freq *rows; size_t n, next; } cpu_freq_state;

static int cpu_freq_begin(void *state, psv_scan *scan) {
  cpu_freq_state *st = state;
  st->next = 0;
  int err = psv_cpu_freq_read(scan->os, &st->rows, &st->n);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int cpu_freq_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  cpu_freq_state *st = state;
  if (st->next >= st->n) return PSV_EOF;
  const psv_cpu_freq *f = &st->rows[st->next++];
  psv_set_int(&row[COL_CPU], f->cpu);
  if (f->has_current) psv_set_real(&row[COL_CURRENT], f->current);
  if (f->has_min) psv_set_real(&row[COL_MIN], f->min);
  if (f->has_max) psv_set_real(&row[COL_MAX], f->max);
  return PSV_ROW;
}

static void cpu_freq_end(void *state) {
  cpu_freq_state *st = state;
  psv_free(st->rows);
  st->rows = NULL;
  st->n = 0;
}

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_MIN] = "linux",
};

const psv_table psv_table_cpu_freq = {
  .name = "cpu_freq",
  .doc = "one row per group of CPUs whose frequency is set together: current, min and max frequency",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CPU_INFO,
  .full_scan_rows = 8,
  .state_size = sizeof(cpu_freq_state),
  .begin = cpu_freq_begin,
  .next = cpu_freq_next,
  .end = cpu_freq_end,
};
