/*
** parse_diag.c — pure parsers for the kernel's sock_diag answers over
** netlink (SOCK_DIAG_BY_FAMILY: inet_diag for tcp and udp, unix_diag):
** the bytes of one received datagram in, sockets with psutil's names out.
**
** Unlike /proc/net/unix, which prints a socket's name raw to the end of a
** line, netlink frames every message and attribute with its length, so no
** byte of a name can end a socket or start another. Every length is
** checked against the bytes that hold it; structures are copied out with
** memcpy, as a datagram's bytes need not be aligned for them.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/unix_diag.h>

int psv_netlink_next(const unsigned char *buf, size_t len, size_t *off, uint32_t seq,
                     uint16_t type, psv_nlmsg *out) {
  while (*off < len) {
    struct nlmsghdr h;
    size_t left = len - *off;
    if (left < sizeof h) return EINVAL;
    memcpy(&h, buf + *off, sizeof h);
    if (h.nlmsg_len < sizeof h || h.nlmsg_len > left) return EINVAL;
    const unsigned char *body = buf + *off + NLMSG_HDRLEN;
    size_t body_len = h.nlmsg_len - NLMSG_HDRLEN;
    /* the last message's padding may be missing */
    size_t step = NLMSG_ALIGN(h.nlmsg_len);
    *off += step < left ? step : left;
    if (h.nlmsg_seq != seq) continue;   /* an answer to another request */
    memset(out, 0, sizeof *out);
    if (h.nlmsg_type == type) {
      out->kind = PSV_NL_SOCKET;
      out->data = body;
      out->len = body_len;
      return 1;
    }
    switch (h.nlmsg_type) {
      case NLMSG_DONE:
      case NLMSG_ERROR: {
        /* DONE may carry the dump's result; ERROR always carries one,
        ** 0 being an acknowledgement, not an error */
        int32_t code = 0;
        if (body_len >= sizeof code) memcpy(&code, body, sizeof code);
        else if (h.nlmsg_type == NLMSG_ERROR) return EINVAL;
        out->kind = h.nlmsg_type == NLMSG_DONE ? PSV_NL_DONE : PSV_NL_ERROR;
        /* a code that is no errno is still a failure: EIO */
        out->error = code >= 0 ? 0 : code >= -4095 ? -code : EIO;
        return 1;
      }
      default:
        out->kind = PSV_NL_OTHER;   /* NLMSG_NOOP, NLMSG_OVERRUN, ... */
        out->error = h.nlmsg_type == NLMSG_OVERRUN ? ENOBUFS : 0;
        return 1;
    }
  }
  return 0;
}

int psv_parse_inet_diag(const unsigned char *p, size_t n, int family, int tcp, psv_socket *out) {
  struct inet_diag_msg m;
  if (n < sizeof m) return EINVAL;
  memcpy(&m, p, sizeof m);
  if (m.idiag_family != AF_INET && m.idiag_family != AF_INET6) return EINVAL;
  if (family != AF_UNSPEC && m.idiag_family != family) return EINVAL;
  int v6 = m.idiag_family == AF_INET6;
  memset(out, 0, sizeof *out);
  unsigned char src[16], dst[16];
  memcpy(src, m.id.idiag_src, sizeof src);
  memcpy(dst, m.id.idiag_dst, sizeof dst);
  /* ports come in network byte order */
  unsigned sport = (unsigned)((const unsigned char *)&m.id.idiag_sport)[0] << 8 |
                   ((const unsigned char *)&m.id.idiag_sport)[1];
  unsigned dport = (unsigned)((const unsigned char *)&m.id.idiag_dport)[0] << 8 |
                   ((const unsigned char *)&m.id.idiag_dport)[1];
  if (psv_inet_endpoint(v6, src, sport, out->laddr, sizeof out->laddr, &out->lport) ||
      psv_inet_endpoint(v6, dst, dport, out->raddr, sizeof out->raddr, &out->rport)) {
    return EINVAL;
  }
  out->inode = m.idiag_inode;
  psv_inet_socket_kind(out, v6, tcp, m.idiag_state);
  return 0;
}

/* The name attribute as a row shows it: a leading NUL (abstract) reads
** '@', and the rest is the exact bytes, NULs and newlines included; a
** path ends at its NUL, as the kernel stores it with one. 0 or EINVAL. */
static int take_unix_name(const unsigned char *a, size_t n, char *name, size_t *name_len) {
  /* sun_path is 108 bytes; a path of all 108 comes with a NUL after it */
  if (n == 0 || n > 109) return EINVAL;
  if (a[0] == '\0') {
    if (n > 108) return EINVAL;
    name[0] = '@';
    memcpy(name + 1, a + 1, n - 1);
    *name_len = n;
    return 0;
  }
  const unsigned char *nul = memchr(a, '\0', n);
  *name_len = nul ? (size_t)(nul - a) : n;
  memcpy(name, a, *name_len);
  return 0;
}

int psv_parse_unix_diag(const unsigned char *p, size_t n, psv_socket *out, char *name) {
  struct unix_diag_msg m;
  if (n < sizeof m) return EINVAL;
  memcpy(&m, p, sizeof m);
  if (m.udiag_family != AF_UNIX) return EINVAL;
  size_t name_len = 0;
  int have_name = 0;
  /* the attributes: the name is the one asked for; others pass */
  for (size_t off = NLMSG_ALIGN(sizeof m); off < n;) {
    struct nlattr a;
    if (n - off < sizeof a) return EINVAL;
    memcpy(&a, p + off, sizeof a);
    if (a.nla_len < NLA_HDRLEN || a.nla_len > n - off) return EINVAL;
    if ((a.nla_type & NLA_TYPE_MASK) == UNIX_DIAG_NAME) {
      if (have_name++ ||
          take_unix_name(p + off + NLA_HDRLEN, a.nla_len - NLA_HDRLEN, name, &name_len)) {
        return EINVAL;
      }
    }
    off += NLA_ALIGN(a.nla_len);
  }
  /* state TCP_LISTEN (10): listen() was called */
  return psv_unix_socket(out, m.udiag_type, m.udiag_ino, m.udiag_state == 10, name, name_len);
}
