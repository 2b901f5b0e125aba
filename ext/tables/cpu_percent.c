/*
** cpu_percent.c — psutil's cpu_percent(interval, percpu=True) and
** cpu_percent(interval) in one table-valued function: cpu_percent(SECONDS)
** reads every CPU's times, waits, reads them again.
**
**   SELECT percent FROM cpu_percent(1) WHERE cpu IS NULL;   -- all CPUs
**   SELECT cpu, percent FROM cpu_percent(0.5) WHERE cpu IS NOT NULL;
*/
#include "common.h"

#include <errno.h>
#include <stdlib.h>

enum {
  COL_CPU, COL_PERCENT, COL_BUSY_TIME, COL_TOTAL_TIME, COL_ELAPSED, COL_INTERVAL,
  N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_CPU] = {"cpu", "INTEGER", NULL, "CPU number; NULL for all CPUs together", 0},
  [COL_PERCENT] = {"percent", "REAL", "percent", "busy_time / total_time, rounded to 0.1", 0},
  [COL_BUSY_TIME] = {"busy_time", "REAL", "seconds",
    "time not idle during the interval: total_time less idle (and iowait)", 0},
  [COL_TOTAL_TIME] = {"total_time", "REAL", "seconds",
    "time counted during the interval: every state but those counted twice (guest and guest_nice, already in user and nice)", 0},
  [COL_ELAPSED] = {"elapsed", "REAL", "seconds", "time measured between the two reads", 0},
  [COL_INTERVAL] = {"interval", "REAL", "seconds",
    "argument: seconds to sample over, more than 0 and at most 60 (required)", 0},
};

/* The first sample: every CPU's times, and when they were read. */
typedef struct cpu_first {
  psv_cpu_times *times;
  size_t n;
  double at;
} cpu_first;

/* Where a CPU's entry is in the first sample. */
typedef struct cpu_place { int cpu; size_t at; } cpu_place;

typedef struct cpu_state {
  const psv_cpu_times *first;   /* the statement's, in scan->first */
  psv_cpu_times *second;
  cpu_place *by_cpu;   /* the first sample's places, by CPU then file order */
  size_t n_first, n_second, next;
  double elapsed;
} cpu_state;

static int read_times(psv_scan *scan, psv_cpu_times **out, size_t *n) {
  int err = psv_cpu_times_read(scan->os, out, n);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static void cpu_free_first(void *sample) {
  cpu_first *f = sample;
  if (!f) return;
  psv_free(f->times);
  psv_free(f);
}

static int read_first(void *first, psv_scan *scan) {
  cpu_first *f = first;
  int rc = read_times(scan, &f->times, &f->n);
  f->at = psv_monotonic();
  return rc;
}

static int cpu_first_sample(psv_scan *scan, void **sample) {
  return psv_first_take(scan, sizeof(cpu_first), read_first, cpu_free_first, sample);
}

static int cmp_place(const void *a, const void *b) {
  const cpu_place *x = a, *y = b;
  if (x->cpu != y->cpu) return x->cpu < y->cpu ? -1 : 1;
  return (x->at > y->at) - (x->at < y->at);
}

/* Sorts the first sample's places: a CPU of the second is then found in
** log time (a search through the whole first sample per CPU took seconds
** for 100,000 CPUs). */
static int index_first(cpu_state *st) {
  if (st->n_first == 0) return PSV_ROW;
  st->by_cpu = psv_malloc(st->n_first * sizeof *st->by_cpu);
  if (!st->by_cpu) return PSV_NOMEM;
  for (size_t i = 0; i < st->n_first; i++) st->by_cpu[i] = (cpu_place){ st->first[i].cpu, i };
  qsort(st->by_cpu, st->n_first, sizeof *st->by_cpu, cmp_place);
  return PSV_ROW;
}

static int cpu_begin(void *state, psv_scan *scan) {
  cpu_state *st = state;
  const cpu_first *first = scan->first;
  double interval;
  st->next = 0;
  st->first = first->times;
  st->n_first = first->n;
  int rc = psv_scan_interval(scan, 0, "cpu_percent", &interval);
  if (rc == PSV_ROW) rc = index_first(st);
  if (rc == PSV_ROW) rc = psv_scan_wait(scan, first->at + interval);
  if (rc != PSV_ROW) return rc;
  rc = read_times(scan, &st->second, &st->n_second);
  st->elapsed = psv_monotonic() - first->at;
  return rc;
}

/* The same CPU (or the total) in the first sample, its first line when
** there are two; NULL when it was offline then. */
static const psv_cpu_times *find_first(const cpu_state *st, int cpu) {
  size_t lo = 0, hi = st->n_first;
  while (lo < hi) {   /* the first place whose CPU is not below `cpu` */
    size_t mid = lo + (hi - lo) / 2;
    if (st->by_cpu[mid].cpu < cpu) lo = mid + 1;
    else hi = mid;
  }
  if (lo == st->n_first || st->by_cpu[lo].cpu != cpu) return NULL;
  return &st->first[st->by_cpu[lo].at];
}

static int cpu_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  cpu_state *st = state;
  while (st->next < st->n_second) {
    const psv_cpu_times *after = &st->second[st->next++];
    const psv_cpu_times *before = find_first(st, after->cpu);
    if (!before) continue;
    double busy, total;
    psv_cpu_busy(before, after, &busy, &total);
    if (after->cpu >= 0) psv_set_int(&row[COL_CPU], after->cpu);
    psv_set_real(&row[COL_PERCENT], psv_percent_1(busy, total));
    psv_set_real(&row[COL_BUSY_TIME], psv_cpu_seconds(busy));
    psv_set_real(&row[COL_TOTAL_TIME], psv_cpu_seconds(total));
    psv_set_real(&row[COL_ELAPSED], st->elapsed);
    return PSV_ROW;
  }
  return PSV_EOF;
}

static void cpu_end(void *state) {
  cpu_state *st = state;
  psv_free(st->second);
  psv_free(st->by_cpu);
  st->first = st->second = NULL;
  st->by_cpu = NULL;
  st->n_first = st->n_second = 0;
}

const psv_table psv_table_cpu_percent = {
  .name = "cpu_percent",
  .doc = "cpu_percent(SECONDS): one row per CPU and one for all: busy percentage over the interval",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .arguments = (uint64_t)1 << COL_INTERVAL,
  .flags = PSV_TABLE_SAMPLING,
  .kinds = PSV_KIND_CPU_USE,
  .full_scan_rows = 8,
  .state_size = sizeof(cpu_state),
  .begin = cpu_begin,
  .next = cpu_next,
  .end = cpu_end,
  .first = cpu_first_sample,
  .free_first = cpu_free_first,
};
