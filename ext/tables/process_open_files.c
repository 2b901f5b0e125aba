/*
** process_open_files.c — one row per regular file a process holds open:
** psutil's Process.open_files().
**
**   SELECT pid, fd, path, mode FROM process_open_files WHERE path LIKE '/var/log/%';
**
** A descriptor is a row when it holds a regular file (the open file itself
** is looked at, not the file its path names now). Unlike psutil, which
** stats the path, a file deleted while open stays a row (deleted = 1): "who
** holds the deleted log that fills the disk?". So does a file at a path
** longer than the kernel prints (PATH_MAX), which psutil passes over: its
** path is NULL.
*/
#include "common.h"

enum {
  COL_PID, COL_CREATE_TIME, COL_FD, COL_PATH, COL_DELETED, COL_POSITION, COL_MODE, COL_FLAGS, N_COLUMNS
};

#define POSITION 1u   /* position, mode and flags: a read more per file */
#define IDENT 2u      /* the process's create_time */

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(IDENT),
  [COL_FD] = {"fd", "INTEGER", NULL, "file descriptor number", 0},
  [COL_PATH] = {"path", "TEXT", NULL,
    "path of the file, without the kernel's \" (deleted)\" mark; NULL when longer than the kernel prints (PATH_MAX, 4096 bytes)", 0},
  [COL_DELETED] = {"deleted", "INTEGER", NULL, "1 when the file was deleted while open, else 0", 0},
  [COL_POSITION] = {"position", "INTEGER", "bytes", "file offset", POSITION},
  [COL_MODE] = {"mode", "TEXT", NULL, "psutil's mode from the flags: 'r', 'w', 'a', 'r+' or 'a+'", POSITION},
  [COL_FLAGS] = {"flags", "INTEGER", NULL, "the flags the file was opened with (open(2)'s)", POSITION},
};

typedef struct open_files_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_open_files *files;   /* of the current process; NULL between processes */
} open_files_state;

static int open_files_begin(void *state, psv_scan *scan) {
  open_files_state *st = state;
  st->walk.open_always = 1;
  return psv_proc_walk_begin(&st->walk, scan);
}

static void fill_row(open_files_state *st, const psv_open_file *f, psv_value *row) {
  psv_set_int(&row[COL_PID], st->walk.pid);
  psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
  psv_set_int(&row[COL_FD], f->fd);
  if (f->path) psv_set_bytes(&row[COL_PATH], f->path, f->path_len);
  psv_set_int(&row[COL_DELETED], f->deleted);
  if (f->have & PSV_FILE_POSITION) {
    psv_set_int(&row[COL_POSITION], f->position);
    if (f->mode) psv_set_text(&row[COL_MODE], f->mode, strlen(f->mode));
    psv_set_int(&row[COL_FLAGS], (int64_t)f->flags);
  }
}

static int open_files_next(void *state, psv_scan *scan, psv_value *row) {
  open_files_state *st = state;
  unsigned want = (scan->sources & POSITION) ? PSV_FILE_POSITION : 0;
  for (;;) {
    if (st->files) {
      psv_open_file f;
      int rc = psv_open_files_next(st->files, want, &f);
      if (rc > 0) {
        fill_row(st, &f, row);
        return PSV_ROW;
      }
      if (rc < 0) return psv_os_fail(scan, -rc);
      psv_open_files_close(st->files);
      st->files = NULL;
    }
    uint64_t facts = (scan->sources & IDENT) ? PSV_PROC_CREATE_TIME : 0;
    int rc = psv_proc_walk_next(&st->walk, scan, facts, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_open_files_open(st->walk.proc, &st->files);
    /* gone, or not ours to see (EACCES): no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void open_files_end(void *state) {
  open_files_state *st = state;
  psv_open_files_close(st->files);
  st->files = NULL;
  psv_proc_walk_end(&st->walk);
}

static void open_files_destroy(void *state) {
  open_files_end(state);
  psv_proc_walk_destroy(&((open_files_state *)state)->walk);
}

const psv_table psv_table_process_open_files = {
  .name = "process_open_files",
  .platforms = "linux",
  .doc = "one row per regular file a process holds open",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 2000,
  .state_size = sizeof(open_files_state),
  .begin = open_files_begin,
  .next = open_files_next,
  .end = open_files_end,
  .destroy = open_files_destroy,
};
