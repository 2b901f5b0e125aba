/*
** process_environ.c — one row per environment entry of every process.
**
**   SELECT pid FROM process_environ WHERE key = 'MYAPP';
**
** The environment the process was started with (on Linux; not changes it
** made later in its own memory). Environments hold secrets, so the table
** is direct-only: views and triggers stored in a database file cannot
** read it.
**
** Nothing the process could see is lost: an entry without '=' is a row with
** the whole entry as key and a NULL value; duplicate keys are all rows (the
** position tells them apart; getenv() returns the first); a final fragment
** without its NUL is a row. Only empty entries, which hold nothing, are
** passed over.
*/
#include "common.h"

enum { COL_PID, COL_CREATE_TIME, COL_POSITION, COL_KEY, COL_VALUE, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(PSV_PROC_CREATE_TIME),
  [COL_POSITION] = {"position", "INTEGER", NULL,
    "index of the entry in the environment block, from 0 (empty entries are counted)", PSV_PROC_ENVIRON},
  [COL_KEY] = {"key", "TEXT", NULL, "text before the first '='; the whole entry when it has no '='", PSV_PROC_ENVIRON},
  [COL_VALUE] = {"value", "TEXT", NULL, "text after the first '='; NULL when the entry has no '='", PSV_PROC_ENVIRON},
};

typedef struct process_environ_state {
  psv_proc_walk walk;
  psv_proc_info info;
  int in_process;   /* entries of the current process remain */
  size_t offset;    /* into info.environ */
  int64_t position; /* of the last entry returned */
} process_environ_state;

static int process_environ_begin(void *state, psv_scan *scan) {
  process_environ_state *st = state;
  st->in_process = 0;
  return psv_proc_walk_begin(&st->walk, scan);
}

static int process_environ_next(void *state, psv_scan *scan, psv_value *row) {
  process_environ_state *st = state;
  /* Every row needs the environment, even SELECT count(*). */
  uint64_t want = PSV_PROC_ENVIRON | (scan->sources & PSV_PROC_CREATE_TIME);
  for (;;) {
    const char *entry;
    size_t n;
    long eq;
    if (st->in_process && psv_environ_next(st->info.environ, st->info.environ_len, &st->offset,
                                           &st->position, &entry, &n, &eq)) {
      psv_set_int(&row[COL_PID], st->walk.pid);
      psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
      psv_set_int(&row[COL_POSITION], st->position);
      psv_set_bytes(&row[COL_KEY], entry, eq < 0 ? n : (size_t)eq);
      if (eq >= 0) psv_set_bytes(&row[COL_VALUE], entry + eq + 1, n - (size_t)eq - 1);
      /* the entry the read stopped in: its end is marked */
      if (entry + n == st->info.environ + st->info.environ_len &&
          (st->info.cut & PSV_PROC_ENVIRON)) {
        row[eq < 0 ? COL_KEY : COL_VALUE].cut = 1;
      }
      return PSV_ROW;
    }
    int rc = psv_proc_walk_next(&st->walk, scan, want, &st->info);
    if (rc != PSV_ROW) return rc;
    /* Unreadable (another user's) environments contribute no rows. */
    st->in_process = (st->info.have & PSV_PROC_ENVIRON) != 0;
    st->offset = 0;
    st->position = -1;
  }
}

static void process_environ_end(void *state) {
  process_environ_state *st = state;
  st->in_process = 0;
  psv_proc_walk_end(&st->walk);
}

static void process_environ_destroy(void *state) {
  psv_proc_walk_destroy(&((process_environ_state *)state)->walk);
}

const psv_table psv_table_process_environ = {
  .name = "process_environ",
  .doc = "one row per environment entry of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 30000,
  .costly_sources = PSV_PROC_ENVIRON,
  .state_size = sizeof(process_environ_state),
  .begin = process_environ_begin,
  .next = process_environ_next,
  .end = process_environ_end,
  .destroy = process_environ_destroy,
};
