/*
** osquery_process_open_sockets.c — osquery's process_open_sockets: one
** row per socket of every network namespace a process is in (tcp, udp,
** udplite, raw, icmp, unix, packet), with the process holding it.
**
**   SELECT pid, local_address, local_port, remote_address, remote_port
**   FROM process_open_sockets WHERE state = 'ESTABLISHED';
*/
#include "osquery.h"

enum {
  COL_PID, COL_FD, COL_SOCKET, COL_FAMILY, COL_PROTOCOL, COL_LOCAL_ADDRESS, COL_REMOTE_ADDRESS,
  COL_LOCAL_PORT, COL_REMOTE_PORT, COL_PATH, COL_STATE, COL_NET_NAMESPACE, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "the process holding it (the lowest pid of several); -1 for none the caller may see", 0},
  [COL_FD] = {"fd", "BIGINT", NULL, "its descriptor in that process; -1 for none", 0},
  [COL_SOCKET] = {"socket", "BIGINT", NULL, "the socket's inode", 0},
  [COL_FAMILY] = {"family", "INTEGER", NULL, "2 IPv4, 10 IPv6, 1 unix, 17 packet (Linux's AF_*)", 0},
  [COL_PROTOCOL] = {"protocol", "INTEGER", NULL,
    "6 tcp, 17 udp, 136 udplite, 255 raw, 1 icmp; a packet socket's ethertype; 0 for unix", 0},
  [COL_LOCAL_ADDRESS] = {"local_address", "TEXT", NULL, "inet: the local address (0.0.0.0 or :: when none); else ''", 0},
  [COL_REMOTE_ADDRESS] = {"remote_address", "TEXT", NULL, "inet: the peer's address (0.0.0.0 or :: when none); else ''", 0},
  [COL_LOCAL_PORT] = {"local_port", "INTEGER", NULL, "inet: the local port (0 when none)", 0},
  [COL_REMOTE_PORT] = {"remote_port", "INTEGER", NULL, "inet: the peer's port (0 when none)", 0},
  [COL_PATH] = {"path", "TEXT", NULL, "unix: the socket's name ('@...' when abstract); else ''", 0},
  [COL_STATE] = {"state", "TEXT", NULL,
    "tcp: ESTABLISHED, LISTEN, TIME_WAIT, CLOSED, ...; packet: NONE; '' for the others", 0},
  [COL_NET_NAMESPACE] = {"net_namespace", "TEXT", NULL, "inode of its network namespace", 0},
};

static int sockets_begin(void *state, psv_scan *scan) {
  return psv_osquery_sockets_begin(state, scan);
}

/* osquery's name of a tcp state (psutil's but for CLOSED). */
static const char *state_name(const psv_net_socket *k) {
  if (k->family == PSV_NET_PACKET) return "NONE";
  if (!k->tcp_state) return "";
  return strcmp(k->tcp_state, "CLOSE") == 0 ? "CLOSED" : k->tcp_state;
}

static int sockets_next(void *state, psv_scan *scan, psv_value *row) {
  psv_osquery_sockets *s = state;
  psv_net_socket k;
  const psv_socket_owner *owner;
  int rc = psv_osquery_sockets_next(s, scan, &k, &owner);
  if (rc != PSV_ROW) return rc;
  psv_set_int(&row[COL_PID], owner ? owner->pid : -1);
  psv_set_int(&row[COL_FD], owner ? owner->fd : -1);
  psv_set_int(&row[COL_SOCKET], (int64_t)k.inode);
  psv_set_int(&row[COL_FAMILY], psv_osquery_family(k.family));
  psv_set_int(&row[COL_PROTOCOL], k.protocol);
  psv_set_const(&row[COL_LOCAL_ADDRESS], k.local_address);
  psv_set_const(&row[COL_REMOTE_ADDRESS], k.remote_address);
  psv_set_int(&row[COL_LOCAL_PORT], k.local_port);
  psv_set_int(&row[COL_REMOTE_PORT], k.remote_port);
  psv_set_str(&row[COL_PATH], k.path);
  psv_set_const(&row[COL_STATE], state_name(&k));
  psv_set_const(&row[COL_NET_NAMESPACE], s->ns_text);
  return PSV_ROW;
}

static void sockets_end(void *state) { psv_osquery_sockets_end(state); }
static void sockets_destroy(void *state) { psv_osquery_sockets_destroy(state); }

const psv_table psv_table_osquery_process_open_sockets = {
  .name = "osquery_process_open_sockets",
  .platforms = "linux",
  .doc = "osquery's process_open_sockets: every socket of every network namespace, with its holder",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES | PSV_KIND_SOCKETS,
  .full_scan_rows = 2000,
  .state_size = sizeof(psv_osquery_sockets),
  .begin = sockets_begin,
  .next = sockets_next,
  .end = sockets_end,
  .destroy = sockets_destroy,
};
