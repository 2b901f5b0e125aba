/*
** vtab.h — the one generic virtual-table driver and what a table gives it.
**
** A psvtab table is data plus a row producer. The data is a column list
** (name, SQL type, unit, one-line doc, which sources the column needs); the
** producer yields rows as arrays of psv_value. The driver (vtab.c) derives
** everything else from that: the CREATE TABLE string, the psvtab_columns
** rows, xBestIndex (pid pushdown, column pruning, table-valued function
** arguments), the CREATE arguments (those the platform declares for the
** kinds of facts the table reads) and the conversion of values to SQLite
** results.
**
** Table files include this header and never sqlite3.h: producers only see
** psv_scan and psv_value.
*/
#ifndef PSV_VTAB_H
#define PSV_VTAB_H

#include <stddef.h>
#include <stdint.h>

/* What a value holds. PSV_BYTES is the kind for OS strings (names,
** paths, arguments: any bytes): it always reaches SQL as TEXT, valid UTF-8
** without NUL, in the escaped form of text.h, and cut (and marked) at
** psv_scan.max_value. */
typedef enum psv_vtype {
  PSV_NULL = 0,
  PSV_INT,
  PSV_REAL,
  PSV_TEXT,   /* known to be valid UTF-8 without NUL (ASCII constants, JSON
              ** we made), within psv_scan.max_value */
  PSV_BYTES,  /* OS text: escaped by the driver */
  PSV_LIST,   /* a list of OS texts (below) */
  PSV_BLOB    /* bytes that reach SQL as a BLOB (a BLOB argument) */
} psv_vtype;

/* How a PSV_LIST value's items are found in its bytes: calls each() per
** item, stops at each()'s first non-zero result and returns it. A JSON
** column shows the list as an array of strings, any other column as its
** items joined by single spaces; both escaped and bounded as PSV_BYTES.
** The driver writes the value straight from the producer's bytes into
** memory SQLite then owns: a command line is never copied whole. */
typedef int (*psv_split_fn)(const char *buf, size_t len,
                            int (*each)(void *ctx, const char *item, size_t n),
                            void *ctx);

typedef struct psv_value {
  psv_vtype type;
  int64_t i;
  double r;
  const char *s;  /* PSV_TEXT/BYTES/LIST/BLOB: owned by the producer until
                  ** the next call of its next() */
  size_t n;
  psv_split_fn split;   /* PSV_LIST */
  int cut;        /* PSV_BYTES/LIST: the bytes were cut before (a file read
                  ** to its bound): the driver marks the value as cut */
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
static inline void psv_set_list(psv_value *v, const char *s, size_t n, psv_split_fn split) {
  v->type = PSV_LIST; v->s = s; v->n = n; v->split = split;
}
static inline void psv_set_blob(psv_value *v, const char *s, size_t n) {
  v->type = PSV_BLOB; v->s = s; v->n = n;
}

/* Every platform psvtab has a layer for, comma-separated: the platforms on
** which a column has values unless it says otherwise (a port adds its
** name here). A table has one schema on every platform, the union of the
** platforms' columns: where a platform has no such fact, NULL. */
#define PSV_PLATFORMS_ALL "linux,windows"

/* One column of a table. `sources` is a table-specific bit set: the
** producer reads the union of the sources of the columns a query uses.
** Every field is given in each declaration (clang's -Wextra warns about
** a positional initializer that leaves one out), so which columns are
** arguments is said by the table (psv_table.arguments). */
typedef struct psv_column {
  const char *name;
  const char *type;  /* SQL type in the declared schema */
  const char *unit;  /* "bytes", "seconds", ... or NULL. "JSON": the values
                     ** are JSON text, and carry SQLite's JSON subtype */
  const char *doc;   /* one line */
  uint64_t sources;
} psv_column;

/* A match column's constraints reach the producer (psv_scan.matches):
** `col = v` and `col IN (...)` for the columns of psv_table.match_eq,
** `col LIKE 'pattern'` for those of psv_table.match_like. A table that
** must not scan everything (file) answers from them alone. */

/* One constraint value of a match column: one `=` value, one item of an
** IN list, or one LIKE pattern. The value is converted as an argument's
** (psv_scan.args): a TEXT column's value is TEXT (numbers as their text),
** in the escaped form of text.h (psv_text_decode gives the OS bytes), or a
** BLOB; NULL values match nothing and are not handed over. */
typedef struct psv_match {
  int column;
  int like;         /* 1: a LIKE pattern, 0: an = value */
  psv_value value;
} psv_match;

/* The most argument columns a table may have. */
#define PSV_MAX_ARGS 4

/* What a scan reads the OS through (platform.h): opened by the driver
** for each cursor from the table's CREATE arguments. */
typedef struct psv_os psv_os;

/* What the driver tells a producer at the start of a scan. */
typedef struct psv_scan {
  uint64_t used;          /* bit i: column i is used (bit 63: 63 and up) */
  uint64_t sources;       /* union of the used columns' sources */
  const int *pids;        /* pushed-down pids, ascending, distinct; */
  int n_pids;             /* pids == NULL: no pid constraint */
  psv_os *os;             /* where the OS is read from, with its caches */
  /* The argument columns' values, in column order. An INTEGER or REAL
  ** argument holds a number when the SQL value was one or numeric text
  ** ('0.5'); otherwise the value as given (TEXT as PSV_TEXT, BLOB as
  ** PSV_BLOB, or NULL). Strings are the driver's until the scan ends. A
  ** TEXT argument that names an OS thing is in the escaped form (text.h):
  ** psv_text_decode gives its bytes. */
  psv_value args[PSV_MAX_ARGS];
  unsigned args_given;    /* bit i: args[i] was given (it may be NULL) */
  /* The most bytes one TEXT value may take (PSV_MAX_VALUE less its NUL, or
  ** the host's SQLITE_LIMIT_LENGTH when lower): the driver cuts PSV_BYTES
  ** values there, producers that build values (JSON) must stay within. */
  size_t max_value;
  char *err;              /* producer writes an error message here */
  size_t err_size;
  /* Sampling tables: the statement's first sample of this table, as the
  ** table's first() made it (see psv_table). */
  const void *first;
  /* 1 when the query was interrupted (sqlite3_interrupt, Ctrl-C): a
  ** producer that waits looks at it (psv_scan_wait in tables/common.h). */
  int (*interrupted)(void *ctx);
  void *interrupt_ctx;
  /* The constraints of the query on match columns, every one of them:
  ** SQLite still checks each row against them all, so a producer yields
  ** the union of the rows each names (`path = 'a' AND path = 'b'` may
  ** give both; SQLite keeps neither) and may give more, never fewer.
  ** Strings are the driver's until the scan ends. */
  const psv_match *matches;
  size_t n_matches;
} psv_scan;

static inline int psv_used(const psv_scan *scan, int column) {
  int bit = column < 63 ? column : 63;
  return (int)((scan->used >> bit) & 1);
}

static inline int psv_arg_given(const psv_scan *scan, int arg) {
  return (int)((scan->args_given >> arg) & 1);
}

/* Producer return codes. */
enum { PSV_EOF = 0, PSV_ROW = 1, PSV_ERROR = -1, PSV_NOMEM = -2, PSV_INTERRUPTED = -3 };

/* Table flags. */
#define PSV_TABLE_DIRECTONLY 0x01  /* shows what the kernel shows only to a
                                   ** process's owner (or takes a path): no
                                   ** stored views/triggers */
#define PSV_TABLE_SAMPLING   0x10  /* a scan compares two samples taken an
                                   ** interval apart: see first() */

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
  /* NULL, or for each column the platforms on which it has values, e.g.
  ** "linux" (NULL for a column: PSV_PLATFORMS_ALL). A table-side array
  ** with designated initializers, so that columns found everywhere say
  ** nothing. */
  const char *const *column_platforms;
  /* Bit i: column i is a match column whose `=`/`IN` values (match_eq)
  ** or LIKE patterns (match_like) the driver hands the producer. */
  uint64_t match_eq, match_like;
  /* NULL, or the platforms on which the table has rows (a platform that
  ** reads none of its facts fails its queries), e.g. "linux"; its columns
  ** say no more than that. */
  const char *platforms;
  unsigned flags;
  unsigned kinds;        /* PSV_KIND_* of platform.h: the facts it reads,
                         ** which say the CREATE arguments it takes */
  double full_scan_rows; /* planner's estimate for an unconstrained scan */
  /* The sources whose reading is costly enough that a full scan reads
  ** them ahead on threads (tables/common.h): a join then prefers to scan
  ** this table whole over looking its rows up one by one. */
  uint64_t costly_sources;
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
  /* PSV_TABLE_SAMPLING tables only. first() takes the first sample of all
  ** that a scan of the table may ask for (every CPU, disk, interface or
  ** process of scan->os; scan->pids and the arguments are not set)
  ** into *sample, to be freed with free_first. The driver takes it once per
  ** statement, for all the statement's sampling tables together, and hands
  ** it to each begin() in scan->first; begin() waits until the interval
  ** has passed since that sample (psv_scan_wait), then takes the second.
  ** So a statement waits its longest interval once (vtab.c, sampling.c). */
  int (*first)(psv_scan *scan, void **sample);
  void (*free_first)(void *sample);
} psv_table;

/* 1 when column `col` of `t` is an argument column. */
static inline int psv_is_argument(const psv_table *t, int col) {
  return col < 64 && ((t->arguments >> col) & 1);
}

/* Every table, in the order psvtab_columns lists them (registry.c). */
extern const psv_table *const psv_tables[];
extern const int psv_n_tables;

#endif /* PSV_VTAB_H */
