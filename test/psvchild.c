/*
** psvchild.c — a process with known properties, for the tests to query.
**
** Configured by environment variables, it sets itself up, prints one line
** of facts it measured itself ("ready key=value ..."), then sleeps until
** its standard input reaches end of file (or it is killed).
**
**   PSV_DECODE=1        decode %HH escapes in every argument (and argv[0])
**                       and re-exec, so tests can pass bytes that are not
**                       UTF-8 or empty arguments
**   PSV_ENVP=a,b,...    re-exec with exactly this environment: entries
**                       separated by ',', each %HH-decoded (%2c is a comma)
**   PSV_SHARED_KB=n     map n KiB of shared anonymous memory, touch it,
**                       and fork a sharer that maps it too
**   PSV_ARGV0=s         with PSV_DECODE: re-exec with argv[0] = s
**   PSV_EXE=path        copy itself to path (%HH-decoded) and re-exec from
**                       there: exe and the kernel's comm name come from it
**   PSV_FILL=hh         re-exec with as many more arguments of 131071 bytes
**                       0xhh (the most one may hold) as execve takes, the
**                       stack limit raised to its hard limit first
**   PSV_MKCWD=dir       mkdir and chdir into dir (%HH-decoded); like PSV_CWD,
**                       done before any re-exec, which keeps it
**   PSV_OPEN=path       create path (%HH-decoded) and keep it open (before
**                       any re-exec too)
**   PSV_NICE=n          setpriority(n)
**   PSV_IOPRIO=c,v      ioprio_set(class c, value v)
**   PSV_CPU=n           run on CPU n only
**   PSV_CWD=dir         chdir(dir)
**   PSV_THREADS=n       start n extra threads that sleep
**   PSV_TOUCH_KB=n      map n KiB of private anonymous memory and touch it
**   PSV_BURN_MS=n       use n ms of user CPU time
**   PSV_CHILD_BURN_MS=n fork a child that uses n ms of CPU; wait for it
**   PSV_FDS=n           open n more descriptors on /dev/null
**   PSV_GIDS=r,e,s      setresgid (needs root)
**   PSV_UIDS=r,e,s      setresuid (needs root; done after PSV_GIDS)
**   PSV_ZOMBIE=1        fork a child that exits at once, never reaped
**   PSV_WRITES=n        write n blocks of 4096 bytes to /dev/null
**
** Printed facts: pid, argc, sharer (pid or 0), tty (ttyname of fd 0 or -), utime/stime/cutime/
** cstime (clock ticks, from times()), zombie (pid or 0), nfds, start
** (CLOCK_REALTIME seconds at main()).
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
  fprintf(stderr, "psvchild: %s: %s\n", what, strerror(errno));
  exit(2);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void decode(char *s) {
  char *out = s;
  for (char *p = s; *p; p++) {
    if (p[0] == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
      *out++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
      p += 2;
    } else {
      *out++ = *p;
    }
  }
  *out = '\0';
}

/* Splits PSV_ENVP into a NULL-terminated, decoded environment. */
static char **explicit_envp(char *list) {
  size_t count = 1;
  for (char *p = list; *p; p++) count += *p == ',';
  char **envp = calloc(count + 1, sizeof *envp);
  if (!envp) die("calloc");
  size_t i = 0;
  for (char *tok = list;; ) {
    char *comma = strchr(tok, ',');
    if (comma) *comma = '\0';
    decode(tok);
    envp[i++] = tok;
    if (!comma) break;
    tok = comma + 1;
  }
  return envp;
}

/* Exec the same file by its real path, so that the kernel's comm stays
** the file's name (exec through /proc/self/exe would make it "exe"). */
static const char *self_path(void) {
  static char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n < 0) die("readlink");
  self[n] = '\0';
  return self;
}

static void reexec_decoded(char **argv) {
  const char *self = self_path();
  unsetenv("PSV_DECODE");
  for (int i = 0; argv[i]; i++) decode(argv[i]);
  if (getenv("PSV_ARGV0")) argv[0] = getenv("PSV_ARGV0");
  char *envp = getenv("PSV_ENVP");
  if (envp) execve(self, argv, explicit_envp(envp));
  else execv(self, argv);
  die("execv");
}

/* PSV_EXE: the same program at another path, run from there. */
static void reexec_copy(char **argv, char *path) {
  decode(path);
  int in = open("/proc/self/exe", O_RDONLY);
  int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
  if (in < 0 || out < 0) die("open copy");
  char buf[65536];
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) die("write copy");
  }
  if (n < 0 || close(out)) die("copy");
  close(in);
  unsetenv("PSV_EXE");
  execv(path, argv);
  die("execv copy");
}

/* PSV_FILL: the largest command line execve takes, of one byte. */
static void reexec_filled(char **argv, const char *hex) {
  enum { ARG_MAX_BYTES = 131071, MOST = 128 };
  static char *args[4096 + MOST + 1];
  char *fill = malloc(ARG_MAX_BYTES + 1);
  int argc = 0;
  if (!fill) die("malloc");
  memset(fill, (int)strtol(hex, NULL, 16), ARG_MAX_BYTES);
  fill[ARG_MAX_BYTES] = '\0';
  unsetenv("PSV_FILL");
  struct rlimit stack;
  if (getrlimit(RLIMIT_STACK, &stack) == 0) {
    stack.rlim_cur = stack.rlim_max;
    setrlimit(RLIMIT_STACK, &stack);
  }
  while (argv[argc] && argc < 4096) { args[argc] = argv[argc]; argc++; }
  const char *self = self_path();
  for (int k = MOST; k >= 0; k--) {
    for (int i = 0; i < k; i++) args[argc + i] = fill;
    args[argc + k] = NULL;
    execv(self, args);
    if (errno != E2BIG) die("execv fill");
  }
  die("execv fill");
}

/* PSV_CWD, PSV_MKCWD, PSV_OPEN: the directory and the descriptor survive
** the re-execs. */
static void set_cwd_and_open(void) {
  const char *cwd = getenv("PSV_CWD");
  if (cwd && chdir(cwd)) die("chdir");
  char *newcwd = getenv("PSV_MKCWD");
  if (newcwd) {
    decode(newcwd);
    if ((mkdir(newcwd, 0755) && errno != EEXIST) || chdir(newcwd)) die("mkdir cwd");
  }
  unsetenv("PSV_MKCWD");   /* done: a re-exec would decode it again */
  char *open_path = getenv("PSV_OPEN");
  if (open_path) {   /* kept open across the re-execs */
    decode(open_path);
    if (open(open_path, O_RDWR | O_CREAT, 0644) < 0) die("open PSV_OPEN");
    unsetenv("PSV_OPEN");
  }
}

static long env_long(const char *name, long dflt) {
  const char *v = getenv(name);
  return v && *v ? strtol(v, NULL, 10) : dflt;
}

static void burn_ms(long ms) {
  long ticks = sysconf(_SC_CLK_TCK);
  struct tms t;
  times(&t);
  clock_t start = t.tms_utime;
  volatile unsigned long x = 0;
  do {
    for (int i = 0; i < 1000000; i++) x += (unsigned long)i;
    times(&t);
  } while ((t.tms_utime - start) * 1000 / ticks < ms);
  (void)x;
}

static void *sleeper(void *arg) {
  (void)arg;
  for (;;) pause();
  return NULL;
}

static void set_ids(void) {
  unsigned r, e, s;
  const char *g = getenv("PSV_GIDS"), *u = getenv("PSV_UIDS");
  if (g && sscanf(g, "%u,%u,%u", &r, &e, &s) == 3 && setresgid(r, e, s)) die("setresgid");
  if (u && sscanf(u, "%u,%u,%u", &r, &e, &s) == 3 && setresuid(r, e, s)) die("setresuid");
}

static void set_sched(void) {
  const char *io = getenv("PSV_IOPRIO");
  int cls, val;
  if (getenv("PSV_NICE") && setpriority(PRIO_PROCESS, 0, (int)env_long("PSV_NICE", 0))) die("setpriority");
  if (io && sscanf(io, "%d,%d", &cls, &val) == 2 &&
      syscall(SYS_ioprio_set, 1, 0, (cls << 13) | val) < 0) die("ioprio_set");
  long cpu = env_long("PSV_CPU", -1);
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int)cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set)) die("sched_setaffinity");
    sched_yield();
  }
}

/* Keeps the pages resident where the memory lock limit allows (root's
** has none): on a machine short of memory, with swap, a sleeping child's
** pages would otherwise leave its rss for swap. */
static void keep_resident(void *mem, size_t size) {
  (void)mlock(mem, size);
}

/* n KiB of private memory, every page written. mmap rather than malloc:
** no allocator or sanitizer sits between the pages and the kernel (ASan's
** malloc touches shadow memory and redzones of its own), so the process
** holds exactly n KiB more than one that does not do this. */
static void touch_memory(long kb) {
  size_t size = (size_t)kb * 1024;
  long page = sysconf(_SC_PAGESIZE);
  char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) die("mmap");
  for (size_t i = 0; i < size; i += (size_t)page) mem[i] = 1;
  keep_resident(mem, size);
}

static void use_resources(void) {
  long kb = env_long("PSV_TOUCH_KB", 0);
  if (kb > 0) touch_memory(kb);
  for (long i = env_long("PSV_FDS", 0); i > 0; i--) {
    if (open("/dev/null", O_RDONLY) < 0) die("open");
  }
  static char block[4096];
  for (long i = env_long("PSV_WRITES", 0); i > 0; i--) {
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0 || write(fd, block, sizeof block) != sizeof block) die("write");
    close(fd);
  }
  for (long i = env_long("PSV_THREADS", 0); i > 0; i--) {
    pthread_t t;
    if (pthread_create(&t, NULL, sleeper, NULL)) die("pthread_create");
  }
}

static void burn_in_child(long ms) {
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    burn_ms(ms);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
}

/* A shared anonymous region, touched here and mapped by a forked sharer
** that reads every page, so both map all of it. Returns the sharer. */
static pid_t share_memory(long kb) {
  size_t size = (size_t)kb * 1024;
  char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) die("mmap");
  for (size_t i = 0; i < size; i += 4096) mem[i] = 1;
  keep_resident(mem, size);
  int ready[2];
  if (pipe(ready)) die("pipe");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    volatile char sum = 0;
    for (size_t i = 0; i < size; i += 4096) sum += mem[i];
    (void)sum;
    if (write(ready[1], "x", 1) != 1) _exit(1);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {}
    _exit(0);
  }
  char c;
  if (read(ready[0], &c, 1) != 1) die("sharer");
  close(ready[0]);
  close(ready[1]);
  return pid;
}

static int count_fds(void) {
  int n = 0;
  for (int fd = 0; fd < 4096; fd++) {
    if (fcntl(fd, F_GETFD) != -1) n++;
  }
  return n;
}

int main(int argc, char **argv) {
  struct timespec start;
  clock_gettime(CLOCK_REALTIME, &start);
  if (getenv("PSV_EXE")) reexec_copy(argv, getenv("PSV_EXE"));
  set_cwd_and_open();
  if (getenv("PSV_DECODE")) reexec_decoded(argv);
  if (getenv("PSV_FILL")) reexec_filled(argv, getenv("PSV_FILL"));
  set_ids();
  set_sched();
  use_resources();
  if (env_long("PSV_BURN_MS", 0) > 0) burn_ms(env_long("PSV_BURN_MS", 0));
  if (env_long("PSV_CHILD_BURN_MS", 0) > 0) burn_in_child(env_long("PSV_CHILD_BURN_MS", 0));
  pid_t sharer = env_long("PSV_SHARED_KB", 0) > 0 ? share_memory(env_long("PSV_SHARED_KB", 0)) : 0;
  pid_t zombie = 0;
  if (getenv("PSV_ZOMBIE")) {
    zombie = fork();
    if (zombie < 0) die("fork");
    if (zombie == 0) _exit(0);
    /* wait until it has exited, without reaping it */
    siginfo_t info;
    waitid(P_PID, (id_t)zombie, &info, WEXITED | WNOWAIT);
  }
  struct tms t;
  times(&t);
  const char *tty = ttyname(0);
  printf("ready pid=%d argc=%d sharer=%d tty=%s utime=%ld stime=%ld cutime=%ld cstime=%ld zombie=%d nfds=%d start=%ld.%09ld\n",
         (int)getpid(), argc, (int)sharer, tty ? tty : "-", (long)t.tms_utime, (long)t.tms_stime,
         (long)t.tms_cutime, (long)t.tms_cstime, (int)zombie, count_fds(),
         (long)start.tv_sec, (long)start.tv_nsec);
  fflush(stdout);
  char buf[256];
  while (read(0, buf, sizeof buf) > 0) {}
  return 0;
}
