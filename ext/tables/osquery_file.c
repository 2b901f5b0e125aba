/*
** osquery_file.c — osquery's `file` table: what stat says of the paths a
** query names, and of the entries of the directories it names. Never a
** walk of the whole file system: a query must name its paths.
**
**   SELECT psvtab_osquery();   -- then, as osquery writes it:
**   SELECT * FROM file WHERE path IN ('/etc/passwd', '/tmp/.bugtraq');
**   SELECT path, mode FROM file WHERE directory = '/dev/';
**   SELECT path FROM file WHERE path LIKE '/etc/%.conf';
**   SELECT path FROM file WHERE path LIKE '/etc/ssl/%%';   -- all below
**
** As osquery's: one row per distinct path of `path =`, `path IN (...)` and
** `path LIKE` (osquery's patterns: psv_file_glob), in byte order, then one
** per entry of each directory of `directory =` (or `directory LIKE`, its
** directories). A path that does not exist gives no row.
*/
#include "common.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  COL_PATH, COL_DIRECTORY, COL_FILENAME, COL_INODE, COL_UID, COL_GID, COL_MODE, COL_DEVICE,
  COL_SIZE, COL_BLOCK_SIZE, COL_ATIME, COL_MTIME, COL_CTIME, COL_BTIME, COL_HARD_LINKS,
  COL_SYMLINK, COL_TYPE, COL_SYMLINK_TARGET, N_COLUMNS
};

/* The match columns: = and IN name paths (directories), LIKE patterns. */
#define NAMES (((uint64_t)1 << COL_PATH) | ((uint64_t)1 << COL_DIRECTORY))

static const psv_column columns[N_COLUMNS] = {
  [COL_PATH] = {"path", "TEXT", NULL,
    "the path as the query names it (a directory found by LIKE ends with '/'); "
    "path =, IN (...) and LIKE name the paths to look at", 0},
  [COL_DIRECTORY] = {"directory", "TEXT", NULL,
    "the directory part of path, or the directory as the query names it: "
    "directory = (or LIKE) lists that directory", 0},
  [COL_FILENAME] = {"filename", "TEXT", NULL, "the last part of path ('.' when path ends with '/')", 0},
  [COL_INODE] = {"inode", "BIGINT", NULL, "inode number", 0},
  [COL_UID] = {"uid", "BIGINT", NULL, "owner's user id", 0},
  [COL_GID] = {"gid", "BIGINT", NULL, "owner's group id", 0},
  [COL_MODE] = {"mode", "TEXT", NULL, "permission bits as four octal digits ('0644', '4755')", 0},
  [COL_DEVICE] = {"device", "BIGINT", NULL, "the device a device file is (st_rdev); 0 for other files", 0},
  [COL_SIZE] = {"size", "BIGINT", "bytes", "size", 0},
  [COL_BLOCK_SIZE] = {"block_size", "INTEGER", "bytes", "the file system's preferred I/O size (st_blksize)", 0},
  [COL_ATIME] = {"atime", "BIGINT", "seconds", "last access, Unix time", 0},
  [COL_MTIME] = {"mtime", "BIGINT", "seconds", "last change of the contents, Unix time", 0},
  [COL_CTIME] = {"ctime", "BIGINT", "seconds", "last change of the inode, Unix time", 0},
  [COL_BTIME] = {"btime", "BIGINT", "seconds", "birth time: 0 on Linux, as osquery gives it", 0},
  [COL_HARD_LINKS] = {"hard_links", "INTEGER", NULL, "number of hard links", 0},
  [COL_SYMLINK] = {"symlink", "INTEGER", NULL, "1 when path is a symbolic link, else 0", 0},
  [COL_TYPE] = {"type", "TEXT", NULL,
    "what path names, a link followed: regular, directory, block, character, fifo, socket; "
    "unknown for a link to nothing, error for one that cannot be followed", 0},
  [COL_SYMLINK_TARGET] = {"symlink_target_path", "TEXT", NULL,
    "the text of the symbolic link; NULL when path is none", 0},
};

/* Paths as bytes: a buffer of NUL-terminated strings and their places. */
typedef struct path_list {
  psv_buf bytes;
  size_t *offsets;
  size_t n, cap;
} path_list;

static int path_list_add(void *ctx, const char *path, size_t n) {
  path_list *l = ctx;
  if (memchr(path, '\0', n)) return 0;   /* no file has such a name */
  if (psv_grow((void **)&l->offsets, &l->cap, l->n + 1, sizeof *l->offsets)) return ENOMEM;
  l->offsets[l->n++] = l->bytes.n;
  if (psv_buf_append(&l->bytes, path, n) || psv_buf_append(&l->bytes, "", 1)) return ENOMEM;
  return 0;
}

/* qsort's comparison over one list's bytes (set for the sort: qsort has
** no context argument, and a scan sorts on one thread). */
static _Thread_local const char *sort_base;

static int cmp_paths(const void *a, const void *b) {
  return strcmp(sort_base + *(const size_t *)a, sort_base + *(const size_t *)b);
}

/* In byte order without repeats, as osquery's std::set gives them. */
static void path_list_sort(path_list *l) {
  if (l->n < 2) return;
  sort_base = l->bytes.p;
  qsort(l->offsets, l->n, sizeof *l->offsets, cmp_paths);
  size_t kept = 1;
  for (size_t i = 1; i < l->n; i++) {
    if (strcmp(l->bytes.p + l->offsets[i], l->bytes.p + l->offsets[kept - 1]) != 0) {
      l->offsets[kept++] = l->offsets[i];
    }
  }
  l->n = kept;
}

static void path_list_free(path_list *l) {
  psv_buf_free(&l->bytes);
  psv_free(l->offsets);
  memset(l, 0, sizeof *l);
}

typedef struct file_state {
  path_list paths, dirs;
  size_t next_path, next_dir;
  psv_dir *dir;           /* the directory being listed */
  const char *dir_path;   /* its path as the query named it */
  psv_buf entry;          /* dir_path joined with an entry's name */
  psv_buf link;           /* a symbolic link's text */
  psv_buf decoded;        /* a constraint's value as bytes */
  char mode[8];
} file_state;

/* The bytes a constraint value names: TEXT decoded from the escaped
** form, a BLOB as it is. 0 or ENOMEM. */
static int value_bytes(file_state *st, const psv_value *v, const char **s, size_t *n) {
  if (v->type == PSV_BLOB) {
    *s = v->s;
    *n = v->n;
    return 0;
  }
  if (psv_buf_reserve(&st->decoded, v->n + 1)) return ENOMEM;
  *n = psv_text_decode(st->decoded.p, v->s, v->n);
  *s = st->decoded.p;
  return 0;
}

static int glob_failed(psv_scan *scan, int err, const char *column, const psv_value *v) {
  if (err == ENOMEM) return PSV_NOMEM;
  if (err != E2BIG && err != EINVAL) return psv_scan_fail(scan, err, "cannot look for", v->s);
  if (err == E2BIG) {
    snprintf(scan->err, scan->err_size,
             "%s LIKE '%.200s' names more than %d paths, or reads more than %d directory "
             "entries to find them: name fewer", column, v->s, PSV_GLOB_MAX_PATHS,
             PSV_GLOB_MAX_ENTRIES);
  } else {
    snprintf(scan->err, scan->err_size,
             "%s LIKE '%.200s' has more than %d components with '%%' (or %d in all)",
             column, v->s, PSV_GLOB_MAX_DEPTH, PSV_GLOB_MAX_COMPONENTS);
  }
  return PSV_ERROR;
}

/* The paths and directories the query's constraints name. */
static int collect(file_state *st, psv_scan *scan) {
  for (size_t i = 0; i < scan->n_matches; i++) {
    const psv_match *m = &scan->matches[i];
    if (m->value.type != PSV_TEXT && m->value.type != PSV_BLOB) continue;
    int is_dir = m->column == COL_DIRECTORY;
    path_list *list = is_dir ? &st->dirs : &st->paths;
    const char *s;
    size_t n;
    if (value_bytes(st, &m->value, &s, &n)) return PSV_NOMEM;
    int err = m->like ? psv_file_glob(s, n, is_dir, path_list_add, list)
                      : path_list_add(list, s, n);
    if (err) return glob_failed(scan, err, columns[m->column].name, &m->value);
  }
  path_list_sort(&st->paths);
  path_list_sort(&st->dirs);
  return PSV_ROW;
}

static int has_names(const psv_scan *scan) {
  for (size_t i = 0; i < scan->n_matches; i++) {
    if (scan->matches[i].column == COL_PATH || scan->matches[i].column == COL_DIRECTORY) return 1;
  }
  return 0;
}

static int file_begin(void *state, psv_scan *scan) {
  file_state *st = state;
  if (!has_names(scan)) {
    snprintf(scan->err, scan->err_size,
             "name the files to look at: WHERE path = '/etc/passwd', path IN (...), "
             "path LIKE '/etc/%%', or directory = '/etc' (a query never walks the whole file system)");
    return PSV_ERROR;
  }
  return collect(st, scan);
}

/* The last '/' of p[0..n), or NULL (memrchr is not standard C). */
static const char *last_slash(const char *p, size_t n) {
  while (n > 0) {
    if (p[--n] == '/') return p + n;
  }
  return NULL;
}

/* osquery's (boost's) split of a path: the last part, and what is before
** it without trailing slashes ("/" for the root's children). A path that
** ends with '/' names "." in the directory that it spells. */
static void split_path(const char *p, size_t n, size_t *dir_len, const char **file, size_t *file_len) {
  size_t end = n;
  if (n > 1 && p[n - 1] == '/') {
    *file = ".";
    *file_len = 1;
  } else {
    const char *slash = last_slash(p, n);
    if (!slash) {
      *dir_len = 0;
      *file = p;
      *file_len = n;
      return;
    }
    if (n == 1) {   /* "/" itself */
      *dir_len = 0;
      *file = p;
      *file_len = 1;
      return;
    }
    end = (size_t)(slash - p) + 1;
    *file = slash + 1;
    *file_len = n - end;
  }
  while (end > 1 && p[end - 1] == '/') end--;
  *dir_len = end;
}

static const char *type_name(psv_file_type type) {
  switch (type) {
    case PSV_FT_REGULAR: return "regular";
    case PSV_FT_DIRECTORY: return "directory";
    case PSV_FT_SYMLINK: return "symlink";
    case PSV_FT_BLOCK: return "block";
    case PSV_FT_CHARACTER: return "character";
    case PSV_FT_FIFO: return "fifo";
    case PSV_FT_SOCKET: return "socket";
    case PSV_FT_ERROR: return "error";
    default: return "unknown";
  }
}

static void set_facts(file_state *st, const psv_file_info *f, psv_value *row) {
  psv_set_int(&row[COL_INODE], (int64_t)f->inode);
  psv_set_int(&row[COL_UID], f->uid);
  psv_set_int(&row[COL_GID], f->gid);
  snprintf(st->mode, sizeof st->mode, "%04o", (unsigned)(f->permissions & 07777));
  psv_set_text(&row[COL_MODE], st->mode, 4);
  psv_set_int(&row[COL_DEVICE], (int64_t)f->special_device);
  psv_set_int(&row[COL_SIZE], (int64_t)f->size);
  psv_set_int(&row[COL_BLOCK_SIZE], (int64_t)f->block_size);
  psv_set_int(&row[COL_ATIME], f->atime);
  psv_set_int(&row[COL_MTIME], f->mtime);
  psv_set_int(&row[COL_CTIME], f->ctime);
  psv_set_int(&row[COL_BTIME], 0);
  psv_set_int(&row[COL_HARD_LINKS], (int64_t)f->hard_links);
  psv_set_int(&row[COL_SYMLINK], f->is_symlink);
  const char *type = type_name(f->type);
  psv_set_text(&row[COL_TYPE], type, strlen(type));
  if (f->is_symlink && f->link_target) {
    psv_set_bytes(&row[COL_SYMLINK_TARGET], f->link_target, f->link_target_len);
  }
}

/* The row of `path`: PSV_ROW, PSV_EOF when there is nothing there (no
** row), or an error of the system's. */
static int stat_row(file_state *st, psv_scan *scan, const char *path, psv_value *row) {
  psv_file_info f;
  int err = psv_file_stat(path, &st->link, &f);
  /* a platform that cannot look at files fails; a path with nothing
  ** there (or not the caller's to see) is no row */
  if (err == ENOSYS || psv_is_resource_errno(err)) return psv_scan_fail(scan, err, "cannot look at", path);
  if (err) return PSV_EOF;
  set_facts(st, &f, row);
  return PSV_ROW;
}

static int next_named_path(file_state *st, psv_scan *scan, psv_value *row) {
  while (st->next_path < st->paths.n) {
    const char *path = st->paths.bytes.p + st->paths.offsets[st->next_path++];
    int rc = stat_row(st, scan, path, row);
    if (rc != PSV_ROW) {
      if (rc < 0) return rc;
      continue;
    }
    size_t n = strlen(path), dir_len, file_len;
    const char *file;
    split_path(path, n, &dir_len, &file, &file_len);
    psv_set_bytes(&row[COL_PATH], path, n);
    psv_set_bytes(&row[COL_DIRECTORY], path, dir_len);
    psv_set_bytes(&row[COL_FILENAME], file, file_len);
    return PSV_ROW;
  }
  return PSV_EOF;
}

/* The next entry of the directories named, each opened in turn. */
static int next_entry(file_state *st, psv_scan *scan, psv_value *row) {
  for (;;) {
    if (!st->dir) {
      if (st->next_dir >= st->dirs.n) return PSV_EOF;
      st->dir_path = st->dirs.bytes.p + st->dirs.offsets[st->next_dir++];
      int err = psv_dir_open(st->dir_path, &st->dir);
      if (err == ENOSYS || psv_is_resource_errno(err)) return psv_scan_fail(scan, err, "cannot list", st->dir_path);
      continue;   /* not a directory, or not ours to read: no rows */
    }
    const char *name;
    size_t len;
    int got = psv_dir_next(st->dir, &name, &len);
    if (got <= 0) {
      psv_dir_close(st->dir);
      st->dir = NULL;
      continue;
    }
    size_t dlen = strlen(st->dir_path);
    int slash = dlen > 0 && st->dir_path[dlen - 1] != '/';
    st->entry.n = 0;
    if (psv_buf_append(&st->entry, st->dir_path, dlen) ||
        psv_buf_append(&st->entry, "/", (size_t)slash) ||
        psv_buf_append(&st->entry, name, len) || psv_buf_append(&st->entry, "", 1)) {
      return PSV_NOMEM;
    }
    int rc = stat_row(st, scan, st->entry.p, row);
    if (rc < 0) return rc;
    if (rc == PSV_EOF) continue;   /* gone since it was listed */
    psv_set_bytes(&row[COL_PATH], st->entry.p, st->entry.n - 1);
    psv_set_bytes(&row[COL_DIRECTORY], st->dir_path, dlen);
    psv_set_bytes(&row[COL_FILENAME], st->entry.p + dlen + (size_t)slash, len);
    return PSV_ROW;
  }
}

static int file_next(void *state, psv_scan *scan, psv_value *row) {
  file_state *st = state;
  int rc = next_named_path(st, scan, row);
  return rc == PSV_EOF ? next_entry(st, scan, row) : rc;
}

static void file_end(void *state) {
  file_state *st = state;
  psv_dir_close(st->dir);
  st->dir = NULL;
  path_list_free(&st->paths);
  path_list_free(&st->dirs);
  st->next_path = st->next_dir = 0;
}

static void file_destroy(void *state) {
  file_state *st = state;
  file_end(st);
  psv_buf_free(&st->entry);
  psv_buf_free(&st->link);
  psv_buf_free(&st->decoded);
}

const psv_table psv_table_osquery_file = {
  .name = "osquery_file",
  .platforms = "linux",
  .doc = "osquery's file: stat of the paths and directories a query names",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .match_eq = NAMES,
  .match_like = NAMES,
  /* a path is for SQL the caller writes, never a database file's view */
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_FILES,
  .full_scan_rows = 1e9,
  .state_size = sizeof(file_state),
  .begin = file_begin,
  .next = file_next,
  .end = file_end,
  .destroy = file_destroy,
};
