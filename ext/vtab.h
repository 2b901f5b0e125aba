/*
** vtab.h — the one generic virtual-table driver and what a table gives it.
**
** A psvtab table is data plus a row producer. The data is a column list
** (name, SQL type, unit, one-line doc, which sources the column needs); the
** producer yields rows as arrays of psv_value. The driver (vtab.c) derives
** everything else from that: the CREATE TABLE string, the psvtab_columns
** rows, xBestIndex (pid pushdown, column pruning, table-valued function
** arguments), the CREATE arguments (procfs=, sysfs=) and the conversion of
** values to SQLite results.
**
** Table files include this header and never sqlite3.h: producers only see
** psv_scan and psv_value.
*/
#ifndef PSV_VTAB_H
#define PSV_VTAB_H

#include <stddef.h>
#include <stdint.h>

/* What a value holds. PSV_BYTES is the lossless kind for OS strings: it
** reaches SQL as TEXT when the bytes are valid UTF-8, otherwise as a BLOB
** holding the exact bytes. */
typedef enum psv_vtype {
  PSV_NULL = 0,
  PSV_INT,
  PSV_REAL,
  PSV_TEXT,   /* known to be valid UTF-8 (ASCII constants, JSON we made) */
  PSV_BYTES
} psv_vtype;

typedef struct psv_value {
  psv_vtype type;
  int64_t i;
  double r;
  const char *s;  /* PSV_TEXT/PSV_BYTES: owned by the producer until the
                  ** next call of its next() */
  size_t n;
} psv_value;

static inline void psv_set_int(psv_value *v, int64_t i) {
  v->type = PSV_INT; v->i = i;
}
static inline void psv_set_real(psv_value *v, double r) {
  v->type = PSV_REAL; v->r = r;
}
static inline void psv_set_text(psv_value *v, const char *s, size_t n) {
  v->type = PSV_TEXT; v->s = s; v->n = n;
}
static inline void psv_set_bytes(psv_value *v, const char *s, size_t n) {
  v->type = PSV_BYTES; v->s = s; v->n = n;
}

/* One column of a table. `sources` is a table-specific bit set: the
** producer reads the union of the sources of the columns a query uses.
** Every field is given in each declaration (clang's -Wextra warns about
** a positional initializer that leaves one out), so which columns are
** arguments is said by the table (psv_table.arguments). */
typedef struct psv_column {
  const char *name;
  const char *type;  /* SQL type in the declared schema */
  const char *unit;  /* "bytes", "seconds", ... or NULL */
  const char *doc;   /* one line */
  unsigned sources;
} psv_column;

/* The most argument columns a table may have. */
#define PSV_MAX_ARGS 4

/* Where a table reads the OS from: the procfs and sysfs roots, as given
** in CREATE VIRTUAL TABLE ... USING t(procfs='DIR', sysfs='DIR'), and the
** files some tables read (utmp='FILE'). */
typedef struct psv_roots {
  const char *procfs;
  const char *sysfs;
  const char *utmp;   /* NULL: the system's own */
} psv_roots;

/* What the driver tells a producer at the start of a scan. */
typedef struct psv_scan {
  uint64_t used;          /* bit i: column i is used (bit 63: 63 and up) */
  unsigned sources;       /* union of the used columns' sources */
  const int *pids;        /* pushed-down pids, ascending, distinct; */
  int n_pids;             /* pids == NULL: no pid constraint */
  const psv_roots *roots;
  /* The argument columns' values, in column order. An INTEGER or REAL
  ** argument holds a number when the SQL value was one or numeric text
  ** ('0.5'); otherwise the value as given (TEXT as PSV_TEXT, BLOB as
  ** PSV_BYTES, or NULL). Strings are the driver's until the scan ends. */
  psv_value args[PSV_MAX_ARGS];
  unsigned args_given;    /* bit i: args[i] was given (it may be NULL) */
  char *err;              /* producer writes an error message here */
  size_t err_size;
} psv_scan;

static inline int psv_used(const psv_scan *scan, int column) {
  int bit = column < 63 ? column : 63;
  return (int)((scan->used >> bit) & 1);
}

static inline int psv_arg_given(const psv_scan *scan, int arg) {
  return (int)((scan->args_given >> arg) & 1);
}

/* Producer return codes. */
enum { PSV_EOF = 0, PSV_ROW = 1, PSV_ERROR = -1, PSV_NOMEM = -2 };

/* Table flags. */
#define PSV_TABLE_DIRECTONLY 0x01  /* exposes secrets: no views/triggers */
#define PSV_TABLE_PROCFS     0x02  /* accepts procfs= */
#define PSV_TABLE_SYSFS      0x04  /* accepts sysfs= */
#define PSV_TABLE_UTMP       0x08  /* accepts utmp= (a file) */
#define PSV_TABLE_SAMPLING   0x10  /* every scan sleeps (two samples): the
                                   ** planner should run it once, not once
                                   ** per row of another table */

typedef struct psv_table {
  const char *name;
  const char *doc;
  const psv_column *columns;
  int n_columns;
  int pid_column;        /* column that takes pid pushdown, or -1 */
  /* Bit i: column i is an argument, declared HIDDEN: SQLite's
  ** table-valued function call `t(a, b)` binds the table's argument
  ** columns, in column order, as `WHERE arg1 = a AND arg2 = b` (the WHERE
  ** form works too). */
  uint64_t arguments;
  unsigned flags;
  double full_scan_rows; /* planner's estimate for an unconstrained scan */
  size_t state_size;     /* producer state, zeroed before first use */
  /* Start a scan; PSV_EOF/PSV_ROW are both "ok" here, PSV_ERROR/NOMEM not. */
  int (*begin)(void *state, psv_scan *scan);
  /* Fill row[0..n_columns) (only used columns need a value; the driver
  ** clears the row to NULL first). PSV_ROW, PSV_EOF or an error. */
  int (*next)(void *state, psv_scan *scan, psv_value *row);
  /* Release what begin() and next() took for this scan. Idempotent. */
  void (*end)(void *state);
  /* Release everything, state included, at cursor close. May be NULL
  ** when end() already frees all. */
  void (*destroy)(void *state);
} psv_table;

/* 1 when column `col` of `t` is an argument column. */
static inline int psv_is_argument(const psv_table *t, int col) {
  return col < 64 && ((t->arguments >> col) & 1);
}

/* Every table, in the order psvtab_columns lists them (registry.c). */
extern const psv_table *const psv_tables[];
extern const int psv_n_tables;

#endif /* PSV_VTAB_H */
