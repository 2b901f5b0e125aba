/*
** disk_partitions.c — one row per mounted file system: psutil's
** disk_partitions(all=False), or every mount with the `all` argument.
**
**   SELECT * FROM disk_partitions;       -- devices with a physical file system
**   SELECT * FROM disk_partitions(1);    -- every mount (proc, tmpfs, ...)
*/
#include "common.h"

#include <stdio.h>

enum { COL_DEVICE, COL_MOUNTPOINT, COL_FSTYPE, COL_OPTS, COL_ALL, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_DEVICE] = {"device", "TEXT", NULL, "device path or name as mounted ('' for none)", 0},
  [COL_MOUNTPOINT] = {"mountpoint", "TEXT", NULL, "where it is mounted", 0},
  [COL_FSTYPE] = {"fstype", "TEXT", NULL, "file system type (ext4, xfs, tmpfs, ...)", 0},
  [COL_OPTS] = {"opts", "TEXT", NULL, "mount options, comma-separated", 0},
  [COL_ALL] = {"all", "INTEGER", NULL,
    "argument: 1 lists every mount, 0 (the default) only devices with a physical file system", 0},
};

typedef struct partitions_state { psv_mounts *mounts; int all; } partitions_state;

/* The `all` argument: absent or NULL is psutil's default, all=False. */
static int all_argument(psv_scan *scan, int *all) {
  const psv_value *v = &scan->args[0];
  *all = 0;
  if (!psv_arg_given(scan, 0) || v->type == PSV_NULL) return PSV_ROW;
  if ((v->type == PSV_INT && (v->i == 0 || v->i == 1)) ||
      (v->type == PSV_REAL && (v->r == 0 || v->r == 1))) {
    *all = v->type == PSV_INT ? (int)v->i : v->r == 1;
    return PSV_ROW;
  }
  snprintf(scan->err, scan->err_size, "argument all must be 0 or 1");
  return PSV_ERROR;
}

static int partitions_begin(void *state, psv_scan *scan) {
  partitions_state *st = state;
  int rc = all_argument(scan, &st->all);
  if (rc != PSV_ROW) return rc;
  int err = psv_mounts_open(scan->os, st->all, &st->mounts);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int partitions_next(void *state, psv_scan *scan, psv_value *row) {
  partitions_state *st = state;
  psv_mount m;
  if (!psv_mounts_next(st->mounts, &m)) return PSV_EOF;
  psv_set_bytes(&row[COL_DEVICE], m.device, m.device_len);
  psv_set_bytes(&row[COL_MOUNTPOINT], m.mountpoint, m.mountpoint_len);
  psv_set_bytes(&row[COL_FSTYPE], m.fstype, m.fstype_len);
  psv_set_bytes(&row[COL_OPTS], m.opts, m.opts_len);
  psv_set_int(&row[COL_ALL], st->all);   /* the default shows as 0 */
  (void)scan;
  return PSV_ROW;
}

static void partitions_end(void *state) {
  partitions_state *st = state;
  psv_mounts_close(st->mounts);
  st->mounts = NULL;
}

const psv_table psv_table_disk_partitions = {
  .name = "disk_partitions",
  .doc = "one row per mounted file system",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .arguments = (uint64_t)1 << COL_ALL,
  .flags = 0,
  .kinds = PSV_KIND_MOUNTS,
  .full_scan_rows = 20,
  .state_size = sizeof(partitions_state),
  .begin = partitions_begin,
  .next = partitions_next,
  .end = partitions_end,
};
