/*
** process_threads.c — one row per thread of every process: psutil's
** Process.threads() (id, user and system time), plus each thread's own
** name and state.
**
**   SELECT tid, name, user_time FROM process_threads WHERE pid = 1234;
*/
#include "common.h"

enum {
  COL_PID, COL_CREATE_TIME, COL_TID, COL_NAME, COL_STATUS, COL_USER_TIME, COL_SYSTEM_TIME, N_COLUMNS
};

#define IDENT 1u   /* the process's create_time */

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(IDENT),
  [COL_TID] = {"tid", "INTEGER", NULL, "thread id (the process's own for its main thread)", 0},
  [COL_NAME] = {"name", "TEXT", NULL, "thread name (at most 15 bytes; set with pthread_setname_np or prctl)", 0},
  [COL_STATUS] = {"status", "TEXT", NULL, "thread state, with psutil's names: 'running', 'sleeping', ...", 0},
  [COL_USER_TIME] = {"user_time", "REAL", "seconds", "CPU time in user mode", 0},
  [COL_SYSTEM_TIME] = {"system_time", "REAL", "seconds", "CPU time in kernel mode", 0},
};

typedef struct threads_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_thread_list *threads;   /* of the current process; NULL between processes */
} threads_state;

static int threads_begin(void *state, psv_scan *scan) {
  threads_state *st = state;
  st->walk.open_always = 1;
  return psv_proc_walk_begin(&st->walk, scan);
}

static void fill_row(threads_state *st, const psv_thread *t, psv_value *row) {
  const char *status = psv_state_name(t->status);
  psv_set_int(&row[COL_PID], st->walk.pid);
  psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
  psv_set_int(&row[COL_TID], t->tid);
  if (t->name) psv_set_bytes(&row[COL_NAME], t->name, t->name_len);
  if (status) psv_set_text(&row[COL_STATUS], status, strlen(status));
  psv_set_real(&row[COL_USER_TIME], psv_cpu_seconds((double)t->user_time));
  psv_set_real(&row[COL_SYSTEM_TIME], psv_cpu_seconds((double)t->system_time));
}

static int threads_next(void *state, psv_scan *scan, psv_value *row) {
  threads_state *st = state;
  for (;;) {
    if (st->threads) {
      psv_thread t;
      int rc = psv_thread_list_next(st->threads, &t);
      if (rc > 0) {
        fill_row(st, &t, row);
        return PSV_ROW;
      }
      psv_thread_list_close(st->threads);
      st->threads = NULL;
      if (rc < 0) return psv_os_fail(scan, -rc);
    }
    uint64_t facts = (scan->sources & IDENT) ? PSV_PROC_CREATE_TIME : 0;
    int rc = psv_proc_walk_next(&st->walk, scan, facts, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_thread_list_open(st->walk.proc, &st->threads);
    /* gone, or not ours to see: no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void threads_end(void *state) {
  threads_state *st = state;
  psv_thread_list_close(st->threads);
  st->threads = NULL;
  psv_proc_walk_end(&st->walk);
}

static void threads_destroy(void *state) {
  threads_end(state);
  psv_proc_walk_destroy(&((threads_state *)state)->walk);
}


const psv_table psv_table_process_threads = {
  .name = "process_threads",
  .doc = "one row per thread of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = 0,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .state_size = sizeof(threads_state),
  .begin = threads_begin,
  .next = threads_next,
  .end = threads_end,
  .destroy = threads_destroy,
};
