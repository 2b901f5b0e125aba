/*
** process_open_files.c — one row per regular file a process holds open:
** psutil's Process.open_files().
**
**   SELECT pid, fd, path, mode FROM process_open_files WHERE path LIKE '/var/log/%';
**
** A descriptor is a row when its target is an absolute path and the open
** file itself (fstat through /proc/PID/fd/N) is a regular file. Unlike
** psutil, which stats the path, a file deleted while open stays a row
** (deleted = 1): "who holds the deleted log that fills the disk?". So does
** a file at a path longer than the kernel prints (PATH_MAX), which psutil
** passes over: its path is NULL.
*/
#include "common.h"

enum {
  COL_PID, COL_CREATE_TIME, COL_FD, COL_PATH, COL_DELETED, COL_POSITION, COL_MODE, COL_FLAGS, N_COLUMNS
};

#define INFO 1u    /* fdinfo/N: position and flags */
#define IDENT 2u   /* the process's stat: create_time */

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(IDENT),
  [COL_FD] = {"fd", "INTEGER", NULL, "file descriptor number", 0},
  [COL_PATH] = {"path", "TEXT", NULL,
    "path of the file, without the kernel's \" (deleted)\" mark; NULL when longer than the kernel prints (PATH_MAX, 4096 bytes)", 0},
  [COL_DELETED] = {"deleted", "INTEGER", NULL, "1 when the file was deleted while open, else 0", 0},
  [COL_POSITION] = {"position", "INTEGER", "bytes", "file offset (fdinfo pos)", INFO},
  [COL_MODE] = {"mode", "TEXT", NULL, "psutil's mode from the flags: 'r', 'w', 'a', 'r+' or 'a+'", INFO},
  [COL_FLAGS] = {"flags", "INTEGER", NULL, "open(2) flags (fdinfo flags, which the kernel prints in octal)", INFO},
};

typedef struct open_files_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_fd_list *fds;   /* of the current process; NULL between processes */
} open_files_state;

static int open_files_begin(void *state, psv_scan *scan) {
  open_files_state *st = state;
  st->walk.open_always = 1;
  return psv_proc_walk_begin(&st->walk, scan);
}

/* psutil's file_flags_to_mode: access mode, then O_APPEND turns the 'w'
** into 'a' ("w+" reads "r+"). */
static const char *mode_of_flags(uint64_t flags) {
  int append = (flags & 02000) != 0;   /* O_APPEND */
  switch (flags & 3) {                 /* O_ACCMODE */
    case 0: return "r";
    case 1: return append ? "a" : "w";
    case 2: return append ? "a+" : "r+";
  }
  return NULL;
}

/* The next descriptor of the current process that is a regular file. */
static int next_file(open_files_state *st, psv_scan *scan, int *fd, psv_fd_entry *e) {
  for (;;) {
    int rc = psv_fd_list_next(st->fds, fd);
    if (rc < 0) {   /* the listing failed midway: its rows so far stand */
      int fail = psv_proc_list_check(scan, -rc);
      return fail ? fail : PSV_EOF;
    }
    if (rc == 0) return PSV_EOF;
    memset(e, 0, sizeof *e);
    int err = psv_fd_read(st->fds, *fd, PSV_FD_LINK | PSV_FD_STAT, e);
    int is_file = !err && (e->have & PSV_FD_LINK) && (e->have & PSV_FD_STAT) && e->is_regular &&
                  (e->path_too_long || (e->target.len && e->target.path[0] == '/'));
    /* fdinfo only for the descriptors that are rows */
    if (is_file && (scan->sources & INFO)) err = psv_fd_read(st->fds, *fd, PSV_FD_INFO, e);
    if (err) {   /* closed meanwhile, or the system's trouble */
      int fail = psv_proc_list_check(scan, err);
      if (fail) return fail;
      continue;
    }
    if (is_file) return PSV_ROW;
  }
}

static int open_files_next(void *state, psv_scan *scan, psv_value *row) {
  open_files_state *st = state;
  for (;;) {
    if (st->fds) {
      int fd;
      psv_fd_entry e;
      int rc = next_file(st, scan, &fd, &e);
      if (rc == PSV_ROW) {
        psv_set_int(&row[COL_PID], st->walk.pid);
        psv_set_create_time(st->walk.os, &st->info, &row[COL_CREATE_TIME]);
        psv_set_int(&row[COL_FD], fd);
        if (!e.path_too_long) psv_set_bytes(&row[COL_PATH], e.target.path, e.target.len);
        /* without the link text, the file's own link count says */
        psv_set_int(&row[COL_DELETED], e.path_too_long ? e.unlinked : e.target.deleted);
        if (e.have & PSV_FD_INFO) {
          const char *mode = mode_of_flags(e.flags);
          psv_set_int(&row[COL_POSITION], e.position);
          if (mode) psv_set_text(&row[COL_MODE], mode, strlen(mode));
          psv_set_int(&row[COL_FLAGS], (int64_t)e.flags);
        }
        return PSV_ROW;
      }
      if (rc != PSV_EOF) return rc;
      psv_fd_list_close(st->fds);
      st->fds = NULL;
    }
    int rc = psv_proc_walk_next(&st->walk, scan, (scan->sources & IDENT) ? PSV_PI_STAT : 0, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_fd_list_open(st->walk.proc, &st->fds);
    /* gone, or not ours to see (EACCES): no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void open_files_end(void *state) {
  open_files_state *st = state;
  psv_fd_list_close(st->fds);
  st->fds = NULL;
  psv_proc_walk_end(&st->walk);
}

static void open_files_destroy(void *state) {
  open_files_end(state);
  psv_proc_walk_destroy(&((open_files_state *)state)->walk);
}

const psv_table psv_table_process_open_files = {
  .name = "process_open_files",
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
