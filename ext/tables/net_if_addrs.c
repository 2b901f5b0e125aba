/*
** net_if_addrs.c — one row per interface address: psutil's
** net_if_addrs(), "ifconfig as SQL".
**
**   SELECT * FROM net_if_addrs JOIN net_if_stats USING (interface);
*/
#include "common.h"

enum { COL_INTERFACE, COL_FAMILY, COL_ADDRESS, COL_NETMASK, COL_BROADCAST, COL_PTP, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_INTERFACE] = {"interface", "TEXT", NULL, "interface name (an IPv4 alias appears under its label, e.g. eth0:1)", 0},
  [COL_FAMILY] = {"family", "TEXT", NULL, "AF_INET, AF_INET6 or AF_LINK (the MAC address)", 0},
  [COL_ADDRESS] = {"address", "TEXT", NULL, "address; link-local IPv6 with %interface; MAC as lowercase hex", 0},
  [COL_NETMASK] = {"netmask", "TEXT", NULL, "netmask as an address (IPv6 too: ffff:ffff:ffff:ffff::)", 0},
  [COL_BROADCAST] = {"broadcast", "TEXT", NULL, "broadcast address, for broadcast interfaces only", 0},
  [COL_PTP] = {"ptp", "TEXT", NULL, "peer address, for point-to-point interfaces only", 0},
};

typedef struct net_if_addrs_state {
  psv_if_addrs *list;
  psv_if_addr addr;
} net_if_addrs_state;

static int net_if_addrs_begin(void *state, psv_scan *scan) {
  net_if_addrs_state *st = state;
  int err = psv_if_addrs_open(scan->os, &st->list);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static void set_optional(psv_value *v, const char *s) {
  if (s[0]) psv_set_text(v, s, strlen(s));
}

static int net_if_addrs_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  net_if_addrs_state *st = state;
  psv_if_addr *a = &st->addr;
  if (!psv_if_addrs_next(st->list, a)) return PSV_EOF;
  psv_set_bytes(&row[COL_INTERFACE], a->interface, strlen(a->interface));
  psv_set_text(&row[COL_FAMILY], a->family, strlen(a->family));
  psv_set_bytes(&row[COL_ADDRESS], a->address, strlen(a->address));
  set_optional(&row[COL_NETMASK], a->netmask);
  set_optional(&row[COL_BROADCAST], a->broadcast);
  set_optional(&row[COL_PTP], a->ptp);
  return PSV_ROW;
}

static void net_if_addrs_end(void *state) {
  net_if_addrs_state *st = state;
  psv_if_addrs_close(st->list);
  st->list = NULL;
}

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_BROADCAST] = "linux",
  [COL_PTP] = "linux",
};

const psv_table psv_table_net_if_addrs = {
  .name = "net_if_addrs",
  .doc = "one row per network interface address",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_NET_ADDRS,
  .full_scan_rows = 20,
  .state_size = sizeof(net_if_addrs_state),
  .begin = net_if_addrs_begin,
  .next = net_if_addrs_next,
  .end = net_if_addrs_end,
};
