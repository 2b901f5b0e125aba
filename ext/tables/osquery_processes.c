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

/* The sources beyond the psv_proc groups: psv_proc_read_extra's, shifted. */
#define X(group) ((group) << 16)
#define MEMORY (PSV_PI_STATUS | PSV_PI_STATM)

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "BIGINT", NULL, "process id", 0, 0, 0},
  [COL_NAME] = {"name", "TEXT", NULL, "the kernel's name of the process (at most 15 bytes)", PSV_PI_STAT, 0, 0},
  [COL_PATH] = {"path", "TEXT", NULL, "the executable (the exe link); '' when it cannot be read", PSV_PI_EXE, 0, 0},
  [COL_CMDLINE] = {"cmdline", "TEXT", NULL, "the arguments joined by spaces; '' for kernel threads and zombies", PSV_PI_CMDLINE, 0, 0},
  [COL_STATE] = {"state", "TEXT", NULL, "the kernel's state letter (R, S, D, Z, T, I, ...)", PSV_PI_STAT, 0, 0},
  [COL_CWD] = {"cwd", "TEXT", NULL, "working directory; '' when it cannot be read", PSV_PI_CWD, 0, 0},
  [COL_ROOT] = {"root", "TEXT", NULL, "root directory (chroot); '' when it cannot be read", X(PSV_PX_ROOT), 0, 0},
  [COL_UID] = {"uid", "BIGINT", NULL, "real user id", PSV_PI_STATUS, 0, 0},
  [COL_GID] = {"gid", "BIGINT", NULL, "real group id", PSV_PI_STATUS, 0, 0},
  [COL_EUID] = {"euid", "BIGINT", NULL, "effective user id", PSV_PI_STATUS, 0, 0},
  [COL_EGID] = {"egid", "BIGINT", NULL, "effective group id", PSV_PI_STATUS, 0, 0},
  [COL_SUID] = {"suid", "BIGINT", NULL, "saved user id", PSV_PI_STATUS, 0, 0},
  [COL_SGID] = {"sgid", "BIGINT", NULL, "saved group id", PSV_PI_STATUS, 0, 0},
  [COL_ON_DISK] = {"on_disk", "INTEGER", NULL,
    "1 when the executable's path names a file, 0 when not (deleted), -1 when path is unknown", PSV_PI_EXE, 0, 0},
  [COL_WIRED_SIZE] = {"wired_size", "BIGINT", "bytes", "0: Linux does not count unpageable memory apart", 0, 0, 0},
  [COL_RESIDENT_SIZE] = {"resident_size", "BIGINT", "bytes",
    "resident memory (VmRSS); NULL for kernel threads and zombies", MEMORY, 0, 0},
  [COL_TOTAL_SIZE] = {"total_size", "BIGINT", "bytes",
    "virtual memory size (VmSize); NULL for kernel threads and zombies", MEMORY, 0, 0},
  [COL_USER_TIME] = {"user_time", "BIGINT", "milliseconds", "CPU time in user mode", PSV_PI_STAT, 0, 0},
  [COL_SYSTEM_TIME] = {"system_time", "BIGINT", "milliseconds", "CPU time in kernel mode", PSV_PI_STAT, 0, 0},
  [COL_DISK_BYTES_READ] = {"disk_bytes_read", "BIGINT", "bytes",
    "bytes storage read for it (io read_bytes); NULL when not the caller's to see", X(PSV_PX_DISK_IO), 0, 0},
  [COL_DISK_BYTES_WRITTEN] = {"disk_bytes_written", "BIGINT", "bytes",
    "bytes it had storage write, less those cancelled (io write_bytes - cancelled_write_bytes)", X(PSV_PX_DISK_IO), 0, 0},
  [COL_START_TIME] = {"start_time", "BIGINT", "seconds",
    "start, Unix time: boot time + whole seconds since boot; -1 when the boot time is unknown", PSV_PI_STAT, 0, 0},
  [COL_PARENT] = {"parent", "BIGINT", NULL, "parent process id", PSV_PI_STAT, 0, 0},
  [COL_PGROUP] = {"pgroup", "BIGINT", NULL, "process group id", X(PSV_PX_PGROUP), 0, 0},
  [COL_THREADS] = {"threads", "INTEGER", NULL, "number of threads", PSV_PI_STAT, 0, 0},
  [COL_NICE] = {"nice", "INTEGER", NULL, "nice value", PSV_PI_STAT, 0, 0},
  [COL_CGROUP_PATH] = {"cgroup_path", "TEXT", NULL, "its control group (the first line of /proc/PID/cgroup)", X(PSV_PX_CGROUP), 0, 0},
};

typedef struct processes_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_proc_extra extra;
  psv_buf cmdline, probe;
  int64_t ms_per_tick;
  int64_t page_size;
} processes_state;

static int processes_begin(void *state, psv_scan *scan) {
  processes_state *st = state;
  long ticks = psv_clock_ticks();
  st->ms_per_tick = ticks > 0 ? 1000 / ticks : 10;   /* osquery's integer division */
  st->page_size = psv_page_size();
  int rc = psv_proc_walk_begin(&st->walk, scan);
  /* the extra groups are read through the opened process */
  st->walk.open_always = (scan->sources >> 16) != 0;
  return rc;
}

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* osquery's cmdline: the NULs made spaces, blanks trimmed at both ends. */
static int set_cmdline(processes_state *st, psv_value *v) {
  const psv_proc_info *info = &st->info;
  size_t n = info->cmdline_len;
  if (psv_buf_reserve(&st->cmdline, n + 1)) return ENOMEM;
  for (size_t i = 0; i < n; i++) st->cmdline.p[i] = info->cmdline[i] ? info->cmdline[i] : ' ';
  const char *s = st->cmdline.p;
  while (n && is_blank(*s)) { s++; n--; }
  while (n && is_blank(s[n - 1])) n--;
  psv_set_bytes(v, s, n);
  v->cut = psv_read_was_cut(info->cmdline_len);
  return 0;
}

/* -1 when the path is unknown, 0 when it names no file (or the kernel
** marked it deleted), else 1. */
static int64_t on_disk(processes_state *st) {
  const psv_link *exe = &st->info.exe;
  if (!(st->info.have & PSV_PI_EXE) || exe->len == 0) return -1;
  if (exe->deleted) return 0;
  psv_file_info f;
  return psv_file_stat(exe->path, &st->probe, &f) == 0 ? 1 : 0;
}

static void fill_stat(processes_state *st, psv_value *row) {
  const psv_stat *s = &st->info.stat;
  psv_set_bytes(&row[COL_NAME], s->comm, s->comm_len);
  psv_set_text(&row[COL_STATE], &s->state_letter, 1);
  psv_set_int(&row[COL_USER_TIME], (int64_t)s->utime * st->ms_per_tick);
  psv_set_int(&row[COL_SYSTEM_TIME], (int64_t)s->stime * st->ms_per_tick);
  psv_set_int(&row[COL_PARENT], s->ppid);
  psv_set_int(&row[COL_THREADS], s->num_threads);
  psv_set_int(&row[COL_NICE], s->nice);
  double boot;
  long ticks = psv_clock_ticks();
  int64_t start = -1;
  if (psv_procfs_boot_time(st->walk.fs, &boot) == 0 && boot > 0 && ticks > 0) {
    start = (int64_t)boot + (int64_t)(s->starttime / (uint64_t)ticks);
  }
  psv_set_int(&row[COL_START_TIME], start);
}

static void fill_status(processes_state *st, psv_value *row) {
  const psv_status *s = &st->info.status;
  static const int uid_cols[3] = { COL_UID, COL_EUID, COL_SUID };
  static const int gid_cols[3] = { COL_GID, COL_EGID, COL_SGID };
  for (int i = 0; i < 3; i++) {
    if (s->has & PSV_ST_UIDS) psv_set_int(&row[uid_cols[i]], s->uid[i]);
    if (s->has & PSV_ST_GIDS) psv_set_int(&row[gid_cols[i]], s->gid[i]);
  }
  /* a process with memory has VmPeak; kernel threads and zombies none */
  if ((s->has & PSV_ST_VMPEAK) && (st->info.have & PSV_PI_STATM)) {
    psv_set_int(&row[COL_RESIDENT_SIZE], (int64_t)st->info.statm.resident * st->page_size);
    psv_set_int(&row[COL_TOTAL_SIZE], (int64_t)st->info.statm.size * st->page_size);
  }
}

static void set_link(const psv_proc_info *info, unsigned group, const psv_link *link, psv_value *v) {
  if (info->have & group) psv_set_bytes(v, link->path, link->len);
  else psv_set_const(v, "");
}

static void fill_extra(processes_state *st, const psv_scan *scan, psv_value *row) {
  const psv_proc_extra *x = &st->extra;
  if (x->have & PSV_PX_DISK_IO) {
    psv_set_int(&row[COL_DISK_BYTES_READ], x->disk_read);
    psv_set_int(&row[COL_DISK_BYTES_WRITTEN], x->disk_written);
  }
  if (x->have & PSV_PX_PGROUP) psv_set_int(&row[COL_PGROUP], x->pgroup);
  if (x->have & PSV_PX_CGROUP) psv_set_str(&row[COL_CGROUP_PATH], x->cgroup_path);
  if (psv_used(scan, COL_ROOT)) {
    if (x->have & PSV_PX_ROOT) psv_set_str(&row[COL_ROOT], x->root);
    else psv_set_const(&row[COL_ROOT], "");
  }
}

static int processes_next(void *state, psv_scan *scan, psv_value *row) {
  processes_state *st = state;
  int rc = psv_proc_walk_next(&st->walk, scan, scan->sources & 0xffff, &st->info);
  if (rc != PSV_ROW) return rc;
  const psv_proc_info *info = &st->info;
  if (psv_proc_read_extra(st->walk.proc, scan->sources >> 16, &st->extra)) return PSV_NOMEM;
  psv_set_int(&row[COL_PID], st->walk.pid);
  if (info->have & PSV_PI_STAT) fill_stat(st, row);
  if (info->have & PSV_PI_STATUS) fill_status(st, row);
  if (psv_used(scan, COL_CMDLINE)) {
    if (!(info->have & PSV_PI_CMDLINE)) psv_set_const(&row[COL_CMDLINE], "");
    else if (set_cmdline(st, &row[COL_CMDLINE])) return PSV_NOMEM;
  }
  if (psv_used(scan, COL_PATH)) set_link(info, PSV_PI_EXE, &info->exe, &row[COL_PATH]);
  if (psv_used(scan, COL_CWD)) set_link(info, PSV_PI_CWD, &info->cwd, &row[COL_CWD]);
  if (psv_used(scan, COL_ON_DISK)) psv_set_int(&row[COL_ON_DISK], on_disk(st));
  psv_set_int(&row[COL_WIRED_SIZE], 0);
  fill_extra(st, scan, row);
  return PSV_ROW;
}

static void processes_end(void *state) {
  processes_state *st = state;
  psv_proc_walk_end(&st->walk);
}

static void processes_destroy(void *state) {
  processes_state *st = state;
  psv_proc_walk_destroy(&st->walk);
  psv_proc_extra_free(&st->extra);
  psv_buf_free(&st->cmdline);
  psv_buf_free(&st->probe);
}

const psv_table psv_table_osquery_processes = {
  .name = "osquery_processes",
  .doc = "osquery's processes: one row per process, osquery's columns",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_PROCFS | PSV_TABLE_DIRECTONLY,
  .full_scan_rows = 1000,
  .state_size = sizeof(processes_state),
  .begin = processes_begin,
  .next = processes_next,
  .end = processes_end,
  .destroy = processes_destroy,
};
