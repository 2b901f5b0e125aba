/*
** osquery_mounts.c — osquery's mounts: every mount of the caller's mount
** namespace, with what statfs says of its file system.
**
**   SELECT path, type, blocks_size * blocks_available AS free_bytes
**   FROM mounts WHERE type IN ('ext4', 'xfs');
*/
#include "osquery.h"

enum {
  COL_DEVICE, COL_DEVICE_ALIAS, COL_PATH, COL_TYPE, COL_BLOCKS_SIZE, COL_BLOCKS,
  COL_BLOCKS_FREE, COL_BLOCKS_AVAILABLE, COL_INODES, COL_INODES_FREE, COL_FLAGS, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_DEVICE] = {"device", "TEXT", NULL, "the mounted device or source, as mounted ('none', 'proc', '/dev/sda1')", 0},
  [COL_DEVICE_ALIAS] = {"device_alias", "TEXT", NULL,
    "device with its symbolic links resolved (realpath); device itself when it is no path", 0},
  [COL_PATH] = {"path", "TEXT", NULL, "the mount point", 0},
  [COL_TYPE] = {"type", "TEXT", NULL, "file system type", 0},
  [COL_BLOCKS_SIZE] = {"blocks_size", "BIGINT", "bytes", "block size", 0},
  [COL_BLOCKS] = {"blocks", "BIGINT", NULL, "blocks in all; 0 when the sizes could not be read or were not asked (an automounter's mount point)", 0},
  [COL_BLOCKS_FREE] = {"blocks_free", "BIGINT", NULL, "free blocks, root's reserve included", 0},
  [COL_BLOCKS_AVAILABLE] = {"blocks_available", "BIGINT", NULL, "free blocks other users may use", 0},
  [COL_INODES] = {"inodes", "BIGINT", NULL, "inodes in all", 0},
  [COL_INODES_FREE] = {"inodes_free", "BIGINT", NULL, "free inodes", 0},
  [COL_FLAGS] = {"flags", "TEXT", NULL, "mount options, comma-separated", 0},
};

static int mounts_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, psv_fs_mounts_open);
}

static int mounts_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_fs_mount m;
  if (!psv_fs_mount_next(st->records, &m)) return PSV_EOF;
  psv_set_str(&row[COL_DEVICE], m.device);
  psv_set_str(&row[COL_DEVICE_ALIAS], m.device_alias);
  psv_set_str(&row[COL_PATH], m.path);
  psv_set_str(&row[COL_TYPE], m.type);
  psv_set_str(&row[COL_FLAGS], m.flags);
  /* osquery's 0s where statfs gave nothing */
  psv_set_int(&row[COL_BLOCKS_SIZE], (int64_t)m.block_size);
  psv_set_int(&row[COL_BLOCKS], (int64_t)m.blocks);
  psv_set_int(&row[COL_BLOCKS_FREE], (int64_t)m.blocks_free);
  psv_set_int(&row[COL_BLOCKS_AVAILABLE], (int64_t)m.blocks_available);
  psv_set_int(&row[COL_INODES], (int64_t)m.inodes);
  psv_set_int(&row[COL_INODES_FREE], (int64_t)m.inodes_free);
  return PSV_ROW;
}

const psv_table psv_table_osquery_mounts = {
  .name = "osquery_mounts",
  .platforms = "linux",
  .doc = "osquery's mounts: every mount, with statfs's numbers",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_MOUNTS,
  .full_scan_rows = 30,
  .state_size = sizeof(psv_records_state),
  .begin = mounts_begin,
  .next = mounts_next,
  .end = psv_records_end,
};
