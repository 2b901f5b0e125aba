/*
** net_connections.c — psutil's net_connections(kind='all'): every inet
** (tcp, udp; v4 and v6) and unix socket of this network namespace, with
** the process and descriptor that hold it; and listening_ports, the
** sockets that wait for peers (osquery's table of that name).
**
**   SELECT pid, laddr, lport FROM net_connections WHERE status = 'LISTEN';
**   SELECT * FROM listening_ports WHERE port = 22;
**
** The owners come from one pass over every process's descriptors per scan
** (on Linux a readlink of each descriptor's link, "socket:[INODE]"; shared
** among threads, see platform.h), and only when a query uses pid or fd:
** SELECT laddr, lport reads just the sockets. A pid constraint limits that
** pass to the given processes. A socket that several processes hold
** (after fork) is one row per holder, as psutil does for unix sockets;
** for inet sockets psutil keeps only the first holder.
*/
#include "common.h"


enum {
  COL_FD, COL_FAMILY, COL_TYPE, COL_LADDR, COL_RADDR, COL_LPORT, COL_RPORT,
  COL_STATUS, COL_PID, COL_CREATE_TIME, COL_INODE, N_COLUMNS
};

#define OWNER 1u   /* the pass over every process's descriptors */
#define IDENT 2u   /* and each holder's create_time in it */

static const psv_column columns[N_COLUMNS] = {
  [COL_FD] = {"fd", "INTEGER", NULL, "descriptor of the socket in the process; NULL when the holder is not known", OWNER},
  [COL_FAMILY] = {"family", "TEXT", NULL, "'AF_INET', 'AF_INET6' or 'AF_UNIX'", 0},
  [COL_TYPE] = {"type", "TEXT", NULL, "'SOCK_STREAM', 'SOCK_DGRAM' or 'SOCK_SEQPACKET'", 0},
  [COL_LADDR] = {"laddr", "TEXT", NULL,
    "local address ('127.0.0.1', '::1'), or the path of a unix socket ('@name' when abstract); NULL when none", 0},
  [COL_RADDR] = {"raddr", "TEXT", NULL, "remote address; NULL when none (and for unix sockets)", 0},
  [COL_LPORT] = {"lport", "INTEGER", NULL, "local port; NULL when none", 0},
  [COL_RPORT] = {"rport", "INTEGER", NULL, "remote port; NULL when none", 0},
  [COL_STATUS] = {"status", "TEXT", NULL, "tcp state with psutil's names ('ESTABLISHED', 'LISTEN', ...); 'NONE' for udp and unix", 0},
  [COL_PID] = {"pid", "INTEGER", NULL, "process that holds the socket; NULL when the caller may not see it", OWNER},
  [COL_CREATE_TIME] = {"create_time", "REAL", "seconds",
    PSV_CREATE_TIME_DOC " (NULL when pid is)", OWNER | IDENT},
  [COL_INODE] = {"inode", "INTEGER", NULL, "the socket's inode, which its holders' descriptors name", 0},
};

enum {
  LCOL_PID, LCOL_CREATE_TIME, LCOL_FD, LCOL_FAMILY, LCOL_TYPE, LCOL_ADDRESS, LCOL_PORT, LCOL_INODE, N_LCOLUMNS
};

static const psv_column listening_columns[N_LCOLUMNS] = {
  [LCOL_PID] = {"pid", "INTEGER", NULL, "process that holds the socket; NULL when the caller may not see it", OWNER},
  [LCOL_CREATE_TIME] = {"create_time", "REAL", "seconds",
    PSV_CREATE_TIME_DOC " (NULL when pid is)", OWNER | IDENT},
  [LCOL_FD] = {"fd", "INTEGER", NULL, "descriptor of the socket in the process; NULL when not known", OWNER},
  [LCOL_FAMILY] = {"family", "TEXT", NULL, "'AF_INET', 'AF_INET6' or 'AF_UNIX'", 0},
  [LCOL_TYPE] = {"type", "TEXT", NULL, "'SOCK_STREAM' (tcp, unix), 'SOCK_DGRAM' (udp, unix) or 'SOCK_SEQPACKET'", 0},
  [LCOL_ADDRESS] = {"address", "TEXT", NULL, "local address ('0.0.0.0', '::', ...) or the unix socket's path", 0},
  [LCOL_PORT] = {"port", "INTEGER", NULL, "local port; NULL for unix sockets", 0},
  [LCOL_INODE] = {"inode", "INTEGER", NULL, "socket inode", 0},
};

typedef struct conn_state {
  int listening_only;
  int by_owner;          /* rows only for sockets with a known holder */
  psv_socket_owner *owners;   /* sorted by inode, pid, fd */
  size_t n_owners;
  psv_socket_list *sockets;
  psv_socket sock;       /* the current socket */
  size_t next_owner, end_owner;   /* its holders still to give rows */
  int emitted;           /* a row of the current socket was given */
} conn_state;

static int conn_begin(void *state, psv_scan *scan) {
  conn_state *st = state;
  st->next_owner = st->end_owner = 0;
  st->emitted = 1;
  st->by_owner = scan->pids != NULL;
  int err = 0;
  if (scan->pids || (scan->sources & OWNER)) {
    err = psv_socket_owners(scan->os, scan->pids, scan->pids ? (size_t)scan->n_pids : 0,
                            (scan->sources & IDENT) != 0, &st->owners, &st->n_owners);
  }
  if (!err) err = psv_socket_list_open(scan->os, &st->sockets);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

/* The holders of `inode`: [first, end) of st->owners. */
static void find_owners(conn_state *st, uint64_t inode) {
  size_t lo = 0, hi = st->n_owners;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (st->owners[mid].inode < inode) lo = mid + 1; else hi = mid;
  }
  st->next_owner = st->end_owner = lo;
  while (st->end_owner < st->n_owners && st->owners[st->end_owner].inode == inode) st->end_owner++;
}

static void set_text_or_null(psv_value *v, const char *s, size_t n) {
  if (n) psv_set_bytes(v, s, n);
}

static void fill_connection(const conn_state *st, const psv_socket_owner *o, psv_value *row) {
  const psv_socket *s = &st->sock;
  if (o) {
    psv_set_int(&row[COL_PID], o->pid);
    psv_set_int(&row[COL_FD], o->fd);
    if (o->has_create_time) psv_set_real(&row[COL_CREATE_TIME], o->create_time);
  }
  psv_set_text(&row[COL_FAMILY], s->family, strlen(s->family));
  psv_set_text(&row[COL_TYPE], s->type, strlen(s->type));
  if (s->path) set_text_or_null(&row[COL_LADDR], s->path, s->path_len);
  else set_text_or_null(&row[COL_LADDR], s->laddr, strlen(s->laddr));
  set_text_or_null(&row[COL_RADDR], s->raddr, strlen(s->raddr));
  if (s->lport >= 0) psv_set_int(&row[COL_LPORT], s->lport);
  if (s->rport >= 0) psv_set_int(&row[COL_RPORT], s->rport);
  psv_set_text(&row[COL_STATUS], s->status, strlen(s->status));
  if (!s->no_inode) psv_set_int(&row[COL_INODE], (int64_t)s->inode);
}

static void fill_listening(const conn_state *st, const psv_socket_owner *o, psv_value *row) {
  const psv_socket *s = &st->sock;
  if (o) {
    psv_set_int(&row[LCOL_PID], o->pid);
    psv_set_int(&row[LCOL_FD], o->fd);
    if (o->has_create_time) psv_set_real(&row[LCOL_CREATE_TIME], o->create_time);
  }
  psv_set_text(&row[LCOL_FAMILY], s->family, strlen(s->family));
  psv_set_text(&row[LCOL_TYPE], s->type, strlen(s->type));
  if (s->path) set_text_or_null(&row[LCOL_ADDRESS], s->path, s->path_len);
  else set_text_or_null(&row[LCOL_ADDRESS], s->laddr, strlen(s->laddr));
  if (s->lport >= 0) psv_set_int(&row[LCOL_PORT], s->lport);
  if (!s->no_inode) psv_set_int(&row[LCOL_INODE], (int64_t)s->inode);
}

static int conn_next(void *state, psv_scan *scan, psv_value *row) {
  conn_state *st = state;
  for (;;) {
    const psv_socket_owner *o = NULL;
    if (st->next_owner < st->end_owner) {
      o = &st->owners[st->next_owner++];
    } else if (st->emitted || st->by_owner) {
      int rc = psv_socket_list_next(st->sockets, &st->sock);
      if (rc < 0) return psv_os_fail(scan, -rc);
      if (rc == 0) return PSV_EOF;
      if (st->listening_only && !st->sock.listening) continue;
      find_owners(st, st->sock.inode);
      st->emitted = 0;
      continue;
    }
    /* o == NULL: a socket no visible process holds, one row of its own */
    st->emitted = 1;
    if (st->listening_only) fill_listening(st, o, row);
    else fill_connection(st, o, row);
    return PSV_ROW;
  }
}

static void conn_end(void *state) {
  conn_state *st = state;
  psv_socket_list_close(st->sockets);
  st->sockets = NULL;
  psv_free(st->owners);
  st->owners = NULL;
  st->n_owners = 0;
}

static void conn_destroy(void *state) {
  conn_end(state);
}

static int listening_begin(void *state, psv_scan *scan) {
  ((conn_state *)state)->listening_only = 1;
  return conn_begin(state, scan);
}

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const connection_platforms[N_COLUMNS] = {
  [COL_FD] = "linux", [COL_PID] = "linux", [COL_CREATE_TIME] = "linux", [COL_INODE] = "linux",
};
static const char *const listening_platforms[N_LCOLUMNS] = {
  [LCOL_PID] = "linux", [LCOL_CREATE_TIME] = "linux", [LCOL_FD] = "linux", [LCOL_INODE] = "linux",
};

const psv_table psv_table_net_connections = {
  .name = "net_connections",
  .doc = "one row per socket (tcp, udp, unix) and process holding it",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = connection_platforms,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_SOCKETS | PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .state_size = sizeof(conn_state),
  .begin = conn_begin,
  .next = conn_next,
  .end = conn_end,
  .destroy = conn_destroy,
};

const psv_table psv_table_listening_ports = {
  .name = "listening_ports",
  .doc = "one row per socket waiting for peers (tcp LISTEN, bound udp, listening unix) and its holder",
  .columns = listening_columns,
  .n_columns = N_LCOLUMNS,
  .column_platforms = listening_platforms,
  .pid_column = LCOL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_SOCKETS | PSV_KIND_PROCESSES,
  .full_scan_rows = 50,
  .state_size = sizeof(conn_state),
  .begin = listening_begin,
  .next = conn_next,
  .end = conn_end,
  .destroy = conn_destroy,
};
