/*
** osquery_sys.c — the small system files osquery's tables read: kernel
** modules, the ARP cache, the hosts file, the kernel's release and
** command line, the OS release files, the mounts (with statfs) and the
** login history. Each is read whole (bounded by PSV_MAX_FILE, a regular
** file only, never waiting) and parsed by parse_osquery.c.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <paths.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <utmpx.h>

struct psv_records {
  psv_buf text;      /* the file */
  psv_buf scratch;   /* values a record builds (names joined, a path) */
  size_t offset;     /* of the next line or record */
  int lines;         /* lines given so far */
};

void psv_records_close(psv_records *r) {
  if (!r) return;
  psv_buf_free(&r->text);
  psv_buf_free(&r->scratch);
  psv_free(r);
}

/* Reads root/name whole; a file that does not exist is empty. */
static int read_under(const char *root, const char *name, psv_buf *b) {
  int rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) return errno;
  int err = psv_linux_read_at(rootfd, name, b);
  close(rootfd);
  if (err == ENOENT) {
    b->n = 0;
    err = 0;
  }
  return err;
}

/* A list over root/name, with a scratch buffer as big as the file; a
** failure is recorded in os for psv_os_failure. */
static int records_open(psv_os *os, const char *root, const char *name, psv_records **out) {
  *out = NULL;
  psv_records *r = psv_calloc(sizeof *r);
  if (!r) return ENOMEM;
  int err = read_under(root, name, &r->text);
  if (!err && psv_buf_reserve(&r->scratch, r->text.n + 1)) err = ENOMEM;
  if (err) {
    psv_records_close(r);
    return psv_linux_fail_under(os, err, name, root);
  }
  *out = r;
  return 0;
}

/* The next line, cut at its newline. */
static int next_line(psv_records *r, const char **line, size_t *n) {
  if (!r->text.p) return 0;
  int got = psv_next_line(r->text.p, r->text.n, &r->offset, line, n);
  r->lines += got;
  return got;
}

/* ---- Kernel modules, ARP, hosts ------------------------------------ */

int psv_kernel_modules_open(psv_os *os, psv_records **out) {
  return records_open(os, psv_linux_procfs(os), "modules", out);
}

int psv_kernel_module_next(psv_records *r, psv_kernel_module *out) {
  const char *line;
  size_t n;
  while (next_line(r, &line, &n)) {
    if (psv_parse_module_line(line, n, out) == 0) return 1;
  }
  return 0;
}

int psv_arp_cache_open(psv_os *os, psv_records **out) {
  return records_open(os, psv_linux_procfs(os), "net/arp", out);
}

int psv_arp_entry_next(psv_records *r, psv_arp_entry *out) {
  const char *line;
  size_t n;
  while (next_line(r, &line, &n)) {
    /* the first line is the header, whatever it holds */
    if (r->lines > 1 && psv_parse_arp_line(line, n, out) == 0) return 1;
  }
  return 0;
}

int psv_hosts_open(psv_os *os, psv_records **out) {
  return records_open(os, psv_linux_etc(os), "hosts", out);
}

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int psv_host_entry_next(psv_records *r, psv_host_entry *out) {
  const char *line;
  size_t n;
  while (next_line(r, &line, &n)) {
    while (n && is_blank(*line)) { line++; n--; }
    while (n && is_blank(line[n - 1])) n--;
    if (n && psv_parse_hosts_line(line, n, r->scratch.p, out) == 0) return 1;
  }
  return 0;
}

/* ---- The kernel ---------------------------------------------------- */

int psv_kernel_info_read(psv_os *os, psv_buf *b, psv_kernel_info *out) {
  const char *procfs = psv_linux_procfs(os);
  memset(out, 0, sizeof *out);
  psv_buf cmdline = {0}, version = {0};
  int cmd_err = read_under(procfs, "cmdline", &cmdline);
  int ver_err = read_under(procfs, "version", &version);
  int err = cmd_err == ENOMEM || ver_err == ENOMEM ? ENOMEM : 0;
  /* one block, so that no pointer into it moves: the version, then room
  ** for the arguments joined */
  if (!err && psv_buf_reserve(b, version.n + cmdline.n + 1)) err = ENOMEM;
  if (!err) {
    b->n = 0;
    psv_str release;
    if (!ver_err && version.n && psv_parse_kernel_version(version.p, version.n, &release) == 0) {
      memcpy(b->p, release.s, release.n);
      out->version = (psv_str){ b->p, release.n };
      b->n = release.n;
    }
    if (!cmd_err && cmdline.p) {
      psv_parse_kernel_cmdline(cmdline.p, cmdline.n, b->p + b->n, out);
      /* the image and root device point into the file: copy them too */
      char *at = b->p + b->n + out->arguments.n;
      psv_str *keep[2] = { &out->image_path, &out->root_device };
      size_t room = cmdline.n - out->arguments.n;
      for (int i = 0; i < 2; i++) {
        if (!keep[i]->s || keep[i]->n > room) continue;
        memcpy(at, keep[i]->s, keep[i]->n);
        keep[i]->s = at;
        at += keep[i]->n;
        room -= keep[i]->n;
      }
    }
  }
  psv_buf_free(&cmdline);
  psv_buf_free(&version);
  return err ? psv_linux_fail_under(os, err, "cmdline", procfs) : 0;
}

/* ---- The OS release ------------------------------------------------ */

static void set_const(psv_str *field, const char *text) {
  *field = (psv_str){ text, strlen(text) };
}

int psv_os_version_read(psv_os *os_handle, psv_buf *b, psv_os_version *out) {
  const char *etc = psv_linux_etc(os_handle);
  memset(out, 0, sizeof *out);
  set_const(&out->name, "Unknown");
  set_const(&out->major, "0");
  set_const(&out->minor, "0");
  set_const(&out->patch, "0");
  set_const(&out->platform, "posix");
  struct utsname u;
  if (uname(&u) == 0) memcpy(out->arch, u.machine, strnlen(u.machine, sizeof out->arch - 1));
  psv_buf os = {0}, release = {0};
  const char *platform = "rhel";
  int err = read_under(etc, "os-release", &os);
  if (!err) err = read_under(etc, "redhat-release", &release);
  if (!err && !release.n) {
    platform = "gentoo";
    err = read_under(etc, "gentoo-release", &release);
  }
  /* every value fits in twice the os-release file and once the other */
  if (err != ENOMEM && psv_buf_reserve(b, 2 * os.n + release.n + 1)) err = ENOMEM;
  if (err != ENOMEM) {
    err = 0;
    if (os.n) psv_parse_os_release(os.p, os.n, b->p, out);
    if (release.n) {
      set_const(&out->platform, platform);
      set_const(&out->platform_like, platform);
      psv_parse_release_file(release.p, release.n, b->p + 2 * os.n, out);
    }
  }
  psv_buf_free(&os);
  psv_buf_free(&release);
  return err ? psv_linux_fail_under(os_handle, err, "os-release", etc) : 0;
}

/* ---- Mounts -------------------------------------------------------- */

int psv_fs_mounts_open(psv_os *os, psv_records **out) {
  const char *procfs = psv_linux_procfs(os);
  int err = records_open(os, procfs, "self/mounts", out);
  if (!err && !(*out)->text.n) {   /* a tree without self/ */
    psv_records_close(*out);
    err = records_open(os, procfs, "mounts", out);
  }
  return err;
}

/* statfs of the mount's path, as osquery asks it. */
static void fs_stats(psv_fs_mount *m) {
  struct statfs st;
  if (m->type.n == 6 && memcmp(m->type.s, "autofs", 6) == 0) return;
  if (statfs(m->path.s, &st) != 0) return;
  m->has_statfs = 1;
  m->block_size = (uint64_t)st.f_bsize;
  m->blocks = (uint64_t)st.f_blocks;
  m->blocks_free = (uint64_t)st.f_bfree;
  m->blocks_available = (uint64_t)st.f_bavail;
  m->inodes = (uint64_t)st.f_files;
  m->inodes_free = (uint64_t)st.f_ffree;
}

/* The device's canonical path (links resolved), or the device as it is
** when it is none (osquery's canonicalize_file_name). A name that is not
** a path ("proc", "tmpfs") is not looked up: relative to the working
** directory it would name some other file. */
static void device_alias(psv_records *r, psv_fs_mount *m) {
  m->device_alias = m->device;
  if (!m->device.n || m->device.s[0] != '/') return;
  if (psv_buf_reserve(&r->scratch, PATH_MAX + 1)) return;
  if (realpath(m->device.s, r->scratch.p)) {
    m->device_alias = (psv_str){ r->scratch.p, strlen(r->scratch.p) };
  }
}

int psv_fs_mount_next(psv_records *r, psv_fs_mount *out) {
  const char *line;
  size_t n;
  while (next_line(r, &line, &n)) {
    psv_mount m;
    /* the buffer is ours: decoding writes into it, each field ends in a
    ** NUL (see psv_parse_mount_line) */
    if (psv_parse_mount_line((char *)line, n, &m)) continue;
    memset(out, 0, sizeof *out);
    out->device = (psv_str){ m.device, m.device_len };
    out->path = (psv_str){ m.mountpoint, m.mountpoint_len };
    out->type = (psv_str){ m.fstype, m.fstype_len };
    out->flags = (psv_str){ m.opts, m.opts_len };
    device_alias(r, out);
    fs_stats(out);
    return 1;
  }
  return 0;
}

/* ---- Logins and accounts ------------------------------------------ */

int psv_login_records_open(psv_os *os, int history, psv_records **out) {
  *out = NULL;
  psv_records *r = psv_calloc(sizeof *r);
  if (!r) return ENOMEM;
  const char *path = psv_linux_utmp(os);
  if (!path) path = history ? _PATH_WTMP : _PATH_UTMPX;
  int err = psv_linux_read_at(AT_FDCWD, path, &r->text);
  if (err == ENOENT) {   /* none kept (many containers): no records */
    r->text.n = 0;
    err = 0;
  }
  if (err) {
    psv_records_close(r);
    return psv_linux_fail(os, err, "cannot read the login file", psv_linux_utmp(os) ? psv_linux_utmp(os)
                          : history ? _PATH_WTMP : _PATH_UTMPX);
  }
  *out = r;
  return 0;
}

int psv_login_record_next(psv_records *r, psv_login_record *out) {
  return r->text.p ? psv_parse_login_record(r->text.p, r->text.n, &r->offset, out) : 0;
}

int psv_accounts_open(psv_os *os, psv_records **out) {
  return records_open(os, psv_linux_etc(os), "passwd", out);
}

int psv_account_next(psv_records *r, psv_account *out) {
  const char *line;
  size_t n;
  while (next_line(r, &line, &n)) {
    if (psv_parse_passwd_line(line, n, out) == 0) return 1;
  }
  return 0;
}

/* ---- The machine --------------------------------------------------- */

/* A one-line sysfs value into out, trimmed: 1, or 0 when unreadable. */
static int read_value(int dirfd, const char *name, psv_buf *b, char *out, size_t size) {
  out[0] = '\0';
  if (dirfd < 0 || psv_linux_read_at(dirfd, name, b)) return 0;
  size_t n = b->n;
  while (n && (b->p[n - 1] == '\n' || b->p[n - 1] == ' ')) n--;
  if (n >= size) n = size - 1;
  memcpy(out, b->p, n);
  out[n] = '\0';
  return 1;
}

static int read_dmi(const char *sysfs, psv_buf *b, psv_machine *out) {
  static const char *const names[] = {
    "sys_vendor", "product_name", "product_version", "product_serial", "product_uuid",
    "board_vendor", "board_name", "board_version", "board_serial",
  };
  char *fields[] = {
    out->sys_vendor, out->product, out->product_version, out->product_serial, out->product_uuid,
    out->board_vendor, out->board, out->board_version, out->board_serial,
  };
  char dir[PATH_MAX];
  if (snprintf(dir, sizeof dir, "%s/class/dmi/id", sysfs) >= (int)sizeof dir) return 0;
  int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) return errno == ENOMEM ? ENOMEM : 0;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    if (read_value(dirfd, names[i], b, fields[i], PSV_ID_TEXT)) out->dmi_have |= 1u << i;
  }
  close(dirfd);
  out->has_dmi = out->dmi_have != 0;
  return 0;
}

int psv_machine_read(psv_os *os, psv_machine *out) {
  const char *procfs = psv_linux_procfs(os), *sysfs = psv_linux_sysfs(os);
  memset(out, 0, sizeof *out);
  struct utsname u;
  if (uname(&u) == 0) {
    memcpy(out->hostname, u.nodename, strnlen(u.nodename, sizeof out->hostname - 1));
    memcpy(out->machine, u.machine, strnlen(u.machine, sizeof out->machine - 1));
  }
  psv_buf b = {0};
  int err = read_under(procfs, "cpuinfo", &b);
  if (err == ENOMEM) return err;
  if (!err && b.p) psv_parse_cpuinfo_identity(b.p, b.n, out);
  err = read_dmi(sysfs, &b, out);
  psv_buf_free(&b);
  return err ? psv_linux_fail_under(os, err, "class/dmi/id", sysfs) : 0;
}
