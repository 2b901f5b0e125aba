/*
** psvoom.c — out-of-memory driver. For each query, and for every k from 1
** up to the number of allocations the query makes, run it with an
** allocator that fails the k-th allocation: each run must end in
** SQLITE_OK or SQLITE_NOMEM, and after sqlite3_close every allocation
** must have been freed. Links libpsvtab.a (psvtab's own memory goes
** through sqlite3_malloc, so it is under test too).
**
**   psvoom SQL...          prints "oom: Q queries, N runs, N failures injected, 0 leaks"
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

static sqlite3_mem_methods real;
static long fail_at;        /* fail the allocation with this number; 0: never */
static long n_allocs;       /* allocations since arming */
static long outstanding;    /* live allocations */
static int injected;        /* the failure happened in this run */

static void *oom_malloc(int n) {
  if (fail_at && ++n_allocs == fail_at) {
    injected = 1;
    return NULL;
  }
  void *p = real.xMalloc(n);
  if (p) outstanding++;
  return p;
}

static void oom_free(void *p) {
  if (p) outstanding--;
  real.xFree(p);
}

static void *oom_realloc(void *p, int n) {
  if (fail_at && ++n_allocs == fail_at) {
    injected = 1;
    return NULL;
  }
  return real.xRealloc(p, n);
}

static int oom_size(void *p) { return real.xSize(p); }
static int oom_roundup(int n) { return real.xRoundup(n); }
static int oom_init(void *a) { return real.xInit(a); }
static void oom_shutdown(void *a) { real.xShutdown(a); }

/* Steps one statement to its end, fetching every column. */
static int step_all(sqlite3_stmt *stmt) {
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(stmt); i++) sqlite3_column_text(stmt, i);
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One run: open, register psvtab, run every statement of sql, close. */
static int run_once(const char *sql) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open(":memory:", &db);
  if (rc == SQLITE_OK) rc = sqlite3_psvtab_init(db, NULL, NULL);
  const char *next = sql;
  while (rc == SQLITE_OK && *next) {
    sqlite3_stmt *stmt = NULL;
    rc = sqlite3_prepare_v2(db, next, -1, &stmt, &next);
    if (rc == SQLITE_OK && stmt) rc = step_all(stmt);
    sqlite3_finalize(stmt);
  }
  if (rc != SQLITE_OK && rc != SQLITE_NOMEM && db) {
    fprintf(stderr, "psvoom: %s: rc %d (%s) with failure at %ld\n", sql, rc,
            sqlite3_errmsg(db), fail_at);
  }
  sqlite3_close(db);
  return rc;
}

int main(int argc, char **argv) {
  static const sqlite3_mem_methods wrap = {
    oom_malloc, oom_free, oom_realloc, oom_size, oom_roundup, oom_init, oom_shutdown, NULL
  };
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
  sqlite3_config(SQLITE_CONFIG_MALLOC, &wrap);
  sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);   /* every allocation counts */
  sqlite3_initialize();
  long runs = 0, injections = 0, leaks = 0, bad = 0;
  for (int q = 1; q < argc; q++) {
    for (long k = 1;; k++) {
      long before = outstanding;
      fail_at = k;
      n_allocs = 0;
      injected = 0;
      int rc = run_once(argv[q]);
      fail_at = 0;
      runs++;
      if (outstanding != before) {
        fprintf(stderr, "psvoom: %s: %ld allocations leaked with failure at %ld\n",
                argv[q], outstanding - before, k);
        leaks++;
      }
      if (rc != SQLITE_OK && rc != SQLITE_NOMEM) bad++;
      if (!injected) {
        if (rc != SQLITE_OK) bad++;   /* a clean run must succeed */
        break;
      }
      injections++;
    }
  }
  printf("oom: %d queries, %ld runs, %ld failures injected, %ld leaks, %ld wrong results\n",
         argc - 1, runs, injections, leaks, bad);
  return leaks || bad;
}
