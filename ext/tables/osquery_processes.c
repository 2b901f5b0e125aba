/*
** osquery_processes.c — osquery's processes: one row per process, with
** osquery's columns and their meaning on Linux (times in milliseconds,
** start_time in Unix seconds, resident_size VmRSS, '' for a link that
** cannot be read). psvtab's own `processes` stays as it is (main.processes
** once psvtab_osquery() has put this one in its place).
**
**   SELECT pid, name, path, on_disk FROM processes WHERE on_disk = 0;
*/
#include "osquery.h"

enum {
  COL_PID, COL_NAME, COL_PATH, COL_CMDLINE, COL_STATE, COL_CWD, COL_ROOT, COL_UID, COL_GID,
  COL_EUID, COL_EGID, COL_SUID, COL_SGID, COL_ON_DISK, COL_WIRED_SIZE, COL_RESIDENT_SIZE,
  COL_TOTAL_SIZE, COL_USER_TIME, COL_SYSTEM_TIME, COL_DISK_BYTES_READ, COL_DISK_BYTES_WRITTEN,
  COL_START_TIME, COL_PARENT, COL_PGROUP, COL_THREADS, COL_NICE, COL_CGROUP_PATH, N_COLUMNS
};

/* Kernel threads and zombies have no memory: no peak either. */
#define MEMORY (PSV_PROC_MEMORY | PSV_PROC_PEAK_VMS)

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "BIGINT", NULL, "process id", 0},
  [COL_NAME] = {"name", "TEXT", NULL, "the name the OS keeps for the process (on Linux cut at 15 bytes)", PSV_PROC_OS_NAME},
  [COL_PATH] = {"path", "TEXT", NULL, "the executable (the exe link); '' when it cannot be read", PSV_PROC_EXE},
  [COL_CMDLINE] = {"cmdline", "TEXT", NULL, "the arguments joined by spaces; '' for kernel threads and zombies", PSV_PROC_CMDLINE},
  [COL_STATE] = {"state", "TEXT", NULL, "the state as a letter (R running, S sleeping, D disk-sleep, Z zombie, T stopped, I idle, ...)", PSV_PROC_STATUS},
  [COL_CWD] = {"cwd", "TEXT", NULL, "working directory; '' when it cannot be read", PSV_PROC_CWD},
  [COL_ROOT] = {"root", "TEXT", NULL, "root directory (chroot); '' when it cannot be read", PSV_PROC_ROOT},
  [COL_UID] = {"uid", "BIGINT", NULL, "real user id", PSV_PROC_UIDS},
  [COL_GID] = {"gid", "BIGINT", NULL, "real group id", PSV_PROC_GIDS},
  [COL_EUID] = {"euid", "BIGINT", NULL, "effective user id", PSV_PROC_UIDS},
  [COL_EGID] = {"egid", "BIGINT", NULL, "effective group id", PSV_PROC_GIDS},
  [COL_SUID] = {"suid", "BIGINT", NULL, "saved user id", PSV_PROC_UIDS},
  [COL_SGID] = {"sgid", "BIGINT", NULL, "saved group id", PSV_PROC_GIDS},
  [COL_ON_DISK] = {"on_disk", "INTEGER", NULL,
    "1 when the executable's path names a file, 0 when not (deleted), -1 when path is unknown", PSV_PROC_EXE},
  [COL_WIRED_SIZE] = {"wired_size", "BIGINT", "bytes", "0: Linux does not count unpageable memory apart", 0},
  [COL_RESIDENT_SIZE] = {"resident_size", "BIGINT", "bytes",
    "resident memory (as process_memory.rss); NULL for kernel threads and zombies", MEMORY},
  [COL_TOTAL_SIZE] = {"total_size", "BIGINT", "bytes",
    "virtual memory size (as process_memory.vms); NULL for kernel threads and zombies", MEMORY},
  [COL_USER_TIME] = {"user_time", "BIGINT", "milliseconds", "CPU time in user mode", PSV_PROC_CPU_TIMES},
  [COL_SYSTEM_TIME] = {"system_time", "BIGINT", "milliseconds", "CPU time in kernel mode", PSV_PROC_CPU_TIMES},
  [COL_DISK_BYTES_READ] = {"disk_bytes_read", "BIGINT", "bytes",
    "bytes storage read for it; NULL when not the caller's to see", PSV_PROC_DISK_IO},
  [COL_DISK_BYTES_WRITTEN] = {"disk_bytes_written", "BIGINT", "bytes",
    "bytes it had storage write, less those cancelled (truncated before written)", PSV_PROC_DISK_IO},
  [COL_START_TIME] = {"start_time", "BIGINT", "seconds",
    "start, whole Unix seconds (create_time rounded down); -1 when unknown", PSV_PROC_CREATE_TIME},
  [COL_PARENT] = {"parent", "BIGINT", NULL, "parent process id", PSV_PROC_PPID},
  [COL_PGROUP] = {"pgroup", "BIGINT", NULL, "process group id", PSV_PROC_PGROUP},
  [COL_THREADS] = {"threads", "INTEGER", NULL, "number of threads", PSV_PROC_NUM_THREADS},
  [COL_NICE] = {"nice", "INTEGER", NULL, "nice value", PSV_PROC_NICE},
  [COL_CGROUP_PATH] = {"cgroup_path", "TEXT", NULL, "its control group's path (of the first hierarchy)", PSV_PROC_CGROUP},
};

typedef struct processes_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_buf cmdline, probe, link;   /* probe: the exe's path, NUL-terminated */
  int64_t ms_per_unit;   /* milliseconds per unit of CPU time */
} processes_state;

static int processes_begin(void *state, psv_scan *scan) {
  processes_state *st = state;
  st->ms_per_unit = 10;
  if (scan->sources & PSV_PROC_CPU_TIMES) {
    psv_system sys;
    int err = psv_system_read(scan->os, PSV_SYS_CLOCK_TICKS, &sys);
    if (err) return psv_os_fail(scan, err);
    /* osquery's integer division: 1000 / ticks per second */
    if ((sys.have & PSV_SYS_CLOCK_TICKS) && sys.clock_ticks > 0) st->ms_per_unit = 1000 / sys.clock_ticks;
  }
  return psv_proc_walk_begin(&st->walk, scan);
}

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* osquery's cmdline: the arguments' NULs made spaces, blanks trimmed at
** both ends (the arguments as psv_cmdline_split gives them, joined). */
static int join_arg(void *ctx, const char *arg, size_t n) {
  psv_buf *b = ctx;
  if (b->n && psv_buf_append(b, " ", 1)) return ENOMEM;
  return psv_buf_append(b, arg, n) ? ENOMEM : 0;
}

static int set_cmdline(processes_state *st, psv_value *v) {
  const psv_proc_info *info = &st->info;
  st->cmdline.n = 0;
  if (psv_cmdline_split(info->cmdline, info->cmdline_len, join_arg, &st->cmdline)) return ENOMEM;
  const char *s = st->cmdline.p ? st->cmdline.p : "";
  size_t n = st->cmdline.n;
  while (n && is_blank(*s)) { s++; n--; }
  while (n && is_blank(s[n - 1])) n--;
  psv_set_bytes(v, s, n);
  v->cut = (info->cut & PSV_PROC_CMDLINE) != 0;
  return 0;
}

/* *out: -1 when the path is unknown, 0 when it names no file (or the OS
** marked it deleted), else 1. 0, or ENOMEM. */
static int on_disk(processes_state *st, int64_t *out) {
  const psv_link *exe = &st->info.exe;
  *out = -1;
  if (!(st->info.have & PSV_PROC_EXE) || exe->len == 0) return 0;
  *out = 0;
  if (exe->deleted) return 0;
  if (psv_buf_reserve(&st->probe, exe->len + 1)) return ENOMEM;
  memcpy(st->probe.p, exe->path, exe->len);
  st->probe.p[exe->len] = '\0';
  psv_file_info f;
  int err = psv_file_stat(st->probe.p, &st->link, &f);
  if (err == ENOMEM) return err;
  *out = err == 0;
  return 0;
}

/* osquery's letter of a state (the kernel's, on Linux). */
static const char *state_letter(psv_proc_state state) {
  switch (state) {
    case PSV_STATE_RUNNING: return "R";
    case PSV_STATE_SLEEPING: return "S";
    case PSV_STATE_DISK_SLEEP: return "D";
    case PSV_STATE_STOPPED: return "T";
    case PSV_STATE_TRACING_STOP: return "t";
    case PSV_STATE_ZOMBIE: return "Z";
    case PSV_STATE_DEAD: return "X";
    case PSV_STATE_WAKE_KILL: return "K";
    case PSV_STATE_WAKING: return "W";
    case PSV_STATE_IDLE: return "I";
    case PSV_STATE_PARKED: return "P";
    case PSV_STATE_UNKNOWN: break;
  }
  return NULL;
}

static void fill_basics(processes_state *st, psv_value *row) {
  const psv_proc_info *info = &st->info;
  uint64_t have = info->have;
  if (have & PSV_PROC_OS_NAME) psv_set_bytes(&row[COL_NAME], info->os_name, info->os_name_len);
  const char *letter = (have & PSV_PROC_STATUS) ? state_letter(info->status) : NULL;
  if (letter) psv_set_const(&row[COL_STATE], letter);
  if (have & PSV_PROC_CPU_TIMES) {
    psv_set_int(&row[COL_USER_TIME], (int64_t)info->cpu_user * st->ms_per_unit);
    psv_set_int(&row[COL_SYSTEM_TIME], (int64_t)info->cpu_system * st->ms_per_unit);
  }
  if (have & PSV_PROC_PPID) psv_set_int(&row[COL_PARENT], info->ppid);
  if (have & PSV_PROC_NUM_THREADS) psv_set_int(&row[COL_THREADS], info->num_threads);
  if (have & PSV_PROC_NICE) psv_set_int(&row[COL_NICE], info->nice);
  psv_set_int(&row[COL_START_TIME], (have & PSV_PROC_CREATE_TIME) ? (int64_t)info->create_time : -1);
  static const int uid_cols[3] = { COL_UID, COL_EUID, COL_SUID };
  static const int gid_cols[3] = { COL_GID, COL_EGID, COL_SGID };
  for (int i = 0; i < 3; i++) {
    if (have & PSV_PROC_UIDS) psv_set_int(&row[uid_cols[i]], info->uid[i]);
    if (have & PSV_PROC_GIDS) psv_set_int(&row[gid_cols[i]], info->gid[i]);
  }
  /* a process with memory has a peak; kernel threads and zombies none */
  if ((have & PSV_PROC_PEAK_VMS) && (have & PSV_PROC_MEMORY)) {
    psv_set_int(&row[COL_RESIDENT_SIZE], (int64_t)info->rss);
    psv_set_int(&row[COL_TOTAL_SIZE], (int64_t)info->vms);
  }
}

static void set_link(const psv_proc_info *info, uint64_t fact, const psv_link *link, psv_value *v) {
  if (info->have & fact) psv_set_bytes(v, link->path, link->len);
  else psv_set_const(v, "");
}

static void fill_more(processes_state *st, const psv_scan *scan, psv_value *row) {
  const psv_proc_info *info = &st->info;
  if (info->have & PSV_PROC_DISK_IO) {
    psv_set_int(&row[COL_DISK_BYTES_READ], info->disk_read);
    psv_set_int(&row[COL_DISK_BYTES_WRITTEN], info->disk_written);
  }
  if (info->have & PSV_PROC_PGROUP) psv_set_int(&row[COL_PGROUP], info->pgroup);
  if (info->have & PSV_PROC_CGROUP) psv_set_bytes(&row[COL_CGROUP_PATH], info->cgroup, info->cgroup_len);
  if (psv_used(scan, COL_ROOT)) set_link(info, PSV_PROC_ROOT, &info->root, &row[COL_ROOT]);
}

static int processes_next(void *state, psv_scan *scan, psv_value *row) {
  processes_state *st = state;
  int rc = psv_proc_walk_next(&st->walk, scan, scan->sources, &st->info);
  if (rc != PSV_ROW) return rc;
  const psv_proc_info *info = &st->info;
  psv_set_int(&row[COL_PID], st->walk.pid);
  fill_basics(st, row);
  if (psv_used(scan, COL_CMDLINE)) {
    if (!(info->have & PSV_PROC_CMDLINE)) psv_set_const(&row[COL_CMDLINE], "");
    else if (set_cmdline(st, &row[COL_CMDLINE])) return PSV_NOMEM;
  }
  if (psv_used(scan, COL_PATH)) set_link(info, PSV_PROC_EXE, &info->exe, &row[COL_PATH]);
  if (psv_used(scan, COL_CWD)) set_link(info, PSV_PROC_CWD, &info->cwd, &row[COL_CWD]);
  if (psv_used(scan, COL_ON_DISK)) {
    int64_t found;
    if (on_disk(st, &found)) return PSV_NOMEM;
    psv_set_int(&row[COL_ON_DISK], found);
  }
  psv_set_int(&row[COL_WIRED_SIZE], 0);
  fill_more(st, scan, row);
  return PSV_ROW;
}

static void processes_end(void *state) {
  processes_state *st = state;
  psv_proc_walk_end(&st->walk);
}

static void processes_destroy(void *state) {
  processes_state *st = state;
  psv_proc_walk_destroy(&st->walk);
  psv_buf_free(&st->cmdline);
  psv_buf_free(&st->probe);
  psv_buf_free(&st->link);
}

const psv_table psv_table_osquery_processes = {
  .name = "osquery_processes",
  .platforms = "linux",
  .doc = "osquery's processes: one row per process, osquery's columns",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .state_size = sizeof(processes_state),
  .begin = processes_begin,
  .next = processes_next,
  .end = processes_end,
  .destroy = processes_destroy,
};
