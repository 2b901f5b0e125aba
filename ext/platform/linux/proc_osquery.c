/*
** proc_osquery.c — the sockets of any network namespace, as osquery's
** socket tables list them: those of psv_socket_list, and the kinds it
** leaves out (udplite, raw, icmp, packet) too.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int psv_self_net_namespace(psv_os *os, uint64_t *out) {
  *out = 0;
  int root = psv_linux_root(os);
  if (root < 0) return psv_linux_fail(os, -root, "cannot open", psv_linux_procfs(os));
  char link[64];
  ssize_t n = readlinkat(root, "self/ns/net", link, sizeof link);
  if (n < 0) return errno;
  return psv_parse_ns_link(link, (size_t)n, "net", out);
}

/* ---- The sockets of a namespace ------------------------------------ */

/* The files of the kinds psv_socket_list leaves out, in osquery's order. */
static const struct { const char *name; int v6, protocol; } extra_files[] = {
  { "net/icmp", 0, 1 }, { "net/icmp6", 1, 1 },
  { "net/udplite", 0, 136 }, { "net/udplite6", 1, 136 },
  { "net/raw", 0, 255 }, { "net/raw6", 1, 255 },
  { "net/packet", 0, 0 },
};
#define N_EXTRA_FILES (sizeof extra_files / sizeof *extra_files)

struct psv_net_sockets {
  psv_os *os;               /* the caller's, or below (/proc/PID's) */
  int own_os;               /* os is the list's own, to close */
  psv_socket_list *main;    /* tcp, udp, unix; NULL once done */
  size_t file;              /* the extra file read: index, N_EXTRA_FILES at first */
  psv_lines lines;
  psv_socket s;             /* the current socket's own text */
};

int psv_net_sockets_open(psv_os *os, int pid, psv_net_sockets **out) {
  *out = NULL;
  psv_net_sockets *s = psv_calloc(sizeof *s);
  if (!s) return ENOMEM;
  s->lines.fd = -1;
  s->file = N_EXTRA_FILES;
  s->os = os;
  int err = 0;
  if (pid > 0) {
    err = psv_linux_os_below(os, pid, &s->os);
    s->own_os = !err;
  }
  if (!err) err = psv_socket_list_open(s->os, &s->main);
  if (err) {
    psv_net_sockets_close(s);
    return err;
  }
  *out = s;
  return 0;
}

static const char *unspecified(int v6) { return v6 ? "::" : "0.0.0.0"; }

/* A tcp, udp or unix socket of psv_socket_list, in osquery's terms. */
static void from_socket(const psv_socket *k, int protocol, psv_net_socket *out) {
  memset(out, 0, sizeof *out);
  out->inode = k->inode;
  out->local_address = out->remote_address = "";
  out->path = (psv_str){ "", 0 };
  if (strcmp(k->family, "AF_UNIX") == 0) {
    out->family = PSV_NET_UNIX;
    if (k->path_len) out->path = (psv_str){ k->path, k->path_len };
    return;
  }
  int v6 = strcmp(k->family, "AF_INET6") == 0;
  out->family = v6 ? PSV_NET_INET6 : PSV_NET_INET;
  out->protocol = protocol;
  out->local_address = k->lport >= 0 ? k->laddr : unspecified(v6);
  out->remote_address = k->rport >= 0 ? k->raddr : unspecified(v6);
  out->local_port = k->lport >= 0 ? k->lport : 0;
  out->remote_port = k->rport >= 0 ? k->rport : 0;
  if (protocol == 6) out->tcp_state = k->status;
}

/* The next line of the extra files, opened in turn: 1, 0, or -errno. */
static int next_extra_line(psv_net_sockets *s, const char **line, size_t *n) {
  for (;;) {
    if (s->lines.fd >= 0) {
      int got = psv_lines_next(&s->lines, line, n);
      if (got != 0) return got;
      psv_lines_close(&s->lines);
    }
    if (++s->file >= N_EXTRA_FILES) return 0;
    int root = psv_linux_root(s->os);
    if (root < 0) return root;
    int err = psv_lines_open(&s->lines, root, extra_files[s->file].name);
    if (err && err != ENOENT) return -err;   /* a kind this kernel lacks: no rows */
  }
}

static int next_extra(psv_net_sockets *s, psv_net_socket *out) {
  const char *line;
  size_t n;
  int got;
  while ((got = next_extra_line(s, &line, &n)) > 0) {
    int protocol = extra_files[s->file].protocol, v6 = extra_files[s->file].v6;
    uint64_t inode;
    if (protocol == 0) {   /* packet */
      if (psv_parse_packet_socket(line, n, &protocol, &inode)) continue;
      memset(out, 0, sizeof *out);
      out->family = PSV_NET_PACKET;
      out->protocol = protocol;
      out->inode = inode;
      out->local_address = out->remote_address = "";
      out->path = (psv_str){ "", 0 };
      return 1;
    }
    if (psv_parse_inet_socket(line, n, v6, 0, &s->s)) continue;
    from_socket(&s->s, protocol, out);
    return 1;
  }
  return got;
}

int psv_net_socket_next(psv_net_sockets *s, psv_net_socket *out) {
  if (s->main) {
    int got = psv_socket_list_next(s->main, &s->s);
    if (got > 0) {
      int tcp = strcmp(s->s.type, "SOCK_STREAM") == 0;
      from_socket(&s->s, tcp ? 6 : 17, out);
      return 1;
    }
    if (got < 0) return got;
    psv_socket_list_close(s->main);
    s->main = NULL;
    s->file = (size_t)-1;   /* the extra files from the first */
  }
  return next_extra(s, out);
}

void psv_net_sockets_close(psv_net_sockets *s) {
  if (!s) return;
  psv_socket_list_close(s->main);
  psv_lines_close(&s->lines);
  psv_buf_free(&s->lines.buf);
  if (s->own_os) psv_os_close(s->os);
  psv_free(s);
}
