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

/* "0100007F:1F90" (v4) or 32 hex digits and a port (v6). The kernel prints
** each 32-bit word of the address as the number it is in this machine's
** memory, so storing the number back as a word restores the bytes. Port
** 0 means "no address", as psutil reports it: text "" and port -1. */
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
  text[0] = '\0';
  *port = -1;
  if (port_word == 0) return 0;
  unsigned char bytes[16];
  memcpy(bytes, words, (size_t)n_words * 4);
  if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, text, (socklen_t)size)) return EINVAL;
  *port = (int)port_word;
  return 0;
}

static const char *tcp_state_name(uint32_t st) {
  static const char *const names[] = {
    NULL, "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
    "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
    "SYN_RECV"   /* TCP_NEW_SYN_RECV: a request not yet a socket */
  };
  return st < sizeof names / sizeof *names && names[st] ? names[st] : "UNKNOWN";
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
  out->family = v6 ? "AF_INET6" : "AF_INET";
  out->type = tcp ? "SOCK_STREAM" : "SOCK_DGRAM";
  out->status = tcp ? tcp_state_name(state) : "NONE";
  out->inode = inode;
  out->listening = tcp ? state == 0x0A : out->lport >= 0 && out->rport < 0;
  return 0;
}

#define UNIX_ACCEPTS 0x10000   /* __SO_ACCEPTCON: listen() was called */

int psv_parse_unix_socket(const char *line, size_t n, psv_socket *out) {
  const char *p = line, *end = line + n;
  uint32_t words[4], type;
  uint64_t inode;
  /* "ffff9a...: 00000002 00000000 00010000 0001 01 12345 /run/x" */
  while (p < end && *p != ':' && *p != ' ') p++;
  if (p >= end || *p++ != ':') return EINVAL;
  for (int i = 0; i < 3; i++) {   /* RefCount Protocol Flags */
    p = psv_skip_blanks(p, end);
    if (scan_hex_word(&p, end, 8, &words[i])) return EINVAL;
  }
  p = psv_skip_blanks(p, end);
  if (scan_hex_word(&p, end, 4, &type)) return EINVAL;
  p = psv_skip_blanks(p, end);
  if (scan_hex_word(&p, end, 2, &words[3])) return EINVAL;
  if (psv_scan_u64(&p, end, &inode)) return EINVAL;
  memset(out, 0, sizeof *out);
  out->family = "AF_UNIX";
  switch (type) {
    case 1: out->type = "SOCK_STREAM"; break;
    case 2: out->type = "SOCK_DGRAM"; break;
    case 5: out->type = "SOCK_SEQPACKET"; break;
    default: return EINVAL;
  }
  out->status = "NONE";
  out->lport = out->rport = -1;
  out->inode = inode;
  out->listening = (words[2] & UNIX_ACCEPTS) != 0;
  /* One blank, then the path to the end of the line: its spaces are its own. */
  if (p < end && *p == ' ') p++;
  out->path = p;
  out->path_len = (size_t)(end - p);
  return 0;
}
