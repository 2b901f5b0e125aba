/*
** parse_sock.c — pure parsers for the lines of /proc/net/{tcp,udp}{,6}
** and /proc/net/unix, with psutil's names for families, types and states.
*/
#include "linux.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

static const char *skip_word(const char *p, const char *end) {
  p = psv_skip_blanks(p, end);
  while (p < end && *p != ' ' && *p != '\t') p++;
  return p;
}

/* Exactly `digits` hex digits at *pp, as one 32-bit word. */
static int scan_hex_word(const char **pp, const char *end, int digits, uint32_t *out) {
  uint32_t v = 0;
  const char *p = *pp;
  if (end - p < digits) return EINVAL;
  for (int i = 0; i < digits; i++, p++) {
    unsigned d;
    if (*p >= '0' && *p <= '9') d = (unsigned)(*p - '0');
    else if (*p >= 'A' && *p <= 'F') d = (unsigned)(*p - 'A' + 10);
    else if (*p >= 'a' && *p <= 'f') d = (unsigned)(*p - 'a' + 10);
    else return EINVAL;
    v = v << 4 | d;
  }
  *out = v;
  *pp = p;
  return 0;
}

int psv_inet_endpoint(int v6, const unsigned char *addr, unsigned port,
                      char *text, size_t size, int *port_out) {
  text[0] = '\0';
  *port_out = -1;
  if (port == 0) return 0;
  if (port > 65535 || !inet_ntop(v6 ? AF_INET6 : AF_INET, addr, text, (socklen_t)size)) {
    text[0] = '\0';
    return EINVAL;
  }
  *port_out = (int)port;
  return 0;
}

/* "0100007F:1F90" (v4) or 32 hex digits and a port (v6). The kernel prints
** each 32-bit word of the address as the number it is in this machine's
** memory, so storing the number back as a word restores the bytes. */
static int parse_endpoint(const char **pp, const char *end, int v6, char *text, size_t size,
                          int *port) {
  const char *p = psv_skip_blanks(*pp, end);
  uint32_t words[4], port_word;
  int n_words = v6 ? 4 : 1;
  for (int i = 0; i < n_words; i++) {
    if (scan_hex_word(&p, end, 8, &words[i])) return EINVAL;
  }
  if (p >= end || *p++ != ':' || scan_hex_word(&p, end, 4, &port_word)) return EINVAL;
  if (p < end && *p != ' ' && *p != '\t') return EINVAL;
  *pp = p;
  unsigned char bytes[16];
  memcpy(bytes, words, (size_t)n_words * 4);
  return psv_inet_endpoint(v6, bytes, port_word, text, size, port);
}

static const char *tcp_state_name(uint32_t st) {
  static const char *const names[] = {
    NULL, "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
    "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
    "SYN_RECV"   /* TCP_NEW_SYN_RECV: a request not yet a socket */
  };
  return st < sizeof names / sizeof *names && names[st] ? names[st] : "UNKNOWN";
}

void psv_inet_socket_kind(psv_socket *out, int v6, int tcp, unsigned state) {
  out->family = v6 ? "AF_INET6" : "AF_INET";
  out->type = tcp ? "SOCK_STREAM" : "SOCK_DGRAM";
  out->status = tcp ? tcp_state_name(state) : "NONE";
  out->listening = tcp ? state == 0x0A : out->lport >= 0 && out->rport < 0;
}

int psv_parse_inet_socket(const char *line, size_t n, int v6, int tcp, psv_socket *out) {
  const char *p = psv_skip_blanks(line, line + n), *end = line + n;
  /* "  12: " — the slot number ends with ':'; the header starts "sl". */
  uint64_t slot, inode;
  uint32_t state;
  if (psv_scan_u64(&p, end, &slot) || p >= end || *p++ != ':') return EINVAL;
  memset(out, 0, sizeof *out);
  if (parse_endpoint(&p, end, v6, out->laddr, sizeof out->laddr, &out->lport)) return EINVAL;
  if (parse_endpoint(&p, end, v6, out->raddr, sizeof out->raddr, &out->rport)) return EINVAL;
  p = psv_skip_blanks(p, end);
  if (scan_hex_word(&p, end, 2, &state)) return EINVAL;
  /* tx:rx queues, timer, retransmits, uid, timeout, then the inode */
  for (int i = 0; i < 5; i++) p = skip_word(p, end);
  if (psv_scan_u64(&p, end, &inode)) return EINVAL;
  out->inode = inode;
  psv_inet_socket_kind(out, v6, tcp, state);
  return 0;
}

int psv_unix_socket(psv_socket *out, unsigned type, uint64_t inode, int listening,
                    const char *path, size_t path_len) {
  static const char *const types[] = {
    NULL, "SOCK_STREAM", "SOCK_DGRAM", NULL, NULL, "SOCK_SEQPACKET"
  };
  if (type >= sizeof types / sizeof *types || !types[type]) return ENOENT;
  memset(out, 0, sizeof *out);
  out->family = "AF_UNIX";
  out->type = types[type];
  out->status = "NONE";
  out->lport = out->rport = -1;
  out->inode = inode;
  out->listening = listening;
  out->path = path;
  out->path_len = path_len;
  return 0;
}

/* " " and exactly `digits` upper-case hex digits, as the kernel's %0NX. */
static int scan_field(const char **pp, const char *end, int digits, uint32_t *out) {
  const char *p = *pp;
  if (p >= end || *p++ != ' ') return EINVAL;
  for (int i = 0; i < digits; i++) {
    if (p + i >= end || (p[i] >= 'a' && p[i] <= 'f')) return EINVAL;
  }
  *pp = p;
  return scan_hex_word(pp, end, digits, out);
}

/* " " and the inode as "%5lu" prints it: right-aligned in 5 columns. */
static int scan_inode(const char **pp, const char *end, uint64_t *out) {
  const char *p = *pp;
  if (p >= end || *p++ != ' ') return EINVAL;
  const char *field = p;
  while (p < end && *p == ' ') p++;
  const char *digits = p;
  if (p >= end || *p < '0' || *p > '9' || psv_scan_u64(&p, end, out)) return EINVAL;
  long width = p - field, n_digits = p - digits;
  if (width != (n_digits < 5 ? 5 : n_digits)) return EINVAL;
  *pp = p;
  return 0;
}

#define UNIX_ACCEPTS 0x10000   /* __SO_ACCEPTCON: listen() was called */

/* "%pK: %08X %08X %08X %04X %02X %5lu", then " " and the name when the
** socket has one, to the end of the line: its spaces are its own. Only
** lines of exactly that shape (and values the kernel prints there) are
** sockets; others are the header, or the rest of a name that holds a
** newline. A name can still hold a newline and then a whole line of that
** shape: the file cannot tell it from a socket (docs/tables/net_connections.md). */
int psv_parse_unix_socket(const char *line, size_t n, psv_socket *out) {
  const char *p = line, *end = line + n;
  uint32_t refs, protocol, flags, type, state;
  uint64_t inode;
  while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) p++;
  if (p == line || p >= end || *p++ != ':') return EINVAL;
  if (scan_field(&p, end, 8, &refs) || scan_field(&p, end, 8, &protocol) ||
      scan_field(&p, end, 8, &flags) || scan_field(&p, end, 4, &type) ||
      scan_field(&p, end, 2, &state) || scan_inode(&p, end, &inode)) return EINVAL;
  /* protocol is always 0; state is SS_UNCONNECTED .. SS_DISCONNECTING */
  if (protocol != 0 || (flags & ~(uint32_t)UNIX_ACCEPTS) || state < 1 || state > 4) return EINVAL;
  if (p < end && (*p != ' ' || p + 1 == end)) return EINVAL;
  const char *path = p < end ? p + 1 : p;   /* length 0: unbound */
  return psv_unix_socket(out, type, inode, (flags & UNIX_ACCEPTS) != 0, path,
                         (size_t)(end - path)) ? EINVAL : 0;
}
