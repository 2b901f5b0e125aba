/*
** osquery_etc_hosts.c — osquery's etc_hosts: one row per address line of
** /etc/hosts (comments left out).
**
**   SELECT * FROM etc_hosts WHERE hostnames LIKE '%localhost%';
**   CREATE VIRTUAL TABLE temp.h USING osquery_etc_hosts(etc='/srv/root/etc');
*/
#include "osquery.h"

enum { COL_ADDRESS, COL_HOSTNAMES, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_ADDRESS] = {"address", "TEXT", NULL, "the address, as the line spells it", 0},
  [COL_HOSTNAMES] = {"hostnames", "TEXT", NULL,
    "its names, joined by single spaces, up to a comment; NULL when the line has none", 0},
};

static int hosts_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, psv_hosts_open);
}

static int hosts_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_host_entry e;
  if (!psv_host_entry_next(st->records, &e)) return PSV_EOF;
  psv_set_str(&row[COL_ADDRESS], e.address);
  if (e.has_hostnames) psv_set_str(&row[COL_HOSTNAMES], e.hostnames);
  return PSV_ROW;
}

const psv_table psv_table_osquery_etc_hosts = {
  .name = "osquery_etc_hosts",
  .platforms = "linux",
  .doc = "osquery's etc_hosts: the address lines of the hosts file",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CONFIG,
  .full_scan_rows = 10,
  .state_size = sizeof(psv_records_state),
  .begin = hosts_begin,
  .next = hosts_next,
  .end = psv_records_end,
};
