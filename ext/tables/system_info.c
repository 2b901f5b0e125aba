/*
** system_info.c — one row of facts about the system: psutil's
** boot_time() and cpu_count(), and what platform.uname() and
** os.sysconf() tell.
**
**   SELECT datetime(boot_time, 'unixepoch'), cpu_count_logical FROM system_info;
*/
#include "common.h"

#include <errno.h>

enum {
  COL_BOOT_TIME, COL_LOGICAL, COL_PHYSICAL, COL_PLATFORM, COL_HOSTNAME,
  COL_RELEASE, COL_PAGE_SIZE, COL_CLOCK_TICKS, N_COLUMNS
};

/* Sources: each costs reads of its own. */
enum { SRC_BOOT = 1u << 0, SRC_LOGICAL = 1u << 1, SRC_CORES = 1u << 2, SRC_UNAME = 1u << 3 };

static const psv_column columns[N_COLUMNS] = {
  [COL_BOOT_TIME] = {"boot_time", "REAL", "seconds", "when the system booted, Unix time (btime of /proc/stat)", SRC_BOOT},
  [COL_LOGICAL] = {"cpu_count_logical", "INTEGER", NULL,
    "online logical CPUs (sysfs cpu/online, else cpuinfo processors, else cpuN lines of stat)", SRC_LOGICAL},
  [COL_PHYSICAL] = {"cpu_count_physical", "INTEGER", NULL,
    "physical cores: distinct sysfs core_cpus_list (else cpuinfo cpu cores per package); NULL if unknown",
    SRC_CORES},
  [COL_PLATFORM] = {"platform", "TEXT", NULL, "the platform layer that reads the OS ('linux')", 0},
  [COL_HOSTNAME] = {"hostname", "TEXT", NULL, "the host's name (uname nodename)", SRC_UNAME},
  [COL_RELEASE] = {"kernel_release", "TEXT", NULL, "the running kernel's release (uname -r)", SRC_UNAME},
  [COL_PAGE_SIZE] = {"page_size", "INTEGER", "bytes", "size of a memory page", 0},
  [COL_CLOCK_TICKS] = {"clock_ticks", "INTEGER", NULL, "clock ticks a second: the unit of /proc CPU times", 0},
};

typedef struct system_info_state {
  int done;
  int has_boot_time;
  double boot_time;
  int64_t logical, cores;
  psv_uname names;
} system_info_state;

static int read_boot_time(psv_scan *scan, system_info_state *st) {
  int err = psv_boot_time(scan->os, &st->boot_time);
  st->has_boot_time = !err;
  if (err == EINVAL) return PSV_ROW;   /* no btime line: NULL */
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int system_info_begin(void *state, psv_scan *scan) {
  system_info_state *st = state;
  st->done = 0;
  if (scan->sources & SRC_BOOT) {
    int rc = read_boot_time(scan, st);
    if (rc != PSV_ROW) return rc;
  }
  if ((scan->sources & SRC_LOGICAL) && psv_cpu_count_logical(scan->os, &st->logical)) {
    return PSV_NOMEM;
  }
  if ((scan->sources & SRC_CORES) && psv_cpu_count_cores(scan->os, &st->cores)) {
    return PSV_NOMEM;
  }
  if (scan->sources & SRC_UNAME) {
    int err = psv_uname_read(scan->os, &st->names);
    if (err) return psv_os_fail(scan, err);
  }
  return PSV_ROW;
}

static void set_text(psv_value *v, const char *s) {
  psv_set_bytes(v, s, strlen(s));
}

static int system_info_next(void *state, psv_scan *scan, psv_value *row) {
  system_info_state *st = state;
  if (st->done++) return PSV_EOF;
  if ((scan->sources & SRC_BOOT) && st->has_boot_time) psv_set_real(&row[COL_BOOT_TIME], st->boot_time);
  /* 0: no source said (psutil's None) */
  if ((scan->sources & SRC_LOGICAL) && st->logical > 0) psv_set_int(&row[COL_LOGICAL], st->logical);
  if ((scan->sources & SRC_CORES) && st->cores > 0) psv_set_int(&row[COL_PHYSICAL], st->cores);
  const char *platform = psv_platform_name();
  psv_set_text(&row[COL_PLATFORM], platform, strlen(platform));
  if (scan->sources & SRC_UNAME) {
    set_text(&row[COL_HOSTNAME], st->names.hostname);
    set_text(&row[COL_RELEASE], st->names.release);
  }
  psv_set_int(&row[COL_PAGE_SIZE], psv_page_size());
  psv_set_int(&row[COL_CLOCK_TICKS], psv_clock_ticks());
  return PSV_ROW;
}

static void system_info_end(void *state) { (void)state; }

const psv_table psv_table_system_info = {
  .name = "system_info",
  .doc = "one row: boot time, CPU counts, host and kernel names, page size, clock ticks",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_SYSTEM | PSV_KIND_CPU_INFO,
  .full_scan_rows = 1,
  .state_size = sizeof(system_info_state),
  .begin = system_info_begin,
  .next = system_info_next,
  .end = system_info_end,
};
