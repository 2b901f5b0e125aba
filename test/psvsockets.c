/*
** psvsockets.c — the helper of test/sockets.test.
**
**   psvsockets DIR        makes sockets of every kind net_connections
**                         shows, prints one line of what it made
**                         ("ready key=value ...", descriptors and ports)
**                         and sleeps until its standard input ends
**   psvsockets -x CMD...  runs CMD where the kernel refuses a netlink
**                         sock_diag socket (a seccomp filter), as a
**                         kernel without sock_diag would: psvtab then
**                         reads the files of /proc/net
**
** Two of the unix sockets have names that hold a newline and then a whole
** line of /proc/net/unix's shape: a listening socket at /nonexistent-a-PID
** (or -p- for the one named by a path) with the inode of the "victim", an
** unbound socket of this process. That is how an unprivileged user made a
** socket row of its choosing out of /proc/net/unix.
*/
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void die(const char *what) {
  fprintf(stderr, "psvsockets: %s: %s\n", what, strerror(errno));
  exit(2);
}

/* ---- -x: no sock_diag ------------------------------------------------ */

#if defined(__x86_64__)
#define THIS_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define THIS_ARCH AUDIT_ARCH_AARCH64
#endif

/* The low 32 bits of a system call's argument in seccomp_data. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG_LOW(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#else
#define ARG_LOW(i) (offsetof(struct seccomp_data, args) + 8 * (i) + 4)
#endif

static int run_without_sock_diag(char **argv) {
#ifdef THIS_ARCH
  struct sock_filter code[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, THIS_ARCH, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(0)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LOW(2)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NETLINK_SOCK_DIAG, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPROTONOSUPPORT),
  };
  struct sock_fprog prog = { sizeof code / sizeof *code, code };
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
    die("seccomp");
  }
  execvp(argv[0], argv);
  die(argv[0]);
#else
  (void)argv;
  fprintf(stderr, "psvsockets: -x: no seccomp filter for this architecture\n");
#endif
  return 3;
}

/* ---- The sockets ----------------------------------------------------- */

static char facts[4096];

static void fact(const char *key, long value) {
  size_t n = strlen(facts);
  snprintf(facts + n, sizeof facts - n, " %s=%ld", key, value);
}

static unsigned long inode_of(int fd) {
  struct stat st;
  if (fstat(fd, &st)) die("fstat");
  return (unsigned long)st.st_ino;
}

static int port_of(int fd) {
  struct sockaddr_storage a;
  socklen_t len = sizeof a;
  if (getsockname(fd, (struct sockaddr *)&a, &len)) die("getsockname");
  return ntohs(a.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&a)->sin6_port
                                       : ((struct sockaddr_in *)&a)->sin_port);
}

/* A unix socket bound to name[0..len) (a leading NUL: abstract). */
static int unix_bound(int type, const char *name, size_t len) {
  struct sockaddr_un a = { .sun_family = AF_UNIX };
  if (len > sizeof a.sun_path) { errno = ENAMETOOLONG; die("unix name"); }
  memcpy(a.sun_path, name, len);
  int fd = socket(AF_UNIX, type, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len))) {
    die("bind unix");
  }
  return fd;
}

/* "\n" and a line of /proc/net/unix's shape: a listening stream socket
** with the given inode at /nonexistent-TAG-PID. */
static void forged_line(char *out, size_t size, unsigned long inode, char tag) {
  snprintf(out, size, "\n0000000000000000: 00000002 00000000 00010000 0001 01 %5lu /nonexistent-%c-%d",
           inode, tag, (int)getpid());
}

static void forged_sockets(void) {
  int victim = socket(AF_UNIX, SOCK_STREAM, 0);
  if (victim < 0) die("socket");
  unsigned long v = inode_of(victim);
  char line[128], name[160];
  forged_line(line, sizeof line, v, 'a');
  int n = snprintf(name, sizeof name, "%cpsv-forge-%d%s", '\0', (int)getpid(), line);
  int abstract = unix_bound(SOCK_STREAM, name, (size_t)n);
  if (listen(abstract, 4)) die("listen");
  /* A path: relative to DIR (the cwd), so that it fits in sun_path. The
  ** forged line's " /nonexistent" makes the part before it a directory. */
  forged_line(line, sizeof line, v, 'p');
  n = snprintf(name, sizeof name, "f%s", line);
  char *slash = strrchr(name, '/');
  *slash = '\0';
  if (mkdir(name, 0755)) die("mkdir");
  *slash = '/';
  int path = unix_bound(SOCK_STREAM, name, (size_t)n);
  if (listen(path, 4)) die("listen");
  /* an abstract name with a NUL in it */
  n = snprintf(name, sizeof name, "%cpsv-nul-%d%ctail", '\0', (int)getpid(), '\0');
  int nul = unix_bound(SOCK_DGRAM, name, (size_t)n);
  fact("victim", victim);
  fact("victim_inode", (long)v);
  fact("forge_abs", abstract);
  fact("forge_path", path);
  fact("nul", nul);
}

static int inet_bound(int family, int type, const char *addr, int port) {
  struct sockaddr_storage a;
  socklen_t len;
  memset(&a, 0, sizeof a);
  if (family == AF_INET6) {
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&a;
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, addr, &a6->sin6_addr) != 1) die("inet_pton");
    len = sizeof *a6;
  } else {
    struct sockaddr_in *a4 = (struct sockaddr_in *)&a;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &a4->sin_addr) != 1) die("inet_pton");
    len = sizeof *a4;
  }
  int fd = socket(family, type, 0);
  if (fd < 0) return -1;
  if (family == AF_INET6) {
    int off = 0;   /* "::" takes v4 peers too, as ::ffff:a.b.c.d */
    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  }
  if (bind(fd, (struct sockaddr *)&a, len)) {
    close(fd);
    return -1;
  }
  return fd;
}

/* A socket of `family` connected to addr:port (bound first to `from`). */
static int inet_connected(int family, int type, const char *from, const char *addr, int port) {
  int fd = inet_bound(family, type, from, 0);
  int to = inet_bound(family, SOCK_DGRAM, addr, 0);   /* for the address bytes */
  if (fd < 0 || to < 0) die("socket");
  struct sockaddr_storage a;
  socklen_t len = sizeof a;
  if (getsockname(to, (struct sockaddr *)&a, &len)) die("getsockname");
  close(to);
  if (family == AF_INET6) ((struct sockaddr_in6 *)&a)->sin6_port = htons((uint16_t)port);
  else ((struct sockaddr_in *)&a)->sin_port = htons((uint16_t)port);
  if (connect(fd, (struct sockaddr *)&a, len)) die("connect");
  return fd;
}

/* A listener at addr, a client connected to it and the accepted end,
** as facts PREFIX_listen, _port, _client, _client_port, _server. */
static int tcp_trio(const char *prefix, int family, const char *addr, int client_family,
                     const char *client_addr) {
  char key[64];
  int listener = inet_bound(family, SOCK_STREAM, addr, 0);
  if (listener < 0 || listen(listener, 8)) die("listen");
  int port = port_of(listener);
  int client = inet_connected(client_family, SOCK_STREAM, client_addr, client_addr, port);
  int server = accept(listener, NULL, NULL);
  if (server < 0) die("accept");
  snprintf(key, sizeof key, "%s_listen", prefix); fact(key, listener);
  snprintf(key, sizeof key, "%s_port", prefix); fact(key, port);
  snprintf(key, sizeof key, "%s_client", prefix); fact(key, client);
  snprintf(key, sizeof key, "%s_client_port", prefix); fact(key, port_of(client));
  snprintf(key, sizeof key, "%s_server", prefix); fact(key, server);
  return listener;
}

/* A connection to the listener that the client closes first: once the
** client has read the server's FIN, its end is in TIME_WAIT (inode 0, no
** descriptor), known by its port. */
static void time_wait(int listener) {
  int client = inet_connected(AF_INET, SOCK_STREAM, "127.0.0.1", "127.0.0.1", port_of(listener));
  int server = accept(listener, NULL, NULL);
  char c;
  if (server < 0) die("accept");
  fact("tw_port", port_of(client));
  if (shutdown(client, SHUT_WR) || read(server, &c, 1) != 0) die("shutdown");
  close(server);
  if (read(client, &c, 1) != 0) die("read");
  close(client);
}

/* A bound udp socket and one connected to it, as PREFIX, _port,
** PREFIX c, c_port. */
static void udp_pair(const char *prefix, int family, const char *addr) {
  char key[64];
  int bound = inet_bound(family, SOCK_DGRAM, addr, 0);
  if (bound < 0) die("bind udp");
  int port = port_of(bound);
  int connected = inet_connected(family, SOCK_DGRAM, addr, addr, port);
  fact(prefix, bound);
  snprintf(key, sizeof key, "%s_port", prefix); fact(key, port);
  snprintf(key, sizeof key, "%sc", prefix); fact(key, connected);
  snprintf(key, sizeof key, "%sc_port", prefix); fact(key, port_of(connected));
}

static void unix_sockets(const char *dir) {
  char name[160];
  int n = snprintf(name, sizeof name, "%s/ordinary sock", dir);
  int listener = unix_bound(SOCK_STREAM, name, (size_t)n);
  if (listen(listener, 4)) die("listen");
  n = snprintf(name, sizeof name, "%cpsv-sock-%d", '\0', (int)getpid());
  int dgram = unix_bound(SOCK_DGRAM, name, (size_t)n);
  n = snprintf(name, sizeof name, "%cpsv-seq-%d", '\0', (int)getpid());
  int seq = unix_bound(SOCK_SEQPACKET, name, (size_t)n);
  if (listen(seq, 4)) die("listen");
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair)) die("socketpair");
  /* an autobound name: "\0" and 5 hex digits the kernel chose */
  int autobound = socket(AF_UNIX, SOCK_DGRAM, 0);
  sa_family_t family = AF_UNIX;
  if (autobound < 0 || bind(autobound, (struct sockaddr *)&family, sizeof family)) die("autobind");
  struct sockaddr_un a;
  socklen_t len = sizeof a;
  if (getsockname(autobound, (struct sockaddr *)&a, &len) || len != offsetof(struct sockaddr_un, sun_path) + 6) {
    die("autobind name");
  }
  fact("unix_listen", listener);
  fact("unix_dgram", dgram);
  fact("unix_seq", seq);
  fact("pair0", pair[0]);
  fact("pair1", pair[1]);
  fact("autobound", autobound);
  size_t at = strlen(facts);
  snprintf(facts + at, sizeof facts - at, " autobound_name=%.5s", a.sun_path + 1);
}

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "-x") == 0) return run_without_sock_diag(argv + 2);
  if (argc != 2) {
    fprintf(stderr, "usage: psvsockets DIR | psvsockets -x CMD [ARG...]\n");
    return 2;
  }
  if (chdir(argv[1])) die(argv[1]);
  forged_sockets();
  time_wait(tcp_trio("tcp", AF_INET, "127.0.0.1", AF_INET, "127.0.0.1"));
  udp_pair("udp", AF_INET, "127.0.0.1");
  int v6 = inet_bound(AF_INET6, SOCK_STREAM, "::1", 0);
  fact("v6", v6 >= 0);
  if (v6 >= 0) {
    close(v6);
    tcp_trio("tcp6", AF_INET6, "::1", AF_INET6, "::1");
    tcp_trio("mapped", AF_INET6, "::", AF_INET, "127.0.0.1");
    udp_pair("udp6", AF_INET6, "::1");
  }
  unix_sockets(argv[1]);
  printf("ready pid=%d%s\n", (int)getpid(), facts);
  fflush(stdout);
  char buf[256];
  while (read(0, buf, sizeof buf) > 0) {}
  return 0;
}
