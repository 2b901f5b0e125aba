/*
** system_info.c — one row of facts about the system: psutil's
** boot_time() and cpu_count(), and what platform.uname() and
** os.sysconf() tell.
**
**   SELECT datetime(boot_time, 'unixepoch'), cpu_count_logical FROM system_info;
*/
#include "common.h"


enum {
  COL_BOOT_TIME, COL_LOGICAL, COL_PHYSICAL, COL_PLATFORM, COL_HOSTNAME,
  COL_RELEASE, COL_PAGE_SIZE, COL_CLOCK_TICKS, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_BOOT_TIME] = {"boot_time", "REAL", "seconds", "when the system booted, Unix time", PSV_SYS_BOOT_TIME},
  [COL_LOGICAL] = {"cpu_count_logical", "INTEGER", NULL, "online logical CPUs; NULL if unknown",
    PSV_SYS_CPUS_LOGICAL},
  [COL_PHYSICAL] = {"cpu_count_physical", "INTEGER", NULL, "physical cores; NULL if unknown",
    PSV_SYS_CPUS_PHYSICAL},
  [COL_PLATFORM] = {"platform", "TEXT", NULL, "the platform layer that reads the OS ('linux', ...)", 0},
  [COL_HOSTNAME] = {"hostname", "TEXT", NULL, "the host's name", PSV_SYS_NAMES},
  [COL_RELEASE] = {"kernel_release", "TEXT", NULL, "the running kernel's release", PSV_SYS_NAMES},
  [COL_PAGE_SIZE] = {"page_size", "INTEGER", "bytes", "size of a memory page", PSV_SYS_PAGE_SIZE},
  [COL_CLOCK_TICKS] = {"clock_ticks", "INTEGER", NULL, "clock ticks a second: the unit the kernel counts CPU time in",
    PSV_SYS_CLOCK_TICKS},
};

typedef struct system_info_state {
  int done;
  psv_system sys;
} system_info_state;

static int system_info_begin(void *state, psv_scan *scan) {
  system_info_state *st = state;
  st->done = 0;
  int err = psv_system_read(scan->os, (unsigned)scan->sources, &st->sys);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static void set_text(psv_value *v, const char *s) {
  psv_set_bytes(v, s, strlen(s));
}

static int system_info_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  system_info_state *st = state;
  const psv_system *s = &st->sys;
  if (st->done++) return PSV_EOF;
  if (s->have & PSV_SYS_BOOT_TIME) psv_set_real(&row[COL_BOOT_TIME], s->boot_time);
  if (s->have & PSV_SYS_CPUS_LOGICAL) psv_set_int(&row[COL_LOGICAL], s->cpu_count_logical);
  if (s->have & PSV_SYS_CPUS_PHYSICAL) psv_set_int(&row[COL_PHYSICAL], s->cpu_count_physical);
  const char *platform = psv_platform_name();
  psv_set_text(&row[COL_PLATFORM], platform, strlen(platform));
  if (s->have & PSV_SYS_NAMES) {
    set_text(&row[COL_HOSTNAME], s->hostname);
    set_text(&row[COL_RELEASE], s->kernel_release);
  }
  if (s->have & PSV_SYS_PAGE_SIZE) psv_set_int(&row[COL_PAGE_SIZE], s->page_size);
  if (s->have & PSV_SYS_CLOCK_TICKS) psv_set_int(&row[COL_CLOCK_TICKS], s->clock_ticks);
  return PSV_ROW;
}

static void system_info_end(void *state) { (void)state; }

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_CLOCK_TICKS] = "linux",
};

const psv_table psv_table_system_info = {
  .name = "system_info",
  .doc = "one row: boot time, CPU counts, host and kernel names, page size, clock ticks",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_SYSTEM | PSV_KIND_CPU_INFO,
  .full_scan_rows = 1,
  .state_size = sizeof(system_info_state),
  .begin = system_info_begin,
  .next = system_info_next,
  .end = system_info_end,
};
