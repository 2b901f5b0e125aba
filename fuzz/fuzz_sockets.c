/* fuzz_sockets.c — the lines of /proc/net/{tcp,udp}{,6} and unix: every
** line through every parser, as psv_socket_list_next does per file. */
#include "fuzz.h"

static void check_socket(const psv_socket *s, const char *line, size_t n) {
  CHECK(s->family && s->type && s->status);
  CHECK(memchr(s->laddr, '\0', sizeof s->laddr) && memchr(s->raddr, '\0', sizeof s->raddr));
  /* an address goes with its port: both, or neither */
  CHECK((s->laddr[0] != '\0') == (s->lport >= 0));
  CHECK((s->raddr[0] != '\0') == (s->rport >= 0));
  CHECK(s->lport <= 65535 && s->rport <= 65535);
  if (s->path) CHECK(in_buf(line, n, s->path, s->path_len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  size_t off = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, size, &off, &line, &n)) {
    psv_socket s;
    for (int kind = 0; kind < 4; kind++) {
      int rc = psv_parse_inet_socket(line, n, kind & 1, kind & 2, &s);
      CHECK(rc == 0 || rc == EINVAL);
      if (rc == 0) {
        CHECK(!s.path);
        check_socket(&s, line, n);
      }
    }
    int rc = psv_parse_unix_socket(line, n, &s);
    CHECK(rc == 0 || rc == EINVAL);
    if (rc == 0) {
      CHECK(s.lport == -1 && s.rport == -1 && s.path);
      check_socket(&s, line, n);
    }
  }
  return 0;
}
