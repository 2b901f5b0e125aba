/*
** process_memory.c — one row per process: psutil's memory_full_info().
**
**   SELECT p.pid, p.username, p.cmdline, m.uss, m.pss, m.swap, m.rss
**   FROM processes p JOIN process_memory m USING (pid, create_time)
**   ORDER BY m.uss DESC;
**
** uss, pss and swap are costly (on Linux the kernel walks the page tables
** for them): they are read only when a query uses them.
*/
#include "common.h"

enum {
  COL_PID, COL_CREATE_TIME, COL_RSS, COL_VMS, COL_SHARED, COL_TEXT, COL_LIB, COL_DATA,
  COL_DIRTY, COL_USS, COL_PSS, COL_SWAP, COL_RSS_ANON, COL_RSS_FILE,
  COL_RSS_SHMEM, COL_PEAK_RSS, COL_PEAK_VMS, COL_HUGETLB, COL_NUM_PAGE_FAULTS,
  COL_PAGED_POOL, COL_PEAK_PAGED_POOL, COL_NONPAGED_POOL, COL_PEAK_NONPAGED_POOL,
  COL_PRIVATE, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(PSV_PROC_CREATE_TIME),
  [COL_RSS] = {"rss", "INTEGER", "bytes", "resident set size", PSV_PROC_MEMORY},
  [COL_VMS] = {"vms", "INTEGER", "bytes", "virtual memory size", PSV_PROC_MEMORY},
  [COL_SHARED] = {"shared", "INTEGER", "bytes", "resident memory backed by a file or shared memory", PSV_PROC_MEMORY_LAYOUT},
  [COL_TEXT] = {"text", "INTEGER", "bytes", "code", PSV_PROC_MEMORY_LAYOUT},
  [COL_LIB] = {"lib", "INTEGER", "bytes", "shared libraries (always 0 since Linux 2.6)", PSV_PROC_MEMORY_LAYOUT},
  [COL_DATA] = {"data", "INTEGER", "bytes", "data and stack", PSV_PROC_MEMORY_LAYOUT},
  [COL_DIRTY] = {"dirty", "INTEGER", "bytes", "dirty pages (always 0 since Linux 2.6)", PSV_PROC_MEMORY_LAYOUT},
  [COL_USS] = {"uss", "INTEGER", "bytes",
    "unique set size: the memory only this process maps, freed if it exited", PSV_PROC_MEMORY_UNIQUE},
  [COL_PSS] = {"pss", "INTEGER", "bytes",
    "proportional set size: its own memory plus its share of memory shared with others", PSV_PROC_MEMORY_UNIQUE},
  [COL_SWAP] = {"swap", "INTEGER", "bytes", "memory swapped out", PSV_PROC_MEMORY_UNIQUE},
  [COL_RSS_ANON] = {"rss_anon", "INTEGER", "bytes", "resident anonymous memory", PSV_PROC_RSS_ANON},
  [COL_RSS_FILE] = {"rss_file", "INTEGER", "bytes", "resident file mappings", PSV_PROC_RSS_FILE},
  [COL_RSS_SHMEM] = {"rss_shmem", "INTEGER", "bytes", "resident shared memory", PSV_PROC_RSS_SHMEM},
  [COL_PEAK_RSS] = {"peak_rss", "INTEGER", "bytes", "peak resident set size", PSV_PROC_PEAK_RSS},
  [COL_PEAK_VMS] = {"peak_vms", "INTEGER", "bytes", "peak virtual memory size", PSV_PROC_PEAK_VMS},
  [COL_HUGETLB] = {"hugetlb", "INTEGER", "bytes", "memory in huge pages of hugetlbfs", PSV_PROC_HUGETLB},
  [COL_NUM_PAGE_FAULTS] = {"num_page_faults", "INTEGER", NULL, "page faults since the process started", PSV_PROC_PAGE_FAULTS},
  [COL_PAGED_POOL] = {"paged_pool", "INTEGER", "bytes", "the kernel's pageable memory charged to the process", PSV_PROC_POOLS},
  [COL_PEAK_PAGED_POOL] = {"peak_paged_pool", "INTEGER", "bytes", "peak paged_pool", PSV_PROC_POOLS},
  [COL_NONPAGED_POOL] = {"nonpaged_pool", "INTEGER", "bytes", "the kernel's resident memory charged to the process", PSV_PROC_POOLS},
  [COL_PEAK_NONPAGED_POOL] = {"peak_nonpaged_pool", "INTEGER", "bytes", "peak nonpaged_pool", PSV_PROC_POOLS},
  [COL_PRIVATE] = {"private", "INTEGER", "bytes", "memory committed to the process alone", PSV_PROC_PRIVATE},
};

typedef struct process_memory_state {
  psv_proc_walk walk;
  psv_proc_info info;
} process_memory_state;

static int process_memory_begin(void *state, psv_scan *scan) {
  process_memory_state *st = state;
  return psv_proc_walk_begin(&st->walk, scan);
}

/* Each column of a fact this OS (or kernel) did not give stays NULL. */
static void fill_row(const psv_proc_info *info, psv_value *row) {
  static const struct { uint64_t fact; int col; } map[] = {
    { PSV_PROC_MEMORY, COL_RSS }, { PSV_PROC_MEMORY, COL_VMS },
    { PSV_PROC_MEMORY_LAYOUT, COL_SHARED }, { PSV_PROC_MEMORY_LAYOUT, COL_TEXT },
    { PSV_PROC_MEMORY_LAYOUT, COL_LIB }, { PSV_PROC_MEMORY_LAYOUT, COL_DATA },
    { PSV_PROC_MEMORY_LAYOUT, COL_DIRTY }, { PSV_PROC_MEMORY_UNIQUE, COL_USS },
    { PSV_PROC_MEMORY_UNIQUE, COL_PSS }, { PSV_PROC_MEMORY_UNIQUE, COL_SWAP },
    { PSV_PROC_RSS_ANON, COL_RSS_ANON }, { PSV_PROC_RSS_FILE, COL_RSS_FILE },
    { PSV_PROC_RSS_SHMEM, COL_RSS_SHMEM }, { PSV_PROC_PEAK_RSS, COL_PEAK_RSS },
    { PSV_PROC_PEAK_VMS, COL_PEAK_VMS }, { PSV_PROC_HUGETLB, COL_HUGETLB },
    { PSV_PROC_PAGE_FAULTS, COL_NUM_PAGE_FAULTS }, { PSV_PROC_POOLS, COL_PAGED_POOL },
    { PSV_PROC_POOLS, COL_PEAK_PAGED_POOL }, { PSV_PROC_POOLS, COL_NONPAGED_POOL },
    { PSV_PROC_POOLS, COL_PEAK_NONPAGED_POOL }, { PSV_PROC_PRIVATE, COL_PRIVATE },
  };
  const uint64_t values[] = {
    info->rss, info->vms, info->shared, info->text, info->lib, info->data, info->dirty,
    info->uss, info->pss, info->swap, info->rss_anon, info->rss_file, info->rss_shmem,
    info->peak_rss, info->peak_vms, info->hugetlb, info->num_page_faults, info->paged_pool,
    info->peak_paged_pool, info->nonpaged_pool, info->peak_nonpaged_pool, info->private_bytes
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
    if (info->have & map[i].fact) psv_set_int(&row[map[i].col], (int64_t)values[i]);
  }
}

static int process_memory_next(void *state, psv_scan *scan, psv_value *row) {
  process_memory_state *st = state;
  int rc = psv_proc_walk_next(&st->walk, scan, scan->sources, &st->info);
  if (rc != PSV_ROW) return rc;
  psv_set_int(&row[COL_PID], st->walk.pid);
  psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
  fill_row(&st->info, row);
  return PSV_ROW;
}

static void process_memory_end(void *state) {
  psv_proc_walk_end(&((process_memory_state *)state)->walk);
}

static void process_memory_destroy(void *state) {
  psv_proc_walk_destroy(&((process_memory_state *)state)->walk);
}

/* What Windows does not give, and what only Windows gives (README,
** "Windows"): NULL elsewhere. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_SHARED] = "linux",
  [COL_TEXT] = "linux",
  [COL_LIB] = "linux",
  [COL_DATA] = "linux",
  [COL_DIRTY] = "linux",
  [COL_USS] = "linux",
  [COL_PSS] = "linux",
  [COL_SWAP] = "linux",
  [COL_RSS_ANON] = "linux",
  [COL_RSS_FILE] = "linux",
  [COL_RSS_SHMEM] = "linux",
  [COL_HUGETLB] = "linux",
  [COL_NUM_PAGE_FAULTS] = "windows", [COL_PAGED_POOL] = "windows",
  [COL_PEAK_PAGED_POOL] = "windows", [COL_NONPAGED_POOL] = "windows",
  [COL_PEAK_NONPAGED_POOL] = "windows", [COL_PRIVATE] = "windows",
};

const psv_table psv_table_process_memory = {
  .name = "process_memory",
  .doc = "one row per process: memory down to USS, PSS and swap",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 1000,
  .costly_sources = PSV_PROC_COSTLY,
  .state_size = sizeof(process_memory_state),
  .begin = process_memory_begin,
  .next = process_memory_next,
  .end = process_memory_end,
  .destroy = process_memory_destroy,
};
