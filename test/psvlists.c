/*
** psvlists.c — a process with known lists, for the tests of
** process_open_files, process_threads, process_memory_maps,
** process_rlimits and net_connections.
**
**   psvlists DIR
**
** In DIR it opens files in each of psutil's modes at known offsets (one
** of them then deleted), starts named threads, maps a file whose name has
** a space (then deletes it) and an anonymous region, sets resource limits,
** and opens sockets: a tcp listener on 127.0.0.1 with one connection to
** it, a bound udp socket, a unix listener at a path with a space and an
** abstract unix datagram socket. With PSV_MAPS=n in its environment it
** also makes n more one-page mappings (so many that smaps outgrows
** PSV_MAX_FILE). It prints one line of what it made
** ("ready key=value ...") and sleeps until its standard input reaches end
** of file.
*/
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAPPED_PAGES 16
#define ANON_PAGES 8

static void die(const char *what) {
  fprintf(stderr, "psvlists: %s: %s\n", what, strerror(errno));
  exit(2);
}

static char dir[2048];

static int open_at(const char *name, int flags, off_t offset, size_t fill) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int fd = open(path, flags | O_CREAT, 0600);
  if (fd < 0) die(path);
  static char block[8192];
  if (fill && write(fd, block, fill) != (ssize_t)fill) die("write");
  if (lseek(fd, offset, (flags & O_APPEND) ? SEEK_END : SEEK_SET) < 0) die("lseek");
  return fd;
}

/* Descriptors in psutil's five modes, and one whose file is deleted. */
static void open_files(char *out, size_t size) {
  int r_fd = open_at("read me.txt", O_RDWR, 0, 1000);
  close(r_fd);
  r_fd = open_at("read me.txt", O_RDONLY, 123, 0);
  int w_fd = open_at("w.txt", O_WRONLY | O_TRUNC, 77, 77);
  int a_fd = open_at("a.txt", O_WRONLY | O_APPEND | O_TRUNC, 0, 5);
  int rw_fd = open_at("rw.txt", O_RDWR, 4096, 0);
  int ap_fd = open_at("ap.txt", O_RDWR | O_APPEND | O_TRUNC, 0, 0);
  int gone_fd = open_at("gone file.txt", O_RDWR, 10, 10);
  char path[4096];
  snprintf(path, sizeof path, "%s/gone file.txt", dir);
  if (unlink(path)) die("unlink");
  snprintf(out, size, "r=%d w=%d a=%d rw=%d ap=%d gone=%d", r_fd, w_fd, a_fd, rw_fd, ap_fd, gone_fd);
}

static pthread_barrier_t started;
static pid_t tids[3];

static void *named_thread(void *arg) {
  long i = (long)arg;
  char name[16];
  snprintf(name, sizeof name, "psv-worker-%ld", i);
  /* one by pthread_setname_np, one by prctl: both set comm */
  if (i == 0) pthread_setname_np(pthread_self(), name);
  else prctl(PR_SET_NAME, name, 0, 0, 0);
  tids[i] = gettid();
  pthread_barrier_wait(&started);
  for (;;) pause();
  return NULL;
}

static void start_threads(char *out, size_t size) {
  pthread_barrier_init(&started, NULL, 3);
  for (long i = 0; i < 2; i++) {
    pthread_t t;
    if (pthread_create(&t, NULL, named_thread, (void *)i)) die("pthread_create");
  }
  pthread_barrier_wait(&started);
  snprintf(out, size, "tid0=%d tid1=%d", (int)tids[0], (int)tids[1]);
}

/* A file of MAPPED_PAGES pages mapped and read (clean: synced first),
** then deleted; and ANON_PAGES of written anonymous memory between two
** PROT_NONE guard pages, so that no neighbour merges with it. */
static void map_memory(char *out, size_t size) {
  long page = sysconf(_SC_PAGESIZE);
  int fd = open_at("mapped file.bin", O_RDWR | O_TRUNC, 0, 0);
  char *block = calloc(1, (size_t)page);
  if (!block) die("calloc");
  for (int i = 0; i < MAPPED_PAGES; i++) {
    if (write(fd, block, (size_t)page) != page) die("write");
  }
  free(block);
  if (fsync(fd)) die("fsync");
  char *file_map = mmap(NULL, (size_t)(MAPPED_PAGES * page), PROT_READ, MAP_PRIVATE, fd, 0);
  if (file_map == MAP_FAILED) die("mmap");
  close(fd);
  volatile char sum = 0;
  for (int i = 0; i < MAPPED_PAGES; i++) sum += file_map[i * page];
  (void)sum;
  char path[4096];
  snprintf(path, sizeof path, "%s/mapped file.bin", dir);
  if (unlink(path)) die("unlink");
  char *region = mmap(NULL, (size_t)((ANON_PAGES + 2) * page), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) die("mmap");
  if (mprotect(region, (size_t)page, PROT_NONE) ||
      mprotect(region + (ANON_PAGES + 1) * page, (size_t)page, PROT_NONE)) die("mprotect");
  for (int i = 1; i <= ANON_PAGES; i++) region[i * page] = 1;
  /* resident, also on a machine short of memory (within the default
  ** memory lock limit; the guard pages are never touched) */
  (void)mlock(file_map, (size_t)(MAPPED_PAGES * page));
  (void)mlock(region + page, (size_t)(ANON_PAGES * page));
  snprintf(out, size, "filemap=%lx anon=%lx page=%ld", (unsigned long)file_map,
           (unsigned long)(region + page), page);
}

/* n one-page mappings that cannot merge: neighbours differ in protection. */
static void many_mappings(long n) {
  long page = sysconf(_SC_PAGESIZE);
  char *area = mmap(NULL, (size_t)(n * page), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) die("mmap");
  for (long i = 0; i < n; i += 2) {
    if (mprotect(area + i * page, (size_t)page, PROT_READ | PROT_WRITE)) die("mprotect");
  }
}

/* (Not RLIMIT_AS: a sanitizer's runtime, preloaded by a test stage, needs
** terabytes of address space.) */
static void set_limits(void) {
  struct rlimit nofile = { 1000, 2000 }, core = { 4096, 8192 }, msgqueue;
  if (setrlimit(RLIMIT_NOFILE, &nofile) || setrlimit(RLIMIT_CORE, &core)) die("setrlimit");
  if (getrlimit(RLIMIT_MSGQUEUE, &msgqueue)) die("getrlimit");
  msgqueue.rlim_cur = 12345;   /* hard left as it was */
  if (setrlimit(RLIMIT_MSGQUEUE, &msgqueue)) die("setrlimit");
}

static int local_port(int fd) {
  struct sockaddr_in a;
  socklen_t len = sizeof a;
  if (getsockname(fd, (struct sockaddr *)&a, &len)) die("getsockname");
  return ntohs(a.sin_port);
}

static int inet_socket(int type) {
  struct sockaddr_in a = { .sin_family = AF_INET };
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int fd = socket(AF_INET, type, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a)) die("bind");
  return fd;
}

static int unix_socket(int type, const char *name, int abstract) {
  struct sockaddr_un a = { .sun_family = AF_UNIX };
  size_t n = strlen(name);
  if (n + 2 > sizeof a.sun_path) { errno = ENAMETOOLONG; die("unix path"); }
  memcpy(a.sun_path + abstract, name, n);
  int fd = socket(AF_UNIX, type, 0);
  socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (size_t)abstract);
  if (fd < 0 || bind(fd, (struct sockaddr *)&a, len)) die("bind unix");
  return fd;
}

static void open_sockets(char *out, size_t size) {
  int listener = inet_socket(SOCK_STREAM);
  if (listen(listener, 4)) die("listen");
  int port = local_port(listener);
  struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int client = socket(AF_INET, SOCK_STREAM, 0);
  if (client < 0 || connect(client, (struct sockaddr *)&to, sizeof to)) die("connect");
  int server = accept(listener, NULL, NULL);
  if (server < 0) die("accept");
  int udp = inet_socket(SOCK_DGRAM);
  char path[4096], abstract[64];
  snprintf(path, sizeof path, "%s/unix sock", dir);
  int unix_listener = unix_socket(SOCK_STREAM, path, 0);
  if (listen(unix_listener, 4)) die("listen unix");
  snprintf(abstract, sizeof abstract, "psv-test-%d", (int)getpid());
  int unix_dgram = unix_socket(SOCK_DGRAM, abstract, 1);
  snprintf(out, size,
           "listener=%d port=%d client=%d client_port=%d server=%d udp=%d udp_port=%d "
           "unix_listener=%d unix_dgram=%d",
           listener, port, client, local_port(client), server, udp, local_port(udp),
           unix_listener, unix_dgram);
}

int main(int argc, char **argv) {
  if (argc != 2 || strlen(argv[1]) >= sizeof dir) {
    fprintf(stderr, "usage: psvlists DIR\n");
    return 2;
  }
  strcpy(dir, argv[1]);
  char files[256], threads[128], maps[128], sockets[512];
  set_limits();
  open_files(files, sizeof files);
  map_memory(maps, sizeof maps);
  open_sockets(sockets, sizeof sockets);
  start_threads(threads, sizeof threads);
  if (getenv("PSV_MAPS")) many_mappings(strtol(getenv("PSV_MAPS"), NULL, 10));
  printf("ready pid=%d %s %s %s %s\n", (int)getpid(), files, threads, maps, sockets);
  fflush(stdout);
  char buf[256];
  while (read(0, buf, sizeof buf) > 0) {}
  return 0;
}
