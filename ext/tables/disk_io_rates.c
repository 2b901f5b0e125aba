/*
** disk_io_rates.c — disk I/O per second over an interval: the
** table-valued function disk_io_rates(SECONDS) reads the disks' counters,
** waits, reads them again and gives each device's growth, per second.
**
**   SELECT disk, read_bytes_per_sec, write_bytes_per_sec, busy_percent
**   FROM disk_io_rates(1) WHERE NOT is_partition;
*/
#include "common.h"

#include <errno.h>

enum {
  COL_DISK, COL_READ_BPS, COL_WRITE_BPS, COL_READ_CPS, COL_WRITE_CPS,
  COL_BUSY_PERCENT, COL_READ_BYTES, COL_WRITE_BYTES, COL_READ_COUNT,
  COL_WRITE_COUNT, COL_BUSY_TIME, COL_IS_PARTITION, COL_ELAPSED, COL_INTERVAL,
  N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_DISK] = {"disk", "TEXT", NULL, "device name, as disk_io's", 0},
  [COL_READ_BPS] = {"read_bytes_per_sec", "REAL", "bytes/s", "read_bytes / elapsed", 0},
  [COL_WRITE_BPS] = {"write_bytes_per_sec", "REAL", "bytes/s", "write_bytes / elapsed", 0},
  [COL_READ_CPS] = {"read_count_per_sec", "REAL", "1/s", "reads completed per second: read_count / elapsed", 0},
  [COL_WRITE_CPS] = {"write_count_per_sec", "REAL", "1/s", "writes completed per second: write_count / elapsed", 0},
  [COL_BUSY_PERCENT] = {"busy_percent", "REAL", "percent",
    "utilization: busy_time / elapsed, rounded to 0.1, at most 100; NULL when the kernel gives no busy time", 0},
  [COL_READ_BYTES] = {"read_bytes", "INTEGER", "bytes", "bytes read during the interval", 0},
  [COL_WRITE_BYTES] = {"write_bytes", "INTEGER", "bytes", "bytes written during the interval", 0},
  [COL_READ_COUNT] = {"read_count", "INTEGER", NULL, "reads completed during the interval", 0},
  [COL_WRITE_COUNT] = {"write_count", "INTEGER", NULL, "writes completed during the interval", 0},
  [COL_BUSY_TIME] = {"busy_time", "INTEGER", "milliseconds", "time with I/O in flight during the interval", 0},
  [COL_IS_PARTITION] = {"is_partition", "INTEGER", NULL, "1 for a partition, 0 for a whole device", 0},
  [COL_ELAPSED] = {"elapsed", "REAL", "seconds", "time measured between the two reads", 0},
  [COL_INTERVAL] = {"interval", "REAL", "seconds",
    "argument: seconds to sample over, more than 0 and at most 60 (required)", 0},
};

/* The counters kept from the first read, in this order. */
enum { V_READ_BYTES, V_WRITE_BYTES, V_READS, V_WRITES, V_BUSY_MS, N_V };
#define HAS_BUSY 1u

typedef struct rates_state {
  const psv_samples *first;   /* the statement's, in scan->first */
  psv_disks *disks;           /* the second read */
  psv_disk d;
  double elapsed;
} rates_state;

static void counters(const psv_disk *d, uint64_t v[N_V]) {
  v[V_READ_BYTES] = d->read_bytes;
  v[V_WRITE_BYTES] = d->write_bytes;
  v[V_READS] = d->read_count;
  v[V_WRITES] = d->write_count;
  v[V_BUSY_MS] = d->busy_time;
}

static int open_disks(psv_scan *scan, psv_disks **disks) {
  int err = psv_disks_open(scan->os, disks);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

/* The first read: every device's counters, by name. */
static int read_first(void *sample, psv_scan *scan) {
  psv_samples *first = sample;
  psv_disks *disks;
  psv_disk d;
  int rc = open_disks(scan, &disks);
  if (rc != PSV_ROW) return rc;
  first->at = psv_monotonic();   /* the counters are read at open */
  int got;
  while ((got = psv_disks_next(disks, &d)) > 0) {
    uint64_t v[N_V];
    counters(&d, v);
    unsigned has = (d.have & PSV_DISK_TIMES) ? HAS_BUSY : 0;
    if (psv_samples_add(first, d.name, has, v, N_V)) got = -ENOMEM;
    if (got < 0) break;
  }
  psv_disks_close(disks);
  if (got < 0) return psv_os_fail(scan, -got);
  psv_samples_sort(first);
  return PSV_ROW;
}

static int rates_first_sample(psv_scan *scan, void **sample) {
  return psv_first_take(scan, sizeof(psv_samples), read_first, psv_samples_release, sample);
}

static int rates_begin(void *state, psv_scan *scan) {
  rates_state *st = state;
  const psv_samples *first = scan->first;
  double interval;
  st->first = first;
  int rc = psv_scan_interval(scan, 0, "disk_io_rates", &interval);
  if (rc == PSV_ROW) rc = psv_scan_wait(scan, first->at + interval);
  if (rc != PSV_ROW) return rc;
  rc = open_disks(scan, &st->disks);
  st->elapsed = psv_monotonic() - first->at;
  return rc;
}

static void set_rate(psv_value *row, int rate_col, int delta_col, uint64_t before,
                     uint64_t after, double elapsed) {
  psv_set_int(&row[delta_col], (int64_t)psv_delta(before, after));
  psv_set_real(&row[rate_col], psv_rate(before, after, elapsed));
}

static void set_busy(psv_value *row, uint64_t before, uint64_t after, double elapsed) {
  uint64_t busy_ms = psv_delta(before, after);
  double pct = psv_percent_1((double)busy_ms, elapsed * 1000.0);
  /* busy_time ticks in whole milliseconds on the kernel's clock: a
  ** sample can hold a tick more than our clock saw */
  psv_set_int(&row[COL_BUSY_TIME], (int64_t)busy_ms);
  psv_set_real(&row[COL_BUSY_PERCENT], pct > 100.0 ? 100.0 : pct);
}

static int rates_next(void *state, psv_scan *scan, psv_value *row) {
  rates_state *st = state;
  for (;;) {
    int got = psv_disks_next(st->disks, &st->d);
    if (got < 0) return psv_os_fail(scan, -got);
    if (got == 0) return PSV_EOF;
    const psv_sample *before = psv_samples_find(st->first, st->d.name);
    if (!before) continue;   /* appeared during the interval */
    uint64_t after[N_V];
    counters(&st->d, after);
    const uint64_t *b = before->v;
    psv_set_bytes(&row[COL_DISK], st->d.name, strlen(st->d.name));
    set_rate(row, COL_READ_BPS, COL_READ_BYTES, b[V_READ_BYTES], after[V_READ_BYTES], st->elapsed);
    set_rate(row, COL_WRITE_BPS, COL_WRITE_BYTES, b[V_WRITE_BYTES], after[V_WRITE_BYTES], st->elapsed);
    set_rate(row, COL_READ_CPS, COL_READ_COUNT, b[V_READS], after[V_READS], st->elapsed);
    set_rate(row, COL_WRITE_CPS, COL_WRITE_COUNT, b[V_WRITES], after[V_WRITES], st->elapsed);
    if ((before->has & HAS_BUSY) && (st->d.have & PSV_DISK_TIMES)) {
      set_busy(row, b[V_BUSY_MS], after[V_BUSY_MS], st->elapsed);
    }
    if (st->d.is_partition >= 0) psv_set_int(&row[COL_IS_PARTITION], st->d.is_partition);
    psv_set_real(&row[COL_ELAPSED], st->elapsed);
    return PSV_ROW;
  }
}

static void rates_end(void *state) {
  rates_state *st = state;
  psv_disks_close(st->disks);
  st->disks = NULL;
  st->first = NULL;
}

/* Windows gives no busy time (disk_io's column notes): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_BUSY_PERCENT] = "linux", [COL_BUSY_TIME] = "linux",
};

const psv_table psv_table_disk_io_rates = {
  .name = "disk_io_rates",
  .doc = "disk_io_rates(SECONDS): one row per disk and partition: I/O per second over the interval",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .arguments = (uint64_t)1 << COL_INTERVAL,
  .flags = PSV_TABLE_SAMPLING,
  .kinds = PSV_KIND_DISKS,
  .full_scan_rows = 20,
  .state_size = sizeof(rates_state),
  .begin = rates_begin,
  .next = rates_next,
  .end = rates_end,
  .first = rates_first_sample,
  .free_first = psv_samples_release,
};
