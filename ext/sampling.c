/*
** sampling.c — one wait per statement for the sampling tables
** (cpu_percent(s), process_cpu_percent(s), disk_io_rates(s),
** net_io_rates(s)).
**
**   SELECT p.name, c.cpu_percent
**   FROM processes p LEFT JOIN process_cpu_percent(1) c USING (pid);  -- waits 1 s
**
** A sampling scan compares two samples taken an interval apart. Run once per
** row of another table (a join's inner loop, a correlated subquery, a
** self-join, an interval read from another table) it would wait once per
** row. Instead the sampling cursors of one statement share a session:
**
**   - the first sample of each of the statement's sampling tables is taken
**     once, for all of them together, when the first of them is scanned
**     (the table's first(): everything a later scan may ask for);
**   - each scan waits until its interval has passed since that sample: the
**     first scan waits, later ones find the time mostly gone by;
**   - the rows of each distinct scan (table and its CREATE arguments, arguments, pids) are
**     kept until the statement ends, and given again when it asks again.
**
** So the sampling tables that a statement opens together (in its FROM
** clauses, joins, views) wait their longest interval, once, however SQLite
** runs them.
**
** Which cursors belong to one statement: SQLite opens the cursors of a
** statement's FROM clauses before it filters any; it opens a subquery's
** cursor when it first runs the subquery, and (3.40) opens it anew, before
** it closes the old one, each time a correlated subquery runs again. A
** virtual table is not told the statement, so:
**   - a cursor joins the connection's current session while no scan has
**     begun in it (its statement is still opening cursors), or when exactly
**     one statement of the connection is running (sqlite3_stmt_busy): every
**     open cursor is then that statement's;
**   - a cursor opened just before another of the same table and CREATE
**     arguments
**     closes, with nothing in between, replaces it and takes its session;
**   - otherwise (another statement of the connection is mid-way, as when a
**     host queries while it steps through another query's rows) it starts
**     a session of its own: it never sees another statement's samples.
** A session ends when its last cursor closes.
**
** A sampling table that SQLite opens only after the statement's first scan
** (the next arm of a UNION, a subquery it runs later) over a table and
** CREATE arguments
** that no cursor opened before had, takes its first sample then, and so
** waits its own interval after the others': once more per such table, never
** per row.
*/
#include "psvtab_int.h"
#include "platform.h"

#include <stdio.h>
#include <string.h>

SQLITE_EXTENSION_INIT3

/* The first sample of one table under one set of CREATE arguments. */
typedef struct first_sample {
  const psv_table *table;
  char *args[PSV_MAX_PLATFORM_ARGS];   /* copies of the arguments, or NULL */
  void *sample;            /* the table's first(); NULL until taken */
  struct first_sample *next;
} first_sample;

/* The rows of one scan, for the statement's later scans alike. */
typedef struct kept_scan {
  const first_sample *of;  /* the table and its CREATE arguments */
  psv_value args[PSV_MAX_ARGS];
  unsigned args_given;
  int *pids;               /* NULL: no pid constraint */
  int n_pids;
  psv_value *rows;         /* n_rows x the table's n_columns */
  size_t n_rows, cap_rows;
  struct kept_scan *next;
} kept_scan;

struct psv_session {
  int refs;                /* cursors in it */
  int started;             /* a scan began: the first samples are taken */
  first_sample *firsts;
  kept_scan *kept;
};

struct psv_conn {
  sqlite3 *db;
  psv_session *current;    /* the session new cursors may join */
  psv_member *last_opened; /* the latest cursor opened, until any other event */
};

psv_conn *psv_conn_new(sqlite3 *db) {
  psv_conn *c = sqlite3_malloc(sizeof *c);
  if (c) *c = (psv_conn){ .db = db };
  return c;
}

void psv_conn_free(psv_conn *c) { sqlite3_free(c); }

/* ---- Sessions --------------------------------------------------------- */

static void free_strings(psv_value *v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (v[i].type == PSV_TEXT || v[i].type == PSV_BYTES) sqlite3_free((void *)v[i].s);
  }
}

static void free_kept(kept_scan *k, int n_columns) {
  free_strings(k->args, PSV_MAX_ARGS);
  free_strings(k->rows, k->n_rows * (size_t)n_columns);
  sqlite3_free(k->rows);
  sqlite3_free(k->pids);
  sqlite3_free(k);
}

static void free_first(first_sample *f) {
  if (f->sample) f->table->free_first(f->sample);
  for (int i = 0; i < PSV_MAX_PLATFORM_ARGS; i++) sqlite3_free(f->args[i]);
  sqlite3_free(f);
}

static void free_session(psv_session *s) {
  while (s->kept) {
    kept_scan *k = s->kept;
    s->kept = k->next;
    free_kept(k, k->of->table->n_columns);
  }
  while (s->firsts) {
    first_sample *f = s->firsts;
    s->firsts = f->next;
    free_first(f);
  }
  sqlite3_free(s);
}

static void release(psv_conn *c, psv_session *s) {
  if (--s->refs > 0) return;
  if (c->current == s) c->current = NULL;
  free_session(s);
}

/* Whether two sets of CREATE arguments are the same (NULL: not given). */
static int same_args(char *const *a, char *const *b) {
  for (int i = 0; i < PSV_MAX_PLATFORM_ARGS; i++) {
    if ((a[i] == NULL) != (b[i] == NULL) || (a[i] && strcmp(a[i], b[i]) != 0)) return 0;
  }
  return 1;
}

static first_sample *find_first(psv_session *s, const psv_member *m) {
  for (first_sample *f = s->firsts; f; f = f->next) {
    if (f->table == m->table && same_args(m->args, f->args)) return f;
  }
  return NULL;
}

/* The session will take the first sample of m's table and arguments. */
static int want_first(psv_session *s, const psv_member *m) {
  if (find_first(s, m)) return SQLITE_OK;
  first_sample *f = sqlite3_malloc(sizeof *f);
  if (!f) return SQLITE_NOMEM;
  *f = (first_sample){ .table = m->table, .next = s->firsts };
  for (int i = 0; i < PSV_MAX_PLATFORM_ARGS; i++) {
    if (!m->args[i]) continue;
    f->args[i] = sqlite3_mprintf("%s", m->args[i]);
    if (!f->args[i]) {
      free_first(f);
      return SQLITE_NOMEM;
    }
  }
  s->firsts = f;
  return SQLITE_OK;
}

/* 1 when exactly one statement of the connection is running: the one
** that calls us. */
static int one_statement_running(sqlite3 *db) {
  int busy = 0;
  for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st && busy < 2; st = sqlite3_next_stmt(db, st)) {
    busy += sqlite3_stmt_busy(st) != 0;
  }
  return busy == 1;
}

int psv_session_join(psv_conn *c, psv_member *m) {
  psv_session *s = c->current;
  if (!s || (s->started && !one_statement_running(c->db))) {
    s = sqlite3_malloc(sizeof *s);
    if (!s) return SQLITE_NOMEM;
    *s = (psv_session){ 0 };
    c->current = s;
  }
  s->refs++;
  m->session = s;
  c->last_opened = m;
  if (s->started) return SQLITE_OK;
  int rc = want_first(s, m);
  if (rc != SQLITE_OK) psv_session_leave(c, m);
  return rc;
}

void psv_session_leave(psv_conn *c, psv_member *m) {
  psv_session *s = m->session;
  psv_member *n = c->last_opened;
  c->last_opened = NULL;
  if (!s) return;
  m->session = NULL;
  /* n was opened to replace m (a correlated subquery run again): it
  ** carries on with m's session */
  if (n && n != m && n->session != s && n->table == m->table && same_args(n->args, m->args)) {
    release(c, n->session);
    n->session = s;
    s->refs++;
    c->current = s;
  }
  release(c, s);
}

/* ---- Scans ------------------------------------------------------------ */

static int same_value(const psv_value *a, const psv_value *b) {
  int a_num = a->type == PSV_INT || a->type == PSV_REAL;
  int b_num = b->type == PSV_INT || b->type == PSV_REAL;
  if (a_num && b_num) {
    if (a->type == PSV_INT && b->type == PSV_INT) return a->i == b->i;
    return (a->type == PSV_INT ? (double)a->i : a->r) == (b->type == PSV_INT ? (double)b->i : b->r);
  }
  if (a->type != b->type) return 0;
  if (a->type == PSV_NULL) return 1;
  return a->n == b->n && (a->n == 0 || memcmp(a->s, b->s, a->n) == 0);
}

static int same_scan(const kept_scan *k, const first_sample *of, const psv_scan *scan) {
  if (k->of != of || k->args_given != scan->args_given) return 0;
  if ((k->pids == NULL) != (scan->pids == NULL) || k->n_pids != scan->n_pids) return 0;
  if (k->pids && memcmp(k->pids, scan->pids, sizeof *k->pids * (size_t)k->n_pids) != 0) return 0;
  for (int i = 0; i < PSV_MAX_ARGS; i++) {
    if (psv_arg_given(scan, i) && !same_value(&k->args[i], &scan->args[i])) return 0;
  }
  return 1;
}

/* *to = *from, with a copy of its string. */
static int copy_value(psv_value *to, const psv_value *from) {
  *to = *from;
  if (from->type != PSV_TEXT && from->type != PSV_BYTES) return SQLITE_OK;
  char *s = sqlite3_malloc64(from->n + 1);
  if (!s) {
    to->type = PSV_NULL;
    return SQLITE_NOMEM;
  }
  if (from->n) memcpy(s, from->s, from->n);
  s[from->n] = '\0';
  to->s = s;
  return SQLITE_OK;
}

/* A kept_scan for `scan`'s arguments and pids, no rows yet. */
static kept_scan *new_kept(const first_sample *of, const psv_scan *scan) {
  kept_scan *k = sqlite3_malloc(sizeof *k);
  if (!k) return NULL;
  *k = (kept_scan){ .of = of, .args_given = scan->args_given, .n_pids = scan->n_pids };
  int rc = SQLITE_OK;
  for (int i = 0; i < PSV_MAX_ARGS && rc == SQLITE_OK; i++) {
    if (psv_arg_given(scan, i)) rc = copy_value(&k->args[i], &scan->args[i]);
  }
  if (rc == SQLITE_OK && scan->pids) {
    k->pids = sqlite3_malloc64(sizeof *k->pids * (sqlite3_uint64)(scan->n_pids ? scan->n_pids : 1));
    if (k->pids) memcpy(k->pids, scan->pids, sizeof *k->pids * (size_t)scan->n_pids);
    else rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) {
    free_kept(k, 0);
    return NULL;
  }
  return k;
}

static int keep_row(kept_scan *k, const psv_value *row, int n_columns) {
  if (k->n_rows == k->cap_rows) {
    size_t cap = k->cap_rows ? k->cap_rows * 2 : 16;
    psv_value *grown = sqlite3_realloc64(k->rows, sizeof *grown * cap * (size_t)n_columns);
    if (!grown) return SQLITE_NOMEM;
    k->rows = grown;
    k->cap_rows = cap;
  }
  psv_value *to = &k->rows[k->n_rows * (size_t)n_columns];
  memset(to, 0, sizeof *to * (size_t)n_columns);
  k->n_rows++;   /* counted now, so that its strings are freed if one fails */
  for (int i = 0; i < n_columns; i++) {
    if (copy_value(&to[i], &row[i]) != SQLITE_OK) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Runs the table's producer over every column, keeping what it yields. */
static int produce(const psv_table *t, psv_scan *scan, void *state, psv_value *row, kept_scan *k) {
  psv_scan all = *scan;
  all.used = ~(uint64_t)0;
  all.sources = 0;
  for (int i = 0; i < t->n_columns; i++) all.sources |= t->columns[i].sources;
  int rc = t->begin(state, &all);
  while (rc >= 0) {
    memset(row, 0, sizeof *row * (size_t)t->n_columns);
    rc = t->next(state, &all, row);
    if (rc != PSV_ROW) break;
    if (keep_row(k, row, t->n_columns) != SQLITE_OK) rc = PSV_NOMEM;
  }
  t->end(state);
  return rc < 0 ? rc : PSV_ROW;
}

/* The first samples the session lacks. At its first scan, those of every
** cursor opened so far, all at once: the statement's sampling tables then
** measure from the same moment. Later, a table opened late alone. An error
** names the table it came from when that is not m's. */
static int take_firsts(psv_session *s, const psv_member *m, psv_scan *scan) {
  s->started = 1;
  for (first_sample *f = s->firsts; f; f = f->next) {
    if (f->sample) continue;
    psv_scan first = { .err = scan->err, .err_size = scan->err_size,
                       .interrupted = scan->interrupted, .interrupt_ctx = scan->interrupt_ctx };
    if (psv_os_open((const char *const *)f->args, &first.os)) return PSV_NOMEM;
    int rc = f->table->first(&first, &f->sample);
    psv_os_close(first.os);
    if (rc < 0 && f->table != m->table) {
      size_t n = strlen(scan->err);
      snprintf(scan->err + n, scan->err_size - n, " (the first sample of %s)", f->table->name);
    }
    if (rc < 0) return rc;
  }
  return PSV_ROW;
}

/* The rows this scan asks for, kept earlier in the session. */
static kept_scan *find_kept(psv_session *s, const first_sample *f, const psv_scan *scan) {
  for (kept_scan *k = f ? s->kept : NULL; k; k = k->next) {
    if (same_scan(k, f, scan)) return k;
  }
  return NULL;
}

int psv_session_scan(psv_conn *c, psv_member *m, psv_scan *scan, void *state, psv_value *row,
                     const psv_value **rows, size_t *n_rows) {
  psv_session *s = m->session;
  c->last_opened = NULL;
  first_sample *f = find_first(s, m);
  kept_scan *k = find_kept(s, f, scan);
  if (!k) {
    /* a table none of the cursors opened before the first scan had */
    if (!f && want_first(s, m) != SQLITE_OK) return PSV_NOMEM;
    f = find_first(s, m);
    int rc = f->sample ? PSV_ROW : take_firsts(s, m, scan);
    k = rc == PSV_ROW ? new_kept(f, scan) : NULL;
    if (rc == PSV_ROW && !k) rc = PSV_NOMEM;
    if (rc == PSV_ROW) {
      scan->first = f->sample;
      rc = produce(m->table, scan, state, row, k);
    }
    if (rc != PSV_ROW) {
      if (k) free_kept(k, m->table->n_columns);
      return rc;
    }
    k->next = s->kept;
    s->kept = k;
  }
  *rows = k->rows;
  *n_rows = k->n_rows;
  return PSV_ROW;
}
