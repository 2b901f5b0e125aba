/*
** paths.c — what stat(2) says of a path, the entries of a directory, and
** the paths a file pattern names (osquery's `path LIKE '/etc/%'`).
**
** Nothing here opens a file: a path is looked at with lstat/stat/readlink
** and a directory is opened with O_DIRECTORY | O_NONBLOCK, which fails on
** anything else before it could wait (a FIFO is never opened). A pattern's
** walk is bounded three ways: 64 levels below a "%%", PSV_GLOB_MAX_PATHS
** paths named and PSV_GLOB_MAX_ENTRIES directory entries read; a
** directory reached twice (a symbolic link loop) is walked once.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- One path ------------------------------------------------------ */

static psv_file_type type_of(mode_t mode) {
  if (S_ISREG(mode)) return PSV_FT_REGULAR;
  if (S_ISDIR(mode)) return PSV_FT_DIRECTORY;
  if (S_ISLNK(mode)) return PSV_FT_SYMLINK;
  if (S_ISBLK(mode)) return PSV_FT_BLOCK;
  if (S_ISCHR(mode)) return PSV_FT_CHARACTER;
  if (S_ISFIFO(mode)) return PSV_FT_FIFO;
  if (S_ISSOCK(mode)) return PSV_FT_SOCKET;
  return PSV_FT_UNKNOWN;
}

int psv_linux_readlink_at(int dirfd, const char *name, psv_buf *b) {
  if (psv_buf_reserve(b, PATH_MAX + 1)) return ENOMEM;
  ssize_t n = readlinkat(dirfd, name, b->p, PATH_MAX);
  if (n < 0) return errno;
  b->n = (size_t)n;
  b->p[n] = '\0';
  return 0;
}

int psv_file_stat(const char *path, psv_buf *link, psv_file_info *out) {
  struct stat ls, st;
  memset(out, 0, sizeof *out);
  if (lstat(path, &ls) != 0) return errno;
  out->is_symlink = S_ISLNK(ls.st_mode);
  if (out->is_symlink) {
    int err = psv_linux_readlink_at(AT_FDCWD, path, link);
    if (err == ENOMEM) return err;
    if (!err) {
      out->link_target = link->p;
      out->link_target_len = link->n;
    }
  }
  if (!out->is_symlink) {
    st = ls;
    out->type = type_of(st.st_mode);
  } else if (stat(path, &st) == 0) {
    out->type = type_of(st.st_mode);
  } else {
    /* a link to nothing, or one that cannot be followed (a loop, a
    ** directory the caller may not search): the link's own facts */
    out->type = errno == ENOENT || errno == ENOTDIR ? PSV_FT_UNKNOWN : PSV_FT_ERROR;
    st = ls;
  }
  out->inode = (uint64_t)st.st_ino;
  out->uid = (uint32_t)st.st_uid;
  out->gid = (uint32_t)st.st_gid;
  out->permissions = (uint32_t)(st.st_mode & 07777);
  out->device = (uint64_t)st.st_dev;
  out->special_device = (uint64_t)st.st_rdev;
  out->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
  out->block_size = (uint64_t)st.st_blksize;
  out->hard_links = (uint64_t)st.st_nlink;
  out->atime = (int64_t)st.st_atim.tv_sec;
  out->mtime = (int64_t)st.st_mtim.tv_sec;
  out->ctime = (int64_t)st.st_ctim.tv_sec;
  return 0;
}

/* ---- One directory ------------------------------------------------- */

struct psv_dir {
  DIR *dir;
};

/* Opens only a directory: O_DIRECTORY fails on a FIFO or a device before
** the open could wait, and O_NONBLOCK makes sure of it. */
static DIR *open_dir(const char *path) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return NULL;
  DIR *dir = fdopendir(fd);
  if (!dir) {
    int err = errno;
    close(fd);
    errno = err;
  }
  return dir;
}

int psv_dir_open(const char *path, psv_dir **out) {
  *out = NULL;
  psv_dir *d = psv_calloc(sizeof *d);
  if (!d) return ENOMEM;
  if (!(d->dir = open_dir(path))) {
    int err = errno;
    psv_free(d);
    return err;
  }
  *out = d;
  return 0;
}

/* The next name of dir other than "." and "..": 1, 0 at the end, or a
** negative errno. */
static int next_name(DIR *dir, const char **name, size_t *len) {
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(dir);
    if (!e) return errno ? -errno : 0;
    if (e->d_name[0] == '.' && (e->d_name[1] == '\0' ||
                                (e->d_name[1] == '.' && e->d_name[2] == '\0'))) continue;
    *name = e->d_name;
    *len = strlen(e->d_name);
    return 1;
  }
}

int psv_dir_next(psv_dir *d, const char **name, size_t *len) {
  return next_name(d->dir, name, len);
}

void psv_dir_close(psv_dir *d) {
  if (!d) return;
  if (d->dir) closedir(d->dir);
  psv_free(d);
}

/* ---- Patterns ------------------------------------------------------ */

/* The directories a walk has entered, by device and inode: an open-
** addressing hash set (a key of 0, 0 marks a free slot; no directory has
** inode 0). */
typedef struct dir_key { uint64_t dev, ino; } dir_key;
typedef struct dir_set { dir_key *slots; size_t cap, n; } dir_set;

static size_t slot_of(const dir_set *s, dir_key k) {
  uint64_t h = (k.dev * 0x9e3779b97f4a7c15ull) ^ (k.ino * 0xc2b2ae3d27d4eb4full);
  size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
  while (s->slots[i].ino && (s->slots[i].dev != k.dev || s->slots[i].ino != k.ino)) {
    i = (i + 1) & (s->cap - 1);
  }
  return i;
}

static int dir_set_grow(dir_set *s) {
  dir_set bigger = { psv_calloc(sizeof *s->slots * (s->cap ? s->cap * 2 : 64)),
                     s->cap ? s->cap * 2 : 64, s->n };
  if (!bigger.slots) return ENOMEM;
  for (size_t i = 0; i < s->cap; i++) {
    if (s->slots[i].ino) bigger.slots[slot_of(&bigger, s->slots[i])] = s->slots[i];
  }
  psv_free(s->slots);
  *s = bigger;
  return 0;
}

/* 1 when the key was new (now added), 0 when seen before, or -ENOMEM. */
static int dir_set_add(dir_set *s, dir_key k) {
  if ((s->n + 1) * 2 > s->cap && dir_set_grow(s)) return -ENOMEM;
  size_t i = slot_of(s, k);
  if (s->slots[i].ino) return 0;
  s->slots[i] = k;
  s->n++;
  return 1;
}

typedef struct glob_walk {
  int folders_only;
  int (*each)(void *ctx, const char *path, size_t n);
  void *ctx;
  size_t paths, entries;   /* named, and directory entries read */
  psv_buf path;            /* the path being built, NUL-terminated */
  dir_set seen;
} glob_walk;

/* Appends bytes to the walk's path (kept NUL-terminated). */
static int path_add(glob_walk *w, const char *s, size_t n) {
  if (psv_buf_append(&w->path, s, n)) return ENOMEM;
  w->path.p[w->path.n] = '\0';
  return 0;
}

static void path_cut(glob_walk *w, size_t n) {
  w->path.n = n;
  w->path.p[n] = '\0';
}

static int is_directory(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Hands the walk's path (with a '/' added for a directory, as glob's
** GLOB_MARK does) to the caller. */
static int name_path(glob_walk *w, int is_dir) {
  if (w->folders_only && !is_dir) return 0;
  if (++w->paths > PSV_GLOB_MAX_PATHS) return E2BIG;
  return w->each(w->ctx, w->path.p, w->path.n);
}

/* One more directory entry read: E2BIG past the bound. */
static int count_entry(glob_walk *w) {
  return ++w->entries > PSV_GLOB_MAX_ENTRIES ? E2BIG : 0;
}

/* Everything below the directory w->path (which ends with '/'), links
** followed, each directory once, `depth` levels down from the first. */
static int walk_below(glob_walk *w, int depth) {
  struct stat st;
  if (depth >= PSV_GLOB_MAX_DEPTH || stat(w->path.p, &st) != 0) return 0;
  int added = dir_set_add(&w->seen, (dir_key){ (uint64_t)st.st_dev, (uint64_t)st.st_ino });
  if (added <= 0) return -added;
  DIR *dir = open_dir(w->path.p);
  if (!dir) return 0;   /* unreadable: passed over, as osquery does */
  size_t base = w->path.n;
  const char *name;
  size_t len;
  int rc = 0, got;
  while (!rc && (got = next_name(dir, &name, &len)) > 0) {
    rc = count_entry(w);
    if (!rc) rc = path_add(w, name, len);
    if (rc) break;
    int is_dir = is_directory(w->path.p);
    if (is_dir) rc = path_add(w, "/", 1);
    if (!rc) rc = name_path(w, is_dir);
    if (!rc && is_dir) rc = walk_below(w, depth + 1);
    path_cut(w, base);
  }
  closedir(dir);
  return rc;
}

/* The pattern, split at '/' (empty components left out). */
typedef struct pattern {
  const char *comp[PSV_GLOB_MAX_COMPONENTS];
  size_t len[PSV_GLOB_MAX_COMPONENTS];
  int n;
  int dirs_only;    /* it ends with '/' */
  int recursive;    /* it ended with "%%" */
} pattern;

static int has_wildcard(const char *s, size_t n) {
  return memchr(s, '%', n) != NULL;
}

/* The pattern's paths from component i on, below w->path. */
static int expand(glob_walk *w, const pattern *p, int i) {
  if (i == p->n) {
    struct stat st;
    const char *path = w->path.n ? w->path.p : "/";
    if (lstat(path, &st) != 0) return 0;
    int is_dir = is_directory(path);
    if (p->dirs_only && !is_dir) return 0;
    if (!w->path.n) return path_add(w, "/", 1) ? ENOMEM : name_path(w, 1);
    size_t base = w->path.n;
    int rc = is_dir ? path_add(w, "/", 1) : 0;
    if (!rc) rc = name_path(w, is_dir);
    if (!rc && is_dir && p->recursive) rc = walk_below(w, 0);
    path_cut(w, base);
    return rc;
  }
  size_t base = w->path.n;
  int rc = path_add(w, "/", 1);
  if (rc) return rc;
  if (!has_wildcard(p->comp[i], p->len[i])) {
    rc = path_add(w, p->comp[i], p->len[i]);
    if (!rc) rc = expand(w, p, i + 1);
    path_cut(w, base);
    return rc;
  }
  DIR *dir = open_dir(w->path.p);
  if (!dir) {
    path_cut(w, base);
    return 0;
  }
  const char *name;
  size_t len;
  int got;
  while (!rc && (got = next_name(dir, &name, &len)) > 0) {
    rc = count_entry(w);
    if (rc || !psv_glob_name_match(p->comp[i], p->len[i], name, len)) continue;
    rc = path_add(w, name, len);
    if (!rc) rc = expand(w, p, i + 1);
    path_cut(w, base + 1);
  }
  closedir(dir);
  path_cut(w, base);
  return rc;
}

static int split_pattern(const char *s, size_t n, pattern *p) {
  memset(p, 0, sizeof *p);
  int wildcards = 0;
  if (n >= 2 && s[n - 1] == '%' && s[n - 2] == '%') {
    p->recursive = 1;
    n--;                    /* "/etc/%%": "/etc/%", and all below */
  }
  p->dirs_only = n > 0 && s[n - 1] == '/';
  size_t i = 0;
  while (i < n) {
    while (i < n && s[i] == '/') i++;
    size_t start = i;
    while (i < n && s[i] != '/') i++;
    if (i == start) continue;
    /* each component with a '%' holds its directory open while the
    ** walk is below it */
    wildcards += has_wildcard(s + start, i - start);
    if (p->n == PSV_GLOB_MAX_COMPONENTS || wildcards > PSV_GLOB_MAX_DEPTH) return EINVAL;
    p->comp[p->n] = s + start;
    p->len[p->n++] = i - start;
  }
  return 0;
}

int psv_file_glob(const char *pat, size_t n, int folders_only,
                  int (*each)(void *ctx, const char *path, size_t n), void *ctx) {
  /* A relative pattern (or "~/..."): osquery would look under its own
  ** working directory and name paths no such pattern matches. */
  if (n == 0 || pat[0] != '/' || memchr(pat, '\0', n)) return 0;
  pattern *p = psv_malloc(sizeof *p);
  if (!p) return ENOMEM;
  int rc = split_pattern(pat, n, p);
  glob_walk w = { .folders_only = folders_only, .each = each, .ctx = ctx };
  if (!rc) rc = psv_buf_reserve(&w.path, 256) ? ENOMEM : 0;
  if (!rc) {
    w.path.p[0] = '\0';
    rc = expand(&w, p, 0);
  }
  psv_buf_free(&w.path);
  psv_free(w.seen.slots);
  psv_free(p);
  return rc;
}
