/*
** processes.c — one row per process, psutil's Process API as a table.
**
**   SELECT pid, name, username, rss FROM processes ORDER BY rss DESC;
**   SELECT pid, exe FROM processes WHERE exe_deleted;   -- deleted binaries
**   SELECT * FROM processes WHERE pid = 1;             -- reads one process
**
** Every value is psutil's. A row asks the platform only for the facts
** that its used columns need (each column declares its PSV_PROC_* fact).
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

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_PPID] = {"ppid", "INTEGER", NULL, "parent process id", PSV_PROC_PPID},
  [COL_NAME] = {"name", "TEXT", NULL,
    "command name: the kernel's (cut to 15 bytes), or the basename of argv[0] when the kernel's was cut and that basename starts with it", PSV_PROC_NAME},
  [COL_EXE] = {"exe", "TEXT", NULL,
    "path of the executable, without the kernel's ' (deleted)' mark; NULL for kernel threads and zombies", PSV_PROC_EXE},
  [COL_EXE_DELETED] = {"exe_deleted", "INTEGER", NULL,
    "1 when the executable was deleted (or replaced) while running", PSV_PROC_EXE},
  [COL_CMDLINE] = {"cmdline", "TEXT", NULL, "arguments joined by single spaces; '' for kernel threads and zombies", PSV_PROC_CMDLINE},
  [COL_ARGV] = {"argv", "TEXT", "JSON",
    "arguments as a JSON array of strings, each escaped as text columns are", PSV_PROC_CMDLINE},
  [COL_STATUS] = {"status", "TEXT", NULL,
    "running, sleeping, disk-sleep, stopped, tracing-stop, zombie, dead, wake-kill, waking, idle or parked", PSV_PROC_STATUS},
  [COL_USERNAME] = {"username", "TEXT", NULL, "name of the real user; the uid as text when it has no name", PSV_PROC_USERNAME},
  [COL_UID] = {"uid", "INTEGER", NULL, "real user id", PSV_PROC_UIDS},
  [COL_EUID] = {"euid", "INTEGER", NULL, "effective user id", PSV_PROC_UIDS},
  [COL_SUID] = {"suid", "INTEGER", NULL, "saved user id", PSV_PROC_UIDS},
  [COL_GID] = {"gid", "INTEGER", NULL, "real group id", PSV_PROC_GIDS},
  [COL_EGID] = {"egid", "INTEGER", NULL, "effective group id", PSV_PROC_GIDS},
  [COL_SGID] = {"sgid", "INTEGER", NULL, "saved group id", PSV_PROC_GIDS},
  [COL_TERMINAL] = {"terminal", "TEXT", NULL, "/dev path of the controlling terminal; NULL when none", PSV_PROC_TERMINAL},
  [COL_CREATE_TIME] = {"create_time", "REAL", "seconds",
    "start time as Unix time: the same in every table for one process instance", PSV_PROC_CREATE_TIME},
  [COL_CPU_USER] = {"cpu_user", "REAL", "seconds", "CPU time in user mode", PSV_PROC_CPU_TIMES},
  [COL_CPU_SYSTEM] = {"cpu_system", "REAL", "seconds", "CPU time in kernel mode", PSV_PROC_CPU_TIMES},
  [COL_CPU_CHILDREN_USER] = {"cpu_children_user", "REAL", "seconds",
    "user CPU time of waited-for children", PSV_PROC_CPU_CHILDREN},
  [COL_CPU_CHILDREN_SYSTEM] = {"cpu_children_system", "REAL", "seconds",
    "kernel CPU time of waited-for children", PSV_PROC_CPU_CHILDREN},
  [COL_CPU_IOWAIT] = {"cpu_iowait", "REAL", "seconds",
    "time spent waiting for block I/O (delay accounting)", PSV_PROC_CPU_IOWAIT},
  [COL_CPU_NUM] = {"cpu_num", "INTEGER", NULL, "CPU the process last ran on", PSV_PROC_CPU_NUM},
  [COL_NICE] = {"nice", "INTEGER", NULL, "nice value, -20 to 19", PSV_PROC_NICE},
  [COL_IONICE_CLASS] = {"ionice_class", "TEXT", NULL,
    "I/O scheduling class: none, rt, be or idle; NULL when the processes are read from another tree or pid namespace", PSV_PROC_IONICE},
  [COL_IONICE_VALUE] = {"ionice_value", "INTEGER", NULL, "I/O priority within the class", PSV_PROC_IONICE},
  [COL_CPU_AFFINITY] = {"cpu_affinity", "TEXT", "JSON", "CPUs the process may run on, as a JSON array", PSV_PROC_AFFINITY},
  [COL_NUM_THREADS] = {"num_threads", "INTEGER", NULL, "number of threads", PSV_PROC_NUM_THREADS},
  [COL_NUM_FDS] = {"num_fds", "INTEGER", NULL, "number of open file descriptors", PSV_PROC_NUM_FDS},
  [COL_CTX_VOLUNTARY] = {"ctx_switches_voluntary", "INTEGER", NULL,
    "voluntary context switches (of the main thread, as psutil)", PSV_PROC_CTX_SWITCHES},
  [COL_CTX_INVOLUNTARY] = {"ctx_switches_involuntary", "INTEGER", NULL,
    "involuntary context switches (of the main thread, as psutil)", PSV_PROC_CTX_SWITCHES},
  [COL_IO_READ_COUNT] = {"io_read_count", "INTEGER", NULL, "read system calls", PSV_PROC_IO},
  [COL_IO_WRITE_COUNT] = {"io_write_count", "INTEGER", NULL, "write system calls", PSV_PROC_IO},
  [COL_IO_READ_BYTES] = {"io_read_bytes", "INTEGER", "bytes", "bytes read from storage", PSV_PROC_IO},
  [COL_IO_WRITE_BYTES] = {"io_write_bytes", "INTEGER", "bytes", "bytes written to storage", PSV_PROC_IO},
  [COL_IO_READ_CHARS] = {"io_read_chars", "INTEGER", "bytes", "bytes passed to read calls, from storage or not", PSV_PROC_IO_CHARS},
  [COL_IO_WRITE_CHARS] = {"io_write_chars", "INTEGER", "bytes", "bytes passed to write calls, to storage or not", PSV_PROC_IO_CHARS},
  [COL_CWD] = {"cwd", "TEXT", NULL,
    "current directory, without the kernel's ' (deleted)' mark; NULL for zombies", PSV_PROC_CWD},
  [COL_CWD_DELETED] = {"cwd_deleted", "INTEGER", NULL, "1 when the current directory was removed", PSV_PROC_CWD},
  [COL_RSS] = {"rss", "INTEGER", "bytes", "resident set size (as psutil's memory_info().rss)", PSV_PROC_MEMORY},
  [COL_VMS] = {"vms", "INTEGER", "bytes", "virtual memory size (as psutil's memory_info().vms)", PSV_PROC_MEMORY},
};

typedef struct processes_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_buf affinity;   /* JSON */
} processes_state;

static int processes_begin(void *state, psv_scan *scan) {
  processes_state *st = state;
  return psv_proc_walk_begin(&st->walk, scan);
}

/* ---- cpu_affinity -------------------------------------------------- */

static void add_cpus(psv_json_array *json, const psv_cpu_range *cpus, size_t n) {
  for (size_t i = 0; i < n; i++) {
    for (int64_t cpu = cpus[i].first; cpu <= cpus[i].last; cpu++) psv_json_int(json, cpu);
  }
}

/* The JSON array of the CPUs, within the scan's bound: measured, then
** written. */
static int build_affinity(processes_state *st, const psv_scan *scan) {
  psv_json_array json;
  psv_json_begin(&json, NULL, scan->max_value);
  add_cpus(&json, st->info.affinity, st->info.affinity_n);
  psv_json_end(&json);
  if (psv_buf_reserve(&st->affinity, json.k.n + 1)) return ENOMEM;
  psv_json_begin(&json, st->affinity.p, scan->max_value);
  add_cpus(&json, st->info.affinity, st->info.affinity_n);
  psv_json_end(&json);
  st->affinity.n = json.k.n;
  st->affinity.p[json.k.n] = '\0';
  return 0;
}

/* ---- Filling a row ------------------------------------------------- */

static void set_seconds(psv_value *v, psv_cpu_time t) {
  psv_set_real(v, psv_cpu_seconds((double)t));
}

static void fill_state(const psv_proc_info *info, psv_value *row) {
  const char *status = psv_state_name(info->status);
  if (info->have & PSV_PROC_PPID) psv_set_int(&row[COL_PPID], info->ppid);
  if (info->have & PSV_PROC_NAME) psv_set_bytes(&row[COL_NAME], info->name, info->name_len);
  if ((info->have & PSV_PROC_STATUS) && status) psv_set_text(&row[COL_STATUS], status, strlen(status));
  psv_set_create_time(info, &row[COL_CREATE_TIME]);
  if (info->have & PSV_PROC_CPU_TIMES) {
    set_seconds(&row[COL_CPU_USER], info->cpu_user);
    set_seconds(&row[COL_CPU_SYSTEM], info->cpu_system);
  }
  if (info->have & PSV_PROC_CPU_CHILDREN) {
    set_seconds(&row[COL_CPU_CHILDREN_USER], info->cpu_children_user);
    set_seconds(&row[COL_CPU_CHILDREN_SYSTEM], info->cpu_children_system);
  }
  if (info->have & PSV_PROC_CPU_IOWAIT) set_seconds(&row[COL_CPU_IOWAIT], info->cpu_iowait);
  if (info->have & PSV_PROC_CPU_NUM) psv_set_int(&row[COL_CPU_NUM], info->cpu_num);
  if (info->have & PSV_PROC_NICE) psv_set_int(&row[COL_NICE], info->nice);
  if (info->have & PSV_PROC_NUM_THREADS) psv_set_int(&row[COL_NUM_THREADS], info->num_threads);
  if ((info->have & PSV_PROC_TERMINAL) && info->terminal) {
    psv_set_bytes(&row[COL_TERMINAL], info->terminal, strlen(info->terminal));
  }
}

static void fill_ids(const psv_proc_info *info, psv_value *row) {
  if (info->have & PSV_PROC_UIDS) {
    for (int i = 0; i < 3; i++) psv_set_int(&row[COL_UID + i], info->uid[i]);
  }
  if (info->have & PSV_PROC_GIDS) {
    for (int i = 0; i < 3; i++) psv_set_int(&row[COL_GID + i], info->gid[i]);
  }
  if (info->have & PSV_PROC_USERNAME) {
    psv_set_bytes(&row[COL_USERNAME], info->username, strlen(info->username));
  }
  if (info->have & PSV_PROC_CTX_SWITCHES) {
    psv_set_int(&row[COL_CTX_VOLUNTARY], (int64_t)info->ctx_switches_voluntary);
    psv_set_int(&row[COL_CTX_INVOLUNTARY], (int64_t)info->ctx_switches_involuntary);
  }
}

static void fill_io(const psv_proc_info *info, psv_value *row) {
  if (info->have & PSV_PROC_IO) {
    psv_set_int(&row[COL_IO_READ_COUNT], (int64_t)info->io_read_count);
    psv_set_int(&row[COL_IO_WRITE_COUNT], (int64_t)info->io_write_count);
    psv_set_int(&row[COL_IO_READ_BYTES], (int64_t)info->io_read_bytes);
    psv_set_int(&row[COL_IO_WRITE_BYTES], (int64_t)info->io_write_bytes);
  }
  if (info->have & PSV_PROC_IO_CHARS) {
    psv_set_int(&row[COL_IO_READ_CHARS], (int64_t)info->io_read_chars);
    psv_set_int(&row[COL_IO_WRITE_CHARS], (int64_t)info->io_write_chars);
  }
}

static void fill_link(const psv_link *link, psv_value *path, psv_value *deleted) {
  psv_set_bytes(path, link->path, link->len);
  psv_set_int(deleted, link->deleted);
}

static int fill_row(processes_state *st, psv_scan *scan, psv_value *row) {
  const psv_proc_info *info = &st->info;
  psv_set_int(&row[COL_PID], st->walk.pid);
  fill_state(info, row);
  /* The driver joins the arguments for cmdline, makes argv's JSON of them. */
  if (info->have & PSV_PROC_CMDLINE) {
    psv_set_list(&row[COL_CMDLINE], info->cmdline, info->cmdline_len, psv_cmdline_split);
    psv_set_list(&row[COL_ARGV], info->cmdline, info->cmdline_len, psv_cmdline_split);
    row[COL_CMDLINE].cut = row[COL_ARGV].cut = (info->cut & PSV_PROC_CMDLINE) != 0;
  }
  fill_ids(info, row);
  if (info->have & PSV_PROC_EXE) fill_link(&info->exe, &row[COL_EXE], &row[COL_EXE_DELETED]);
  if (info->have & PSV_PROC_CWD) fill_link(&info->cwd, &row[COL_CWD], &row[COL_CWD_DELETED]);
  fill_io(info, row);
  if (info->have & PSV_PROC_MEMORY) {
    psv_set_int(&row[COL_RSS], (int64_t)info->rss);
    psv_set_int(&row[COL_VMS], (int64_t)info->vms);
  }
  if (info->have & PSV_PROC_NUM_FDS) psv_set_int(&row[COL_NUM_FDS], info->num_fds);
  if (info->have & PSV_PROC_IONICE) {
    if (info->ionice_class) {
      psv_set_text(&row[COL_IONICE_CLASS], info->ionice_class, strlen(info->ionice_class));
    }
    psv_set_int(&row[COL_IONICE_VALUE], info->ionice_value);
  }
  if (info->have & PSV_PROC_AFFINITY) {
    if (build_affinity(st, scan)) return ENOMEM;
    psv_set_text(&row[COL_CPU_AFFINITY], st->affinity.p, st->affinity.n);
  }
  return 0;
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

/* What Windows does not give (README, "Windows"): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_UID] = "linux",
  [COL_EUID] = "linux",
  [COL_SUID] = "linux",
  [COL_GID] = "linux",
  [COL_EGID] = "linux",
  [COL_SGID] = "linux",
  [COL_TERMINAL] = "linux",
  [COL_CPU_CHILDREN_USER] = "linux",
  [COL_CPU_CHILDREN_SYSTEM] = "linux",
  [COL_CPU_IOWAIT] = "linux",
  [COL_CPU_NUM] = "linux",
  [COL_IONICE_CLASS] = "linux",
  [COL_IONICE_VALUE] = "linux",
  [COL_NUM_FDS] = "linux",
  [COL_CTX_VOLUNTARY] = "linux",
  [COL_CTX_INVOLUNTARY] = "linux",
  [COL_IO_READ_COUNT] = "linux",
  [COL_IO_WRITE_COUNT] = "linux",
  [COL_IO_READ_BYTES] = "linux",
  [COL_IO_WRITE_BYTES] = "linux",
  [COL_IO_READ_CHARS] = "linux",
  [COL_IO_WRITE_CHARS] = "linux",
};

const psv_table psv_table_processes = {
  .name = "processes",
  .doc = "one row per process, zombies included",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .costly_sources = PSV_PROC_COSTLY,
  .state_size = sizeof(processes_state),
  .begin = processes_begin,
  .next = processes_next,
  .end = processes_end,
  .destroy = processes_destroy,
};
