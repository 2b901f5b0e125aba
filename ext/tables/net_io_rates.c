/*
** net_io_rates.c — network traffic per second over an interval: the
** table-valued function net_io_rates(SECONDS) reads the interfaces'
** counters, waits, reads them again and gives each one's growth, per
** second.
**
**   SELECT interface, bytes_recv_per_sec, bytes_sent_per_sec FROM net_io_rates(1);
*/
#include "common.h"

enum {
  COL_INTERFACE, COL_BYTES_SENT_PS, COL_BYTES_RECV_PS, COL_PACKETS_SENT_PS,
  COL_PACKETS_RECV_PS, COL_BYTES_SENT, COL_BYTES_RECV, COL_PACKETS_SENT,
  COL_PACKETS_RECV, COL_ELAPSED, COL_INTERVAL, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_INTERFACE] = {"interface", "TEXT", NULL, "interface name", 0},
  [COL_BYTES_SENT_PS] = {"bytes_sent_per_sec", "REAL", "bytes/s", "bytes_sent / elapsed", 0},
  [COL_BYTES_RECV_PS] = {"bytes_recv_per_sec", "REAL", "bytes/s", "bytes_recv / elapsed", 0},
  [COL_PACKETS_SENT_PS] = {"packets_sent_per_sec", "REAL", "1/s", "packets_sent / elapsed", 0},
  [COL_PACKETS_RECV_PS] = {"packets_recv_per_sec", "REAL", "1/s", "packets_recv / elapsed", 0},
  [COL_BYTES_SENT] = {"bytes_sent", "INTEGER", "bytes", "bytes sent during the interval", 0},
  [COL_BYTES_RECV] = {"bytes_recv", "INTEGER", "bytes", "bytes received during the interval", 0},
  [COL_PACKETS_SENT] = {"packets_sent", "INTEGER", NULL, "packets sent during the interval", 0},
  [COL_PACKETS_RECV] = {"packets_recv", "INTEGER", NULL, "packets received during the interval", 0},
  [COL_ELAPSED] = {"elapsed", "REAL", "seconds", "time measured between the two reads", 0},
  [COL_INTERVAL] = {"interval", "REAL", "seconds",
    "argument: seconds to sample over, more than 0 and at most 60 (required)", 0},
};

typedef struct rates_state {
  const psv_samples *first;   /* the statement's, in scan->first */
  psv_if_io_list *list;       /* the second read */
  psv_if_io cur;              /* its current interface: the row's name */
  double elapsed;
} rates_state;

/* In the columns' order: sent before received. */
static void counters(const psv_if_io *d, uint64_t v[4]) {
  v[0] = d->bytes_sent;
  v[1] = d->bytes_recv;
  v[2] = d->packets_sent;
  v[3] = d->packets_recv;
}

/* The first read: every interface's counters, by name. */
static int read_first(void *sample, psv_scan *scan) {
  psv_samples *first = sample;
  psv_if_io_list *list;
  int err = psv_if_io_open(scan->os, &list);
  if (err) return psv_os_fail(scan, err);
  first->at = psv_monotonic();   /* the counters are read at open */
  psv_if_io d;
  while (!err && psv_if_io_next(list, &d)) {
    uint64_t v[4];
    counters(&d, v);
    err = psv_samples_add(first, d.name, 0, v, 4);
  }
  psv_if_io_close(list);
  psv_samples_sort(first);
  return err ? PSV_NOMEM : PSV_ROW;
}

static int rates_first_sample(psv_scan *scan, void **sample) {
  return psv_first_take(scan, sizeof(psv_samples), read_first, psv_samples_release, sample);
}

static int rates_begin(void *state, psv_scan *scan) {
  rates_state *st = state;
  const psv_samples *first = scan->first;
  double interval;
  st->first = first;
  int rc = psv_scan_interval(scan, 0, "net_io_rates", &interval);
  if (rc == PSV_ROW) rc = psv_scan_wait(scan, first->at + interval);
  if (rc != PSV_ROW) return rc;
  int err = psv_if_io_open(scan->os, &st->list);
  st->elapsed = psv_monotonic() - first->at;
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int rates_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  rates_state *st = state;
  while (psv_if_io_next(st->list, &st->cur)) {
    const psv_sample *before = psv_samples_find(st->first, st->cur.name);
    if (!before) continue;   /* appeared during the interval */
    uint64_t after[4];
    counters(&st->cur, after);
    psv_set_bytes(&row[COL_INTERFACE], st->cur.name, strlen(st->cur.name));
    for (int i = 0; i < 4; i++) {
      psv_set_int(&row[COL_BYTES_SENT + i], (int64_t)psv_delta(before->v[i], after[i]));
      psv_set_real(&row[COL_BYTES_SENT_PS + i], psv_rate(before->v[i], after[i], st->elapsed));
    }
    psv_set_real(&row[COL_ELAPSED], st->elapsed);
    return PSV_ROW;
  }
  return PSV_EOF;
}

static void rates_end(void *state) {
  rates_state *st = state;
  psv_if_io_close(st->list);
  st->list = NULL;
  st->first = NULL;
}

const psv_table psv_table_net_io_rates = {
  .name = "net_io_rates",
  .doc = "net_io_rates(SECONDS): one row per network interface: traffic per second over the interval",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .arguments = (uint64_t)1 << COL_INTERVAL,
  .flags = PSV_TABLE_SAMPLING,
  .kinds = PSV_KIND_NET_IO,
  .full_scan_rows = 10,
  .state_size = sizeof(rates_state),
  .begin = rates_begin,
  .next = rates_next,
  .end = rates_end,
  .first = rates_first_sample,
  .free_first = psv_samples_release,
};
