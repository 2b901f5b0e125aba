/*
** disk_usage.c — psutil's disk_usage(path): one row per mountpoint of
** disk_partitions, or, called as a function, for any path.
**
**   SELECT * FROM disk_usage;             -- every mountpoint of disk_partitions
**   SELECT * FROM disk_usage('/var');     -- the file system holding /var
*/
#include "common.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>

enum { COL_PATH, COL_TOTAL, COL_USED, COL_FREE, COL_PERCENT, COL_TARGET, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_PATH] = {"path", "TEXT", NULL, "the mountpoint, or the path given as argument", 0},
  [COL_TOTAL] = {"total", "INTEGER", "bytes", "size of the file system", 0},
  [COL_USED] = {"used", "INTEGER", "bytes", "space in use (the administrator's reserve counted)", 0},
  [COL_FREE] = {"free", "INTEGER", "bytes",
    "space left to unprivileged users (the administrator's reserve not counted)", 0},
  [COL_PERCENT] = {"percent", "REAL", "percent", "used / (used + free), rounded to 0.1", 0},
  [COL_TARGET] = {"target", "TEXT", NULL,
    "argument: the path to measure, disk_usage('/var'); without it every mountpoint of disk_partitions", 0},
};

typedef struct usage_state {
  psv_mounts *mounts;   /* a scan of the mountpoints */
  int one_done;         /* the function form: its one row was given */
  char *path;           /* its argument's bytes */
} usage_state;

static void set_usage(psv_value *row, const psv_disk_usage *u) {
  psv_set_int(&row[COL_TOTAL], (int64_t)u->total);
  psv_set_int(&row[COL_USED], (int64_t)u->used);
  psv_set_int(&row[COL_FREE], (int64_t)u->free);
  psv_set_real(&row[COL_PERCENT], u->percent);
}

static int usage_begin(void *state, psv_scan *scan) {
  usage_state *st = state;
  st->one_done = 0;
  if (psv_arg_given(scan, 0)) return PSV_ROW;
  int err = psv_mounts_open(scan->os, 0, &st->mounts);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

/* disk_usage(PATH): one row, or an error naming the path. PATH is text
** in the escaped form of text.h, as disk_partitions gives mountpoints:
** its bytes are the path. */
static int usage_of_argument(usage_state *st, psv_scan *scan, psv_value *row) {
  const psv_value *v = &scan->args[0];
  if (st->one_done) return PSV_EOF;
  st->one_done = 1;
  size_t n = 0;
  if (v->type == PSV_TEXT) {
    psv_free(st->path);
    if (!(st->path = psv_malloc(v->n + 1))) return PSV_NOMEM;
    n = psv_text_decode(st->path, v->s, v->n);
    st->path[n] = '\0';
  }
  if (n == 0 || memchr(st->path, 0, n)) {
    snprintf(scan->err, scan->err_size, "the argument must be a path (non-empty text)");
    return PSV_ERROR;
  }
  psv_disk_usage u;
  int err = psv_disk_usage_of(scan->os, st->path, &u);
  if (err) return psv_scan_fail(scan, err, "cannot measure", v->s);
  psv_set_bytes(&row[COL_PATH], st->path, n);
  set_usage(row, &u);
  return PSV_ROW;
}

static int usage_next(void *state, psv_scan *scan, psv_value *row) {
  usage_state *st = state;
  if (psv_arg_given(scan, 0)) return usage_of_argument(st, scan, row);
  psv_mount m;
  while (psv_mounts_next(st->mounts, &m)) {
    psv_disk_usage u;
    int err = psv_disk_usage_of(scan->os, m.mountpoint, &u);
    /* unmounted since the list was read: no row */
    if (err == ENOENT || err == ENOTDIR) continue;
    if (err == ENOMEM) return PSV_NOMEM;
    psv_set_bytes(&row[COL_PATH], m.mountpoint, m.mountpoint_len);
    if (!err) set_usage(row, &u);   /* one we may not look into: NULLs */
    return PSV_ROW;
  }
  return PSV_EOF;
}

static void usage_end(void *state) {
  usage_state *st = state;
  psv_mounts_close(st->mounts);
  st->mounts = NULL;
  psv_free(st->path);
  st->path = NULL;
}

const psv_table psv_table_disk_usage = {
  .name = "disk_usage",
  .doc = "one row per mountpoint, or for the path given: space used and free",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .arguments = (uint64_t)1 << COL_TARGET,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_MOUNTS,
  .full_scan_rows = 20,
  .state_size = sizeof(usage_state),
  .begin = usage_begin,
  .next = usage_next,
  .end = usage_end,
};
