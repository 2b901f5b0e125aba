/*
** tables.c — psvtab_tables: one row per psvtab table, made from the same
** declarations as psvtab_columns (the registry, psv_tables[]): the table's
** one-line doc, whether it is called as a function and with what, whether
** stored views and triggers may read it, and where it has rows.
**
**   SELECT name, kind, arguments, description FROM psvtab_tables;
**   SELECT name FROM psvtab_tables WHERE direct_only;
*/
#include "vtab.h"

#include <stdio.h>
#include <string.h>

enum {
  COL_NAME, COL_DESCRIPTION, COL_KIND, COL_ARGUMENTS, COL_DIRECT_ONLY, COL_PLATFORMS, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_NAME] = {"name", "TEXT", NULL, "name of the psvtab table, as SELECT * FROM name reads it", 0},
  [COL_DESCRIPTION] = {"description", "TEXT", NULL, "what its rows are, in one line", 0},
  [COL_KIND] = {"kind", "TEXT", NULL,
    "'table-valued function' when it takes arguments, name(value, ...) (the sampling ones "
    "require theirs), else 'table'", 0},
  [COL_ARGUMENTS] = {"arguments", "TEXT", "JSON",
    "its argument columns in the order a call binds them, as a JSON array ([] for none): "
    "the psvtab_columns rows with argument 1", 0},
  [COL_DIRECT_ONLY] = {"direct_only", "INTEGER", NULL,
    "1 when views and triggers stored in a database file may not read the table "
    "(SQLITE_VTAB_DIRECTONLY; docs/security.md says why)", 0},
  [COL_PLATFORMS] = {"platforms", "TEXT", NULL,
    "the platforms on which the table has values, comma-separated: those of its columns together", 0},
};

/* The longest JSON array of argument names and the longest list of
** platforms a row can need: names are short identifiers. */
#define TEXT_MAX 512

typedef struct tables_state {
  int table;
  char arguments[TEXT_MAX];
  char platforms[TEXT_MAX];
} tables_state;

static int tables_begin(void *state, psv_scan *scan) {
  (void)scan;
  ((tables_state *)state)->table = -1;
  return PSV_ROW;
}

/* Appends s (n bytes) to buf, which holds *len bytes of size; 0 when it
** does not fit. */
static int append(char *buf, size_t size, size_t *len, const char *s, size_t n) {
  if (n >= size - *len) return 0;
  memcpy(buf + *len, s, n);
  *len += n;
  buf[*len] = '\0';
  return 1;
}

/* ["a","b"]: the table's argument column names, in column order. Column
** names are SQL identifiers: nothing in them needs a JSON escape. */
static int arguments_json(const psv_table *t, char *buf, size_t size) {
  size_t len = 0;
  int ok = append(buf, size, &len, "[", 1);
  const char *sep = "";
  for (int i = 0; ok && i < t->n_columns; i++) {
    if (!psv_is_argument(t, i)) continue;
    const char *name = t->columns[i].name;
    ok = append(buf, size, &len, sep, strlen(sep)) && append(buf, size, &len, "\"", 1) &&
         append(buf, size, &len, name, strlen(name)) && append(buf, size, &len, "\"", 1);
    sep = ",";
  }
  return ok && append(buf, size, &len, "]", 1);
}

/* 1 when the comma-separated list holds the n-byte name as an item. */
static int list_has(const char *list, const char *name, size_t n) {
  for (const char *p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
    if (strcspn(p, ",") == n && memcmp(p, name, n) == 0) return 1;
  }
  return 0;
}

/* 1 when some column of t has values on the n-byte platform name. */
static int table_has_platform(const psv_table *t, const char *name, size_t n) {
  for (int i = 0; i < t->n_columns; i++) {
    /* as psvtab_columns says: the column's own, else the table's */
    const char *p = t->column_platforms ? t->column_platforms[i] : NULL;
    if (!p) p = t->platforms;
    if (list_has(p ? p : PSV_PLATFORMS_ALL, name, n)) return 1;
  }
  return 0;
}

/* The platforms of PSV_PLATFORMS_ALL, in its order, on which some column
** of t has values. */
static int table_platforms(const psv_table *t, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (const char *p = PSV_PLATFORMS_ALL; *p; ) {
    size_t n = strcspn(p, ",");
    if (table_has_platform(t, p, n) &&
        !(append(buf, size, &len, ",", len ? 1 : 0) && append(buf, size, &len, p, n))) {
      return 0;
    }
    p += n + (p[n] == ',');
  }
  return 1;
}

static int tables_next(void *state, psv_scan *scan, psv_value *row) {
  tables_state *st = state;
  if (++st->table >= psv_n_tables) return PSV_EOF;
  const psv_table *t = psv_tables[st->table];
  if (!arguments_json(t, st->arguments, sizeof st->arguments) ||
      !table_platforms(t, st->platforms, sizeof st->platforms)) {
    snprintf(scan->err, scan->err_size, "the declaration of %s is too long", t->name);
    return PSV_ERROR;
  }
  psv_set_text(&row[COL_NAME], t->name, strlen(t->name));
  psv_set_text(&row[COL_DESCRIPTION], t->doc, strlen(t->doc));
  const char *kind = t->arguments ? "table-valued function" : "table";
  psv_set_text(&row[COL_KIND], kind, strlen(kind));
  psv_set_text(&row[COL_ARGUMENTS], st->arguments, strlen(st->arguments));
  psv_set_int(&row[COL_DIRECT_ONLY], (t->flags & PSV_TABLE_DIRECTONLY) != 0);
  if (st->platforms[0]) psv_set_text(&row[COL_PLATFORMS], st->platforms, strlen(st->platforms));
  return PSV_ROW;
}

static void tables_end(void *state) { (void)state; }

const psv_table psv_table_tables = {
  .name = "psvtab_tables",
  .doc = "one row per psvtab table: what its rows are, its arguments, its flags",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = 0,
  .full_scan_rows = 30,
  .state_size = sizeof(tables_state),
  .begin = tables_begin,
  .next = tables_next,
  .end = tables_end,
};
