/*
** columns.c — psvtab_columns: one row per column of every psvtab table,
** made from the same declarations that build each table's schema.
**
**   SELECT column_name, type, unit, description
**   FROM psvtab_columns WHERE table_name = 'processes';
*/
#include "vtab.h"

#include <string.h>

enum {
  COL_TABLE, COL_COLUMN, COL_TYPE, COL_UNIT, COL_DESCRIPTION, COL_ARGUMENT, COL_DIRECT_ONLY,
  COL_PLATFORMS, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_TABLE] = {"table_name", "TEXT", NULL, "name of the psvtab table", 0},
  [COL_COLUMN] = {"column_name", "TEXT", NULL, "name of the column", 0},
  [COL_TYPE] = {"type", "TEXT", NULL, "declared SQL type", 0},
  [COL_UNIT] = {"unit", "TEXT", NULL, "unit of the values (bytes, seconds, JSON, ...), NULL when none", 0},
  [COL_DESCRIPTION] = {"description", "TEXT", NULL, "what the column holds", 0},
  [COL_ARGUMENT] = {"argument", "INTEGER", NULL,
    "1 for an argument: a hidden column set by calling the table as a function, t(value)", 0},
  [COL_DIRECT_ONLY] = {"direct_only", "INTEGER", NULL,
    "1 when views and triggers stored in a database file may not read the table "
    "(SQLITE_VTAB_DIRECTONLY; docs/security.md says why)", 0},
  [COL_PLATFORMS] = {"platforms", "TEXT", NULL,
    "the platforms on which the column has values, comma-separated ('linux', ...); NULL elsewhere", 0},
};

typedef struct columns_state { int table, column; } columns_state;

static int columns_begin(void *state, psv_scan *scan) {
  (void)scan;
  columns_state *st = state;
  st->table = 0;
  st->column = -1;
  return PSV_ROW;
}

static void set_str(psv_value *v, const char *s) {
  if (s) psv_set_text(v, s, strlen(s));
}

static int columns_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  columns_state *st = state;
  st->column++;
  while (st->table < psv_n_tables && st->column >= psv_tables[st->table]->n_columns) {
    st->table++;
    st->column = 0;
  }
  if (st->table >= psv_n_tables) return PSV_EOF;
  const psv_table *t = psv_tables[st->table];
  const psv_column *c = &t->columns[st->column];
  set_str(&row[COL_TABLE], t->name);
  set_str(&row[COL_COLUMN], c->name);
  set_str(&row[COL_TYPE], c->type);
  set_str(&row[COL_UNIT], c->unit);
  set_str(&row[COL_DESCRIPTION], c->doc);
  psv_set_int(&row[COL_ARGUMENT], psv_is_argument(t, st->column));
  psv_set_int(&row[COL_DIRECT_ONLY], (t->flags & PSV_TABLE_DIRECTONLY) != 0);
  const char *platforms = t->column_platforms ? t->column_platforms[st->column] : NULL;
  if (!platforms) platforms = t->platforms;
  set_str(&row[COL_PLATFORMS], platforms ? platforms : PSV_PLATFORMS_ALL);
  return PSV_ROW;
}

static void columns_end(void *state) { (void)state; }

const psv_table psv_table_columns = {
  .name = "psvtab_columns",
  .doc = "one row per column of every psvtab table",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = 0,
  .full_scan_rows = 100,
  .state_size = sizeof(columns_state),
  .begin = columns_begin,
  .next = columns_next,
  .end = columns_end,
};
