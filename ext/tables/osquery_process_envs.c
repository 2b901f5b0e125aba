/*
** osquery_process_envs.c — osquery's process_envs: one row per entry of
** every process's environment (the one it was started with).
**
**   SELECT pid, value FROM process_envs WHERE key = 'LD_PRELOAD';
*/
#include "osquery.h"

enum { COL_PID, COL_KEY, COL_VALUE, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_KEY] = {"key", "TEXT", NULL, "text before the first '='; the whole entry when it has none", PSV_PROC_ENVIRON},
  [COL_VALUE] = {"value", "TEXT", NULL,
    "text after the first '='; the whole entry when it has none (osquery's reading)", PSV_PROC_ENVIRON},
};

typedef struct envs_state {
  psv_proc_walk walk;
  psv_proc_info info;
  int in_process;   /* entries of the current process remain */
  size_t offset;    /* into info.environ */
  int64_t position; /* of the last entry (unused: osquery has no column) */
} envs_state;

static int envs_begin(void *state, psv_scan *scan) {
  envs_state *st = state;
  st->in_process = 0;
  return psv_proc_walk_begin(&st->walk, scan);
}

static int envs_next(void *state, psv_scan *scan, psv_value *row) {
  envs_state *st = state;
  for (;;) {
    const char *entry;
    size_t n;
    long eq;
    if (st->in_process &&
        psv_environ_next(st->info.environ, st->info.environ_len, &st->offset, &st->position,
                         &entry, &n, &eq)) {
      psv_set_int(&row[COL_PID], st->walk.pid);
      psv_set_bytes(&row[COL_KEY], entry, eq < 0 ? n : (size_t)eq);
      if (eq < 0) psv_set_bytes(&row[COL_VALUE], entry, n);
      else psv_set_bytes(&row[COL_VALUE], entry + eq + 1, n - (size_t)eq - 1);
      if (entry + n == st->info.environ + st->info.environ_len &&
          (st->info.cut & PSV_PROC_ENVIRON)) {
        row[COL_VALUE].cut = 1;
      }
      return PSV_ROW;
    }
    int rc = psv_proc_walk_next(&st->walk, scan, PSV_PROC_ENVIRON, &st->info);
    if (rc != PSV_ROW) return rc;
    /* an environment that is not the caller's to see: no rows */
    st->in_process = (st->info.have & PSV_PROC_ENVIRON) != 0;
    st->offset = 0;
    st->position = -1;
  }
}

static void envs_end(void *state) {
  envs_state *st = state;
  st->in_process = 0;
  psv_proc_walk_end(&st->walk);
}

static void envs_destroy(void *state) {
  psv_proc_walk_destroy(&((envs_state *)state)->walk);
}

const psv_table psv_table_osquery_process_envs = {
  .name = "osquery_process_envs",
  .platforms = "linux",
  .doc = "osquery's process_envs: the environment entries of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 30000,
  .state_size = sizeof(envs_state),
  .begin = envs_begin,
  .next = envs_next,
  .end = envs_end,
  .destroy = envs_destroy,
};
