/*
** disk_io.c — one row per disk and partition: psutil's
** disk_io_counters(perdisk=True), with the fields newer kernels add.
**
**   SELECT disk, read_bytes, write_bytes, busy_time FROM disk_io;
**   SELECT sum(read_bytes) FROM disk_io WHERE NOT is_partition;  -- perdisk=False
*/
#include "common.h"

enum {
  COL_DISK, COL_READ_COUNT, COL_WRITE_COUNT, COL_READ_BYTES, COL_WRITE_BYTES,
  COL_READ_TIME, COL_WRITE_TIME, COL_READ_MERGED, COL_WRITE_MERGED,
  COL_BUSY_TIME, COL_IN_FLIGHT, COL_DISCARD_COUNT, COL_DISCARD_MERGED,
  COL_DISCARD_BYTES, COL_DISCARD_TIME, COL_FLUSH_COUNT, COL_FLUSH_TIME,
  COL_IS_PARTITION, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_DISK] = {"disk", "TEXT", NULL, "device name (sda, nvme0n1p1, cciss/c0d0; PhysicalDrive0 on Windows)", 0},
  [COL_READ_COUNT] = {"read_count", "INTEGER", NULL, "reads completed", 0},
  [COL_WRITE_COUNT] = {"write_count", "INTEGER", NULL, "writes completed", 0},
  [COL_READ_BYTES] = {"read_bytes", "INTEGER", "bytes", "bytes read", 0},
  [COL_WRITE_BYTES] = {"write_bytes", "INTEGER", "bytes", "bytes written", 0},
  [COL_READ_TIME] = {"read_time", "INTEGER", "milliseconds", "time spent reading", 0},
  [COL_WRITE_TIME] = {"write_time", "INTEGER", "milliseconds", "time spent writing", 0},
  [COL_READ_MERGED] = {"read_merged_count", "INTEGER", NULL, "reads merged with adjacent ones", 0},
  [COL_WRITE_MERGED] = {"write_merged_count", "INTEGER", NULL, "writes merged with adjacent ones", 0},
  [COL_BUSY_TIME] = {"busy_time", "INTEGER", "milliseconds", "time the device had I/O in flight", 0},
  [COL_IN_FLIGHT] = {"in_flight", "INTEGER", NULL, "I/Os in progress now", 0},
  [COL_DISCARD_COUNT] = {"discard_count", "INTEGER", NULL, "discards completed (Linux 4.18+)", 0},
  [COL_DISCARD_MERGED] = {"discard_merged_count", "INTEGER", NULL, "discards merged (Linux 4.18+)", 0},
  [COL_DISCARD_BYTES] = {"discard_bytes", "INTEGER", "bytes", "bytes discarded (Linux 4.18+)", 0},
  [COL_DISCARD_TIME] = {"discard_time", "INTEGER", "milliseconds", "time spent discarding (Linux 4.18+)", 0},
  [COL_FLUSH_COUNT] = {"flush_count", "INTEGER", NULL, "flush requests completed (Linux 5.5+)", 0},
  [COL_FLUSH_TIME] = {"flush_time", "INTEGER", "milliseconds", "time spent flushing (Linux 5.5+)", 0},
  [COL_IS_PARTITION] = {"is_partition", "INTEGER", NULL,
    "1 for a partition, 0 for a whole device; NULL when not known", 0},
};

typedef struct disk_io_state { psv_disks *disks; psv_disk d; } disk_io_state;

static int disk_io_begin(void *state, psv_scan *scan) {
  disk_io_state *st = state;
  int err = psv_disks_open(scan->os, &st->disks);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static void set_ints(psv_value *row, int first, const uint64_t *v, int n) {
  for (int i = 0; i < n; i++) psv_set_int(&row[first + i], (int64_t)v[i]);
}

static int disk_io_next(void *state, psv_scan *scan, psv_value *row) {
  disk_io_state *st = state;
  int rc = psv_disks_next(st->disks, &st->d);
  if (rc < 0) return psv_os_fail(scan, -rc);
  if (rc == 0) return PSV_EOF;
  const psv_disk *d = &st->d;
  psv_set_bytes(&row[COL_DISK], d->name, strlen(d->name));
  const uint64_t base[] = { d->read_count, d->write_count, d->read_bytes, d->write_bytes };
  set_ints(row, COL_READ_COUNT, base, 4);
  if (d->have & (PSV_DISK_TIMES | PSV_DISK_RW_TIMES)) {
    const uint64_t rw[] = { d->read_time, d->write_time };
    set_ints(row, COL_READ_TIME, rw, 2);
  }
  if (d->have & PSV_DISK_TIMES) {
    const uint64_t times[] = { d->read_merged_count, d->write_merged_count, d->busy_time, d->in_flight };
    set_ints(row, COL_READ_MERGED, times, 4);
  }
  if (d->have & PSV_DISK_DISCARDS) {
    const uint64_t discard[] = { d->discard_count, d->discard_merged_count, d->discard_bytes, d->discard_time };
    set_ints(row, COL_DISCARD_COUNT, discard, 4);
  }
  if (d->have & PSV_DISK_FLUSHES) {
    const uint64_t flush[] = { d->flush_count, d->flush_time };
    set_ints(row, COL_FLUSH_COUNT, flush, 2);
  }
  if (d->is_partition >= 0) psv_set_int(&row[COL_IS_PARTITION], d->is_partition);
  return PSV_ROW;
}

static void disk_io_end(void *state) {
  disk_io_state *st = state;
  psv_disks_close(st->disks);
  st->disks = NULL;
}

/* What Windows' IOCTL_DISK_PERFORMANCE does not give (psutil's Windows
** disk_io_counters() has the first six): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_READ_MERGED] = "linux", [COL_WRITE_MERGED] = "linux", [COL_BUSY_TIME] = "linux",
  [COL_IN_FLIGHT] = "linux", [COL_DISCARD_COUNT] = "linux", [COL_DISCARD_MERGED] = "linux",
  [COL_DISCARD_BYTES] = "linux", [COL_DISCARD_TIME] = "linux", [COL_FLUSH_COUNT] = "linux",
  [COL_FLUSH_TIME] = "linux",
};

const psv_table psv_table_disk_io = {
  .name = "disk_io",
  .doc = "one row per disk and partition: I/O counters",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_DISKS,
  .full_scan_rows = 20,
  .state_size = sizeof(disk_io_state),
  .begin = disk_io_begin,
  .next = disk_io_next,
  .end = disk_io_end,
};
