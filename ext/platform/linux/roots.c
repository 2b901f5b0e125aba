/*
** roots.c — is a directory given as procfs= or sysfs= one? A procfs or
** sysfs mount is; so is a tree (a copy, a fixture) that holds at least one
** thing psvtab reads there. Any other directory ('/usr') would give empty
** tables without a word: CREATE refuses it and says what it lacks.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#define PROC_MAGIC 0x9fa0        /* PROC_SUPER_MAGIC */
#define SYSFS_MAGIC 0x62656572   /* SYSFS_MAGIC */

/* What psvtab reads at the top of each root: a procfs tree must hold a
** process directory (a number) or one of these; a sysfs tree one of these. */
static const char *const procfs_entries[] = {
  "stat", "meminfo", "vmstat", "zoneinfo", "loadavg", "diskstats", "cpuinfo",
  "mounts", "filesystems", "net", "self", "modules", "cmdline", "version", NULL
};
static const char *const sysfs_entries[] = { "block", "class", "devices", NULL };

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
  if (fstatfs(fd, &fs) == 0 && (long)fs.f_type == magic) {
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

static int open_root(const char *root) {
  return open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int psv_check_procfs_root(const char *root, const char **wanted) {
  *wanted = "a process directory (a number), or one of stat, meminfo, vmstat, zoneinfo, "
            "loadavg, diskstats, cpuinfo, mounts, filesystems, net, self, modules, cmdline, version";
  int fd = open_root(root);
  return fd < 0 ? errno : check_root(fd, PROC_MAGIC, procfs_entries, 1);
}

int psv_check_sysfs_root(const char *root, const char **wanted) {
  *wanted = "one of block, class, devices";
  int fd = open_root(root);
  return fd < 0 ? errno : check_root(fd, SYSFS_MAGIC, sysfs_entries, 0);
}
