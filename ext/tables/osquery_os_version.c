/*
** osquery_os_version.c — osquery's os_version: one row, the OS release
** as /etc/os-release (and /etc/redhat-release, /etc/gentoo-release) say.
**
**   SELECT name, version, major, minor, platform FROM os_version;
**   CREATE VIRTUAL TABLE temp.v USING osquery_os_version(etc='/srv/root/etc');
*/
#include "osquery.h"

enum {
  COL_NAME, COL_VERSION, COL_MAJOR, COL_MINOR, COL_PATCH, COL_BUILD, COL_PLATFORM,
  COL_PLATFORM_LIKE, COL_CODENAME, COL_ARCH, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_NAME] = {"name", "TEXT", NULL, "distribution name (NAME=); 'Unknown' when none says", 0},
  [COL_VERSION] = {"version", "TEXT", NULL, "version as shown to people (VERSION=)", 0},
  [COL_MAJOR] = {"major", "INTEGER", NULL,
    "first part of VERSION_ID (0 when none); osquery reads '04' as octal 4, and '08' as NULL", 0},
  [COL_MINOR] = {"minor", "INTEGER", NULL, "second part of VERSION_ID (0 when none)", 0},
  [COL_PATCH] = {"patch", "INTEGER", NULL, "the rest of VERSION_ID (0 when none)", 0},
  [COL_BUILD] = {"build", "TEXT", NULL, "BUILD_ID=", 0},
  [COL_PLATFORM] = {"platform", "TEXT", NULL, "ID= (debian, ubuntu); rhel or gentoo when their release file exists; 'posix' when none says", 0},
  [COL_PLATFORM_LIKE] = {"platform_like", "TEXT", NULL, "ID_LIKE=", 0},
  [COL_CODENAME] = {"codename", "TEXT", NULL, "VERSION_CODENAME= (or another *CODENAME= key)", 0},
  [COL_ARCH] = {"arch", "TEXT", NULL, "the machine's hardware name (x86_64, aarch64)", 0},
};

/* The row's strings live in buf and v (arch). */
typedef struct version_state { psv_buf buf; psv_os_version v; int done; } version_state;

static int version_begin(void *state, psv_scan *scan) {
  (void)scan;
  ((version_state *)state)->done = 0;
  return PSV_ROW;
}

static int version_next(void *state, psv_scan *scan, psv_value *row) {
  version_state *st = state;
  if (st->done++) return PSV_EOF;
  psv_os_version *v = &st->v;
  int err = psv_os_version_read(scan->os, &st->buf, v);
  if (err) return psv_os_fail(scan, err);
  psv_set_str(&row[COL_NAME], v->name);
  psv_set_str(&row[COL_VERSION], v->version);
  psv_set_osquery_int(&row[COL_MAJOR], v->major);
  psv_set_osquery_int(&row[COL_MINOR], v->minor);
  psv_set_osquery_int(&row[COL_PATCH], v->patch);
  psv_set_str(&row[COL_BUILD], v->build);
  psv_set_str(&row[COL_PLATFORM], v->platform);
  psv_set_str(&row[COL_PLATFORM_LIKE], v->platform_like);
  psv_set_str(&row[COL_CODENAME], v->codename);
  if (v->arch[0]) psv_set_bytes(&row[COL_ARCH], v->arch, strlen(v->arch));
  return PSV_ROW;
}

static void version_end(void *state) { (void)state; }

static void version_destroy(void *state) {
  psv_buf_free(&((version_state *)state)->buf);
}

const psv_table psv_table_osquery_os_version = {
  .name = "osquery_os_version",
  .platforms = "linux",
  .doc = "osquery's os_version: the OS release",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CONFIG,
  .full_scan_rows = 1,
  .state_size = sizeof(version_state),
  .begin = version_begin,
  .next = version_next,
  .end = version_end,
  .destroy = version_destroy,
};
