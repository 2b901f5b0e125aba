/* fuzz_diag.c — a datagram of a sock_diag answer: every message through
** psv_netlink_next (as an answer to request 1, of either request type),
** and every socket message through the inet (v4, v6, either; tcp, udp)
** and unix parsers, as sock_diag.c does. */
#include "fuzz.h"

#include <sys/socket.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

static void check_inet(const psv_socket *s, int family) {
  CHECK(s->family && s->type && s->status && !s->path);
  CHECK(family == AF_UNSPEC || strcmp(s->family, family == AF_INET6 ? "AF_INET6" : "AF_INET") == 0);
  CHECK(memchr(s->laddr, '\0', sizeof s->laddr) && memchr(s->raddr, '\0', sizeof s->raddr));
  /* an address goes with its port: both, or neither */
  CHECK((s->laddr[0] != '\0') == (s->lport >= 0));
  CHECK((s->raddr[0] != '\0') == (s->rport >= 0));
  CHECK(s->lport <= 65535 && s->rport <= 65535);
}

/* A name is the message's own bytes: an abstract one's after its '@'. */
static void check_unix(const psv_socket *s, const char *name, const unsigned char *msg, size_t n) {
  CHECK(s->path == name && s->path_len < PSV_UNIX_NAME_SIZE);
  CHECK(s->lport == -1 && s->rport == -1 && strcmp(s->family, "AF_UNIX") == 0);
  size_t skip = s->path_len && name[0] == '@' ? 1 : 0;
  if (s->path_len > skip) CHECK(memmem(msg, n, name + skip, s->path_len - skip) != NULL);
}

static void parse_socket(const psv_nlmsg *m) {
  static const int families[] = { AF_INET, AF_INET6, AF_UNSPEC };
  psv_socket s;
  char name[PSV_UNIX_NAME_SIZE];
  for (int i = 0; i < 6; i++) {
    int rc = psv_parse_inet_diag(m->data, m->len, families[i / 2], i % 2, &s);
    CHECK(rc == 0 || rc == EINVAL);
    if (rc == 0) check_inet(&s, families[i / 2]);
  }
  int rc = psv_parse_unix_diag(m->data, m->len, &s, name);
  CHECK(rc == 0 || rc == EINVAL || rc == ENOENT);
  if (rc == 0) check_unix(&s, name, m->data, m->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint16_t types[] = { SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK };
  for (int t = 0; t < 2; t++) {
    size_t off = 0, messages = 0;
    psv_nlmsg m;
    int rc;
    while ((rc = psv_netlink_next(data, size, &off, 1, types[t], &m)) == 1) {
      CHECK(off <= size && ++messages <= size / 16);
      if (m.kind == PSV_NL_SOCKET) {
        CHECK(in_buf((const char *)data, size, (const char *)m.data, m.len));
        parse_socket(&m);
      } else {
        CHECK(m.error >= 0 && m.error <= 4095);
      }
    }
    CHECK(rc == EINVAL || (rc == 0 && off == size));
  }
  return 0;
}
