/*
** sockets.c (ext/platform/windows/) — tcp and udp sockets, v4 and v6, as
** psutil's net_connections() reads them on Windows (GetExtendedTcpTable,
** GetExtendedUdpTable). Windows names a socket by no inode, and its
** tables carry the owning pid rather than descriptors; wine gives no
** owners, so this layer reports none yet (pid NULL; README, "Windows").
*/
#include "windows.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#undef interface

#include <errno.h>
#include <string.h>

enum { PHASE_TCP4, PHASE_TCP6, PHASE_UDP4, PHASE_UDP6, PHASE_END };

struct psv_socket_list {
  psv_os *os;
  int phase;
  void *table;      /* the phase's table */
  DWORD at, n;      /* its next row, its rows */
};

/* The phase's table into l->table. 0 or an errno. */
static int load_phase(psv_socket_list *l) {
  ULONG family = l->phase == PHASE_TCP4 || l->phase == PHASE_UDP4 ? AF_INET : AF_INET6;
  int tcp = l->phase == PHASE_TCP4 || l->phase == PHASE_TCP6;
  DWORD size = 16 * 1024;
  psv_free(l->table);
  l->table = NULL;
  l->at = l->n = 0;
  for (int tries = 0; tries < 4; tries++) {
    void *t = psv_malloc(size);
    if (!t) return psv_win_fail(l->os, "the sockets", ENOMEM);
    DWORD rc = tcp ? GetExtendedTcpTable(t, &size, FALSE, family, TCP_TABLE_OWNER_PID_ALL, 0)
                   : GetExtendedUdpTable(t, &size, FALSE, family, UDP_TABLE_OWNER_PID, 0);
    if (rc == NO_ERROR) {
      l->table = t;
      l->n = *(DWORD *)t;   /* every table begins with dwNumEntries */
      return 0;
    }
    psv_free(t);
    if (rc != ERROR_INSUFFICIENT_BUFFER)
      return psv_win_fail(l->os, tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable", psv_win_errno(rc));
  }
  return psv_win_fail(l->os, "the sockets", ENOMEM);
}

int psv_socket_list_open(psv_os *os, psv_socket_list **out) {
  psv_socket_list *l = psv_calloc(sizeof *l);
  *out = NULL;
  if (!l) return psv_win_fail(os, "the sockets", ENOMEM);
  l->os = os;
  int err = load_phase(l);
  if (err) {
    psv_free(l);
    return err;
  }
  *out = l;
  return 0;
}

/* psutil's names of the MIB_TCP_STATE values. */
static const char *tcp_status(DWORD state) {
  static const char *const names[] = {
    "NONE", "CLOSE", "LISTEN", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT1",
    "FIN_WAIT2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "DELETE_TCB"
  };
  return state < sizeof names / sizeof names[0] ? names[state] : "NONE";
}

/* An address and a port (network order in the low 16 bits); port 0 is
** none (-1), and so is the address then for a remote end. */
static void endpoint(int family, const void *addr, DWORD port, int remote,
                     char *text, size_t size, int *out_port) {
  int p = ntohs((u_short)port);
  *out_port = p ? p : -1;
  text[0] = '\0';
  if (remote && p == 0) return;
  if (!inet_ntop(family, addr, text, size)) text[0] = '\0';
}

static void fill_row(const psv_socket_list *l, DWORD i, psv_socket *out) {
  memset(out, 0, sizeof *out);
  out->no_inode = 1;
  char *rows = (char *)l->table + sizeof(DWORD);
  switch (l->phase) {
    case PHASE_TCP4: {
      const MIB_TCPROW_OWNER_PID *r = (const MIB_TCPROW_OWNER_PID *)rows + i;
      out->family = "AF_INET";
      endpoint(AF_INET, &r->dwLocalAddr, r->dwLocalPort, 0, out->laddr, sizeof out->laddr, &out->lport);
      if (r->dwState != MIB_TCP_STATE_LISTEN)
        endpoint(AF_INET, &r->dwRemoteAddr, r->dwRemotePort, 1, out->raddr, sizeof out->raddr, &out->rport);
      else out->rport = -1;
      out->status = tcp_status(r->dwState);
      break;
    }
    case PHASE_TCP6: {
      const MIB_TCP6ROW_OWNER_PID *r = (const MIB_TCP6ROW_OWNER_PID *)rows + i;
      out->family = "AF_INET6";
      endpoint(AF_INET6, r->ucLocalAddr, r->dwLocalPort, 0, out->laddr, sizeof out->laddr, &out->lport);
      if (r->dwState != MIB_TCP_STATE_LISTEN)
        endpoint(AF_INET6, r->ucRemoteAddr, r->dwRemotePort, 1, out->raddr, sizeof out->raddr, &out->rport);
      else out->rport = -1;
      out->status = tcp_status(r->dwState);
      break;
    }
    case PHASE_UDP4: {
      const MIB_UDPROW_OWNER_PID *r = (const MIB_UDPROW_OWNER_PID *)rows + i;
      out->family = "AF_INET";
      endpoint(AF_INET, &r->dwLocalAddr, r->dwLocalPort, 0, out->laddr, sizeof out->laddr, &out->lport);
      out->rport = -1;
      break;
    }
    default: {
      const MIB_UDP6ROW_OWNER_PID *r = (const MIB_UDP6ROW_OWNER_PID *)rows + i;
      out->family = "AF_INET6";
      endpoint(AF_INET6, r->ucLocalAddr, r->dwLocalPort, 0, out->laddr, sizeof out->laddr, &out->lport);
      out->rport = -1;
      break;
    }
  }
  int tcp = l->phase == PHASE_TCP4 || l->phase == PHASE_TCP6;
  out->type = tcp ? "SOCK_STREAM" : "SOCK_DGRAM";
  if (!tcp) out->status = "NONE";
  /* listening: tcp LISTEN, or udp bound to a port (the table holds no
  ** connected udp sockets' peers) */
  out->listening = tcp ? strcmp(out->status, "LISTEN") == 0 : out->lport > 0;
}

int psv_socket_list_next(psv_socket_list *l, psv_socket *out) {
  while (l->at >= l->n) {
    if (++l->phase >= PHASE_END) return 0;
    int err = load_phase(l);
    if (err) return -err;
  }
  fill_row(l, l->at++, out);
  return 1;
}

void psv_socket_list_close(psv_socket_list *l) {
  if (!l) return;
  psv_free(l->table);
  psv_free(l);
}

/* No holders: Windows' tables name a pid, not a descriptor, and wine gives
** none; every socket is a row without one. */
int psv_socket_owners(psv_os *os, const int *given, size_t n_given, int with_create_time,
                      psv_socket_owner **out, size_t *n_out) {
  (void)os; (void)given; (void)n_given; (void)with_create_time;
  *out = NULL;
  *n_out = 0;
  return 0;
}
