/*
** osquery_listening_ports.c — osquery's listening_ports: the rows of its
** process_open_sockets that can be reached: every inet socket without a
** peer (remote port 0: listening tcp, bound udp, raw and icmp sockets),
** every unix socket with a name, every packet socket. One row per socket,
** across network namespaces. psvtab's own listening_ports (psutil-style
** listeners, a row per holder) stays main.listening_ports.
**
**   SELECT pid, port, address FROM listening_ports WHERE family = 2 AND protocol = 6;
*/
#include "osquery.h"

enum {
  COL_PID, COL_PORT, COL_PROTOCOL, COL_FAMILY, COL_ADDRESS, COL_FD, COL_SOCKET, COL_PATH,
  COL_NET_NAMESPACE, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "the process holding it (the lowest pid of several); -1 for none the caller may see", 0},
  [COL_PORT] = {"port", "INTEGER", NULL, "inet: the local port; 0 for unix and packet sockets", 0},
  [COL_PROTOCOL] = {"protocol", "INTEGER", NULL, "6 tcp, 17 udp, 136 udplite, 255 raw, 1 icmp; packet: the ethertype; 0 unix", 0},
  [COL_FAMILY] = {"family", "INTEGER", NULL, "2 IPv4, 10 IPv6, 1 unix, 17 packet", 0},
  [COL_ADDRESS] = {"address", "TEXT", NULL, "inet: the local address; '' for packet; NULL for unix", 0},
  [COL_FD] = {"fd", "BIGINT", NULL, "its descriptor in that process; -1 for none", 0},
  [COL_SOCKET] = {"socket", "BIGINT", NULL, "the socket's inode; 0 for unix sockets (osquery's)", 0},
  [COL_PATH] = {"path", "TEXT", NULL, "unix: the socket's name; NULL for the others", 0},
  [COL_NET_NAMESPACE] = {"net_namespace", "TEXT", NULL, "inode of its network namespace", 0},
};

static int ports_begin(void *state, psv_scan *scan) {
  return psv_osquery_sockets_begin(state, scan);
}

static int is_listed(const psv_net_socket *k) {
  if (k->family == PSV_NET_UNIX) return k->path.n > 0;
  if (k->family == PSV_NET_INET || k->family == PSV_NET_INET6) return k->remote_port == 0;
  return 1;
}

static int ports_next(void *state, psv_scan *scan, psv_value *row) {
  psv_osquery_sockets *s = state;
  psv_net_socket k;
  const psv_socket_owner *owner;
  int rc;
  do {
    rc = psv_osquery_sockets_next(s, scan, &k, &owner);
  } while (rc == PSV_ROW && !is_listed(&k));
  if (rc != PSV_ROW) return rc;
  int is_unix = k.family == PSV_NET_UNIX;
  psv_set_int(&row[COL_PID], owner ? owner->pid : -1);
  psv_set_int(&row[COL_PORT], is_unix ? 0 : k.local_port);
  psv_set_int(&row[COL_PROTOCOL], k.protocol);
  psv_set_int(&row[COL_FAMILY], psv_osquery_family(k.family));
  if (!is_unix) psv_set_const(&row[COL_ADDRESS], k.local_address);
  psv_set_int(&row[COL_FD], owner ? owner->fd : -1);
  psv_set_int(&row[COL_SOCKET], is_unix ? 0 : (int64_t)k.inode);
  if (is_unix) psv_set_str(&row[COL_PATH], k.path);
  psv_set_const(&row[COL_NET_NAMESPACE], s->ns_text);
  return PSV_ROW;
}

static void ports_end(void *state) { psv_osquery_sockets_end(state); }
static void ports_destroy(void *state) { psv_osquery_sockets_destroy(state); }

const psv_table psv_table_osquery_listening_ports = {
  .name = "osquery_listening_ports",
  .platforms = "linux",
  .doc = "osquery's listening_ports: every socket without a peer, every named unix socket, every packet socket",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES | PSV_KIND_SOCKETS,
  .full_scan_rows = 200,
  .state_size = sizeof(psv_osquery_sockets),
  .begin = ports_begin,
  .next = ports_next,
  .end = ports_end,
  .destroy = ports_destroy,
};
