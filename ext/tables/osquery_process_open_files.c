/*
** osquery_process_open_files.c — osquery's process_open_files: one row
** per descriptor of every process that is not a socket, a pipe or an
** anonymous inode (files, directories, devices, terminals).
**
**   SELECT pid, fd, path FROM process_open_files WHERE path LIKE '%(deleted)';
*/
#include "osquery.h"

enum { COL_PID, COL_FD, COL_PATH, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "BIGINT", NULL, "process id", 0},
  [COL_FD] = {"fd", "BIGINT", NULL, "the descriptor's number", 0},
  [COL_PATH] = {"path", "TEXT", NULL,
    "what it names, as the fd link reads ('/tmp/x (deleted)' for a deleted file)", 0},
};

typedef struct open_files_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_open_files *fds;
  psv_buf path;   /* a deleted file's path with the kernel's mark again */
} open_files_state;

static int open_files_begin(void *state, psv_scan *scan) {
  open_files_state *st = state;
  st->walk.open_always = 1;
  return psv_proc_walk_begin(&st->walk, scan);
}

/* osquery leaves out sockets, pipes and anonymous inodes; it looks for
** those words anywhere in the text, which would hide a file so named:
** here the platform says what a descriptor is. */
static int is_vnode(const psv_open_file *f) {
  return f->kind != PSV_FD_SOCKET && f->kind != PSV_FD_PIPE && f->kind != PSV_FD_ANON;
}

/* The next descriptor of the current process that is a row. */
static int next_descriptor(open_files_state *st, psv_scan *scan, psv_open_file *f) {
  for (;;) {
    int rc = psv_open_files_next(st->fds, PSV_FILE_EVERY, f);
    if (rc < 0) {   /* the listing failed midway: its rows so far stand */
      int fail = psv_proc_list_check(scan, -rc);
      return fail ? fail : PSV_EOF;
    }
    if (rc == 0) return PSV_EOF;
    if (f->path && is_vnode(f)) return PSV_ROW;
  }
}

static int set_path(open_files_state *st, const psv_open_file *f, psv_value *v) {
  if (!f->deleted) {
    psv_set_bytes(v, f->path, f->path_len);
    return 0;
  }
  static const char mark[] = " (deleted)";
  st->path.n = 0;
  if (psv_buf_append(&st->path, f->path, f->path_len) ||
      psv_buf_append(&st->path, mark, sizeof mark - 1)) {
    return ENOMEM;
  }
  psv_set_bytes(v, st->path.p, st->path.n);
  return 0;
}

static int open_files_next(void *state, psv_scan *scan, psv_value *row) {
  open_files_state *st = state;
  for (;;) {
    if (st->fds) {
      psv_open_file f;
      int rc = next_descriptor(st, scan, &f);
      if (rc == PSV_ROW) {
        psv_set_int(&row[COL_PID], st->walk.pid);
        psv_set_int(&row[COL_FD], f.fd);
        return set_path(st, &f, &row[COL_PATH]) ? PSV_NOMEM : PSV_ROW;
      }
      if (rc != PSV_EOF) return rc;
      psv_open_files_close(st->fds);
      st->fds = NULL;
    }
    int rc = psv_proc_walk_next(&st->walk, scan, 0, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_open_files_open(st->walk.proc, &st->fds);
    /* gone, or not ours to see (EACCES): no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void open_files_end(void *state) {
  open_files_state *st = state;
  psv_open_files_close(st->fds);
  st->fds = NULL;
  psv_proc_walk_end(&st->walk);
}

static void open_files_destroy(void *state) {
  open_files_state *st = state;
  open_files_end(st);
  psv_proc_walk_destroy(&st->walk);
  psv_buf_free(&st->path);
}

const psv_table psv_table_osquery_process_open_files = {
  .name = "osquery_process_open_files",
  .platforms = "linux",
  .doc = "osquery's process_open_files: every descriptor that is no socket, pipe or anonymous inode",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 5000,
  .state_size = sizeof(open_files_state),
  .begin = open_files_begin,
  .next = open_files_next,
  .end = open_files_end,
  .destroy = open_files_destroy,
};
