/*
** psvedge.c — processes and numbers at the edges, for test/identity.test
** and test/exact.test.
**
**   psvedge round
**       For every 0 <= used <= total <= 1000 (total > 0), a line
**       "used total percent" with psvtab's psv_percent_1 to 17 digits.
**   psvedge headless KB
**       Opens a file (then deletes it) and a listening unix socket
**       (abstract name psvedge-headless-PID), starts a second thread that
**       touches KB KiB, and the main thread calls pthread_exit: the kernel
**       shows the process as a zombie leader while it lives on. Once it
**       does, prints "ready pid=P tid=T fd=F path=FILE socket=S", then
**       lives until its standard input reaches its end.
**   psvedge longpath DIR
**       Creates directories under DIR until the path of a file in the
**       deepest one is longer than PATH_MAX, opens that file for writing
**       (descriptor 9), prints "ready pid=P fd=9 length=N", then lives until
**       its standard input ends. The directories stay; the caller removes
**       them.
**   psvedge reuse PID
**       Run as root in a pid namespace of its own (unshare --pid --fork
**       --mount-proc): for each per-process table, joins processes with it
**       while the SQL function reuse() replaces the process at PID by
**       another at the same pid, between the two tables' reads. Prints
**       "TABLE instance=N pid=M" per table: the rows of the join on
**       (pid, create_time) and on pid alone.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);
double psv_percent_1(double used, double total);

static _Noreturn void die(const char *what) {
  fprintf(stderr, "psvedge: %s: %s\n", what, strerror(errno));
  exit(2);
}

/* Blocks until standard input reaches its end. */
static void wait_for_eof(void) {
  char buf[64];
  while (read(0, buf, sizeof buf) > 0) {}
}

/* ---- round ---------------------------------------------------------- */

static int round_main(void) {
  for (int total = 1; total <= 1000; total++) {
    for (int used = 0; used <= total; used++) {
      printf("%d %d %.17g\n", used, total, psv_percent_1(used, total));
    }
  }
  return fflush(stdout) ? 2 : 0;
}

/* ---- headless ------------------------------------------------------- */

/* A listening unix socket with an abstract name. */
static int listen_abstract(const char *name) {
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int len = snprintf(addr.sun_path + 1, sizeof addr.sun_path - 1, "%s", name);
  socklen_t size = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)len);
  if (s < 0 || bind(s, (struct sockaddr *)&addr, size) || listen(s, 1)) die("socket");
  return s;
}

typedef struct worker_args {
  long kb;
  int fd, sock;
  char path[64];
} worker_args;

/* The state letter of this process's main thread. */
static char leader_state(void) {
  char buf[512];
  int fd = open("/proc/self/stat", O_RDONLY);
  ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
  if (fd >= 0) close(fd);
  if (n <= 0) die("read /proc/self/stat");
  buf[n] = '\0';
  char *rpar = strrchr(buf, ')');
  return rpar && rpar[1] ? rpar[2] : '?';
}

static void *headless_worker(void *arg) {
  worker_args *a = arg;
  volatile char *mem = malloc((size_t)a->kb * 1024);
  if (!mem) die("malloc");
  for (long i = 0; i < a->kb * 1024; i += 1024) mem[i] = 1;   /* every page */
  /* ready once the kernel shows the main thread a zombie (a few ms) */
  for (int i = 0; leader_state() != 'Z'; i++) {
    if (i == 10000) die("the main thread did not end");
    struct timespec ms = { 0, 1000000 };
    nanosleep(&ms, NULL);
  }
  printf("ready pid=%d tid=%d fd=%d path=%s socket=%d\n", (int)getpid(), (int)gettid(), a->fd,
         a->path, a->sock);
  fflush(stdout);
  wait_for_eof();
  exit(0);
}

static int headless_main(long kb) {
  static worker_args a;
  a.kb = kb;
  snprintf(a.path, sizeof a.path, "/tmp/psvedge-headless.%d", (int)getpid());
  a.fd = open(a.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (a.fd < 0) die("open");
  unlink(a.path);   /* nothing left behind; the row says deleted = 1 */
  char name[64];
  snprintf(name, sizeof name, "psvedge-headless-%d", (int)getpid());
  a.sock = listen_abstract(name);
  pthread_t t;
  if (pthread_create(&t, NULL, headless_worker, &a)) die("pthread_create");
  pthread_exit(NULL);
}

/* ---- longpath ------------------------------------------------------- */

static int longpath_main(const char *top) {
  char name[201];
  memset(name, 'd', 200);
  name[200] = '\0';
  int dir = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) die(top);
  size_t length = strlen(top);
  while (length <= PATH_MAX + 200) {
    if (mkdirat(dir, name, 0700) && errno != EEXIST) die("mkdirat");
    int next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (next < 0) die("openat");
    close(dir);
    dir = next;
    length += 1 + strlen(name);
  }
  int fd = openat(dir, "file", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) die("openat file");
  if (dup2(fd, 9) < 0) die("dup2");
  close(fd);
  close(dir);
  printf("ready pid=%d fd=9 length=%zu\n", (int)getpid(), length + strlen("/file"));
  fflush(stdout);
  wait_for_eof();
  return 0;
}

/* ---- reuse ---------------------------------------------------------- */

static char self[4096];
static char nonce[20];      /* for names that other runs do not use */
static int target_pid;
static pid_t current;       /* the process now at target_pid */
static int to_current = -1; /* its standard input: closing it ends it */
static int swap_pending;    /* reuse() replaces the process once a query */

/* What a child of the reuse test holds, so that every table has rows for
** it: a regular file, a listening unix socket, a second thread, memory. */
static void *sleeper(void *arg) {
  (void)arg;
  wait_for_eof();
  return NULL;
}

static int reuse_child(const char *tag) {
  if (open(self, O_RDONLY) < 0) die("open self");
  char name[64];
  snprintf(name, sizeof name, "psvedge-reuse-%s", tag);
  listen_abstract(name);
  pthread_t t;
  if (pthread_create(&t, NULL, sleeper, NULL)) die("pthread_create");
  printf("ready\n");
  fflush(stdout);
  wait_for_eof();
  _exit(0);
}

/* Ask for `pid` as the next pid of this namespace. */
static void aim_pid(int pid) {
  int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
  char buf[16];
  int n = snprintf(buf, sizeof buf, "%d", pid - 1);
  if (fd < 0 || write(fd, buf, (size_t)n) != n) die("ns_last_pid");
  close(fd);
}

/* Starts a child at target_pid with MARK=mark in its environment. */
static void start_at_target(const char *mark, const char *tag) {
  int in[2], out[2];
  if (pipe(in) || pipe(out)) die("pipe");
  aim_pid(target_pid);
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[0]); close(in[1]); close(out[0]); close(out[1]);
    char env[32];
    snprintf(env, sizeof env, "MARK=%s", mark);
    char *envp[] = { env, NULL };
    char name[64];
    snprintf(name, sizeof name, "%s-%s", nonce, tag);
    execle(self, "psvedge", "--reuse-child", name, (char *)NULL, envp);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  char line[16] = "";
  if (read(out[0], line, sizeof line - 1) <= 0 || strncmp(line, "ready", 5) != 0) die("child not ready");
  close(out[0]);
  if (pid != target_pid) {
    fprintf(stderr, "psvedge: child got pid %d, not %d\n", (int)pid, target_pid);
    exit(2);
  }
  current = pid;
  to_current = in[1];
}

static void stop_current(void) {
  kill(current, SIGKILL);
  close(to_current);
  waitpid(current, NULL, 0);
}

/* The start time of `pid` in clock ticks after boot (stat field 22). */
static unsigned long long start_ticks(int pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f) die(path);
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *p = strrchr(buf, ')');
  unsigned long long v = 0;
  for (int field = 2; p && field <= 22; field++) {
    p = strchr(p + 1, ' ');
    if (p && field == 21) v = strtoull(p + 1, NULL, 10);
  }
  return v;
}

static unsigned long long now_ticks(void) {
  struct timespec ts;
  clock_gettime(CLOCK_BOOTTIME, &ts);
  long hz = sysconf(_SC_CLK_TCK);
  return (unsigned long long)ts.tv_sec * (unsigned long long)hz +
         (unsigned long long)ts.tv_nsec / (1000000000ull / (unsigned long long)hz);
}

/* reuse(pid): the first call of a query replaces the process at the pid
** by another one at the same pid, started at a later clock tick (the
** unit of create_time), and returns the pid. */
static void reuse_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (swap_pending) {
    swap_pending = 0;
    unsigned long long first = start_ticks(current);
    stop_current();
    while (now_ticks() <= first) {
      struct timespec ms = { 0, 1000000 };
      nanosleep(&ms, NULL);
    }
    start_at_target("B", "b");
  }
  sqlite3_result_value(ctx, argv[0]);
}

static long count_rows(sqlite3 *db, const char *sql) {
  sqlite3_stmt *stmt;
  long n = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    fprintf(stderr, "psvedge: %s: %s\n", sql, sqlite3_errmsg(db));
    exit(2);
  }
  while (sqlite3_step(stmt) == SQLITE_ROW) n++;
  if (sqlite3_finalize(stmt) != SQLITE_OK) {
    fprintf(stderr, "psvedge: %s: %s\n", sql, sqlite3_errmsg(db));
    exit(2);
  }
  return n;
}

/* The join's rows with process A read by `processes` and, after reuse(),
** process B by `table`. */
static long reused_join(sqlite3 *db, const char *table, const char *on) {
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT 1 FROM processes p CROSS JOIN %s x "
           "WHERE p.pid = %d AND x.pid = reuse(p.pid)%s",
           table, target_pid, on);
  start_at_target("A", "a");
  swap_pending = 1;
  long n = count_rows(db, sql);
  stop_current();
  return n;
}

static int reuse_main(int pid) {
  static const char *const tables[] = {
    "process_memory", "process_environ", "process_open_files", "process_threads",
    "process_memory_maps", "process_rlimits", "net_connections", "listening_ports",
    "process_cpu_percent(0.01)",
  };
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len < 0) die("readlink");
  self[len] = '\0';
  target_pid = pid;
  unsigned long long r;
  int ur = open("/dev/urandom", O_RDONLY);
  if (ur < 0 || read(ur, &r, sizeof r) != sizeof r) die("urandom");
  close(ur);
  snprintf(nonce, sizeof nonce, "%llx", r);
  sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("sqlite3_open");
  sqlite3_create_function(db, "reuse", 1, SQLITE_UTF8, NULL, reuse_function, NULL, NULL);
  for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
    long by_instance = reused_join(db, tables[i], " AND x.create_time = p.create_time");
    long by_pid = reused_join(db, tables[i], "");
    printf("%.*s instance=%ld pid=%ld\n", (int)strcspn(tables[i], "("), tables[i], by_instance, by_pid);
  }
  /* What a join on pid alone pairs: one instance's command line with the
  ** other's environment. */
  start_at_target("A", "a");
  swap_pending = 1;
  sqlite3_stmt *stmt;
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT p.cmdline, x.value FROM processes p CROSS JOIN process_environ x "
           "WHERE p.pid = %d AND x.pid = reuse(p.pid) AND x.key = 'MARK'", target_pid);
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) die("prepare");
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    printf("paired {%s} MARK=%s\n", sqlite3_column_text(stmt, 0), sqlite3_column_text(stmt, 1));
  }
  sqlite3_finalize(stmt);
  stop_current();
  sqlite3_close(db);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "round") == 0) return round_main();
  if (argc == 3 && strcmp(argv[1], "headless") == 0) return headless_main(atol(argv[2]));
  if (argc == 3 && strcmp(argv[1], "longpath") == 0) return longpath_main(argv[2]);
  if (argc == 3 && strcmp(argv[1], "reuse") == 0) return reuse_main(atoi(argv[2]));
  if (argc == 3 && strcmp(argv[1], "--reuse-child") == 0) {
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len < 0) die("readlink");
    self[len] = '\0';
    return reuse_child(argv[2]);
  }
  fprintf(stderr, "usage: psvedge round | headless KB | longpath DIR | reuse PID\n");
  return 2;
}
