/*
** process_memory_maps.c — one row per memory mapping of every process:
** psutil's Process.memory_maps(grouped=False), with the mapping's offset,
** device and inode.
**
**   SELECT pid, path, sum(private_dirty) FROM process_memory_maps
**   WHERE pid = 1234 GROUP BY path ORDER BY 3 DESC;
**
** The address, permission and path columns are cheap; any size column
** makes the OS measure each mapping (on Linux a walk of the page tables).
** Paths keep their spaces; the kernel's " (deleted)" mark becomes the
** deleted column, as for processes.exe.
*/
#include "common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

enum {
  COL_PID, COL_CREATE_TIME, COL_ADDR, COL_ADDR_START, COL_ADDR_END, COL_PERMS, COL_OFFSET, COL_DEV,
  COL_INODE, COL_PATH, COL_DELETED, COL_RSS, COL_SIZE, COL_PSS,
  COL_SHARED_CLEAN, COL_SHARED_DIRTY, COL_PRIVATE_CLEAN, COL_PRIVATE_DIRTY,
  COL_REFERENCED, COL_ANONYMOUS, COL_SWAP, N_COLUMNS
};

#define SIZES 1u   /* the mappings' sizes: costly */
#define IDENT 2u   /* the process's create_time */

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_CREATE_TIME] = PSV_CREATE_TIME_COLUMN(IDENT),
  [COL_ADDR] = {"addr", "TEXT", NULL, "'start-end' in hex as the kernel prints it (psutil's addr)", 0},
  [COL_ADDR_START] = {"addr_start", "INTEGER", NULL,
    "first address of the mapping (above 2^63, as x86-64's [vsyscall], the same 64 bits read as a negative number: printf('%x', addr_start) shows them)", 0},
  [COL_ADDR_END] = {"addr_end", "INTEGER", NULL, "address just past the mapping (as addr_start above 2^63)", 0},
  [COL_PERMS] = {"perms", "TEXT", NULL, "permissions, e.g. 'r-xp' (p private, s shared)", 0},
  [COL_OFFSET] = {"offset", "INTEGER", "bytes", "offset of the mapping in the file", 0},
  [COL_DEV] = {"dev", "TEXT", NULL, "device of the file as major:minor in hex, e.g. 'fd:01'", 0},
  [COL_INODE] = {"inode", "INTEGER", NULL, "inode of the file; 0 for anonymous memory", 0},
  [COL_PATH] = {"path", "TEXT", NULL,
    "file path, '[heap]', '[stack]', ... or '[anon]' for anonymous memory (as psutil)", 0},
  [COL_DELETED] = {"deleted", "INTEGER", NULL, "1 when the mapped file was deleted, else 0", 0},
  [COL_RSS] = {"rss", "INTEGER", "bytes", "resident memory of the mapping", SIZES},
  [COL_SIZE] = {"size", "INTEGER", "bytes", "size of the mapping", SIZES},
  [COL_PSS] = {"pss", "INTEGER", "bytes", "proportional set size: its share of the resident memory", SIZES},
  [COL_SHARED_CLEAN] = {"shared_clean", "INTEGER", "bytes", "resident, shared with other processes, unmodified", SIZES},
  [COL_SHARED_DIRTY] = {"shared_dirty", "INTEGER", "bytes", "resident, shared with other processes, modified", SIZES},
  [COL_PRIVATE_CLEAN] = {"private_clean", "INTEGER", "bytes", "resident, of this process alone, unmodified", SIZES},
  [COL_PRIVATE_DIRTY] = {"private_dirty", "INTEGER", "bytes", "resident, of this process alone, modified", SIZES},
  [COL_REFERENCED] = {"referenced", "INTEGER", "bytes", "resident memory accessed recently", SIZES},
  [COL_ANONYMOUS] = {"anonymous", "INTEGER", "bytes", "resident memory backed by no file", SIZES},
  [COL_SWAP] = {"swap", "INTEGER", "bytes", "memory of the mapping swapped out", SIZES},
};

/* The mappings of one process with their sizes, read whole on a worker
** thread when the scan is read ahead (tables/common.h): measuring them is
** the costly part. */
typedef struct maps_read {
  psv_map *maps;
  size_t n, cap;
  psv_buf paths;   /* the maps' paths, one after another */
} maps_read;

/* A psv_ahead_extra's read(): as maps_next reads them, but all at once. A
** list the caller may not see, or that ends in a process's own trouble,
** gives the mappings read before (none). */
static int read_maps(void *ctx, psv_proc *p, const psv_proc_info *info, void *block) {
  (void)ctx; (void)info;
  maps_read *r = block;
  psv_map_list *l;
  r->n = r->paths.n = 0;
  int rc = psv_map_list_open(p, 1, &l);
  if (rc) return psv_is_resource_errno(rc) ? rc : 0;
  psv_map m;
  while ((rc = psv_map_list_next(l, &m)) > 0) {
    if (psv_grow((void **)&r->maps, &r->cap, r->n + 1, sizeof *r->maps) ||
        (m.path_len && psv_buf_append(&r->paths, m.path, m.path_len))) {
      rc = -ENOMEM;
      break;
    }
    r->maps[r->n++] = m;
  }
  psv_map_list_close(l);
  size_t at = 0;   /* the paths, where the buffer ended up */
  for (size_t i = 0; i < r->n; i++) {
    r->maps[i].path = r->maps[i].path_len ? r->paths.p + at : "";
    at += r->maps[i].path_len;
  }
  return rc < 0 && psv_is_resource_errno(-rc) ? -rc : 0;
}

static void release_maps(void *block) {
  maps_read *r = block;
  psv_free(r->maps);
  psv_buf_free(&r->paths);
}

static const psv_ahead_extra maps_ahead = { sizeof(maps_read), read_maps, release_maps, NULL };

typedef struct maps_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_map_list *maps;   /* of the current process; NULL between processes */
  psv_map map;          /* the current row's: its text lives here */
  const maps_read *read;   /* or: the current process's, read ahead */
  size_t read_pos;
  char addr[40];
} maps_state;

static int maps_begin(void *state, psv_scan *scan) {
  maps_state *st = state;
  st->walk.open_always = 1;
  /* the sizes are what costs: a scan of them is read ahead */
  st->walk.extra = (scan->sources & SIZES) ? &maps_ahead : NULL;
  st->read = NULL;
  return psv_proc_walk_begin(&st->walk, scan);
}

static void fill_row(maps_state *st, const psv_scan *scan, const psv_map *m, psv_value *row) {
  psv_set_int(&row[COL_PID], st->walk.pid);
  psv_set_create_time(&st->info, &row[COL_CREATE_TIME]);
  if (psv_used(scan, COL_ADDR)) {
    int n = snprintf(st->addr, sizeof st->addr, "%08" PRIx64 "-%08" PRIx64, m->start, m->end);
    psv_set_text(&row[COL_ADDR], st->addr, (size_t)n);
  }
  psv_set_int(&row[COL_ADDR_START], (int64_t)m->start);
  psv_set_int(&row[COL_ADDR_END], (int64_t)m->end);
  psv_set_bytes(&row[COL_PERMS], m->perms, strlen(m->perms));
  psv_set_int(&row[COL_OFFSET], (int64_t)m->offset);
  psv_set_bytes(&row[COL_DEV], m->dev, strlen(m->dev));
  psv_set_int(&row[COL_INODE], (int64_t)m->inode);
  if (m->path_len) psv_set_bytes(&row[COL_PATH], m->path, m->path_len);
  else psv_set_text(&row[COL_PATH], "[anon]", 6);
  psv_set_int(&row[COL_DELETED], m->deleted);
  if (!m->has_sizes) return;
  const uint64_t sizes[] = {
    m->rss, m->size, m->pss, m->shared_clean, m->shared_dirty, m->private_clean,
    m->private_dirty, m->referenced, m->anonymous, m->swap
  };
  for (int i = 0; i < 10; i++) psv_set_int(&row[COL_RSS + i], (int64_t)sizes[i]);
}

static int maps_next(void *state, psv_scan *scan, psv_value *row) {
  maps_state *st = state;
  for (;;) {
    if (st->read && st->read_pos < st->read->n) {
      fill_row(st, scan, &st->read->maps[st->read_pos++], row);
      return PSV_ROW;
    }
    st->read = NULL;
    if (st->maps) {
      int rc = psv_map_list_next(st->maps, &st->map);
      if (rc > 0) {
        fill_row(st, scan, &st->map, row);
        return PSV_ROW;
      }
      psv_map_list_close(st->maps);
      st->maps = NULL;
      if (rc < 0 && (rc = psv_proc_list_check(scan, -rc))) return rc;
    }
    uint64_t facts = (scan->sources & IDENT) ? PSV_PROC_CREATE_TIME : 0;
    int rc = psv_proc_walk_next(&st->walk, scan, facts, &st->info);
    if (rc != PSV_ROW) return rc;
    if (st->walk.block) {
      st->read = st->walk.block;
      st->read_pos = 0;
      continue;
    }
    int err = psv_map_list_open(st->walk.proc, (scan->sources & SIZES) != 0, &st->maps);
    /* gone, or not ours to see: no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void maps_end(void *state) {
  maps_state *st = state;
  psv_map_list_close(st->maps);
  st->maps = NULL;
  st->read = NULL;
  psv_proc_walk_end(&st->walk);
}

static void maps_destroy(void *state) {
  maps_end(state);
  psv_proc_walk_destroy(&((maps_state *)state)->walk);
}

const psv_table psv_table_process_memory_maps = {
  .name = "process_memory_maps",
  .platforms = "linux",
  .doc = "one row per memory mapping of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 20000,
  .costly_sources = SIZES,
  .state_size = sizeof(maps_state),
  .begin = maps_begin,
  .next = maps_next,
  .end = maps_end,
  .destroy = maps_destroy,
};
