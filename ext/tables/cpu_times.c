/*
** cpu_times.c — psutil's cpu_times() and cpu_times(percpu=True): one row
** per CPU, the total first (cpu NULL).
**
**   SELECT user, system, idle FROM cpu_times WHERE cpu IS NULL;
**   SELECT cpu, user + system AS busy FROM cpu_times WHERE cpu IS NOT NULL;
*/
#include "common.h"

enum {
  COL_CPU, COL_USER, COL_NICE, COL_SYSTEM, COL_IDLE, COL_IOWAIT, COL_IRQ,
  COL_SOFTIRQ, COL_STEAL, COL_GUEST, COL_GUEST_NICE, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_CPU] = {"cpu", "INTEGER", NULL, "CPU number; NULL for the total of all CPUs", 0},
  [COL_USER] = {"user", "REAL", "seconds", "running user code (guest time included)", 0},
  [COL_NICE] = {"nice", "REAL", "seconds", "running niced user code (guest_nice included)", 0},
  [COL_SYSTEM] = {"system", "REAL", "seconds", "running kernel code", 0},
  [COL_IDLE] = {"idle", "REAL", "seconds", "idle", 0},
  [COL_IOWAIT] = {"iowait", "REAL", "seconds", "idle while I/O was outstanding", 0},
  [COL_IRQ] = {"irq", "REAL", "seconds", "serving hardware interrupts", 0},
  [COL_SOFTIRQ] = {"softirq", "REAL", "seconds", "serving software interrupts", 0},
  [COL_STEAL] = {"steal", "REAL", "seconds", "taken by the hypervisor for other guests (Linux 2.6.11+)", 0},
  [COL_GUEST] = {"guest", "REAL", "seconds", "running a guest's virtual CPU (Linux 2.6.24+)", 0},
  [COL_GUEST_NICE] = {"guest_nice", "REAL", "seconds", "running a niced guest's virtual CPU (Linux 3.2+)", 0},
};

typedef struct cpu_times_state {
  psv_cpu_times *rows;
  size_t n, next;
} cpu_times_state;

static int cpu_times_begin(void *state, psv_scan *scan) {
  cpu_times_state *st = state;
  st->next = 0;
  int err = psv_cpu_times_read(scan->os, &st->rows, &st->n);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int cpu_times_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  cpu_times_state *st = state;
  if (st->next >= st->n) return PSV_EOF;
  const psv_cpu_times *t = &st->rows[st->next++];
  if (t->cpu >= 0) psv_set_int(&row[COL_CPU], t->cpu);
  /* the columns are the states in their order; states this OS (or an
  ** older kernel) does not count stay NULL */
  for (int s = 0; s < PSV_CPU_N_STATES; s++) {
    if (t->have & (1u << s)) psv_set_real(&row[COL_USER + s], psv_cpu_seconds((double)t->time[s]));
  }
  return PSV_ROW;
}

static void cpu_times_end(void *state) {
  cpu_times_state *st = state;
  psv_free(st->rows);
  st->rows = NULL;
  st->n = 0;
}

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_NICE] = "linux",
  [COL_IOWAIT] = "linux",
  [COL_STEAL] = "linux",
  [COL_GUEST] = "linux",
  [COL_GUEST_NICE] = "linux",
};

const psv_table psv_table_cpu_times = {
  .name = "cpu_times",
  .doc = "one row per CPU and one for all (cpu NULL): time spent in each state",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CPU_USE,
  .full_scan_rows = 9,
  .state_size = sizeof(cpu_times_state),
  .begin = cpu_times_begin,
  .next = cpu_times_next,
  .end = cpu_times_end,
};
