/*
** osquery_arp_cache.c — osquery's arp_cache: the IPv4 neighbours of the
** caller's network namespace, one row per entry of /proc/net/arp.
**
**   SELECT address, mac, interface FROM arp_cache WHERE permanent = '1';
*/
#include "osquery.h"

enum { COL_ADDRESS, COL_MAC, COL_INTERFACE, COL_PERMANENT, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_ADDRESS] = {"address", "TEXT", NULL, "IPv4 address", 0},
  [COL_MAC] = {"mac", "TEXT", NULL, "its hardware address (00:00:00:00:00:00 while unresolved)", 0},
  [COL_INTERFACE] = {"interface", "TEXT", NULL, "the interface it was seen on", 0},
  [COL_PERMANENT] = {"permanent", "TEXT", NULL, "'1' for a static entry, else '0' (text, as osquery's)", 0},
};

static int arp_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, psv_arp_cache_open);
}

static int arp_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_arp_entry e;
  if (!psv_arp_entry_next(st->records, &e)) return PSV_EOF;
  psv_set_str(&row[COL_ADDRESS], e.address);
  psv_set_str(&row[COL_MAC], e.mac);
  psv_set_str(&row[COL_INTERFACE], e.interface);
  psv_set_const(&row[COL_PERMANENT], e.permanent ? "1" : "0");
  return PSV_ROW;
}

const psv_table psv_table_osquery_arp_cache = {
  .name = "osquery_arp_cache",
  .platforms = "linux",
  .doc = "osquery's arp_cache: the IPv4 address resolution cache",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_NEIGHBORS,
  .full_scan_rows = 20,
  .state_size = sizeof(psv_records_state),
  .begin = arp_begin,
  .next = arp_next,
  .end = psv_records_end,
};
