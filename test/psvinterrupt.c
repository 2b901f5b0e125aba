/*
** psvinterrupt.c — sqlite3_interrupt from another thread while a sampling
** query waits. The main thread runs SQL; a second thread watches it
** (/proc/self/task/TID/wchan) until it sleeps in the query's wait, then
** calls sqlite3_interrupt. Links libpsvtab.a.
**
**   psvinterrupt SQL   prints "interrupt: rc R (MESSAGE), N rows, M ms after the interrupt"
**
** R is 9 (SQLITE_INTERRUPT) and N is 0 when the wait ended as it should;
** M (how long the query took to notice) is for information only.
*/
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

static sqlite3 *db;
static pid_t main_tid;
static double interrupted_at;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 1 when the main thread sleeps in a nanosleep (the query's wait). */
static int main_sleeps(void) {
  char path[64], wchan[64] = "";
  snprintf(path, sizeof path, "/proc/self/task/%d/wchan", (int)main_tid);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  size_t n = fread(wchan, 1, sizeof wchan - 1, f);
  fclose(f);
  wchan[n] = '\0';
  return strstr(wchan, "nanosleep") != NULL;
}

static void *interrupter(void *arg) {
  (void)arg;
  /* up to 60 s for the query to start waiting (a busy machine) */
  for (int i = 0; i < 6000 && !main_sleeps(); i++) usleep(10000);
  interrupted_at = now();
  sqlite3_interrupt(db);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  main_tid = (pid_t)syscall(SYS_gettid);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || sqlite3_psvtab_init(db, NULL, NULL) != SQLITE_OK) {
    return 2;
  }
  sqlite3_stmt *stmt;
  if (sqlite3_prepare_v2(db, argv[1], -1, &stmt, NULL) != SQLITE_OK) {
    fprintf(stderr, "psvinterrupt: %s\n", sqlite3_errmsg(db));
    return 2;
  }
  pthread_t thread;
  if (pthread_create(&thread, NULL, interrupter, NULL)) return 2;
  int rc, rows = 0;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) rows++;
  double ended = now();
  pthread_join(thread, NULL);
  printf("interrupt: rc %d (%s), %d rows, %.0f ms after the interrupt\n", rc, sqlite3_errmsg(db),
         rows, (ended - interrupted_at) * 1000);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return 0;
}
