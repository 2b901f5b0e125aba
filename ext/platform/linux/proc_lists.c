/*
** proc_lists.c — the lists of one process: its descriptors (fd/ and
** fdinfo/), its threads (task/), its mappings (maps or smaps) and its
** resource limits. Everything is read through the process's /proc/PID
** descriptor, so a list belongs to the instance the row names.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* Records a failure to read the process's list `file` for the query's
** message (a positive errno; PSV_GONE is no failure), and returns err. */
static int list_failed(psv_proc *p, int err, const char *file) {
  if (err > 0) psv_linux_fail_at(psv_linux_proc_os(p), err, "cannot read", psv_linux_proc_pid(p), file);
  return err;
}

/* Opens the process's fd/ or task/ under basefd: 0, or PSV_GONE / a
** resource errno / another errno (the caller shows no rows for the process
** then). */
static int open_list_dir(psv_proc *p, int basefd, const char *name, psv_numdir *d) {
  int err = psv_numdir_open(d, basefd, name, psv_linux_proc_is_live(p));
  if (!err) return 0;
  int verdict = psv_linux_classify(p, err);
  return verdict ? verdict : err;
}

/* A refusal of a list of /proc/PID: when the main thread has ended, the
** zombie leader's private files are root's (see proc.c), so the process's
** own user is refused too. 1 when psv_linux_proc_datafd now is a live
** thread's (try again there), 0, or a negative errno. */
static int refused_by_leader(psv_proc *p, int err) {
  if (err != EACCES && err != EPERM) return 0;
  return psv_linux_proc_headless(p, NULL);
}

/* ---- Open files ------------------------------------------------------ */

/* One open descriptor: what to read of it. */
enum {
  FD_LINK = 1u << 0,   /* target: the link text */
  FD_STAT = 1u << 1,   /* is_regular: fstat of the open file itself */
  FD_INFO = 1u << 2    /* position and flags, from fdinfo */
};
typedef struct fd_entry {
  unsigned have;
  psv_link target;     /* "/path", "socket:[123]", "pipe:[45]", ... */
  int path_too_long;   /* with FD_LINK: a path the kernel cannot give
                       ** (longer than PATH_MAX): target is empty */
  int is_regular;
  int unlinked;        /* with FD_STAT: the open file has no name left */
  int64_t position;
  uint64_t flags;      /* open(2) flags, as fdinfo shows them (octal there) */
} fd_entry;

struct psv_open_files {
  psv_numdir dir;
  int info_dirfd;   /* fdinfo/, opened when first needed */
  psv_proc *proc;
  int any;          /* a descriptor was listed (or the listing was retried) */
  psv_buf link, info;
};

int psv_open_files_open(psv_proc *p, psv_open_files **out) {
  *out = NULL;
  psv_open_files *l = psv_calloc(sizeof *l);
  if (!l) return ENOMEM;
  int err = open_list_dir(p, psv_linux_proc_datafd(p), "fd", &l->dir);
  int retry = refused_by_leader(p, err);
  if (retry) err = retry < 0 ? -retry : open_list_dir(p, psv_linux_proc_datafd(p), "fd", &l->dir);
  if (err) {
    psv_free(l);
    return list_failed(p, err, "fd");
  }
  l->any = retry > 0;   /* already the live thread's */
  l->info_dirfd = -1;
  l->proc = p;
  *out = l;
  return 0;
}

/* No descriptor at all: maybe the main thread has ended, and /proc/PID/fd
** shows what it holds, nothing. 1 when the listing now is a live
** thread's, 0, or a negative errno. */
static int relist_through_thread(psv_open_files *l) {
  int headless = psv_linux_proc_headless(l->proc, NULL);
  if (headless <= 0) return headless;
  psv_numdir_close(&l->dir);
  int err = open_list_dir(l->proc, psv_linux_proc_datafd(l->proc), "fd", &l->dir);
  return err == 0 ? 1 : err > 0 ? -err : 0;
}

/* The next descriptor number: 1, 0 at the end, or a negative errno. */
static int next_fd(psv_open_files *l, int *fd) {
  int rc = psv_numdir_next(&l->dir, fd);
  if (rc == 0 && !l->any) {
    l->any = 1;
    rc = relist_through_thread(l);
    if (rc > 0) rc = psv_numdir_next(&l->dir, fd);
  }
  if (rc > 0) l->any = 1;
  return rc;
}

static int read_fd_info(psv_open_files *l, const char *name, fd_entry *out) {
  if (l->info_dirfd < 0) {
    l->info_dirfd = openat(psv_linux_proc_datafd(l->proc), "fdinfo",
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (l->info_dirfd < 0) return errno;
  }
  int err = psv_linux_read_record(l->info_dirfd, name, &l->info, psv_linux_proc_is_live(l->proc));
  if (!err && psv_parse_fdinfo(l->info.p, l->info.n, &out->position, &out->flags)) err = EINVAL;
  return err;
}

/* Adds the facts `want` names to *out. 0; ENOENT when the descriptor was
** closed meanwhile; or a resource errno. */
static int fd_read(psv_open_files *l, int fd, unsigned want, fd_entry *out) {
  char name[16];
  snprintf(name, sizeof name, "%d", fd);
  if (want & FD_LINK) {
    int err = psv_linux_read_link(l->dir.fd, name, &l->link, &out->target);
    if (err == ENOENT || psv_is_resource_errno(err)) return err;
    /* The kernel prints a path into PATH_MAX bytes: a longer one is no
    ** link text, but still an open file. */
    if (err == ENAMETOOLONG) {
      out->target = (psv_link){ "", 0, 0 };
      out->path_too_long = 1;
      err = 0;
    }
    if (!err) out->have |= FD_LINK;
  }
  if (want & FD_STAT) {
    struct stat st;   /* follows the link to the open file, deleted or not */
    if (fstatat(l->dir.fd, name, &st, 0) == 0) {
      out->is_regular = S_ISREG(st.st_mode);
      out->unlinked = st.st_nlink == 0;
      out->have |= FD_STAT;
    } else if (errno == ENOENT) {
      return ENOENT;
    }
  }
  if (want & FD_INFO) {
    int err = read_fd_info(l, name, out);
    if (err == ENOENT || psv_is_resource_errno(err)) return err;
    if (!err) out->have |= FD_INFO;
  }
  return 0;
}

/* psutil's file_flags_to_mode: access mode, then O_APPEND turns the 'w'
** into 'a' ("w+" reads "r+"). */
static const char *mode_of_flags(uint64_t flags) {
  int append = (flags & O_APPEND) != 0;
  switch (flags & O_ACCMODE) {
    case O_RDONLY: return "r";
    case O_WRONLY: return append ? "a" : "w";
    case O_RDWR: return append ? "a+" : "r+";
  }
  return NULL;
}

/* A descriptor is an open file when its target is an absolute path (or a
** path too long to print) and the open file itself is a regular file. */
static int is_open_file(const fd_entry *e) {
  return (e->have & FD_LINK) && (e->have & FD_STAT) && e->is_regular &&
         (e->path_too_long || (e->target.len && e->target.path[0] == '/'));
}

static void open_file_facts(int fd, const fd_entry *e, psv_open_file *out) {
  memset(out, 0, sizeof *out);
  out->fd = fd;
  if (!e->path_too_long) {
    out->path = e->target.path;
    out->path_len = e->target.len;
  }
  /* without the link text, the file's own link count says */
  out->deleted = e->path_too_long ? e->unlinked : e->target.deleted;
  if (e->have & FD_INFO) {
    out->have |= PSV_FILE_POSITION;
    out->position = e->position;
    out->flags = e->flags;
    out->mode = mode_of_flags(e->flags);
  }
}

static int starts_with(const psv_link *l, const char *prefix) {
  size_t n = strlen(prefix);
  return l->len >= n && memcmp(l->path, prefix, n) == 0;
}

/* What a descriptor's link names: a path, or the kernel's name of an
** object with none ("socket:[123]", "pipe:[45]", "anon_inode:[eventfd]",
** "net:[4026531840]", ...). */
static int kind_of(const psv_link *target) {
  if (target->len && target->path[0] == '/') return PSV_FD_PATH;
  if (starts_with(target, "socket:")) return PSV_FD_SOCKET;
  if (starts_with(target, "pipe:")) return PSV_FD_PIPE;
  if (starts_with(target, "anon_inode:")) return PSV_FD_ANON;
  return PSV_FD_OTHER;
}

/* The next descriptor of the listing: 1, 0 at the end (also when the
** listing failed midway: its rows so far stand), or a negative resource
** errno. */
static int next_listed(psv_open_files *l, int *fd) {
  int rc = next_fd(l, fd);
  if (rc < 0) return psv_is_resource_errno(-rc) ? -list_failed(l->proc, -rc, "fd") : 0;
  return rc;
}

/* With PSV_FILE_EVERY: every descriptor whose link text can be read. */
static int next_any(psv_open_files *l, psv_open_file *out) {
  for (;;) {
    int fd;
    int rc = next_listed(l, &fd);
    if (rc <= 0) return rc;
    fd_entry e;
    memset(&e, 0, sizeof e);
    int err = fd_read(l, fd, FD_LINK, &e);
    if (err && psv_is_resource_errno(err)) return -list_failed(l->proc, err, "fd");
    if (err || !(e.have & FD_LINK) || e.path_too_long) continue;   /* closed meanwhile */
    memset(out, 0, sizeof *out);
    out->fd = fd;
    out->kind = kind_of(&e.target);
    out->path = e.target.path;
    out->path_len = e.target.len;
    out->deleted = e.target.deleted;
    return 1;
  }
}

int psv_open_files_next(psv_open_files *l, unsigned want, psv_open_file *out) {
  if (want & PSV_FILE_EVERY) return next_any(l, out);
  for (;;) {
    int fd;
    int rc = next_listed(l, &fd);
    if (rc <= 0) return rc;
    fd_entry e;
    memset(&e, 0, sizeof e);
    int err = fd_read(l, fd, FD_LINK | FD_STAT, &e);
    int is_file = !err && is_open_file(&e);
    /* fdinfo only for the descriptors that are rows */
    if (is_file && (want & PSV_FILE_POSITION)) err = fd_read(l, fd, FD_INFO, &e);
    /* closed meanwhile: no row */
    if (err) {
      if (psv_is_resource_errno(err)) return -list_failed(l->proc, err, "fd");
      continue;
    }
    if (!is_file) continue;
    open_file_facts(fd, &e, out);
    return 1;
  }
}

void psv_open_files_close(psv_open_files *l) {
  if (!l) return;
  psv_numdir_close(&l->dir);
  if (l->info_dirfd >= 0) close(l->info_dirfd);
  psv_buf_free(&l->link);
  psv_buf_free(&l->info);
  psv_free(l);
}

/* ---- Threads -------------------------------------------------------- */

struct psv_thread_list {
  psv_numdir dir;
  psv_buf stat;
  psv_proc *proc;
};

int psv_thread_list_open(psv_proc *p, psv_thread_list **out) {
  *out = NULL;
  psv_thread_list *l = psv_calloc(sizeof *l);
  if (!l) return ENOMEM;
  int err = open_list_dir(p, psv_linux_proc_dirfd(p), "task", &l->dir);
  if (err) {
    psv_free(l);
    return list_failed(p, err, "task");
  }
  l->proc = p;
  *out = l;
  return 0;
}

int psv_thread_list_next(psv_thread_list *l, psv_thread *out) {
  for (;;) {
    int tid;
    int rc = psv_numdir_next(&l->dir, &tid);
    if (rc < 0) return psv_is_resource_errno(-rc) ? -list_failed(l->proc, -rc, "task") : 0;
    if (rc == 0) return 0;
    char name[32];
    psv_stat st;
    snprintf(name, sizeof name, "%d/stat", tid);
    int err = psv_linux_read_record(l->dir.fd, name, &l->stat, l->dir.is_procfs);
    if (psv_is_resource_errno(err)) return -list_failed(l->proc, err, "task");
    /* a thread that ended meanwhile (or an unreadable one) is no row */
    if (err || psv_parse_stat(l->stat.p, l->stat.n, &st)) continue;
    *out = (psv_thread){ .tid = tid, .name = st.comm, .name_len = st.comm_len,
                         .status = st.state, .user_time = st.utime, .system_time = st.stime };
    return 1;
  }
}

void psv_thread_list_close(psv_thread_list *l) {
  if (!l) return;
  psv_numdir_close(&l->dir);
  psv_buf_free(&l->stat);
  psv_free(l);
}

/* ---- Mappings ------------------------------------------------------- */

struct psv_map_list {
  psv_lines lines;
  psv_proc *proc;
  int any;             /* a line was read (or the file was retried) */
  int with_sizes;
  psv_map current;     /* a header read, its fields still coming */
  int have_current;
  psv_buf path;        /* current.path points here */
  psv_buf next_header; /* the line that ended the current block */
  int have_next;
};

int psv_map_list_open(psv_proc *p, int with_sizes, psv_map_list **out) {
  *out = NULL;
  psv_map_list *l = psv_calloc(sizeof *l);
  if (!l) return ENOMEM;
  const char *file = with_sizes ? "smaps" : "maps";
  int err = psv_lines_open(&l->lines, psv_linux_proc_datafd(p), file);
  int retry = refused_by_leader(p, err);
  if (retry) err = retry < 0 ? -retry : psv_lines_open(&l->lines, psv_linux_proc_datafd(p), file);
  l->any = retry > 0;
  if (err) {
    int verdict = psv_linux_classify(p, err);
    psv_free(l);
    return list_failed(p, verdict ? verdict : err, file);
  }
  l->proc = p;
  l->with_sizes = with_sizes;
  *out = l;
  return 0;
}

#define DELETED_MARK " (deleted)"
#define DELETED_LEN (sizeof DELETED_MARK - 1)

/* Keeps a header's path in l->path and settles its " (deleted)" mark: the
** mark is taken off unless a file at the marked path is the mapped inode
** (a file whose own name ends so). */
static int start_mapping(psv_map_list *l, const char *line, size_t n) {
  if (psv_parse_map_header(line, n, &l->current)) return EINVAL;
  l->path.n = 0;
  if (psv_buf_append(&l->path, l->current.path, l->current.path_len)) return ENOMEM;
  l->current.path = l->path.p;
  size_t len = l->path.n;
  if (len > DELETED_LEN && memcmp(l->path.p + len - DELETED_LEN, DELETED_MARK, DELETED_LEN) == 0) {
    struct stat st;
    if (!(stat(l->path.p, &st) == 0 && (uint64_t)st.st_ino == l->current.inode)) {
      l->current.deleted = 1;
      l->current.path_len = len - DELETED_LEN;
    }
  }
  l->have_current = 1;
  return 0;
}

/* No mapping at all: maybe the main thread has ended, and /proc/PID/maps
** shows its memory, none. 1 when the file now is a live thread's, 0, or a
** negative errno. */
static int reread_through_thread(psv_map_list *l) {
  int headless = psv_linux_proc_headless(l->proc, NULL);
  if (headless <= 0) return headless;
  psv_lines_close(&l->lines);
  int err = psv_lines_open(&l->lines, psv_linux_proc_datafd(l->proc), l->with_sizes ? "smaps" : "maps");
  return err == 0 ? 1 : psv_is_resource_errno(err) ? -err : 0;
}

/* The next line: the one kept from the last call first. */
static int map_line(psv_map_list *l, const char **line, size_t *n) {
  if (l->have_next) {
    l->have_next = 0;
    *line = l->next_header.p;
    *n = l->next_header.n;
    return 1;
  }
  int rc = psv_lines_next(&l->lines, line, n);
  if (rc == 0 && !l->any) {
    l->any = 1;
    rc = reread_through_thread(l);
    if (rc > 0) rc = psv_lines_next(&l->lines, line, n);
  }
  if (rc > 0) l->any = 1;
  return rc;
}

static int map_next(psv_map_list *l, psv_map *out);

int psv_map_list_next(psv_map_list *l, psv_map *out) {
  int rc = map_next(l, out);
  /* the listing failed midway: its rows so far stand */
  if (rc < 0 && !psv_is_resource_errno(-rc)) return 0;
  if (rc < 0) list_failed(l->proc, -rc, l->with_sizes ? "smaps" : "maps");
  return rc;
}

static int map_next(psv_map_list *l, psv_map *out) {
  for (;;) {
    const char *line;
    size_t n;
    int rc = map_line(l, &line, &n);
    if (rc < 0) return rc;
    if (rc == 0) {   /* the last block ends with the file */
      if (!l->have_current) return 0;
      l->have_current = 0;
      *out = l->current;
      return 1;
    }
    if (l->with_sizes && l->have_current && psv_parse_smaps_field(line, n, &l->current) == 0) continue;
    if (l->have_current) {
      /* This header ends the block: keep it for the next call. */
      l->next_header.n = 0;
      if (psv_buf_append(&l->next_header, line, n)) return -ENOMEM;
      l->have_next = 1;
      l->have_current = 0;
      *out = l->current;
      return 1;
    }
    int err = start_mapping(l, line, n);
    if (err == ENOMEM) return -ENOMEM;
    if (!err && !l->with_sizes) {
      l->have_current = 0;
      *out = l->current;
      return 1;
    }
    /* a line that is no header where one must be: passed over */
  }
}

void psv_map_list_close(psv_map_list *l) {
  if (!l) return;
  psv_lines_close(&l->lines);
  psv_buf_free(&l->lines.buf);
  psv_buf_free(&l->path);
  psv_buf_free(&l->next_header);
  psv_free(l);
}

/* ---- Resource limits ------------------------------------------------ */

/* 0, EPERM (read the file instead), ESRCH, or another errno. */
static int rlimits_by_syscall(int pid, psv_rlimit out[PSV_N_RLIMITS]) {
  for (int i = 0; i < PSV_N_RLIMITS; i++) {
    struct rlimit r;
    if (prlimit(pid, (__rlimit_resource_t)i, NULL, &r) != 0) {
      if (errno == EINVAL) continue;   /* a resource this kernel lacks */
      return errno;
    }
    out[i].has = 1;
    out[i].soft = r.rlim_cur == RLIM_INFINITY ? PSV_RLIM_INFINITY : (uint64_t)r.rlim_cur;
    out[i].hard = r.rlim_max == RLIM_INFINITY ? PSV_RLIM_INFINITY : (uint64_t)r.rlim_max;
  }
  return 0;
}

static int read_rlimits(psv_proc *p, psv_rlimit out[PSV_N_RLIMITS]) {
  memset(out, 0, sizeof *out * PSV_N_RLIMITS);
  int ours = psv_linux_proc_pids_ours(p);
  if (ours < 0) return list_failed(p, -ours, "limits");
  if (ours) {
    int err = rlimits_by_syscall(psv_linux_proc_pid(p), out);
    if (err == ESRCH) return PSV_GONE;
    /* prlimit names a pid: prove it was still this process */
    if (!err) return psv_linux_proc_alive(p) ? 0 : PSV_GONE;
    if (err != EPERM && err != EACCES) return list_failed(p, err, "limits");
    memset(out, 0, sizeof *out * PSV_N_RLIMITS);
  }
  /* Not permitted (another user's process), or another tree: the limits
  ** file, which every user may read. */
  psv_buf b = {0};
  int err = psv_linux_read_record(psv_linux_proc_dirfd(p), "limits", &b, psv_linux_proc_is_live(p));
  if (!err && psv_parse_limits(b.p, b.n, out)) err = EINVAL;
  psv_buf_free(&b);
  if (!err) return 0;
  int verdict = psv_linux_classify(p, err);
  return list_failed(p, verdict ? verdict : err, "limits");
}

int psv_proc_limits(psv_proc *p, psv_limit out[PSV_MAX_LIMITS], int *n) {
  psv_rlimit limits[PSV_N_RLIMITS];
  *n = 0;
  int err = read_rlimits(p, limits);
  for (int i = 0; !err && i < PSV_N_RLIMITS && *n < PSV_MAX_LIMITS; i++) {
    if (!limits[i].has) continue;
    out[(*n)++] = (psv_limit){ psv_rlimit_names[i], psv_rlimit_units[i],
                               limits[i].soft == PSV_RLIM_INFINITY ? PSV_UNLIMITED : limits[i].soft,
                               limits[i].hard == PSV_RLIM_INFINITY ? PSV_UNLIMITED : limits[i].hard };
  }
  return err;
}
