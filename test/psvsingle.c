/*
** psvsingle.c — a host that runs SQLite single-threaded
** (SQLITE_CONFIG_SINGLETHREAD) with an allocator of its own
** (SQLITE_CONFIG_MALLOC) that counts the calls made from any thread but
** the main one. psvtab's worker threads (net_connections reads the holders
** of sockets on threads of its own when there are more than 128 processes
** per thread; full scans of costly process facts read ahead on threads)
** must never call that allocator. Links libpsvtab.a with
** pthread_create wrapped, to count the threads psvtab starts.
**
**   psvsingle   prints "single: R rows, T threads started, M main calls, F foreign calls"
**
** R is the rows of net_connections that name this process's own listening
** socket with its pid and descriptor (1 when right).
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);
/* psvtab's own (hidden in the module, linkable from the archive): one
** thread per online CPU would start none on a one-CPU machine. */
void psv_set_max_threads(int n);

static sqlite3_mem_methods real;
static pthread_t main_thread;
static atomic_long main_calls, foreign_calls, threads_started;

static void count_call(void) {
  if (pthread_equal(pthread_self(), main_thread)) main_calls++;
  else foreign_calls++;
}

static void *host_malloc(int n) { count_call(); return real.xMalloc(n); }
static void host_free(void *p) { count_call(); real.xFree(p); }
static void *host_realloc(void *p, int n) { count_call(); return real.xRealloc(p, n); }
static int host_size(void *p) { count_call(); return real.xSize(p); }
static int host_roundup(int n) { return real.xRoundup(n); }
static int host_init(void *a) { return real.xInit(a); }
static void host_shutdown(void *a) { real.xShutdown(a); }

int __real_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *), void *arg) {
  int rc = __real_pthread_create(t, a, fn, arg);
  if (rc == 0) threads_started++;
  return rc;
}

/* A listening TCP socket on the loopback: its port, or -1. */
static int listen_somewhere(int *fd) {
  struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  socklen_t len = sizeof sa;
  *fd = socket(AF_INET, SOCK_STREAM, 0);
  if (*fd < 0 || bind(*fd, (struct sockaddr *)&sa, sizeof sa) || listen(*fd, 1) ||
      getsockname(*fd, (struct sockaddr *)&sa, &len)) return -1;
  return ntohs(sa.sin_port);
}

/* Rows of net_connections naming our listening socket, with us as holder. */
static int own_rows(sqlite3 *db, int port, int fd) {
  char sql[256];
  sqlite3_stmt *stmt;
  snprintf(sql, sizeof sql,
           "SELECT pid, fd FROM net_connections WHERE lport = %d AND status = 'LISTEN'", port);
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return -1;
  int rows = 0, rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (sqlite3_column_int(stmt, 0) == (int)getpid() && sqlite3_column_int(stmt, 1) == fd) rows++;
    else rows = -1000;
  }
  if (rc != SQLITE_DONE) fprintf(stderr, "psvsingle: %s\n", sqlite3_errmsg(db));
  sqlite3_finalize(stmt);
  return rc == SQLITE_DONE ? rows : -1;
}

int main(void) {
  static const sqlite3_mem_methods host = {
    host_malloc, host_free, host_realloc, host_size, host_roundup, host_init, host_shutdown, NULL
  };
  main_thread = pthread_self();
  sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real);
  if (sqlite3_config(SQLITE_CONFIG_MALLOC, &host) != SQLITE_OK || sqlite3_initialize() != SQLITE_OK) {
    fprintf(stderr, "psvsingle: cannot configure SQLite\n");
    return 2;
  }
  int fd, port = listen_somewhere(&fd);
  sqlite3 *db;
  if (port < 0 || sqlite3_open(":memory:", &db) != SQLITE_OK ||
      sqlite3_psvtab_init(db, NULL, NULL) != SQLITE_OK) {
    fprintf(stderr, "psvsingle: cannot set up\n");
    return 2;
  }
  psv_set_max_threads(4);
  int rows = own_rows(db, port, fd);
  /* full scans of costly facts: read ahead on threads of psvtab's own */
  static const char *const ahead[] = {
    "SELECT count(*) FROM process_memory WHERE uss >= 0",
    "SELECT count(*), sum(length(value)) FROM process_environ",
    "SELECT count(*), sum(num_fds), max(username) FROM processes",
  };
  for (size_t i = 0; i < sizeof ahead / sizeof *ahead; i++) {
    if (sqlite3_exec(db, ahead[i], NULL, NULL, NULL) != SQLITE_OK) {
      fprintf(stderr, "psvsingle: %s: %s\n", ahead[i], sqlite3_errmsg(db));
      rows = -1;
    }
  }
  sqlite3_close(db);
  printf("single: %d rows, %ld threads started, %ld main calls, %ld foreign calls\n", rows,
         (long)threads_started, (long)main_calls, (long)foreign_calls);
  return rows != 1 || foreign_calls != 0;
}
