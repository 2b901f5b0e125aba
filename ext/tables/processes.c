/*
** processes.c — one row per process, psutil's Process API as a table.
**
**   SELECT pid, name, username, rss FROM processes ORDER BY rss DESC;
**   SELECT pid, exe FROM processes WHERE exe_deleted;   -- deleted binaries
**   SELECT * FROM processes WHERE pid = 1;             -- reads one process
**
** Every formula is psutil's (psutil/_pslinux.py). A row reads only the
** groups (stat, status, cmdline, ...) that its used columns need.
*/
#include "common.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum {
  COL_PID, COL_PPID, COL_NAME, COL_EXE, COL_EXE_DELETED, COL_CMDLINE,
  COL_ARGV, COL_STATUS, COL_USERNAME, COL_UID, COL_EUID, COL_SUID, COL_GID,
  COL_EGID, COL_SGID, COL_TERMINAL, COL_CREATE_TIME, COL_CPU_USER,
  COL_CPU_SYSTEM, COL_CPU_CHILDREN_USER, COL_CPU_CHILDREN_SYSTEM,
  COL_CPU_IOWAIT, COL_CPU_NUM, COL_NICE, COL_IONICE_CLASS, COL_IONICE_VALUE,
  COL_CPU_AFFINITY, COL_NUM_THREADS, COL_NUM_FDS, COL_CTX_VOLUNTARY,
  COL_CTX_INVOLUNTARY, COL_IO_READ_COUNT, COL_IO_WRITE_COUNT,
  COL_IO_READ_BYTES, COL_IO_WRITE_BYTES, COL_IO_READ_CHARS,
  COL_IO_WRITE_CHARS, COL_CWD, COL_CWD_DELETED, COL_RSS, COL_VMS,
  N_COLUMNS
};

#define STAT PSV_PI_STAT
#define STATUS PSV_PI_STATUS

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_PPID] = {"ppid", "INTEGER", NULL, "parent process id", STAT},
  [COL_NAME] = {"name", "TEXT", NULL,
    "command name: comm, or the basename of argv[0] when comm was cut to 15 bytes and that basename starts with it", STAT},
  [COL_EXE] = {"exe", "TEXT", NULL,
    "path of the executable, without the kernel's ' (deleted)' mark; NULL for kernel threads and zombies", PSV_PI_EXE},
  [COL_EXE_DELETED] = {"exe_deleted", "INTEGER", NULL,
    "1 when the executable was deleted (or replaced) while running", PSV_PI_EXE},
  [COL_CMDLINE] = {"cmdline", "TEXT", NULL, "arguments joined by single spaces; '' for kernel threads and zombies", PSV_PI_CMDLINE},
  [COL_ARGV] = {"argv", "TEXT", "JSON",
    "arguments as a JSON array of strings, each escaped as text columns are", PSV_PI_CMDLINE},
  [COL_STATUS] = {"status", "TEXT", NULL,
    "running, sleeping, disk-sleep, stopped, tracing-stop, zombie, dead, wake-kill, waking, idle or parked", STAT},
  [COL_USERNAME] = {"username", "TEXT", NULL, "name of the real user; the uid as text when it has no name", STATUS},
  [COL_UID] = {"uid", "INTEGER", NULL, "real user id", STATUS},
  [COL_EUID] = {"euid", "INTEGER", NULL, "effective user id", STATUS},
  [COL_SUID] = {"suid", "INTEGER", NULL, "saved user id", STATUS},
  [COL_GID] = {"gid", "INTEGER", NULL, "real group id", STATUS},
  [COL_EGID] = {"egid", "INTEGER", NULL, "effective group id", STATUS},
  [COL_SGID] = {"sgid", "INTEGER", NULL, "saved group id", STATUS},
  [COL_TERMINAL] = {"terminal", "TEXT", NULL, "/dev path of the controlling terminal; NULL when none", STAT},
  [COL_CREATE_TIME] = {"create_time", "REAL", "seconds",
    "start time as Unix time: boot time + starttime / clock ticks", STAT},
  [COL_CPU_USER] = {"cpu_user", "REAL", "seconds", "CPU time in user mode", STAT},
  [COL_CPU_SYSTEM] = {"cpu_system", "REAL", "seconds", "CPU time in kernel mode", STAT},
  [COL_CPU_CHILDREN_USER] = {"cpu_children_user", "REAL", "seconds",
    "user CPU time of waited-for children", STAT},
  [COL_CPU_CHILDREN_SYSTEM] = {"cpu_children_system", "REAL", "seconds",
    "kernel CPU time of waited-for children", STAT},
  [COL_CPU_IOWAIT] = {"cpu_iowait", "REAL", "seconds",
    "time spent waiting for block I/O (delay accounting)", STAT},
  [COL_CPU_NUM] = {"cpu_num", "INTEGER", NULL, "CPU the process last ran on", STAT},
  [COL_NICE] = {"nice", "INTEGER", NULL, "nice value, -20 to 19", STAT},
  [COL_IONICE_CLASS] = {"ionice_class", "TEXT", NULL,
    "I/O scheduling class: none, rt, be or idle; NULL under another procfs root or pid namespace", PSV_PI_IOPRIO},
  [COL_IONICE_VALUE] = {"ionice_value", "INTEGER", NULL, "I/O priority within the class", PSV_PI_IOPRIO},
  [COL_CPU_AFFINITY] = {"cpu_affinity", "TEXT", "JSON", "CPUs the process may run on (sched_getaffinity), as a JSON array", PSV_PI_AFFINITY},
  [COL_NUM_THREADS] = {"num_threads", "INTEGER", NULL, "number of threads", STAT},
  [COL_NUM_FDS] = {"num_fds", "INTEGER", NULL, "number of open file descriptors", PSV_PI_FDS},
  [COL_CTX_VOLUNTARY] = {"ctx_switches_voluntary", "INTEGER", NULL,
    "voluntary context switches (of the main thread, as psutil)", STATUS},
  [COL_CTX_INVOLUNTARY] = {"ctx_switches_involuntary", "INTEGER", NULL,
    "involuntary context switches (of the main thread, as psutil)", STATUS},
  [COL_IO_READ_COUNT] = {"io_read_count", "INTEGER", NULL, "read system calls (syscr)", PSV_PI_IO},
  [COL_IO_WRITE_COUNT] = {"io_write_count", "INTEGER", NULL, "write system calls (syscw)", PSV_PI_IO},
  [COL_IO_READ_BYTES] = {"io_read_bytes", "INTEGER", "bytes", "bytes read from storage", PSV_PI_IO},
  [COL_IO_WRITE_BYTES] = {"io_write_bytes", "INTEGER", "bytes", "bytes written to storage", PSV_PI_IO},
  [COL_IO_READ_CHARS] = {"io_read_chars", "INTEGER", "bytes", "bytes passed to read calls (rchar)", PSV_PI_IO},
  [COL_IO_WRITE_CHARS] = {"io_write_chars", "INTEGER", "bytes", "bytes passed to write calls (wchar)", PSV_PI_IO},
  [COL_CWD] = {"cwd", "TEXT", NULL,
    "current directory, without the kernel's ' (deleted)' mark; NULL for zombies", PSV_PI_CWD},
  [COL_CWD_DELETED] = {"cwd_deleted", "INTEGER", NULL, "1 when the current directory was removed", PSV_PI_CWD},
  [COL_RSS] = {"rss", "INTEGER", "bytes", "resident set size (statm, as psutil)", PSV_PI_STATM},
  [COL_VMS] = {"vms", "INTEGER", "bytes", "virtual memory size (statm, as psutil)", PSV_PI_STATM},
};

typedef struct processes_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_buf affinity;   /* JSON */
  double ticks, page_size;
} processes_state;

static int processes_begin(void *state, psv_scan *scan) {
  processes_state *st = state;
  st->ticks = (double)psv_clock_ticks();
  st->page_size = (double)psv_page_size();
  return psv_proc_walk_begin(&st->walk, scan);
}

/* argv[0] of the cmdline, for the name rule. */
struct first_arg { const char *p; size_t n; };

static int take_first(void *ctx, const char *arg, size_t n) {
  struct first_arg *f = ctx;
  f->p = arg;
  f->n = n;
  return 1;   /* stop */
}

/* psutil's name(): comm is cut to 15 bytes by the kernel; when the
** basename of argv[0] starts with it, that is the real name. */
static void set_name(processes_state *st, psv_proc *proc, psv_value *v) {
  const psv_stat *s = &st->info.stat;
  psv_set_bytes(v, s->comm, s->comm_len);
  if (s->comm_len < 15) return;
  if (psv_proc_add(proc, PSV_PI_CMDLINE, &st->info) || !(st->info.have & PSV_PI_CMDLINE)) return;
  struct first_arg f = { NULL, 0 };
  psv_cmdline_split(st->info.cmdline, st->info.cmdline_len, take_first, &f);
  if (!f.p) return;
  const char *slash = f.p + f.n;
  while (slash > f.p && slash[-1] != '/') slash--;
  size_t base_len = (size_t)(f.p + f.n - slash);
  if (base_len > s->comm_len && memcmp(slash, s->comm, s->comm_len) == 0) {
    psv_set_bytes(v, slash, base_len);
  }
}

/* ---- cpu_affinity -------------------------------------------------- */

static int add_cpu(void *ctx, long cpu) {
  psv_json_int(ctx, cpu);
  return 0;
}

/* The JSON array of the CPU list, within the scan's bound: measured, then
** written. */
static int build_affinity(processes_state *st, const psv_scan *scan) {
  psv_json_array json;
  psv_json_begin(&json, NULL, scan->max_value);
  int rc = psv_cpu_list_each(st->info.affinity, st->info.affinity_len, add_cpu, &json);
  if (rc) return rc;
  psv_json_end(&json);
  if (psv_buf_reserve(&st->affinity, json.k.n + 1)) return ENOMEM;
  psv_json_begin(&json, st->affinity.p, scan->max_value);
  psv_cpu_list_each(st->info.affinity, st->info.affinity_len, add_cpu, &json);
  psv_json_end(&json);
  st->affinity.n = json.k.n;
  st->affinity.p[json.k.n] = '\0';
  return 0;
}

/* ---- Filling a row ------------------------------------------------- */

static void fill_stat(processes_state *st, psv_scan *scan, psv_value *row) {
  const psv_stat *s = &st->info.stat;
  const char *status = psv_state_name(s->state);
  psv_set_int(&row[COL_PPID], s->ppid);
  if (status) psv_set_text(&row[COL_STATUS], status, strlen(status));
  psv_set_real(&row[COL_CPU_USER], (double)s->utime / st->ticks);
  psv_set_real(&row[COL_CPU_SYSTEM], (double)s->stime / st->ticks);
  psv_set_real(&row[COL_CPU_CHILDREN_USER], (double)s->cutime / st->ticks);
  psv_set_real(&row[COL_CPU_CHILDREN_SYSTEM], (double)s->cstime / st->ticks);
  if (s->has_blkio) psv_set_real(&row[COL_CPU_IOWAIT], (double)s->blkio_ticks / st->ticks);
  if (s->has_cpu_num) psv_set_int(&row[COL_CPU_NUM], s->cpu_num);
  psv_set_int(&row[COL_NICE], s->nice);
  psv_set_int(&row[COL_NUM_THREADS], s->num_threads);
  if (psv_used(scan, COL_CREATE_TIME)) psv_set_create_time(st->walk.os, &st->info, &row[COL_CREATE_TIME]);
}

static int fill_terminal(processes_state *st, psv_value *v) {
  int err;
  const char *tty = psv_terminal_path(st->walk.os, st->info.stat.tty_dev, &err);
  if (err) return err;
  if (tty) psv_set_bytes(v, tty, strlen(tty));
  return 0;
}

static int fill_status(processes_state *st, const psv_scan *scan, psv_value *row) {
  const psv_status *s = &st->info.status;
  if (s->has & PSV_ST_UIDS) {
    for (int i = 0; i < 3; i++) psv_set_int(&row[COL_UID + i], s->uid[i]);
    if (psv_used(scan, COL_USERNAME)) {
      const char *user = psv_user_name(st->walk.os, s->uid[0]);
      if (!user) return ENOMEM;
      psv_set_bytes(&row[COL_USERNAME], user, strlen(user));
    }
  }
  if (s->has & PSV_ST_GIDS) {
    for (int i = 0; i < 3; i++) psv_set_int(&row[COL_GID + i], s->gid[i]);
  }
  if (s->has & PSV_ST_CTXSW) {
    psv_set_int(&row[COL_CTX_VOLUNTARY], (int64_t)s->vol_ctxsw);
    psv_set_int(&row[COL_CTX_INVOLUNTARY], (int64_t)s->invol_ctxsw);
  }
  return 0;
}

static void fill_io(const psv_io *io, psv_value *row) {
  psv_set_int(&row[COL_IO_READ_COUNT], (int64_t)io->syscr);
  psv_set_int(&row[COL_IO_WRITE_COUNT], (int64_t)io->syscw);
  psv_set_int(&row[COL_IO_READ_BYTES], (int64_t)io->read_bytes);
  psv_set_int(&row[COL_IO_WRITE_BYTES], (int64_t)io->write_bytes);
  psv_set_int(&row[COL_IO_READ_CHARS], (int64_t)io->rchar);
  psv_set_int(&row[COL_IO_WRITE_CHARS], (int64_t)io->wchar);
}

static void fill_link(const psv_link *link, psv_value *path, psv_value *deleted) {
  psv_set_bytes(path, link->path, link->len);
  psv_set_int(deleted, link->deleted);
}

static void fill_ioprio(const psv_proc_info *info, psv_value *row) {
  static const char *const classes[] = { "none", "rt", "be", "idle" };
  if (info->ioprio_class >= 0 && info->ioprio_class <= 3) {
    const char *c = classes[info->ioprio_class];
    psv_set_text(&row[COL_IONICE_CLASS], c, strlen(c));
  }
  psv_set_int(&row[COL_IONICE_VALUE], info->ioprio_value);
}

static int fill_row(processes_state *st, psv_scan *scan, psv_value *row) {
  const psv_proc_info *info = &st->info;
  int rc = 0;
  psv_set_int(&row[COL_PID], st->walk.pid);
  if (info->have & PSV_PI_STAT) {
    fill_stat(st, scan, row);
    if (psv_used(scan, COL_TERMINAL)) rc = fill_terminal(st, &row[COL_TERMINAL]);
    if (!rc && psv_used(scan, COL_NAME)) set_name(st, st->walk.proc, &row[COL_NAME]);
  }
  /* set_name may have read the cmdline: take it only after that. The
  ** driver joins its arguments for cmdline, makes argv's JSON of them. */
  if (info->have & PSV_PI_CMDLINE) {
    psv_set_list(&row[COL_CMDLINE], info->cmdline, info->cmdline_len, psv_cmdline_split);
    psv_set_list(&row[COL_ARGV], info->cmdline, info->cmdline_len, psv_cmdline_split);
    row[COL_CMDLINE].cut = row[COL_ARGV].cut = psv_read_was_cut(info->cmdline_len);
  }
  if (!rc && (info->have & PSV_PI_STATUS)) rc = fill_status(st, scan, row);
  if (info->have & PSV_PI_EXE) fill_link(&info->exe, &row[COL_EXE], &row[COL_EXE_DELETED]);
  if (info->have & PSV_PI_CWD) fill_link(&info->cwd, &row[COL_CWD], &row[COL_CWD_DELETED]);
  if (info->have & PSV_PI_IO) fill_io(&info->io, row);
  if (info->have & PSV_PI_STATM) {
    psv_set_int(&row[COL_RSS], (int64_t)(info->statm.resident * (uint64_t)st->page_size));
    psv_set_int(&row[COL_VMS], (int64_t)(info->statm.size * (uint64_t)st->page_size));
  }
  if (info->have & PSV_PI_FDS) psv_set_int(&row[COL_NUM_FDS], info->num_fds);
  if (info->have & PSV_PI_IOPRIO) fill_ioprio(info, row);
  if (!rc && (info->have & PSV_PI_AFFINITY)) {
    int err = build_affinity(st, scan);
    if (err == ENOMEM) return err;
    if (!err) psv_set_text(&row[COL_CPU_AFFINITY], st->affinity.p, st->affinity.n);
  }
  return rc;
}

static int processes_next(void *state, psv_scan *scan, psv_value *row) {
  processes_state *st = state;
  int rc = psv_proc_walk_next(&st->walk, scan, scan->sources, &st->info);
  if (rc != PSV_ROW) return rc;
  if (fill_row(st, scan, row)) return PSV_NOMEM;   /* its only failure */
  return PSV_ROW;
}

static void processes_end(void *state) {
  processes_state *st = state;
  psv_proc_walk_end(&st->walk);
}

static void processes_destroy(void *state) {
  processes_state *st = state;
  psv_proc_walk_destroy(&st->walk);
  psv_buf_free(&st->affinity);
}

const psv_table psv_table_processes = {
  .name = "processes",
  .doc = "one row per process, zombies included",
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
