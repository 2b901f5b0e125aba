/*
** process_cpu_percent.c — psutil's Process.cpu_percent(interval) for
** every process: the table-valued function process_cpu_percent(SECONDS)
** reads each process's CPU times, waits, reads them again.
**
**   SELECT pid, cpu_percent FROM process_cpu_percent(1) ORDER BY 2 DESC LIMIT 5;
**   SELECT cpu_percent FROM process_cpu_percent(0.5) WHERE pid = 1234;
*/
#include "common.h"

#include <errno.h>
#include <stdlib.h>

enum {
  COL_PID, COL_CREATE_TIME, COL_CPU_PERCENT, COL_CPU_USER, COL_CPU_SYSTEM, COL_ELAPSED,
  COL_INTERVAL, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(0),
  [COL_CPU_PERCENT] = {"cpu_percent", "REAL", "percent",
    "(cpu_user + cpu_system) / elapsed, rounded to 0.1: 100 is one CPU's worth, more with several", 0},
  [COL_CPU_USER] = {"cpu_user", "REAL", "seconds", "CPU time in user mode during the interval", 0},
  [COL_CPU_SYSTEM] = {"cpu_system", "REAL", "seconds", "CPU time in kernel mode during the interval", 0},
  [COL_ELAPSED] = {"elapsed", "REAL", "seconds", "time between the process's two reads", 0},
  [COL_INTERVAL] = {"interval", "REAL", "seconds",
    "argument: seconds to sample over, more than 0 and at most 60 (required)", 0},
};

/* A process's first read: identity (pid and start) and times. */
typedef struct first_read {
  int pid;
  uint64_t start;
  psv_cpu_time user, system;
  double when;
} first_read;

/* The first sample: every process, sorted by pid. */
typedef struct cpu_first {
  first_read *reads;
  size_t n, cap;
  double at;               /* when the last of them was read */
} cpu_first;

typedef struct cpu_state {
  psv_proc_walk walk;      /* the second read */
  const cpu_first *first;  /* the statement's, in scan->first */
} cpu_state;

/* What each read asks of a process. */
#define TIMES (PSV_PROC_START | PSV_PROC_CPU_TIMES)

static int add_first(cpu_first *f, int pid, const psv_proc_info *info) {
  if ((info->have & TIMES) != TIMES) return 0;
  if (psv_grow((void **)&f->reads, &f->cap, f->n + 1, sizeof *f->reads)) return ENOMEM;
  first_read *r = &f->reads[f->n++];
  r->pid = pid;
  r->start = info->start;
  r->user = info->cpu_user;
  r->system = info->cpu_system;
  r->when = psv_monotonic();
  return 0;
}

static int cmp_first(const void *a, const void *b) {
  int x = ((const first_read *)a)->pid, y = ((const first_read *)b)->pid;
  return (x > y) - (x < y);
}

static void cpu_free_first(void *sample) {
  cpu_first *f = sample;
  if (!f) return;
  psv_free(f->reads);
  psv_free(f);
}

/* Every process, read once: the pids a scan later asks for may be any
** (a join asks for one per row of another table). */
static int read_first(void *first, psv_scan *scan) {
  cpu_first *f = first;
  psv_proc_walk walk = {0};
  psv_proc_info info;
  int rc = psv_proc_walk_begin(&walk, scan);
  while (rc == PSV_ROW && (rc = psv_proc_walk_next(&walk, scan, TIMES, &info)) == PSV_ROW) {
    if (add_first(f, walk.pid, &info)) rc = PSV_NOMEM;
  }
  psv_proc_walk_destroy(&walk);
  f->at = psv_monotonic();
  if (rc < 0) return rc;
  if (f->n > 1) qsort(f->reads, f->n, sizeof *f->reads, cmp_first);
  return PSV_ROW;
}

static int cpu_first_sample(psv_scan *scan, void **sample) {
  return psv_first_take(scan, sizeof(cpu_first), read_first, cpu_free_first, sample);
}

static int cpu_begin(void *state, psv_scan *scan) {
  cpu_state *st = state;
  double interval;
  st->first = scan->first;
  int rc = psv_scan_interval(scan, 0, "process_cpu_percent", &interval);
  /* The whole interval after the last first read: every process is then
  ** watched for at least the interval (the walks themselves take time). */
  if (rc == PSV_ROW) rc = psv_scan_wait(scan, st->first->at + interval);
  if (rc != PSV_ROW) return rc;
  return psv_proc_walk_begin(&st->walk, scan);
}

static int cpu_next(void *state, psv_scan *scan, psv_value *row) {
  cpu_state *st = state;
  psv_proc_info info;
  int rc;
  while ((rc = psv_proc_walk_next(&st->walk, scan, TIMES | PSV_PROC_CREATE_TIME, &info)) == PSV_ROW) {
    double now = psv_monotonic();
    first_read key = { .pid = st->walk.pid };
    const first_read *f = st->first->n ?
      bsearch(&key, st->first->reads, st->first->n, sizeof *st->first->reads, cmp_first) : NULL;
    /* new during the interval, or the pid now names another process */
    if (!f || (info.have & TIMES) != TIMES || f->start != info.start) continue;
    double user = psv_cpu_seconds((double)psv_delta(f->user, info.cpu_user));
    double system = psv_cpu_seconds((double)psv_delta(f->system, info.cpu_system));
    double elapsed = now - f->when;
    psv_set_int(&row[COL_PID], st->walk.pid);
    psv_set_create_time(&info, &row[COL_CREATE_TIME]);
    /* psutil scales both the times and the clock by the number of CPUs;
    ** the two cancel out */
    psv_set_real(&row[COL_CPU_PERCENT], psv_percent_1(user + system, elapsed));
    psv_set_real(&row[COL_CPU_USER], user);
    psv_set_real(&row[COL_CPU_SYSTEM], system);
    psv_set_real(&row[COL_ELAPSED], elapsed);
    return PSV_ROW;
  }
  return rc;
}

static void cpu_end(void *state) {
  psv_proc_walk_end(&((cpu_state *)state)->walk);
}

static void cpu_destroy(void *state) {
  psv_proc_walk_destroy(&((cpu_state *)state)->walk);
}

const psv_table psv_table_process_cpu_percent = {
  .name = "process_cpu_percent",
  .doc = "process_cpu_percent(SECONDS): one row per process: CPU use over the interval",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .arguments = (uint64_t)1 << COL_INTERVAL,
  .flags = PSV_TABLE_SAMPLING,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 500,
  .state_size = sizeof(cpu_state),
  .begin = cpu_begin,
  .next = cpu_next,
  .end = cpu_end,
  .destroy = cpu_destroy,
  .first = cpu_first_sample,
  .free_first = cpu_free_first,
};
