/*
** net_if_stats.c — one row per network interface: psutil's
** net_if_stats(). Duplex and speed take an ethtool query each: they are
** asked for only when used.
**
**   SELECT interface, isup, speed, mtu FROM net_if_stats;
*/
#include "common.h"

#include <stdio.h>

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
  psv_netdev_walk walk;
  psv_netif *nif;
  char flags[256];
} net_if_stats_state;

static int net_if_stats_begin(void *state, psv_scan *scan) {
  net_if_stats_state *st = state;
  int rc = psv_netdev_walk_begin(&st->walk, scan);
  if (rc != PSV_ROW) return rc;
  int err = psv_netif_open(scan->os, &st->nif);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static size_t format_flags(unsigned flags, char *buf, size_t size) {
  size_t at = 0;
  buf[0] = '\0';
  for (int i = 0; i < psv_n_if_flags; i++) {
    if (!(flags & (1u << i))) continue;
    at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? "," : "", psv_if_flag_names[i]);
  }
  return at;
}

static void fill_row(net_if_stats_state *st, const psv_if_stats *s, psv_value *row) {
  static const char *const duplex[] = { "half", "full", "unknown" };
  if (s->have & PSV_IFS_FLAGS) {
    psv_set_int(&row[COL_ISUP], (s->flags & PSV_IF_RUNNING) != 0);
    psv_set_text(&row[COL_FLAGS], st->flags, format_flags(s->flags, st->flags, sizeof st->flags));
  }
  if (s->have & PSV_IFS_MTU) psv_set_int(&row[COL_MTU], s->mtu);
  if (s->have & PSV_IFS_LINK) {
    psv_set_text(&row[COL_DUPLEX], duplex[s->duplex], strlen(duplex[s->duplex]));
    psv_set_int(&row[COL_SPEED], s->speed);
  }
}

static int net_if_stats_next(void *state, psv_scan *scan, psv_value *row) {
  net_if_stats_state *st = state;
  psv_net_dev d;
  psv_if_stats s;
  for (;;) {
    if (psv_netdev_walk_next(&st->walk, &d) != PSV_ROW) return PSV_EOF;
    int err = psv_netif_stats(st->nif, st->walk.name, scan->sources, &s);
    if (err == PSV_GONE) continue;   /* removed during the scan */
    if (err) return psv_scan_fail(scan, err, "cannot read interface", st->walk.name);
    psv_set_bytes(&row[COL_INTERFACE], st->walk.name, strlen(st->walk.name));
    fill_row(st, &s, row);
    return PSV_ROW;
  }
}

static void net_if_stats_end(void *state) {
  net_if_stats_state *st = state;
  psv_netif_close(st->nif);
  st->nif = NULL;
}

static void net_if_stats_destroy(void *state) {
  net_if_stats_end(state);
  psv_netdev_walk_destroy(&((net_if_stats_state *)state)->walk);
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
  .destroy = net_if_stats_destroy,
};
