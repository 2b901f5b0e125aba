/*
** os.c — where Linux is read from: the arguments procfs=, sysfs=, utmp=
** and etc= that a table may be created with, and the psv_os handle a cursor
** reads through: the roots, the procfs root's descriptor (opened when
** first needed), the caches that serve a cursor's scans (boot time, user
** names, the terminal map, the pid namespace's answer), and what the last
** failed read was doing, for the query's error message.
**
** Is a directory given as procfs= or sysfs= one? A procfs or sysfs mount
** is; so is a tree (a copy, a fixture) that holds at least one thing
** psvtab reads there. Any other directory ('/usr') would give empty tables
** without a word: CREATE refuses it and says what it lacks.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

/* ---- The arguments -------------------------------------------------- */

#define PROC_MAGIC 0x9fa0        /* PROC_SUPER_MAGIC */
#define SYSFS_MAGIC 0x62656572   /* SYSFS_MAGIC */

/* What psvtab reads at the top of each root: a procfs tree must hold a
** process directory (a number) or one of these; a sysfs tree one of these. */
static const char *const procfs_entries[] = {
  "stat", "meminfo", "vmstat", "zoneinfo", "loadavg", "diskstats", "cpuinfo",
  "mounts", "filesystems", "net", "self", "modules", "cmdline", "version", NULL
};
static const char *const sysfs_entries[] = { "block", "class", "devices", NULL };
static const char *const etc_entries[] = { "passwd", "hosts", "os-release", NULL };

static int is_number(const char *name) {
  if (!*name) return 0;
  for (; *name; name++) {
    if (*name < '0' || *name > '9') return 0;
  }
  return 1;
}

static int listed(const char *name, const char *const *names) {
  for (; *names; names++) {
    if (strcmp(name, *names) == 0) return 1;
  }
  return 0;
}

/* 0 when the directory at fd is a mount of `magic` or holds one of
** `names` (or, with numbers, a decimal name); EINVAL when not; or the
** errno of reading it. Takes fd. */
static int check_root(int fd, long magic, const char *const *names, int numbers) {
  struct statfs fs;
  if (magic && fstatfs(fd, &fs) == 0 && (long)fs.f_type == magic) {
    close(fd);
    return 0;
  }
  DIR *d = fdopendir(fd);
  if (!d) {
    int err = errno;
    close(fd);
    return err;
  }
  int err = EINVAL;
  struct dirent *e;
  while (err == EINVAL && (e = readdir(d)) != NULL) {
    if (listed(e->d_name, names) || (numbers && is_number(e->d_name))) err = 0;
  }
  closedir(d);
  return err;
}

static int open_dir(const char *path) {
  return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static int check_procfs_root(const char *root, const char **wanted) {
  *wanted = "a process directory (a number), or one of stat, meminfo, vmstat, zoneinfo, "
            "loadavg, diskstats, cpuinfo, mounts, filesystems, net, self, modules, cmdline, version";
  int fd = open_dir(root);
  return fd < 0 ? errno : check_root(fd, PROC_MAGIC, procfs_entries, 1);
}

static int check_sysfs_root(const char *root, const char **wanted) {
  *wanted = "one of block, class, devices";
  int fd = open_dir(root);
  return fd < 0 ? errno : check_root(fd, SYSFS_MAGIC, sysfs_entries, 0);
}

/* A configuration directory holds one of the files read there (no file
** system type says so: magic 0 is none's). */
static int check_etc_root(const char *root, const char **wanted) {
  *wanted = "one of passwd, hosts, os-release";
  int fd = open_dir(root);
  return fd < 0 ? errno : check_root(fd, 0, etc_entries, 0);
}

/* Which kinds of facts each root holds: procfs nearly all; sysfs the
** CPUs' topology and frequencies, the block devices and the interfaces'
** state; utmp the logins (current ones, or the history of a wtmp file);
** etc the accounts, host names and OS release. Addresses come from the kernel (getifaddrs) and
** host names from uname, whatever the roots. */
enum { ARG_PROCFS, ARG_SYSFS, ARG_UTMP, ARG_ETC, N_ARGS };

static const psv_platform_arg linux_args[N_ARGS] = {
  [ARG_PROCFS] = { "procfs", 0,
    PSV_KIND_PROCESSES | PSV_KIND_SOCKETS | PSV_KIND_MEMORY | PSV_KIND_CPU_USE |
    PSV_KIND_CPU_INFO | PSV_KIND_SYSTEM | PSV_KIND_DISKS | PSV_KIND_MOUNTS |
    PSV_KIND_NET_IO | PSV_KIND_NET_IF | PSV_KIND_KERNEL | PSV_KIND_NEIGHBORS,
    "a procfs mount or tree to read instead of /proc", check_procfs_root },
  [ARG_SYSFS] = { "sysfs", 0, PSV_KIND_CPU_INFO | PSV_KIND_DISKS | PSV_KIND_NET_IF,
    "a sysfs mount or tree to read instead of /sys", check_sysfs_root },
  [ARG_UTMP] = { "utmp", 1, PSV_KIND_LOGINS,
    "a utmp file to read the logins from instead of the system's", NULL },
  [ARG_ETC] = { "etc", 0, PSV_KIND_CONFIG,
    "a configuration directory to read accounts, host names and the OS release from instead of /etc",
    check_etc_root },
};

const psv_platform_arg *psv_platform_args(int *n) {
  *n = N_ARGS;
  return linux_args;
}

/* 0 for a regular file, EISDIR for a directory, else PSV_ENOTREG. */
int psv_linux_regular_or_why(const struct stat *st) {
  return S_ISREG(st->st_mode) ? 0 : S_ISDIR(st->st_mode) ? EISDIR : PSV_ENOTREG;
}

int psv_check_path(const char *path, int is_file) {
  struct stat st;
  if (stat(path, &st) != 0) return errno;
  if (is_file) return psv_linux_regular_or_why(&st);
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

/* ---- The handle ------------------------------------------------------ */

typedef struct user_entry { uint32_t uid; char *name; } user_entry;
typedef struct tty_entry { unsigned maj, min; char *path; } tty_entry;

/* What a failed read was doing: "WHAT 'PATH'"; "cannot read FILE under
** 'PATH'"; or "WHAT '<procfs>/PID/FILE'" when pid is set. */
typedef struct failure {
  const char *what;
  const char *path;
  int pid;            /* 0: none */
  const char *file;   /* NULL: none */
} failure;

struct psv_os {
  char *procfs, *sysfs, *utmp;   /* utmp NULL: the system's */
  char *etc;
  int rootfd;      /* the procfs root; -1 until first needed */
  int is_live;     /* it is the machine's own /proc */
  int pids_ours;   /* -1 not known yet; 1: its pids are those of the caller's
                   ** pid namespace, so system calls on a pid are meaningful */
  int have_boot_time;
  double boot_time;
  user_entry *users;
  size_t n_users, cap_users;
  tty_entry *ttys;
  size_t n_ttys, cap_ttys;
  int ttys_loaded;
  failure failed;
  char failure_text[320];
};

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = psv_malloc(n);
  if (copy) memcpy(copy, s, n);
  return copy;
}

int psv_os_open(const char *const *values, psv_os **out) {
  *out = NULL;
  psv_os *os = psv_calloc(sizeof *os);
  if (!os) return ENOMEM;
  os->rootfd = -1;
  os->pids_ours = -1;
  const char *procfs = values && values[ARG_PROCFS] ? values[ARG_PROCFS] : "/proc";
  const char *sysfs = values && values[ARG_SYSFS] ? values[ARG_SYSFS] : "/sys";
  const char *etc = values && values[ARG_ETC] ? values[ARG_ETC] : "/etc";
  os->procfs = copy_string(procfs);
  os->sysfs = copy_string(sysfs);
  os->etc = copy_string(etc);
  if (values && values[ARG_UTMP]) os->utmp = copy_string(values[ARG_UTMP]);
  if (!os->procfs || !os->sysfs || !os->etc || (values && values[ARG_UTMP] && !os->utmp)) {
    psv_os_close(os);
    return ENOMEM;
  }
  *out = os;
  return 0;
}

int psv_linux_os_below(psv_os *os, int pid, psv_os **out) {
  *out = NULL;
  char root[4096];
  if (snprintf(root, sizeof root, "%s/%d", os->procfs, pid) >= (int)sizeof root) return ENAMETOOLONG;
  const char *values[N_ARGS] = { [ARG_PROCFS] = root, [ARG_SYSFS] = os->sysfs,
                                 [ARG_UTMP] = os->utmp, [ARG_ETC] = os->etc };
  return psv_os_open(values, out);
}

int psv_linux_os_copy(const psv_os *os, psv_os **out) {
  const char *values[N_ARGS] = { [ARG_PROCFS] = os->procfs, [ARG_SYSFS] = os->sysfs,
                                 [ARG_UTMP] = os->utmp, [ARG_ETC] = os->etc };
  return psv_os_open(values, out);
}

void psv_os_close(psv_os *os) {
  if (!os) return;
  if (os->rootfd >= 0) close(os->rootfd);
  for (size_t i = 0; i < os->n_users; i++) psv_free(os->users[i].name);
  for (size_t i = 0; i < os->n_ttys; i++) psv_free(os->ttys[i].path);
  psv_free(os->users);
  psv_free(os->ttys);
  psv_free(os->procfs);
  psv_free(os->sysfs);
  psv_free(os->utmp);
  psv_free(os->etc);
  psv_free(os);
}

const char *psv_linux_procfs(const psv_os *os) { return os->procfs; }
const char *psv_linux_sysfs(const psv_os *os) { return os->sysfs; }
const char *psv_linux_utmp(const psv_os *os) { return os->utmp; }
const char *psv_linux_etc(const psv_os *os) { return os->etc; }

static int same_file(int fd, const char *path) {
  struct stat a, b;
  return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int psv_linux_root(psv_os *os) {
  if (os->rootfd < 0) {
    int fd = open_dir(os->procfs);
    if (fd < 0) return -errno;
    os->rootfd = fd;
    os->is_live = same_file(fd, "/proc");
  }
  return os->rootfd;
}

int psv_linux_is_live(psv_os *os) {
  return psv_linux_root(os) >= 0 && os->is_live;
}

int psv_linux_fail(psv_os *os, int err, const char *what, const char *path) {
  os->failed = (failure){ what, path, 0, NULL };
  return err;
}

int psv_linux_fail_under(psv_os *os, int err, const char *file, const char *root) {
  os->failed = (failure){ "cannot read", root, 0, file };
  return err;
}

int psv_linux_fail_at(psv_os *os, int err, const char *what, int pid, const char *file) {
  os->failed = (failure){ what, NULL, pid, file };
  return err;
}

const char *psv_os_failure(psv_os *os) {
  const failure *f = &os->failed;
  char *text = os->failure_text;
  size_t size = sizeof os->failure_text;
  const char *what = f->what ? f->what : "cannot read";
  const char *path = f->path ? f->path : os->procfs;
  if (f->pid && f->file) snprintf(text, size, "%s '%.40s/%d/%s'", what, os->procfs, f->pid, f->file);
  else if (f->pid) snprintf(text, size, "%s '%.40s/%d'", what, os->procfs, f->pid);
  else if (f->file) snprintf(text, size, "%s %s under '%s'", what, f->file, path);
  else snprintf(text, size, "%s '%s'", what, path);
  return text;
}

/* ---- The caches ------------------------------------------------------ */

/* The number of pids on the "NSpid:" line of a status text, or -1 when
** it has none (Linux before 4.1). */
static int count_nspids(const char *buf, size_t len) {
  const char *line = buf, *end = buf + len;
  while (line < end && !(end - line > 6 && memcmp(line, "NSpid:", 6) == 0)) {
    line = memchr(line, '\n', (size_t)(end - line));
    if (!line) return -1;
    line++;
  }
  if (line >= end) return -1;
  int n = 0;
  uint64_t pid;
  const char *p = line + 6;
  while (psv_scan_u64(&p, end, &pid) == 0) n++;
  return n;
}

/* /proc mounted for another pid namespace (a container's, or after
** `unshare -p -f` without a new mount) names processes by pids that the
** caller's system calls take for others. The caller's own status there
** says: its NSpid line lists its pid in the tree's namespace and in each
** one below, down to the caller's own; one pid means the same namespace.
** 1 ours, 0 not (another tree, or the caller is not in it), or -errno. */
static int check_pid_namespace(psv_os *os) {
  if (!psv_linux_is_live(os)) return 0;
  psv_buf b = {0};
  int ours = 0, err = psv_linux_read_record(os->rootfd, "self/status", &b, 1);
  if (!err) {
    int n = count_nspids(b.p, b.n);
    psv_status st;
    psv_parse_status(b.p, b.n, &st);
    /* without NSpid (Linux < 4.1), the pid the tree gives the caller */
    ours = n >= 0 ? n == 1 : (st.has & PSV_ST_TGID) && st.tgid == (int)getpid();
  }
  psv_buf_free(&b);
  return psv_is_resource_errno(err) ? -err : ours;
}

int psv_linux_pids_ours(psv_os *os) {
  if (os->pids_ours < 0) {
    int ours = check_pid_namespace(os);
    if (ours < 0) return ours;
    os->pids_ours = ours;
  }
  return os->pids_ours;
}

int psv_linux_pids_known_ours(const psv_os *os) { return os->pids_ours == 1; }

/* Boot time is the "btime" line of <procfs>/stat, as psutil reads it. */
int psv_linux_boot_time(psv_os *os, double *out) {
  if (os->have_boot_time) { *out = os->boot_time; return 0; }
  int fd = psv_linux_root(os);
  if (fd < 0) return -fd;
  psv_buf b = {0};
  int err = psv_linux_read_at(fd, "stat", &b);
  if (!err) {
    const char *line = b.p;
    while (line && strncmp(line, "btime ", 6) != 0) {
      line = strchr(line, '\n');
      if (line) line++;
    }
    if (line) {
      os->boot_time = strtod(line + 6, NULL);
      os->have_boot_time = 1;
    } else {
      err = EINVAL;
    }
  }
  psv_buf_free(&b);
  *out = os->boot_time;
  return err;
}

/* The machine's boot time as create_time adds it, read once per process:
** btime moves when the wall clock is stepped (or the machine resumes), and
** two cursors that read it on either side of that would give one process
** two create_times. The first value stored stays (psutil too keeps the
** boot time it read). 0: none yet. */
static _Atomic uint64_t live_boot_bits;

static int live_boot_time(psv_os *os, double *out) {
  uint64_t bits = live_boot_bits;
  if (!bits) {
    double boot;
    int err = psv_linux_boot_time(os, &boot);
    if (err) return err;
    memcpy(&bits, &boot, sizeof bits);
    uint64_t unset = 0;
    if (!atomic_compare_exchange_strong(&live_boot_bits, &unset, bits)) bits = unset;
  }
  memcpy(out, &bits, sizeof *out);
  return 0;
}

int psv_linux_create_time(psv_os *os, uint64_t starttime, double *out) {
  double boot;
  int err = psv_linux_is_live(os) ? live_boot_time(os, &boot) : psv_linux_boot_time(os, &boot);
  if (!err) *out = boot + (double)starttime / (double)psv_linux_clock_ticks();
  return err;
}

/* getpwuid_r into a heap copy of the name (or the decimal uid). */
static char *lookup_user(uint32_t uid) {
  char small[1024];
  size_t size = sizeof small;
  char *buf = small;
  struct passwd pw, *res = NULL;
  char *name = NULL;
  for (;;) {
    int rc = getpwuid_r((uid_t)uid, &pw, buf, size, &res);
    if (rc != ERANGE || size >= (1u << 20)) break;
    size *= 4;
    char *bigger = buf == small ? psv_malloc(size) : psv_realloc(buf, size);
    if (!bigger) { res = NULL; goto done; }
    buf = bigger;
  }
  if (res && res->pw_name) {
    name = copy_string(res->pw_name);
  } else {
    char num[16];
    snprintf(num, sizeof num, "%u", uid);
    name = copy_string(num);
  }
done:
  if (buf != small) psv_free(buf);
  return name;
}

const char *psv_linux_user_name(psv_os *os, uint32_t uid) {
  for (size_t i = 0; i < os->n_users; i++) {
    if (os->users[i].uid == uid) return os->users[i].name;
  }
  if (psv_grow((void **)&os->users, &os->cap_users, os->n_users + 1, sizeof *os->users)) return NULL;
  char *name = lookup_user(uid);
  if (!name) return NULL;
  os->users[os->n_users].uid = uid;
  os->users[os->n_users].name = name;
  return os->users[os->n_users++].name;
}

/* Adds every character device in `dir` whose name starts with `prefix`. */
static int add_ttys(psv_os *os, const char *dir, const char *prefix) {
  DIR *d = opendir(dir);
  if (!d) return 0;   /* no /dev/pts, say: nothing to map */
  int err = 0;
  struct dirent *e;
  size_t plen = strlen(prefix);
  while (!err && (e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, prefix, plen) != 0 || e->d_name[0] == '.') continue;
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (stat(path, &st) != 0 || !S_ISCHR(st.st_mode)) continue;
    err = psv_grow((void **)&os->ttys, &os->cap_ttys, os->n_ttys + 1, sizeof *os->ttys);
    if (err) break;
    tty_entry *t = &os->ttys[os->n_ttys];
    t->maj = major(st.st_rdev);
    t->min = minor(st.st_rdev);
    t->path = copy_string(path);
    if (!t->path) err = ENOMEM;
    else os->n_ttys++;
  }
  closedir(d);
  return err;
}

/* Like psutil's terminal map: the /dev/tty and /dev/pts/ devices, built
** once per handle. tty_nr in /proc/PID/stat uses the kernel's encoding of
** major/minor. */
const char *psv_linux_terminal_path(psv_os *os, uint64_t tty_dev, int *err) {
  *err = 0;
  if (tty_dev == 0) return NULL;
  if (!os->ttys_loaded) {
    *err = add_ttys(os, "/dev", "tty");
    if (!*err) *err = add_ttys(os, "/dev/pts", "");
    if (*err) {   /* start over next time rather than keep half a map */
      for (size_t i = 0; i < os->n_ttys; i++) psv_free(os->ttys[i].path);
      os->n_ttys = 0;
      return NULL;
    }
    os->ttys_loaded = 1;
  }
  unsigned maj = (unsigned)((tty_dev >> 8) & 0xfff);
  unsigned min = (unsigned)((tty_dev & 0xff) | ((tty_dev >> 12) & 0xfff00));
  for (size_t i = 0; i < os->n_ttys; i++) {
    if (os->ttys[i].maj == maj && os->ttys[i].min == min) return os->ttys[i].path;
  }
  return NULL;
}

long psv_linux_clock_ticks(void) { return sysconf(_SC_CLK_TCK); }
long psv_linux_page_size(void) { return sysconf(_SC_PAGESIZE); }
