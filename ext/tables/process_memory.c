/*
** process_memory.c — one row per process: psutil's memory_full_info().
**
**   SELECT p.pid, p.username, p.cmdline, m.uss, m.pss, m.swap, m.rss
**   FROM processes p JOIN process_memory m USING (pid, create_time)
**   ORDER BY m.uss DESC;
**
** The statm columns cost one small read; uss/pss/swap make the kernel walk
** the page tables (smaps_rollup) and are read only when a query uses them.
*/
#include "common.h"

enum {
  COL_PID, COL_CREATE_TIME, COL_RSS, COL_VMS, COL_SHARED, COL_TEXT, COL_LIB, COL_DATA,
  COL_DIRTY, COL_USS, COL_PSS, COL_SWAP, COL_RSS_ANON, COL_RSS_FILE,
  COL_RSS_SHMEM, COL_PEAK_RSS, COL_PEAK_VMS, COL_HUGETLB, N_COLUMNS
};

#define STATM PSV_PI_STATM
#define SMAPS PSV_PI_SMAPS
#define STATUS PSV_PI_STATUS

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(PSV_PI_STAT),
  [COL_RSS] = {"rss", "INTEGER", "bytes", "resident set size (statm)", STATM},
  [COL_VMS] = {"vms", "INTEGER", "bytes", "virtual memory size (statm)", STATM},
  [COL_SHARED] = {"shared", "INTEGER", "bytes", "resident pages backed by a file or shared memory (statm)", STATM},
  [COL_TEXT] = {"text", "INTEGER", "bytes", "code (statm)", STATM},
  [COL_LIB] = {"lib", "INTEGER", "bytes", "always 0 since Linux 2.6 (statm)", STATM},
  [COL_DATA] = {"data", "INTEGER", "bytes", "data and stack (statm)", STATM},
  [COL_DIRTY] = {"dirty", "INTEGER", "bytes", "always 0 since Linux 2.6 (statm)", STATM},
  [COL_USS] = {"uss", "INTEGER", "bytes",
    "unique set size: memory freed if the process exited (sum of Private_* in smaps_rollup)", SMAPS},
  [COL_PSS] = {"pss", "INTEGER", "bytes",
    "proportional set size: shared pages divided among their users (smaps_rollup)", SMAPS},
  [COL_SWAP] = {"swap", "INTEGER", "bytes", "swapped-out memory (smaps_rollup Swap)", SMAPS},
  [COL_RSS_ANON] = {"rss_anon", "INTEGER", "bytes", "resident anonymous memory (status RssAnon)", STATUS},
  [COL_RSS_FILE] = {"rss_file", "INTEGER", "bytes", "resident file mappings (status RssFile)", STATUS},
  [COL_RSS_SHMEM] = {"rss_shmem", "INTEGER", "bytes", "resident shared memory (status RssShmem)", STATUS},
  [COL_PEAK_RSS] = {"peak_rss", "INTEGER", "bytes", "peak resident set size (status VmHWM)", STATUS},
  [COL_PEAK_VMS] = {"peak_vms", "INTEGER", "bytes", "peak virtual memory size (status VmPeak)", STATUS},
  [COL_HUGETLB] = {"hugetlb", "INTEGER", "bytes", "hugetlb memory (status HugetlbPages)", STATUS},
};

typedef struct process_memory_state {
  psv_proc_walk walk;
  psv_proc_info info;
  uint64_t page_size;
} process_memory_state;

static int process_memory_begin(void *state, psv_scan *scan) {
  process_memory_state *st = state;
  st->page_size = (uint64_t)psv_page_size();
  return psv_proc_walk_begin(&st->walk, scan);
}

static void fill_statm(const psv_statm *m, uint64_t page, psv_value *row) {
  const uint64_t pages[] = { m->resident, m->size, m->shared, m->text, m->lib, m->data, m->dirty };
  for (int i = 0; i < 7; i++) psv_set_int(&row[COL_RSS + i], (int64_t)(pages[i] * page));
}

/* A status line the kernel lacks (older kernels) stays NULL. */
static void fill_status(const psv_status *s, psv_value *row) {
  static const struct { unsigned bit; int col; } map[] = {
    { PSV_ST_RSSANON, COL_RSS_ANON }, { PSV_ST_RSSFILE, COL_RSS_FILE },
    { PSV_ST_RSSSHMEM, COL_RSS_SHMEM }, { PSV_ST_VMHWM, COL_PEAK_RSS },
    { PSV_ST_VMPEAK, COL_PEAK_VMS }, { PSV_ST_HUGETLB, COL_HUGETLB },
  };
  const uint64_t values[] = { s->rss_anon, s->rss_file, s->rss_shmem, s->vm_hwm, s->vm_peak, s->hugetlb };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
    if (s->has & map[i].bit) psv_set_int(&row[map[i].col], (int64_t)values[i]);
  }
}

static int process_memory_next(void *state, psv_scan *scan, psv_value *row) {
  process_memory_state *st = state;
  int rc = psv_proc_walk_next(&st->walk, scan, scan->sources, &st->info);
  if (rc != PSV_ROW) return rc;
  const psv_proc_info *info = &st->info;
  psv_set_int(&row[COL_PID], st->walk.pid);
  psv_set_create_time(st->walk.os, info, &row[COL_CREATE_TIME]);
  if (info->have & STATM) fill_statm(&info->statm, st->page_size, row);
  if (info->have & SMAPS) {
    psv_set_int(&row[COL_USS], (int64_t)info->smaps.uss);
    psv_set_int(&row[COL_PSS], (int64_t)info->smaps.pss);
    psv_set_int(&row[COL_SWAP], (int64_t)info->smaps.swap);
  }
  if (info->have & STATUS) fill_status(&info->status, row);
  return PSV_ROW;
}

static void process_memory_end(void *state) {
  psv_proc_walk_end(&((process_memory_state *)state)->walk);
}

static void process_memory_destroy(void *state) {
  psv_proc_walk_destroy(&((process_memory_state *)state)->walk);
}

const psv_table psv_table_process_memory = {
  .name = "process_memory",
  .doc = "one row per process: memory down to USS, PSS and swap",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .state_size = sizeof(process_memory_state),
  .begin = process_memory_begin,
  .next = process_memory_next,
  .end = process_memory_end,
  .destroy = process_memory_destroy,
};
