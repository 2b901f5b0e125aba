/*
** psvthreads.c — several threads, each with its own connection, scan every
** psvtab table at once, over and over, and check what they read: this
** process is in processes with its own name, its environment holds
** PSVTHREADS_MARK, psvtab_columns has the same number of rows every time.
** Built with -fsanitize=thread by `make test-tsan`.
**
**   psvthreads THREADS SECONDS   prints "threads: T threads, N scans, 0 errors"
*/
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

static const char *const scans[] = {
  "SELECT count(*) FROM processes WHERE pid > 0",
  "SELECT sum(length(cmdline)), count(username), count(create_time) FROM processes",
  "SELECT count(*) FROM process_memory WHERE uss >= 0",
  "SELECT count(*) FROM process_environ",
  "SELECT count(*) FROM system_memory WHERE total > 0",
  "SELECT count(*) FROM swap_memory",
  "SELECT count(*) FROM net_io",
  "SELECT count(*) FROM net_if_stats",
  "SELECT count(*) FROM net_if_addrs",
  "SELECT count(*) FROM disk_io",
  "SELECT count(*) FROM process_open_files",
  "SELECT count(*), sum(user_time) FROM process_threads",
  "SELECT count(*) FROM process_memory_maps WHERE rss >= 0",
  "SELECT count(*) FROM process_rlimits",
  "SELECT count(*), count(pid) FROM net_connections",
  "SELECT count(*) FROM listening_ports",
  "SELECT count(*), sum(user) FROM cpu_times",
  "SELECT * FROM cpu_stats",
  "SELECT count(*), max(current) FROM cpu_freq",
  "SELECT * FROM system_info",
  "SELECT * FROM load_avg",
  "SELECT count(*), max(name) FROM users",
};

typedef struct worker {
  pthread_t thread;
  double seconds;
  long scans, errors;
  int n_columns;   /* psvtab_columns rows, from the main thread */
} worker;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The first column of the first row as an integer; -1 on error. */
static long long one(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return -1;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (v == -1) v = sqlite3_column_int64(stmt, 0);
  }
  if (rc != SQLITE_DONE) v = -1;
  sqlite3_finalize(stmt);
  return v;
}

/* Checks that hold whatever else runs: our own row and environment. */
static int check_self(sqlite3 *db, int n_columns) {
  char sql[256];
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM processes WHERE pid = %d AND name = 'psvthreads'", (int)getpid());
  if (one(db, sql) != 1) return 1;
  snprintf(sql, sizeof sql,
           "SELECT count(*) FROM process_environ WHERE pid = %d AND key = 'PSVTHREADS_MARK' AND value = 'on'",
           (int)getpid());
  if (one(db, sql) != 1) return 1;
  return one(db, "SELECT count(*) FROM psvtab_columns") != n_columns;
}

static void *work(void *arg) {
  worker *w = arg;
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    w->errors++;
    return NULL;
  }
  double end = now() + w->seconds;
  while (now() < end) {
    for (size_t i = 0; i < sizeof scans / sizeof *scans; i++) {
      if (one(db, scans[i]) < 0) {
        fprintf(stderr, "psvthreads: %s: %s\n", scans[i], sqlite3_errmsg(db));
        w->errors++;
      }
      w->scans++;
    }
    if (check_self(db, w->n_columns)) {
      fprintf(stderr, "psvthreads: a self check failed\n");
      w->errors++;
    }
  }
  sqlite3_close(db);
  return NULL;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 4;
  double seconds = argc > 2 ? atof(argv[2]) : 2;
  if (n < 1 || n > 64) return 2;
  setenv("PSVTHREADS_MARK", "on", 1);
  /* setenv changes our memory, not /proc/self/environ: re-exec once, by
  ** the real path so that comm stays "psvthreads". */
  if (!getenv("PSVTHREADS_EXECED")) {
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len < 0) return 2;
    self[len] = '\0';
    setenv("PSVTHREADS_EXECED", "1", 1);
    execv(self, argv);
    return 2;
  }
  sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
  sqlite3 *db;
  sqlite3_open(":memory:", &db);
  int n_columns = (int)one(db, "SELECT count(*) FROM psvtab_columns");
  sqlite3_close(db);
  worker *w = calloc((size_t)n, sizeof *w);
  if (!w) return 2;
  for (int i = 0; i < n; i++) {
    w[i].seconds = seconds;
    w[i].n_columns = n_columns;
    if (pthread_create(&w[i].thread, NULL, work, &w[i])) return 2;
  }
  long scans = 0, errors = 0;
  for (int i = 0; i < n; i++) {
    pthread_join(w[i].thread, NULL);
    scans += w[i].scans;
    errors += w[i].errors;
  }
  free(w);
  printf("threads: %d threads, %ld scans, %ld errors\n", n, scans, errors);
  return errors != 0;
}
