/*
** process_rlimits.c — one row per resource limit of every process:
** psutil's Process.rlimit() for each RLIMIT_* it knows.
**
**   SELECT pid, soft FROM process_rlimits WHERE resource = 'nofile' AND soft < 4096;
**
** On Linux read with prlimit(2), which works for the caller's own processes
** (and every process for root); for the others the limits file, which every
** user may read, gives the same numbers.
*/
#include "common.h"

#include <inttypes.h>
#include <stdio.h>

enum { COL_PID, COL_CREATE_TIME, COL_RESOURCE, COL_SOFT, COL_HARD, COL_UNIT, N_COLUMNS };

#define IDENT 1u   /* the process's create_time */

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(IDENT),
  [COL_RESOURCE] = {"resource", "TEXT", NULL,
    "psutil's RLIMIT_* name in lower case without the prefix: 'nofile', 'as', 'stack', ...", 0},
  [COL_SOFT] = {"soft", "INTEGER", NULL,
    "soft limit, in the resource's unit; NULL for unlimited; above 2^63-1 (more than an INTEGER holds) its exact digits as TEXT", 0},
  [COL_HARD] = {"hard", "INTEGER", NULL, "hard limit, as soft", 0},
  [COL_UNIT] = {"unit", "TEXT", NULL,
    "unit of the limits: 'bytes', 'seconds', 'microseconds', 'files', ...; NULL for nice and rtprio (a priority)", 0},
};

typedef struct rlimits_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_limit limits[PSV_MAX_LIMITS];
  int n_limits;
  int next_limit;      /* n_limits: the current process is done */
  char soft_digits[24], hard_digits[24];   /* the row's limits above INT64_MAX */
} rlimits_state;

static int rlimits_begin(void *state, psv_scan *scan) {
  rlimits_state *st = state;
  st->walk.open_always = 1;
  st->next_limit = st->n_limits = 0;
  return psv_proc_walk_begin(&st->walk, scan);
}

/* A limit is a 64-bit unsigned number. Those above INT64_MAX (which the
** kernel takes: prlimit(1) can set 2^63 + 5) would read as negative
** INTEGERs: they are given as their exact decimal digits, as TEXT, which
** SQLite sorts after every number. */
static void set_limit(psv_value *v, uint64_t limit, char digits[24]) {
  if (limit == PSV_UNLIMITED) return;
  if (limit <= (uint64_t)INT64_MAX) {
    psv_set_int(v, (int64_t)limit);
    return;
  }
  int n = snprintf(digits, 24, "%" PRIu64, limit);
  psv_set_text(v, digits, (size_t)n);
}

static int rlimits_next(void *state, psv_scan *scan, psv_value *row) {
  rlimits_state *st = state;
  for (;;) {
    if (st->next_limit < st->n_limits) {
      const psv_limit *l = &st->limits[st->next_limit++];
      psv_set_int(&row[COL_PID], st->walk.pid);
      psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
      psv_set_text(&row[COL_RESOURCE], l->name, strlen(l->name));
      set_limit(&row[COL_SOFT], l->soft, st->soft_digits);
      set_limit(&row[COL_HARD], l->hard, st->hard_digits);
      if (l->unit) psv_set_text(&row[COL_UNIT], l->unit, strlen(l->unit));
      return PSV_ROW;
    }
    uint64_t facts = (scan->sources & IDENT) ? PSV_PROC_CREATE_TIME : 0;
    int rc = psv_proc_walk_next(&st->walk, scan, facts, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_proc_limits(st->walk.proc, st->limits, &st->n_limits);
    st->next_limit = 0;
    if (err) st->n_limits = 0;
    /* gone, or unreadable: no rows for this process */
    if (err > 0 && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void rlimits_end(void *state) {
  psv_proc_walk_end(&((rlimits_state *)state)->walk);
}

static void rlimits_destroy(void *state) {
  psv_proc_walk_destroy(&((rlimits_state *)state)->walk);
}

const psv_table psv_table_process_rlimits = {
  .name = "process_rlimits",
  .platforms = "linux",
  .doc = "one row per resource limit of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = 0,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 3000,
  .state_size = sizeof(rlimits_state),
  .begin = rlimits_begin,
  .next = rlimits_next,
  .end = rlimits_end,
  .destroy = rlimits_destroy,
};
