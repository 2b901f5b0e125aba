/*
** net_io.c — one row per network interface: psutil's
** net_io_counters(pernic=True), the 64-bit counters of /proc/net/dev.
**
**   SELECT interface, bytes_recv, bytes_sent FROM net_io ORDER BY bytes_recv DESC;
*/
#include "common.h"

enum {
  COL_INTERFACE, COL_BYTES_SENT, COL_BYTES_RECV, COL_PACKETS_SENT,
  COL_PACKETS_RECV, COL_ERRIN, COL_ERROUT, COL_DROPIN, COL_DROPOUT, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_INTERFACE] = {"interface", "TEXT", NULL, "interface name", 0},
  [COL_BYTES_SENT] = {"bytes_sent", "INTEGER", "bytes", "bytes sent", 0},
  [COL_BYTES_RECV] = {"bytes_recv", "INTEGER", "bytes", "bytes received", 0},
  [COL_PACKETS_SENT] = {"packets_sent", "INTEGER", NULL, "packets sent", 0},
  [COL_PACKETS_RECV] = {"packets_recv", "INTEGER", NULL, "packets received", 0},
  [COL_ERRIN] = {"errin", "INTEGER", NULL, "errors while receiving", 0},
  [COL_ERROUT] = {"errout", "INTEGER", NULL, "errors while sending", 0},
  [COL_DROPIN] = {"dropin", "INTEGER", NULL, "incoming packets dropped", 0},
  [COL_DROPOUT] = {"dropout", "INTEGER", NULL, "outgoing packets dropped", 0},
};

typedef struct net_io_state { psv_netdev_walk walk; } net_io_state;

static int net_io_begin(void *state, psv_scan *scan) {
  return psv_netdev_walk_begin(&((net_io_state *)state)->walk, scan);
}

static int net_io_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  net_io_state *st = state;
  psv_net_dev d;
  if (psv_netdev_walk_next(&st->walk, &d) != PSV_ROW) return PSV_EOF;
  const uint64_t counters[] = {
    d.bytes_sent, d.bytes_recv, d.packets_sent, d.packets_recv,
    d.errin, d.errout, d.dropin, d.dropout
  };
  psv_set_bytes(&row[COL_INTERFACE], st->walk.name, strlen(st->walk.name));
  for (int i = 0; i < 8; i++) psv_set_int(&row[COL_BYTES_SENT + i], (int64_t)counters[i]);
  return PSV_ROW;
}

static void net_io_end(void *state) { (void)state; }

static void net_io_destroy(void *state) {
  psv_netdev_walk_destroy(&((net_io_state *)state)->walk);
}

const psv_table psv_table_net_io = {
  .name = "net_io",
  .doc = "one row per network interface: I/O counters",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_NET_IO,
  .full_scan_rows = 10,
  .state_size = sizeof(net_io_state),
  .begin = net_io_begin,
  .next = net_io_next,
  .end = net_io_end,
  .destroy = net_io_destroy,
};
