/*
** psvchurn.c — churn: scan every table over and over while processes are
** started and reaped as fast as possible, their pids reused on purpose.
**
**   unshare --pid --fork --mount-proc psvchurn SECONDS [MIN_SCANS MIN_SPAWNED]
**
** In its own pid namespace a spawner forks children into a few fixed pids
** (through /proc/sys/kernel/ns_last_pid), so a pid is reused thousands of
** times a second. Each child re-execs itself as "psvchurn --child SERIAL"
** and names itself "ch<SERIAL>" (comm). Meanwhile this process scans all
** tables; a processes row whose name is ch<A> must have A in its cmdline
** (or none: an exiting child has none left): stat and cmdline of two
** instances in one row would show two serials. It runs SECONDS and then
** on until it has made MIN_SCANS scans and spawned MIN_SPAWNED children
** (a loaded machine gets through less in a given time), but never more
** than 20 times SECONDS in all.
** Prints "churn: N scans, N spawned, N reused, N errors, N mixed rows".
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

#define FIRST_PID 300
#define N_SLOTS 4
#define MAX_SPAWN 500000

static const char *const scans[] = {
  "SELECT count(*) FROM process_memory WHERE uss >= 0 OR uss IS NULL",
  "SELECT count(*) FROM process_environ",
  "SELECT count(*) FROM processes WHERE exe IS NOT NULL OR num_fds >= 0 OR io_read_count >= 0",
  "SELECT count(*) FROM system_memory",
  "SELECT count(*) FROM net_io",
  "SELECT count(*) FROM disk_io",
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The child: become ch<serial>, linger a moment, exit. */
static int child_main(const char *serial) {
  char name[16];
  snprintf(name, sizeof name, "ch%s", serial);
  prctl(PR_SET_NAME, name, 0, 0, 0);
  struct timespec pause = { 0, 200000 };   /* 0.2 ms */
  nanosleep(&pause, NULL);
  return 0;
}

/* Ask for `pid` as the next pid of this namespace (needs root). */
static int aim_pid(int pid) {
  int fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
  if (fd < 0) return -1;
  char buf[16];
  int n = snprintf(buf, sizeof buf, "%d", pid - 1);
  int ok = write(fd, buf, (size_t)n) == n;
  close(fd);
  return ok ? 0 : -1;
}

/* What the spawner tells the scanner, in memory both share. */
typedef struct churn_counts {
  _Atomic long spawned, reused;
  _Atomic int stop;          /* set by the scanner when it is done */
} churn_counts;

/* The spawner: fork, exec, reap, as fast as it can until told to stop. */
static void spawner(const char *self, churn_counts *counts) {
  long spawned = 0, reused = 0;
  int last[N_SLOTS] = {0};
  while (!atomic_load(&counts->stop) && spawned < MAX_SPAWN) {
    int slot = (int)(spawned % N_SLOTS);
    aim_pid(FIRST_PID + slot);
    char serial[24];
    snprintf(serial, sizeof serial, "%ld", spawned);
    pid_t pid = fork();
    if (pid < 0) continue;
    if (pid == 0) {
      execl(self, "psvchurn", "--child", serial, (char *)NULL);
      _exit(127);
    }
    if (pid == last[slot]) reused++;
    last[slot] = pid;
    spawned++;
    waitpid(pid, NULL, 0);
    atomic_store(&counts->reused, reused);
    atomic_store(&counts->spawned, spawned);
  }
}

/* The name a child has from exec, before it renames itself: ours. */
static char exec_name[16];

static void read_exec_name(void) {
  FILE *f = fopen("/proc/self/comm", "r");
  if (!f || !fgets(exec_name, sizeof exec_name, f)) exec_name[0] = '\0';
  if (f) fclose(f);
  exec_name[strcspn(exec_name, "\n")] = '\0';
}

/* Whether a name read from stat is what child `serial` calls itself.
** Linux reads comm without a lock (6.x): a read that meets the rename
** half-way shows the new name's first bytes over the rest of the exec
** name, "ch1933" over "psvchurn" as "ch1933rn". Such a torn name is the
** same instance if its digits begin the serial and the rest is the exec
** name's own bytes at the same places. */
static int names_child(const char *name, const char *serial) {
  const char *digits = name + 2;
  size_t n = strspn(digits, "0123456789");
  if (strncmp(digits, serial, n) != 0) return 0;
  if (digits[n] == '\0') return serial[n] == '\0';
  size_t at = 2 + n;
  return at < strlen(exec_name) && strcmp(name + at, exec_name + at) == 0;
}

/* A processes row named ch<A> must hold A as its last argument. */
static long check_rows_of(sqlite3 *db, const char *sql, long *errors) {
  sqlite3_stmt *stmt;
  long mixed = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL)) {
    (*errors)++;
    return 0;
  }
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(stmt, 0);
    const char *cmd = (const char *)sqlite3_column_text(stmt, 1);
    /* an exiting child (or a zombie) has no arguments left: '' */
    if (!name || strncmp(name, "ch", 2) != 0 || !cmd || !*cmd) continue;
    const char *arg = strstr(cmd, "--child ");
    if (!arg || !names_child(name, arg + 8)) {
      if (mixed < 10) fprintf(stderr, "psvchurn: mixed row: name %s, cmdline %s\n", name, cmd);
      mixed++;
    }
  }
  if (rc != SQLITE_DONE) (*errors)++;
  sqlite3_finalize(stmt);
  return mixed;
}

/* Read one by one, and (num_fds is costly: with two CPUs or more) read
** ahead on worker threads, each row from its own slot. */
static long check_rows(sqlite3 *db, long *errors) {
  return check_rows_of(db, "SELECT name, cmdline FROM processes", errors) +
         check_rows_of(db, "SELECT name, cmdline, num_fds FROM processes", errors);
}

static int run_scans(sqlite3 *db, long *errors) {
  for (size_t i = 0; i < sizeof scans / sizeof *scans; i++) {
    if (sqlite3_exec(db, scans[i], NULL, NULL, NULL) != SQLITE_OK) {
      fprintf(stderr, "psvchurn: %s: %s\n", scans[i], sqlite3_errmsg(db));
      (*errors)++;
    }
  }
  return (int)(sizeof scans / sizeof *scans);
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "--child") == 0) return child_main(argv[2]);
  read_exec_name();
  double seconds = argc > 1 ? atof(argv[1]) : 5;
  long min_scans = argc > 3 ? atol(argv[2]) : 0, min_spawned = argc > 3 ? atol(argv[3]) : 0;
  char self[4096];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len < 0) return 2;
  self[len] = '\0';
  churn_counts *counts = mmap(NULL, sizeof *counts, PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (counts == MAP_FAILED) return 2;
  double start = now(), deadline = start + seconds, give_up = start + 20 * seconds;
  pid_t sp = fork();
  if (sp < 0) return 2;
  if (sp == 0) {
    spawner(self, counts);
    _exit(0);
  }
  sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  long scans = 0, errors = 0, mixed = 0;
  for (double t = now(); t < give_up; t = now()) {
    if (t >= deadline && scans >= min_scans && atomic_load(&counts->spawned) >= min_spawned) break;
    mixed += check_rows(db, &errors);
    scans += 1 + run_scans(db, &errors);
  }
  sqlite3_close(db);
  atomic_store(&counts->stop, 1);
  waitpid(sp, NULL, 0);
  long spawned = atomic_load(&counts->spawned), reused = atomic_load(&counts->reused);
  printf("churn: %ld scans, %ld spawned, %ld reused, %ld errors, %ld mixed rows\n",
         scans, spawned, reused, errors, mixed);
  return errors || mixed;
}
