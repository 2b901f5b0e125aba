/*
** net_if_stats.c — one row per network interface: psutil's
** net_if_stats(). Duplex and speed take an ethtool query each: they are
** asked for only when used.
**
**   SELECT interface, isup, speed, mtu FROM net_if_stats;
*/
#include "common.h"


enum { COL_INTERFACE, COL_ISUP, COL_DUPLEX, COL_SPEED, COL_MTU, COL_FLAGS, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_INTERFACE] = {"interface", "TEXT", NULL, "interface name", 0},
  [COL_ISUP] = {"isup", "INTEGER", NULL, "1 when the interface is up and running (psutil's isup)", PSV_IFS_FLAGS},
  [COL_DUPLEX] = {"duplex", "TEXT", NULL, "full, half or unknown", PSV_IFS_LINK},
  [COL_SPEED] = {"speed", "INTEGER", "Mbit/s", "link speed; 0 when the driver does not know it", PSV_IFS_LINK},
  [COL_MTU] = {"mtu", "INTEGER", "bytes", "maximum transmission unit", PSV_IFS_MTU},
  [COL_FLAGS] = {"flags", "TEXT", NULL,
    "comma-separated flag names in psutil's order (up, broadcast, ..., running, ...)", PSV_IFS_FLAGS},
};

typedef struct net_if_stats_state {
  psv_if_io_list *list;   /* the interfaces */
  psv_if_io cur;          /* the current row's */
  psv_netif *nif;
  psv_if_stats stats;
} net_if_stats_state;

static int net_if_stats_begin(void *state, psv_scan *scan) {
  net_if_stats_state *st = state;
  int err = psv_if_io_open(scan->os, &st->list);
  if (!err) err = psv_netif_open(scan->os, &st->nif);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static void fill_row(const psv_if_stats *s, psv_value *row) {
  static const char *const duplex[] = { "half", "full", "unknown" };
  if (s->have & PSV_IFS_FLAGS) {
    psv_set_int(&row[COL_ISUP], s->isup);
    psv_set_text(&row[COL_FLAGS], s->flags, strlen(s->flags));
  }
  if (s->have & PSV_IFS_MTU) psv_set_int(&row[COL_MTU], s->mtu);
  if (s->have & PSV_IFS_LINK) {
    psv_set_text(&row[COL_DUPLEX], duplex[s->duplex], strlen(duplex[s->duplex]));
    psv_set_int(&row[COL_SPEED], s->speed);
  }
}

static int net_if_stats_next(void *state, psv_scan *scan, psv_value *row) {
  net_if_stats_state *st = state;
  for (;;) {
    if (!psv_if_io_next(st->list, &st->cur)) return PSV_EOF;
    int err = psv_netif_stats(st->nif, st->cur.name, (unsigned)scan->sources, &st->stats);
    if (err == PSV_GONE) continue;   /* removed during the scan */
    if (err) return psv_scan_fail(scan, err, "cannot read interface", st->cur.name);
    psv_set_bytes(&row[COL_INTERFACE], st->cur.name, strlen(st->cur.name));
    fill_row(&st->stats, row);
    return PSV_ROW;
  }
}

static void net_if_stats_end(void *state) {
  net_if_stats_state *st = state;
  psv_if_io_close(st->list);
  psv_netif_close(st->nif);
  st->list = NULL;
  st->nif = NULL;
}

const psv_table psv_table_net_if_stats = {
  .name = "net_if_stats",
  .doc = "one row per network interface: state, duplex, speed, MTU, flags",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_NET_IF,
  .full_scan_rows = 10,
  .state_size = sizeof(net_if_stats_state),
  .begin = net_if_stats_begin,
  .next = net_if_stats_next,
  .end = net_if_stats_end,
};
