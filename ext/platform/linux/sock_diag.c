/*
** sock_diag.c — the sockets of the caller's network namespace as the
** kernel's sock_diag answers over netlink (what `ss` reads): a dump per
** family and protocol, received a datagram at a time into one buffer and
** handed out a socket at a time, so memory does not grow with the number
** of sockets. The messages are parsed by parse_diag.c.
**
** The receive loop is bounded: only datagrams from the kernel (port 0)
** that answer this dump's sequence number count; a dump ends at the
** kernel's NLMSG_DONE or NLMSG_ERROR; a datagram larger than the buffer
** (MSG_TRUNC) is an error, not a silently shorter listing; and a run of
** datagrams that carry nothing of this dump ends the scan with EIO.
*/
#include "linux.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

/* The kernel fills a dump datagram up to 32 KiB (less the skb overhead)
** at most; twice that is room to spare. */
#define DIAG_BUF ((size_t)64 << 10)
/* Datagrams in a row that carry nothing of the dump under way. */
#define MAX_IDLE 64

/* Every state of tcp (and udp, which uses ESTABLISHED and CLOSE) from
** ESTABLISHED (1) to NEW_SYN_RECV (12): the sockets /proc/net/tcp lists.
** Not 13, TCP_BOUND_INACTIVE, which newer kernels dump on request: bound
** sockets that neither listen nor connect, in no /proc/net file. */
#define ALL_STATES (((1u << 13) - 1) & ~1u)

struct psv_diag {
  int fd;
  uint32_t seq;        /* of the dump under way */
  uint16_t type;       /* of its request, and of the messages of its sockets */
  int family, protocol;
  int ended;           /* its NLMSG_DONE or NLMSG_ERROR came */
  int idle;            /* datagrams in a row without a message of it */
  unsigned char *buf;
  size_t len, off;     /* the datagram in buf; the next message in it */
  char name[PSV_UNIX_NAME_SIZE];
};

int psv_diag_open(psv_diag **out) {
  *out = NULL;
  psv_diag *d = psv_calloc(sizeof *d);
  if (!d) return ENOMEM;
  d->buf = psv_malloc(DIAG_BUF);
  if (!d->buf) {
    psv_free(d);
    return ENOMEM;
  }
  d->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (d->fd < 0) {
    int err = errno;
    psv_diag_close(d);
    return err;
  }
  /* The kernel makes each datagram of a dump within send() and recv()
  ** themselves, so a wait never happens; the timeout only keeps a
  ** kernel that broke that from hanging the query. */
  struct timeval timeout = { 5, 0 };
  setsockopt(d->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  *out = d;
  return 0;
}

void psv_diag_close(psv_diag *d) {
  if (!d) return;
  if (d->fd >= 0) close(d->fd);
  psv_free(d->buf);
  psv_free(d);
}

/* One family's sockets of a protocol (udp, unix; tcp of one family). */
static void by_family_request(struct inet_diag_req_v2 *inet, struct unix_diag_req *unix_req,
                              int family, int protocol) {
  if (family == AF_UNIX) {
    unix_req->sdiag_family = AF_UNIX;
    unix_req->udiag_states = ~0u;
    /* only the name: no answer about one socket can outgrow a datagram */
    unix_req->udiag_show = UDIAG_SHOW_NAME;
  } else {
    inet->sdiag_family = (uint8_t)family;
    inet->sdiag_protocol = (uint8_t)protocol;
    inet->idiag_states = ALL_STATES;
  }
}

int psv_diag_request(psv_diag *d, int family, int protocol) {
  struct {
    struct nlmsghdr h;
    union {
      struct inet_diag_req tcp;
      struct inet_diag_req_v2 inet;
      struct unix_diag_req unix_req;
    } r;
  } req;
  memset(&req, 0, sizeof req);
  if (family == AF_UNSPEC) {
    /* Every tcp socket of both families in one dump. sock_diag's own
    ** request takes one family, and each walks the whole established
    ** hash (it grows with memory: 262,144 buckets, ~1.2 ms, on the test
    ** machine); the older request, TCPDIAG_GETSOCK, still in every
    ** kernel, asks for both in one walk. */
    req.h.nlmsg_type = TCPDIAG_GETSOCK;
    req.h.nlmsg_len = NLMSG_LENGTH(sizeof req.r.tcp);
    req.r.tcp.idiag_states = ALL_STATES;
  } else {
    req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.h.nlmsg_len = NLMSG_LENGTH(family == AF_UNIX ? sizeof req.r.unix_req : sizeof req.r.inet);
    by_family_request(&req.r.inet, &req.r.unix_req, family, protocol);
  }
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = ++d->seq;
  d->type = req.h.nlmsg_type;
  d->family = family;
  d->protocol = protocol;
  d->ended = 0;
  d->idle = 0;
  d->len = d->off = 0;
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
  for (;;) {
    ssize_t sent = sendto(d->fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel);
    if (sent >= 0) return sent == (ssize_t)req.h.nlmsg_len ? 0 : EIO;
    if (errno != EINTR) return errno;
  }
}

/* The next datagram from the kernel into buf. 0 or an errno. */
static int receive(psv_diag *d) {
  for (;;) {
    if (++d->idle > MAX_IDLE) return EIO;
    struct sockaddr_nl from;
    struct iovec iov = { d->buf, DIAG_BUF };
    struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1 };
    ssize_t got = recvmsg(d->fd, &mh, 0);
    if (got < 0 && errno == EINTR) {
      d->idle--;   /* a signal is no datagram */
      continue;
    }
    if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? ETIMEDOUT : errno;
    if (mh.msg_flags & MSG_TRUNC) return EMSGSIZE;
    if (got == 0 || mh.msg_namelen < sizeof from || from.nl_pid != 0) continue;   /* not the kernel's */
    d->len = (size_t)got;
    d->off = 0;
    return 0;
  }
}

/* One socket message: 1 with *out, 0 when it is no row (a type psutil
** does not list), or a negative errno. */
static int take_socket(psv_diag *d, const psv_nlmsg *m, psv_socket *out) {
  int rc = d->family == AF_UNIX
    ? psv_parse_unix_diag(m->data, m->len, out, d->name)
    : psv_parse_inet_diag(m->data, m->len, d->family, d->protocol == IPPROTO_TCP, out);
  if (rc == ENOENT) return 0;
  return rc ? -EIO : 1;
}

int psv_diag_next(psv_diag *d, psv_socket *out) {
  while (!d->ended) {
    psv_nlmsg m;
    int rc = d->off < d->len ? psv_netlink_next(d->buf, d->len, &d->off, d->seq, d->type, &m) : 0;
    if (rc == EINVAL) return -EIO;   /* the kernel's framing broken */
    if (rc == 0) {
      int err = receive(d);
      if (err) return -err;
      continue;
    }
    d->idle = 0;
    switch (m.kind) {
      case PSV_NL_SOCKET:
        rc = take_socket(d, &m, out);
        if (rc) return rc;
        break;
      case PSV_NL_DONE:
      case PSV_NL_ERROR:
        d->ended = 1;
        if (m.error) return -m.error;
        break;
      default:
        if (m.error) return -m.error;
        break;
    }
  }
  return 0;
}
