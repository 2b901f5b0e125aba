/*
** net_io.c — one row per network interface: psutil's
** net_io_counters(pernic=True), the kernel's 64-bit counters.
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

typedef struct net_io_state {
  psv_if_io_list *list;
  psv_if_io cur;   /* the current row's interface */
} net_io_state;

static int net_io_begin(void *state, psv_scan *scan) {
  int err = psv_if_io_open(scan->os, &((net_io_state *)state)->list);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int net_io_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  net_io_state *st = state;
  const psv_if_io *d = &st->cur;
  if (!psv_if_io_next(st->list, &st->cur)) return PSV_EOF;
  const uint64_t counters[] = {
    d->bytes_sent, d->bytes_recv, d->packets_sent, d->packets_recv,
    d->errin, d->errout, d->dropin, d->dropout
  };
  psv_set_bytes(&row[COL_INTERFACE], d->name, strlen(d->name));
  for (int i = 0; i < 8; i++) psv_set_int(&row[COL_BYTES_SENT + i], (int64_t)counters[i]);
  return PSV_ROW;
}

static void net_io_end(void *state) {
  net_io_state *st = state;
  psv_if_io_close(st->list);
  st->list = NULL;
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
};
