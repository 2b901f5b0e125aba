/*
** osquery_process_memory_map.c — osquery's process_memory_map: one row
** per memory mapping of every process, as /proc/PID/maps lists them.
**
**   SELECT pid, path FROM process_memory_map WHERE permissions LIKE '%x%' AND inode = 0;
*/
#include "osquery.h"

#include <inttypes.h>
#include <stdio.h>

enum {
  COL_PID, COL_START, COL_END, COL_PERMISSIONS, COL_OFFSET, COL_DEVICE, COL_INODE, COL_PATH,
  COL_PSEUDO, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_PID] = {"pid", "INTEGER", NULL, "process id", 0},
  [COL_START] = {"start", "TEXT", NULL, "first address, '0x' and at least 8 hex digits", 0},
  [COL_END] = {"end", "TEXT", NULL, "the address just past the mapping, as start", 0},
  [COL_PERMISSIONS] = {"permissions", "TEXT", NULL, "r, w, x and p (private) or s (shared): 'r-xp'", 0},
  [COL_OFFSET] = {"offset", "BIGINT", "bytes", "offset of the mapping in the file", 0},
  [COL_DEVICE] = {"device", "TEXT", NULL, "device of the file, major:minor in hex ('fd:01')", 0},
  [COL_INODE] = {"inode", "INTEGER", NULL, "inode of the file; 0 for memory of no file", 0},
  [COL_PATH] = {"path", "TEXT", NULL,
    "the file, or [heap], [stack], [vdso] ...; NULL for anonymous memory (the kernel's deleted mark dropped)", 0},
  [COL_PSEUDO] = {"pseudo", "INTEGER", NULL, "1 for a named region of no file ([heap], [stack]), else 0", 0},
};

typedef struct map_state {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_map_list *maps;   /* of the current process; NULL between processes */
  psv_map map;          /* the current row's: its text lives here */
  char start[24], end[24];
} map_state;

static int map_begin(void *state, psv_scan *scan) {
  map_state *st = state;
  st->walk.open_always = 1;
  return psv_proc_walk_begin(&st->walk, scan);
}

static void fill_row(map_state *st, const psv_map *m, psv_value *row) {
  psv_set_int(&row[COL_PID], st->walk.pid);
  int n = snprintf(st->start, sizeof st->start, "0x%08" PRIx64, m->start);
  psv_set_text(&row[COL_START], st->start, (size_t)n);
  n = snprintf(st->end, sizeof st->end, "0x%08" PRIx64, m->end);
  psv_set_text(&row[COL_END], st->end, (size_t)n);
  psv_set_bytes(&row[COL_PERMISSIONS], m->perms, strlen(m->perms));
  psv_set_int(&row[COL_OFFSET], (int64_t)m->offset);
  psv_set_bytes(&row[COL_DEVICE], m->dev, strlen(m->dev));
  psv_set_int(&row[COL_INODE], (int64_t)m->inode);
  if (m->path_len) psv_set_bytes(&row[COL_PATH], m->path, m->path_len);
  psv_set_int(&row[COL_PSEUDO], m->inode == 0 && m->path_len > 0);
}

static int map_next(void *state, psv_scan *scan, psv_value *row) {
  map_state *st = state;
  for (;;) {
    if (st->maps) {
      int rc = psv_map_list_next(st->maps, &st->map);
      if (rc > 0) {
        fill_row(st, &st->map, row);
        return PSV_ROW;
      }
      psv_map_list_close(st->maps);
      st->maps = NULL;
      if (rc < 0 && (rc = psv_proc_list_check(scan, -rc))) return rc;
    }
    int rc = psv_proc_walk_next(&st->walk, scan, 0, &st->info);
    if (rc != PSV_ROW) return rc;
    int err = psv_map_list_open(st->walk.proc, 0, &st->maps);
    /* gone, or not ours to see: no rows for this process */
    if (err && (rc = psv_proc_list_check(scan, err))) return rc;
  }
}

static void map_end(void *state) {
  map_state *st = state;
  psv_map_list_close(st->maps);
  st->maps = NULL;
  psv_proc_walk_end(&st->walk);
}

static void map_destroy(void *state) {
  map_end(state);
  psv_proc_walk_destroy(&((map_state *)state)->walk);
}

const psv_table psv_table_osquery_process_memory_map = {
  .name = "osquery_process_memory_map",
  .platforms = "linux",
  .doc = "osquery's process_memory_map: the memory mappings of every process",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = COL_PID,
  .flags = PSV_TABLE_DIRECTONLY,
  .kinds = PSV_KIND_PROCESSES,
  .full_scan_rows = 20000,
  .state_size = sizeof(map_state),
  .begin = map_begin,
  .next = map_next,
  .end = map_end,
  .destroy = map_destroy,
};
