/*
** vtab.c — the generic virtual-table driver shared by every psvtab table.
**
** Each table (a file in ext/tables/) is a psv_table: columns plus a row producer.
** This file turns one into an SQLite module:
**
**   SELECT pid, name FROM processes;             -- eponymous: the running system
**   SELECT * FROM processes WHERE pid IN (1, 2); -- pid pushdown
**   CREATE VIRTUAL TABLE temp.p USING processes(NAME='DIR');
**   SELECT * FROM disk_usage('/var');            -- a table-valued function
**
** The CREATE arguments (NAME= above) are the platform's: platform.h's
** psv_platform_args() declares them, with the kinds of facts each says
** where to read; a table takes those of the kinds it reads.
**
** xBestIndex passes the used-column mask to xFilter in idxStr, so that a
** row reads only the sources its used columns need, pushes `pid = ?` and
** `pid IN (...)` down, and hands the values of argument columns (HIDDEN
** columns, which `t(value)` binds) to the producer in psv_scan.args.
** Tables are read-only: with no xUpdate, SQLite itself refuses writes
** ("table processes may not be modified"). The sampling tables' scans go
** through their statement's session (sampling.c), which waits once per
** statement and keeps their rows; a wait ends when the query is
** interrupted.
*/
#include "vtab.h"
#include "psvtab_int.h"
#include "platform.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SQLITE_EXTENSION_INIT3

/* idxNum: the pid mode in the low bits... */
#define PSV_IDX_SCAN   0  /* full scan */
#define PSV_IDX_PID_EQ 1  /* argv[0] is one pid value */
#define PSV_IDX_PID_IN 2  /* argv[0] is an IN list, all at once */
#define PSV_IDX_PID_MASK 3
/* ... and from this bit up, which arguments were given: bit i set, the
** next argv value (after the pid's) is argument i. */
#define PSV_IDX_ARGS_SHIFT 4

/* What each table's module gets as its client data: the table and the
** connection's state, which the modules of a connection share (and free
** with the last of them). */
typedef struct psv_registration psv_registration;
typedef struct psv_module_aux {
  const psv_table *table;
  psv_registration *reg;
} psv_module_aux;

struct psv_registration {
  int refs;
  psv_conn *conn;
  psv_module_aux aux[];   /* one per table */
};

typedef struct psv_vtab {
  sqlite3_vtab base;
  sqlite3 *db;
  psv_conn *conn;
  const psv_table *table;
  /* owned: the value given for each of the platform's arguments, or NULL
  ** (the platform's default: the running system) */
  char *args[PSV_MAX_PLATFORM_ARGS];
} psv_vtab;

typedef struct psv_cursor {
  sqlite3_vtab_cursor base;
  psv_scan scan;
  psv_value *row;
  psv_os *os;          /* the scans' handle, opened at the first */
  int *pids;
  int n_pids, cap_pids;
  char *arg_strings[PSV_MAX_ARGS];  /* copies of TEXT/BLOB arguments */
  psv_match *matches;               /* their TEXT/BLOB values are copies */
  size_t n_matches, cap_matches;
  int eof;
  int begun;
  sqlite3_int64 rowid;
  char err[256];
  void *state;
  /* sampling tables: the session's rows of the current scan */
  psv_member member;
  const psv_value *replay;
  size_t replay_n, replay_pos;
} psv_cursor;

/* ---- Schema -------------------------------------------------------- */

static char *table_schema(const psv_table *t) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  sqlite3_str_appendall(s, "CREATE TABLE x(");
  for (int i = 0; i < t->n_columns; i++) {
    sqlite3_str_appendf(s, "%s\"%w\" %s%s", i ? ", " : "",
                        t->columns[i].name, t->columns[i].type,
                        psv_is_argument(t, i) ? " HIDDEN" : "");
  }
  sqlite3_str_appendall(s, ")");
  return sqlite3_str_finish(s);
}

/* ---- CREATE arguments ---------------------------------------------- */

/* Strip surrounding quotes ('..', "..") and undouble inner ones. */
static char *dequote(const char *v, size_t n) {
  char q = n >= 2 && (v[0] == '\'' || v[0] == '"') && v[n - 1] == v[0] ? v[0] : 0;
  if (q) { v++; n -= 2; }
  char *out = sqlite3_malloc64(n + 1);
  if (!out) return NULL;
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    out[j++] = v[i];
    if (q && v[i] == q && i + 1 < n && v[i + 1] == q) i++;
  }
  out[j] = '\0';
  return out;
}

static const char *trim(const char *s, size_t *n) {
  while (*n && (*s == ' ' || *s == '\t' || *s == '\n')) { s++; (*n)--; }
  while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\n')) (*n)--;
  return s;
}

/* The platform's arguments that table t takes: those of the kinds of
** facts it reads. */
static int takes_arg(const psv_table *t, const psv_platform_arg *spec) {
  return (t->kinds & spec->kinds) != 0;
}

static const char *arg_form(const psv_platform_arg *spec) {
  return spec->is_file ? "FILE" : "DIR";
}

/* "procfs='DIR' and sysfs='DIR'", or "no arguments". */
static void expected_args(const psv_table *t, char *out, size_t size) {
  int n_specs;
  const psv_platform_arg *specs = psv_platform_args(&n_specs);
  size_t n = 0;
  out[0] = '\0';
  for (int i = 0; i < n_specs && n < size; i++) {
    if (!takes_arg(t, &specs[i])) continue;
    int w = snprintf(out + n, size - n, "%s%s='%s'", n ? " and " : "", specs[i].name,
                     arg_form(&specs[i]));
    if (w > 0) n += (size_t)w;
  }
  if (!n) snprintf(out, size, "no arguments");
}

/* A directory that exists but holds nothing of what it should (a procfs
** root that is '/usr') would give empty tables without a word: an error
** that says what such a one holds. */
static int check_contents(const psv_table *t, const psv_platform_arg *spec,
                          const char *value, char **msg) {
  const char *wanted;
  if (!spec->check) return SQLITE_OK;
  int err = spec->check(value, &wanted);
  if (!err) return SQLITE_OK;
  char text[128];
  const char *form = spec->is_file ? "file" : "directory";
  if (err == EINVAL) {
    *msg = sqlite3_mprintf("%s: %s %s '%s' holds nothing a %s has: expected %s",
                           t->name, spec->name, form, value, spec->name, wanted);
  } else {
    *msg = sqlite3_mprintf("%s: cannot read %s %s '%s': %s", t->name, spec->name, form,
                           value, psv_strerror(err, text, sizeof text));
  }
  return SQLITE_ERROR;
}

/* An argument this table does not take. A platform with no arguments at
** all says so: they are another platform's. */
static int unknown_arg(const psv_table *t, const char *key, size_t klen, char **msg) {
  int n_specs;
  char expected[128];
  psv_platform_args(&n_specs);
  expected_args(t, expected, sizeof expected);
  if (n_specs == 0) {
    *msg = sqlite3_mprintf("%s: unknown argument '%.*s': the %s platform takes no arguments",
                           t->name, (int)klen, key, psv_platform_name());
  } else {
    *msg = sqlite3_mprintf("%s: unknown argument '%.*s': this table takes %s",
                           t->name, (int)klen, key, expected);
  }
  return SQLITE_ERROR;
}

/* Parse one "key=value" argument into vt. SQLITE_OK, or an error code
** with *msg set (NULL if even the message could not be allocated). */
static int apply_arg(psv_vtab *vt, const char *arg, char **msg) {
  const psv_table *t = vt->table;
  int n_specs;
  const psv_platform_arg *specs = psv_platform_args(&n_specs);
  const char *eq = strchr(arg, '=');
  if (!eq) {
    char expected[128];
    expected_args(t, expected, sizeof expected);
    *msg = sqlite3_mprintf("%s: malformed argument '%s': expected %s", t->name, arg, expected);
    return SQLITE_ERROR;
  }
  size_t klen = (size_t)(eq - arg), vlen = strlen(eq + 1);
  const char *key = trim(arg, &klen), *val = trim(eq + 1, &vlen);
  int which = -1;
  for (int i = 0; i < n_specs && which < 0; i++) {
    if (takes_arg(t, &specs[i]) && strlen(specs[i].name) == klen &&
        memcmp(key, specs[i].name, klen) == 0) which = i;
  }
  if (which < 0) return unknown_arg(t, key, klen, msg);
  const psv_platform_arg *spec = &specs[which];
  char **slot = &vt->args[which];
  if (*slot) {
    *msg = sqlite3_mprintf("%s: argument '%.*s' given twice", t->name, (int)klen, key);
    return SQLITE_ERROR;
  }
  if (!(*slot = dequote(val, vlen))) return SQLITE_NOMEM;
  if (!**slot) {
    *msg = sqlite3_mprintf("%s: argument '%s' is empty: expected %s='%s'",
                           t->name, spec->name, spec->name, arg_form(spec));
    return SQLITE_ERROR;
  }
  int err = psv_check_path(*slot, spec->is_file);
  if (err) {
    char text[128];
    *msg = sqlite3_mprintf("%s: %s %s '%s' %s", t->name, spec->name,
                           spec->is_file ? "file" : "directory", *slot,
                           err == ENOENT ? "does not exist" :
                           err == ENOTDIR ? "is not a directory" :
                           err == EISDIR ? "is a directory" :
                           err == PSV_ENOTREG ? "is not a regular file" :
                           psv_strerror(err, text, sizeof text));
    return SQLITE_ERROR;
  }
  return check_contents(t, spec, *slot, msg);
}

static void vtab_free(psv_vtab *vt) {
  if (!vt) return;
  for (int i = 0; i < PSV_MAX_PLATFORM_ARGS; i++) sqlite3_free(vt->args[i]);
  sqlite3_free(vt);
}

static int count_arguments(const psv_table *t) {
  int n = 0;
  for (int i = 0; i < t->n_columns; i++) n += psv_is_argument(t, i);
  return n;
}

/* Every CREATE argument names a file or directory to read. A table stored
** in a database file is that file's choice, not the caller's: it would make
** psvtab read what the opener may read (a FIFO, another tree), for the
** file's own views and triggers. Only the TEMP schema, which no database
** file holds, takes them. This runs in xConnect too, which is what a
** stored table gets when its file is opened again: its first use fails.
** (xCreate cannot differ from xConnect, or the eponymous tables would be
** gone; so DROP TABLE, which connects first, fails on it as well.) */
static int check_schema(const psv_table *t, int argc, const char *const *argv, char **msg) {
  if (argc <= 3 || sqlite3_stricmp(argv[1], "temp") == 0) return SQLITE_OK;
  *msg = sqlite3_mprintf("%s: %s in schema '%s': arguments that name files or directories "
                         "are taken only by TEMP tables (CREATE VIRTUAL TABLE temp.NAME USING %s(...)), "
                         "never from a database file's schema", t->name, argv[3], argv[1], t->name);
  return *msg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* ---- Connect / disconnect ------------------------------------------ */

static int psv_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                       sqlite3_vtab **out, char **err_msg) {
  const psv_table *t = ((const psv_module_aux *)aux)->table;
  psv_vtab *vt = sqlite3_malloc(sizeof *vt);
  if (!vt) return SQLITE_NOMEM;
  memset(vt, 0, sizeof *vt);
  vt->db = db;
  vt->conn = ((const psv_module_aux *)aux)->reg->conn;
  vt->table = t;
  char *msg = NULL;
  int rc = check_schema(t, argc, argv, &msg);
  for (int i = 3; i < argc && rc == SQLITE_OK; i++) rc = apply_arg(vt, argv[i], &msg);
  if (rc == SQLITE_OK && count_arguments(t) > PSV_MAX_ARGS) {
    msg = sqlite3_mprintf("%s: more than %d argument columns", t->name, PSV_MAX_ARGS);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK && (t->flags & PSV_TABLE_DIRECTONLY) &&
      sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY) != SQLITE_OK) {
    msg = sqlite3_mprintf("%s: this SQLite cannot mark the table direct-only", t->name);
    rc = SQLITE_ERROR;
  }
  if (rc == SQLITE_OK) {
    char *schema = table_schema(t);
    rc = schema ? sqlite3_declare_vtab(db, schema) : SQLITE_NOMEM;
    sqlite3_free(schema);
  }
  if (rc != SQLITE_OK) {
    *err_msg = msg;
    vtab_free(vt);
    return rc;
  }
  *out = &vt->base;
  return SQLITE_OK;
}

static int psv_disconnect(sqlite3_vtab *base) {
  vtab_free((psv_vtab *)base);
  return SQLITE_OK;
}

/* ---- Planning ------------------------------------------------------ */

/* True when this SQLite can hand xFilter a whole IN list (3.38+, both in
** the headers we were built with and in the library we run in). */
static int can_use_vtab_in(sqlite3_index_info *info, int i) {
#if SQLITE_VERSION_NUMBER >= 3038000
  return sqlite3_libversion_number() >= 3038000 && sqlite3_vtab_in(info, i, -1);
#else
  (void)info; (void)i;
  return 0;
#endif
}

/* Give each argument column's `= value` constraint the next argv slot.
** Returns the bit set of the arguments given, or -1 when an argument's only
** constraints are unusable here (its value comes from a table to the left
** of it in a join): SQLite then plans the order in which it is usable. */
static int plan_arguments(const psv_table *t, sqlite3_index_info *info, int *next_argv) {
  int given = 0, arg = 0;
  for (int col = 0; col < t->n_columns; col++) {
    if (!psv_is_argument(t, col)) continue;
    int usable = -1, unusable = 0;
    for (int i = 0; i < info->nConstraint; i++) {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];
      if (c->iColumn != col || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
      if (c->usable && usable < 0) usable = i;
      if (!c->usable) unusable = 1;
    }
    if (usable >= 0) {
      info->aConstraintUsage[usable].argvIndex = ++*next_argv;
      /* The column returns the value it was given, so SQLite need not
      ** check it again. */
      info->aConstraintUsage[usable].omit = 1;
      given |= 1 << arg;
    } else if (unusable) {
      return -1;
    }
    arg++;
  }
  return given;
}

/* The match constraints' operators, as idxStr names them for xFilter. */
#define MATCH_OP_EQ   'e'   /* argv holds one value */
#define MATCH_OP_IN   'i'   /* argv holds an IN list, all at once */
#define MATCH_OP_LIKE 'l'   /* argv holds a LIKE pattern */

static char match_op(const psv_table *t, int column, sqlite3_index_info *info, int i) {
  unsigned char op = info->aConstraint[i].op;
  uint64_t bit = column < 64 ? (uint64_t)1 << column : 0;
  if (op == SQLITE_INDEX_CONSTRAINT_EQ && (t->match_eq & bit)) {
    return can_use_vtab_in(info, i) ? MATCH_OP_IN : MATCH_OP_EQ;
  }
  if (op == SQLITE_INDEX_CONSTRAINT_LIKE && (t->match_like & bit)) return MATCH_OP_LIKE;
  return 0;
}

/* Give every usable constraint on a match column the next argv slot, and
** describe it in idx (",<column><op>" each, in argv order). SQLite checks
** the rows again (omit stays 0): the producer's rows may be a superset.
** Returns how many were given. */
static int plan_matches(const psv_table *t, sqlite3_index_info *info, int *next_argv,
                        sqlite3_str *idx) {
  int given = 0;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (!c->usable || c->iColumn < 0 || c->iColumn >= t->n_columns) continue;
    char op = match_op(t, c->iColumn, info, i);
    if (!op) continue;
#if SQLITE_VERSION_NUMBER >= 3038000
    if (op == MATCH_OP_IN) sqlite3_vtab_in(info, i, 1);
#endif
    info->aConstraintUsage[i].argvIndex = ++*next_argv;
    info->aConstraintUsage[i].omit = 0;
    sqlite3_str_appendf(idx, ",%d%c", c->iColumn, op);
    given++;
  }
  return given;
}

static int has_match_columns(const psv_table *t) {
  return (t->match_eq | t->match_like) != 0;
}

static uint64_t used_sources(const psv_table *t, uint64_t used);

static int psv_best_index(sqlite3_vtab *base, sqlite3_index_info *info) {
  const psv_table *t = ((psv_vtab *)base)->table;
  int pid_constraint = -1, next_argv = 0;
  for (int i = 0; i < info->nConstraint && t->pid_column >= 0; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (c->usable && c->iColumn == t->pid_column && c->op == SQLITE_INDEX_CONSTRAINT_EQ) {
      pid_constraint = i;
      break;
    }
  }
  info->idxNum = PSV_IDX_SCAN;
  info->estimatedRows = (sqlite3_int64)t->full_scan_rows;
  info->estimatedCost = t->full_scan_rows * 10.0;
  if (pid_constraint >= 0) {
    info->aConstraintUsage[pid_constraint].argvIndex = ++next_argv;
    /* SQLite still checks the value: the pid set handed to xFilter may be
    ** a superset (e.g. '12' matches 12 under integer affinity). */
    info->aConstraintUsage[pid_constraint].omit = 0;
    if (can_use_vtab_in(info, pid_constraint)) {
#if SQLITE_VERSION_NUMBER >= 3038000
      sqlite3_vtab_in(info, pid_constraint, 1);
#endif
      info->idxNum = PSV_IDX_PID_IN;
      info->estimatedRows = 10;
      info->estimatedCost = 100.0;
    } else {
      info->idxNum = PSV_IDX_PID_EQ;
      info->estimatedRows = 1;
      info->estimatedCost = 10.0;
      info->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
    }
  }
  /* A lookup reads on the query's thread alone, a full scan of costly
  ** sources on every thread allowed (tables/common.c): so that a join
  ** scans the costly table whole (and joins the cheap one by pid), a
  ** lookup of costly sources costs as much as that many threads' reads. */
  int threads = psv_max_threads();
  if (pid_constraint >= 0 && threads > 1 && (used_sources(t, info->colUsed) & t->costly_sources)) {
    info->estimatedCost *= threads;
  }
  int args = plan_arguments(t, info, &next_argv);
  if (args < 0) return SQLITE_CONSTRAINT;
  if (args) {
    /* A plan that has the arguments is the one to pick. */
    info->idxNum |= args << PSV_IDX_ARGS_SHIFT;
    info->estimatedCost /= 2.0;
  }
  /* A cost for each scan that dwarfs the rows': a join scans the table
  ** once, in the outer loop, rather than once per row of another table
  ** (which would not wait again, see sampling.c, but read again). */
  if (t->flags & PSV_TABLE_SAMPLING) info->estimatedCost += 1e9;
  sqlite3_str *idx = sqlite3_str_new(NULL);
  sqlite3_str_appendf(idx, "%llx", (unsigned long long)info->colUsed);
  if (has_match_columns(t)) {
    /* A table with match columns reads what they name: a plan with them
    ** reads little, one without them (an error, for file) is the last
    ** resort, so that a join gives them their values first. */
    int matches = plan_matches(t, info, &next_argv, idx);
    if (matches) {
      info->estimatedRows = 10 * matches;
      info->estimatedCost = 100.0 * matches;
    } else if (info->idxNum == PSV_IDX_SCAN) {
      info->estimatedCost += 1e12;
    }
  }
  info->idxStr = sqlite3_str_finish(idx);
  if (!info->idxStr) return SQLITE_NOMEM;
  info->needToFreeIdxStr = 1;
  return SQLITE_OK;
}

/* ---- Cursors ------------------------------------------------------- */

/* 1 when the running query was interrupted (sqlite3_interrupt, which the
** sqlite3 shell's Ctrl-C calls): SQLite 3.41 and later say so. Older ones
** have no call for it, but while the flag is set every prepare on the
** connection fails with SQLITE_INTERRUPT (the tokenizer looks at it at each
** blank), and a blank prepares to no statement: nothing runs, nothing is
** traced, the authorizer is not asked. (A progress handler would not do:
** it is the host's to set, and SQLite calls it only while it executes.) */
static int query_interrupted(void *ctx) {
  sqlite3 *db = ctx;
#if SQLITE_VERSION_NUMBER >= 3041000
  if (sqlite3_libversion_number() >= 3041000) return sqlite3_is_interrupted(db);
#endif
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, " ", -1, &stmt, NULL);
  sqlite3_finalize(stmt);
  return rc == SQLITE_INTERRUPT;
}

static int is_sampling(const psv_table *t) { return (t->flags & PSV_TABLE_SAMPLING) != 0; }

static int psv_open(sqlite3_vtab *base, sqlite3_vtab_cursor **out) {
  psv_vtab *vt = (psv_vtab *)base;
  const psv_table *t = vt->table;
  psv_cursor *cur = sqlite3_malloc64(sizeof *cur + t->state_size);
  if (!cur) return SQLITE_NOMEM;
  memset(cur, 0, sizeof *cur + t->state_size);
  cur->row = sqlite3_malloc64(sizeof *cur->row * (sqlite3_uint64)t->n_columns);
  cur->member = (psv_member){ .table = t, .args = vt->args };
  if (!cur->row || (is_sampling(t) && psv_session_join(vt->conn, &cur->member) != SQLITE_OK)) {
    sqlite3_free(cur->row);
    sqlite3_free(cur);
    return SQLITE_NOMEM;
  }
  cur->state = cur + 1;
  cur->scan.err = cur->err;
  cur->scan.err_size = sizeof cur->err;
  cur->scan.interrupted = query_interrupted;
  cur->scan.interrupt_ctx = vt->db;
  *out = &cur->base;
  return SQLITE_OK;
}

static const psv_table *cursor_table(psv_cursor *cur) {
  return ((psv_vtab *)cur->base.pVtab)->table;
}

static void free_args(psv_cursor *cur) {
  for (int i = 0; i < PSV_MAX_ARGS; i++) {
    sqlite3_free(cur->arg_strings[i]);
    cur->arg_strings[i] = NULL;
    memset(&cur->scan.args[i], 0, sizeof cur->scan.args[i]);
  }
  cur->scan.args_given = 0;
}

static void free_matches(psv_cursor *cur) {
  for (size_t i = 0; i < cur->n_matches; i++) {
    psv_vtype type = cur->matches[i].value.type;
    if (type == PSV_TEXT || type == PSV_BLOB) sqlite3_free((char *)cur->matches[i].value.s);
  }
  cur->n_matches = 0;
  cur->scan.matches = NULL;
  cur->scan.n_matches = 0;
}

static int psv_close(sqlite3_vtab_cursor *base) {
  psv_cursor *cur = (psv_cursor *)base;
  const psv_table *t = cursor_table(cur);
  if (is_sampling(t)) psv_session_leave(((psv_vtab *)base->pVtab)->conn, &cur->member);
  if (cur->begun) t->end(cur->state);
  if (t->destroy) t->destroy(cur->state);
  free_args(cur);
  psv_os_close(cur->os);
  free_matches(cur);
  sqlite3_free(cur->matches);
  sqlite3_free(cur->pids);
  sqlite3_free(cur->row);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int producer_error(psv_cursor *cur, int rc) {
  if (rc == PSV_NOMEM) return SQLITE_NOMEM;
  if (rc == PSV_INTERRUPTED) return SQLITE_INTERRUPT;   /* SQLite says "interrupted" */
  sqlite3_free(cur->base.pVtab->zErrMsg);
  cur->base.pVtab->zErrMsg = sqlite3_mprintf("%s: %s", cursor_table(cur)->name,
                                             cur->err[0] ? cur->err : "unknown error");
  return SQLITE_ERROR;
}

/* An argument column the producer left NULL shows the value it was given:
** `SELECT interval FROM cpu_percent(1)` is 1, as SQLite's own
** table-valued functions do. */
static void fill_arguments(psv_cursor *cur, const psv_table *t) {
  for (int col = 0, arg = 0; col < t->n_columns; col++) {
    if (!psv_is_argument(t, col)) continue;
    if (psv_arg_given(&cur->scan, arg) && cur->row[col].type == PSV_NULL) {
      cur->row[col] = cur->scan.args[arg];
    }
    arg++;
  }
}

/* A sampling table's next row: the session's, copied. */
static int replay_next(psv_cursor *cur, const psv_table *t) {
  cur->eof = cur->replay_pos >= cur->replay_n;
  if (!cur->eof) {
    size_t n = (size_t)t->n_columns;
    memcpy(cur->row, cur->replay + cur->replay_pos++ * n, sizeof *cur->row * n);
    fill_arguments(cur, t);
  }
  cur->rowid++;
  return SQLITE_OK;
}

static int psv_next(sqlite3_vtab_cursor *base) {
  psv_cursor *cur = (psv_cursor *)base;
  const psv_table *t = cursor_table(cur);
  if (is_sampling(t)) return replay_next(cur, t);
  memset(cur->row, 0, sizeof *cur->row * (size_t)t->n_columns);
  cur->err[0] = '\0';
  int rc = t->next(cur->state, &cur->scan, cur->row);
  if (rc < 0) return producer_error(cur, rc);
  cur->eof = rc == PSV_EOF;
  if (!cur->eof) fill_arguments(cur, t);
  cur->rowid++;
  return SQLITE_OK;
}

/* A pid as the user wrote it: integer, integral real, or numeric text.
** Anything else (NULL, 'abc', -1, 2^62) names no process. */
static int value_to_pid(sqlite3_value *v, int *pid) {
  int type = sqlite3_value_numeric_type(v);
  sqlite3_int64 i;
  if (type == SQLITE_INTEGER) {
    i = sqlite3_value_int64(v);
  } else if (type == SQLITE_FLOAT) {
    double d = sqlite3_value_double(v);
    if (!(d >= 1 && d <= 2147483647.0) || d != (double)(sqlite3_int64)d) return 0;
    i = (sqlite3_int64)d;
  } else {
    return 0;
  }
  if (i < 1 || i > 2147483647) return 0;
  *pid = (int)i;
  return 1;
}

static int add_pid(psv_cursor *cur, sqlite3_value *v) {
  int pid;
  if (!value_to_pid(v, &pid)) return SQLITE_OK;
  if (cur->n_pids == cur->cap_pids) {
    int cap = cur->cap_pids ? cur->cap_pids * 2 : 8;
    int *p = sqlite3_realloc64(cur->pids, sizeof *p * (sqlite3_uint64)cap);
    if (!p) return SQLITE_NOMEM;
    cur->pids = p;
    cur->cap_pids = cap;
  }
  cur->pids[cur->n_pids++] = pid;
  return SQLITE_OK;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Collect the pushed-down pids: sorted, distinct. */
static int collect_pids(psv_cursor *cur, int idx_num, sqlite3_value *arg) {
  int rc = SQLITE_OK;
  cur->n_pids = 0;
  if (idx_num == PSV_IDX_PID_EQ) {
    rc = add_pid(cur, arg);
  } else {
#if SQLITE_VERSION_NUMBER >= 3038000
    sqlite3_value *v;
    for (rc = sqlite3_vtab_in_first(arg, &v); rc == SQLITE_OK && v;
         rc = sqlite3_vtab_in_next(arg, &v)) {
      rc = add_pid(cur, v);
      if (rc != SQLITE_OK) return rc;
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
#endif
  }
  if (rc != SQLITE_OK || cur->n_pids == 0) return rc;
  qsort(cur->pids, (size_t)cur->n_pids, sizeof *cur->pids, cmp_int);
  int n = 0;
  for (int i = 0; i < cur->n_pids; i++) {
    if (n == 0 || cur->pids[n - 1] != cur->pids[i]) cur->pids[n++] = cur->pids[i];
  }
  cur->n_pids = n;
  return SQLITE_OK;
}

/* SQLite's affinity rule: a declared type with INT in it is an integer
** (INTEGER, BIGINT), with REAL, FLOA or DOUB a real. */
static int is_numeric_type(const char *type) {
  static const char *const parts[] = { "INT", "REAL", "FLOA", "DOUB" };
  for (const char *p = type; *p; p++) {
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
      if (sqlite3_strnicmp(p, parts[i], (int)strlen(parts[i])) == 0) return 1;
    }
  }
  return 0;
}

/* *out from an SQL value of an SQLite storage class `type`: numbers as
** they are, strings copied into *copy (they must outlive xFilter). */
static int copy_value(sqlite3_value *v, int type, psv_value *out, char **copy) {
  switch (type) {
    case SQLITE_INTEGER: psv_set_int(out, sqlite3_value_int64(v)); return SQLITE_OK;
    case SQLITE_FLOAT: psv_set_real(out, sqlite3_value_double(v)); return SQLITE_OK;
    case SQLITE_NULL: return SQLITE_OK;
    default: break;
  }
  const void *p = type == SQLITE_BLOB ? sqlite3_value_blob(v) : sqlite3_value_text(v);
  int n = sqlite3_value_bytes(v);
  if (!p && n == 0) p = "";
  if (!p) return SQLITE_NOMEM;
  if (!(*copy = sqlite3_malloc64((sqlite3_uint64)n + 1))) return SQLITE_NOMEM;
  memcpy(*copy, p, (size_t)n);
  (*copy)[n] = '\0';
  if (type == SQLITE_BLOB) psv_set_blob(out, *copy, (size_t)n);
  else psv_set_text(out, *copy, (size_t)n);
  return SQLITE_OK;
}

/* Argument `arg` (of column `col`) from its SQL value. */
static int set_argument(psv_cursor *cur, int arg, const psv_column *col, sqlite3_value *v) {
  int type = is_numeric_type(col->type) ? sqlite3_value_numeric_type(v) : sqlite3_value_type(v);
  cur->scan.args_given |= 1u << arg;
  return copy_value(v, type, &cur->scan.args[arg], &cur->arg_strings[arg]);
}

/* One value of a match constraint on `column`; NULL matches nothing. A
** TEXT column's number is its text, as SQLite compares them. */
static int add_match(psv_cursor *cur, const psv_table *t, int column, int like, sqlite3_value *v) {
  const psv_column *col = &t->columns[column];
  int type = sqlite3_value_type(v);
  if (type == SQLITE_NULL) return SQLITE_OK;
  if (is_numeric_type(col->type)) type = sqlite3_value_numeric_type(v);
  else if (type != SQLITE_BLOB) type = SQLITE_TEXT;
  if (cur->n_matches == cur->cap_matches) {
    size_t cap = cur->cap_matches ? cur->cap_matches * 2 : 8;
    psv_match *m = sqlite3_realloc64(cur->matches, sizeof *m * (sqlite3_uint64)cap);
    if (!m) return SQLITE_NOMEM;
    cur->matches = m;
    cur->cap_matches = cap;
  }
  psv_match *m = &cur->matches[cur->n_matches];
  memset(m, 0, sizeof *m);
  m->column = column;
  m->like = like;
  char *copy = NULL;
  int rc = copy_value(v, type, &m->value, &copy);
  if (rc == SQLITE_OK) cur->n_matches++;
  return rc;
}

/* The match constraints the plan described in idxStr (after the used-
** column mask: ",<column><op>" each), from argv[first...]. */
static int collect_matches(psv_cursor *cur, const psv_table *t, const char *desc,
                           int argc, sqlite3_value **argv, int first) {
  free_matches(cur);
  int pos = first, rc = SQLITE_OK;
  while (rc == SQLITE_OK && desc && *desc == ',' && pos < argc) {
    char *end;
    long column = strtol(desc + 1, &end, 10);
    char op = *end;
    desc = *end ? end + 1 : end;
    if (column < 0 || column >= t->n_columns) return SQLITE_ERROR;
    sqlite3_value *v = argv[pos++];
    if (op != MATCH_OP_IN) {
      rc = add_match(cur, t, (int)column, op == MATCH_OP_LIKE, v);
      continue;
    }
#if SQLITE_VERSION_NUMBER >= 3038000
    sqlite3_value *item;
    for (rc = sqlite3_vtab_in_first(v, &item); rc == SQLITE_OK && item;
         rc = sqlite3_vtab_in_next(v, &item)) {
      rc = add_match(cur, t, (int)column, 0, item);
      if (rc != SQLITE_OK) return rc;
    }
    if (rc == SQLITE_DONE) rc = SQLITE_OK;
#endif
  }
  cur->scan.matches = cur->matches;
  cur->scan.n_matches = cur->n_matches;
  return rc;
}

/* The arguments the plan gave, from argv[first...]. */
static int collect_arguments(psv_cursor *cur, const psv_table *t, int given,
                             int argc, sqlite3_value **argv, int first) {
  free_args(cur);
  int pos = first;
  for (int col = 0, arg = 0; col < t->n_columns; col++) {
    if (!psv_is_argument(t, col)) continue;
    if (((given >> arg) & 1) && pos < argc) {
      int rc = set_argument(cur, arg, &t->columns[col], argv[pos++]);
      if (rc != SQLITE_OK) return rc;
    }
    arg++;
  }
  return SQLITE_OK;
}

static uint64_t used_sources(const psv_table *t, uint64_t used) {
  uint64_t sources = 0;
  for (int i = 0; i < t->n_columns; i++) {
    if ((used >> (i < 63 ? i : 63)) & 1) sources |= t->columns[i].sources;
  }
  return sources;
}

/* The most bytes one value may take on this connection (see psv_scan):
** within the host's length limit, so that a long value is cut and marked
** rather than failing the query with "string or blob too big". */
static size_t value_bound(sqlite3 *db) {
  size_t bound = PSV_MAX_VALUE - 1;
  int host = sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  /* A host limit too small for any marked value is left to the host. */
  if (host >= 64 && (size_t)host < bound) bound = (size_t)host;
  return bound;
}

static int psv_filter(sqlite3_vtab_cursor *base, int idx_num, const char *idx_str,
                      int argc, sqlite3_value **argv) {
  psv_cursor *cur = (psv_cursor *)base;
  const psv_table *t = cursor_table(cur);
  if (cur->begun) t->end(cur->state);
  cur->begun = 0;
  cur->eof = 0;
  cur->rowid = 0;
  cur->scan.max_value = value_bound(((psv_vtab *)base->pVtab)->db);
  cur->scan.used = idx_str ? (uint64_t)strtoull(idx_str, NULL, 16) : ~(uint64_t)0;
  cur->scan.sources = used_sources(t, cur->scan.used);
  cur->scan.pids = NULL;
  cur->scan.n_pids = 0;
  int pid_mode = idx_num & PSV_IDX_PID_MASK;
  int given = idx_num >> PSV_IDX_ARGS_SHIFT;
  int rc = collect_arguments(cur, t, given, argc, argv, pid_mode != PSV_IDX_SCAN);
  if (rc != SQLITE_OK) return rc;
  rc = collect_matches(cur, t, idx_str ? strchr(idx_str, ',') : NULL, argc, argv,
                       (pid_mode != PSV_IDX_SCAN) + __builtin_popcount((unsigned)given));
  if (rc != SQLITE_OK) return rc;
  if (pid_mode != PSV_IDX_SCAN && argc >= 1) {
    rc = collect_pids(cur, pid_mode, argv[0]);
    if (rc != SQLITE_OK) return rc;
    if (cur->n_pids == 0) {   /* no value names a process: no rows */
      cur->eof = 1;
      return SQLITE_OK;
    }
    cur->scan.pids = cur->pids;
    cur->scan.n_pids = cur->n_pids;
  }
  cur->err[0] = '\0';
  /* The handle and its caches (users, boot time, terminals) serve every
  ** scan of the cursor: a join's pid lookups reopen nothing. */
  if (!cur->os && psv_os_open((const char *const *)((psv_vtab *)base->pVtab)->args, &cur->os)) {
    return SQLITE_NOMEM;
  }
  cur->scan.os = cur->os;
  if (is_sampling(t)) {
    cur->replay_pos = 0;
    rc = psv_session_scan(((psv_vtab *)base->pVtab)->conn, &cur->member, &cur->scan, cur->state,
                          cur->row, &cur->replay, &cur->replay_n);
  } else {
    rc = t->begin(cur->state, &cur->scan);
    cur->begun = 1;
  }
  if (rc < 0) return producer_error(cur, rc);
  return psv_next(base);
}

static int psv_eof(sqlite3_vtab_cursor *base) {
  return ((psv_cursor *)base)->eof;
}

/* SQLite's subtype of JSON text, as json() and json_each() give it. */
#define PSV_JSON_SUBTYPE 74   /* 'J' */

static int is_json_column(const psv_column *c) {
  return c->unit && strcmp(c->unit, "JSON") == 0;
}

/* Writes an OS text value (PSV_BYTES or PSV_LIST) into k: escaped, as a
** JSON array or as text (text.h). */
struct list_ctx { psv_sink *text; psv_json_array *json; int count; };

static int put_item(void *ctx, const char *s, size_t n) {
  struct list_ctx *c = ctx;
  if (c->json) {
    psv_json_string(c->json, s, n);
    return c->json->k.full;   /* cut: the rest is not needed */
  }
  if (c->count++) psv_sink_ascii(c->text, " ", 1);
  psv_sink_text(c->text, s, n);
  return c->text->full;
}

static void render(const psv_value *v, int json, char *out, size_t limit, psv_sink *k) {
  psv_json_array array;
  struct list_ctx c = { k, json ? &array : NULL, 0 };
  if (json) psv_json_begin(&array, out, limit);
  else psv_sink_init(k, out, limit);
  if (v->type == PSV_LIST) v->split(v->s, v->n, put_item, &c);
  else put_item(&c, v->s, v->n);
  if (json) {
    if (v->cut) psv_json_end_cut(&array);
    else psv_json_end(&array);
    *k = array.k;
  }
}

/* OS text as SQL text, at most `bound` bytes: a value that does not fit is
** cut and marked (text.h). Clean text, the common case, goes to SQLite as
** it is; any other is written once, straight from the producer's bytes
** into memory that SQLite then owns: no other copy. */
static void result_os_text(sqlite3_context *ctx, const psv_value *v, int json, size_t bound) {
  psv_sink k;
  render(v, json, NULL, bound, &k);
  if (v->type == PSV_BYTES && !k.full && !v->cut && k.n == v->n) {
    sqlite3_result_text64(ctx, v->s ? v->s : "", v->n, SQLITE_TRANSIENT, SQLITE_UTF8);
    return;
  }
  /* Text that did not fit is cut where its mark fits after it (a JSON
  ** array makes room for its own). */
  size_t mark = !json && (k.full || v->cut) ? PSV_TEXT_CUT_LEN : 0;
  if (mark) render(v, json, NULL, bound - mark, &k);
  char *out = sqlite3_malloc64(k.n + mark + 1);
  if (!out) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  size_t len = k.n;
  render(v, json, out, bound - mark, &k);   /* as measured: len bytes */
  memcpy(out + len, PSV_TEXT_CUT, mark);
  out[len + mark] = '\0';
  /* Length -1: the text holds no NUL, and SQLite, told where it ends by
  ** the terminator, never copies it to add one. */
  sqlite3_result_text(ctx, out, -1, sqlite3_free);
  if (json) sqlite3_result_subtype(ctx, PSV_JSON_SUBTYPE);
}

static int psv_column_value(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int i) {
  psv_cursor *cur = (psv_cursor *)base;
  const psv_value *v = &cur->row[i];
  switch (v->type) {
    case PSV_NULL: break;
    case PSV_INT: sqlite3_result_int64(ctx, v->i); break;
    case PSV_REAL: sqlite3_result_double(ctx, v->r); break;
    case PSV_TEXT:
      sqlite3_result_text64(ctx, v->s, v->n, SQLITE_TRANSIENT, SQLITE_UTF8);
      /* so that json_object('argv', argv) nests the array */
      if (is_json_column(&cursor_table(cur)->columns[i])) {
        sqlite3_result_subtype(ctx, PSV_JSON_SUBTYPE);
      }
      break;
    case PSV_BYTES:
    case PSV_LIST:
      result_os_text(ctx, v, is_json_column(&cursor_table(cur)->columns[i]), cur->scan.max_value);
      break;
    case PSV_BLOB: sqlite3_result_blob64(ctx, v->s, v->n, SQLITE_TRANSIENT); break;
  }
  return SQLITE_OK;
}

static int psv_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *out) {
  *out = ((psv_cursor *)base)->rowid;
  return SQLITE_OK;
}

static const sqlite3_module psv_module = {
  .iVersion = 0,
  .xCreate = psv_connect,   /* same as xConnect: eponymous, and CREATE-able */
  .xConnect = psv_connect,
  .xBestIndex = psv_best_index,
  .xDisconnect = psv_disconnect,
  .xDestroy = psv_disconnect,
  .xOpen = psv_open,
  .xClose = psv_close,
  .xFilter = psv_filter,
  .xNext = psv_next,
  .xEof = psv_eof,
  .xColumn = psv_column_value,
  .xRowid = psv_rowid,
};

static void unref_registration(psv_registration *reg) {
  if (--reg->refs > 0) return;
  psv_conn_free(reg->conn);
  sqlite3_free(reg);
}

static void release_module_aux(void *aux) {
  unref_registration(((psv_module_aux *)aux)->reg);
}

int psv_register_tables(sqlite3 *db) {
  int n_args;
  psv_platform_args(&n_args);
  if (n_args > PSV_MAX_PLATFORM_ARGS) return SQLITE_INTERNAL;   /* a port's mistake */
  psv_registration *reg =
    sqlite3_malloc64(sizeof *reg + sizeof *reg->aux * (sqlite3_uint64)psv_n_tables);
  if (!reg) return SQLITE_NOMEM;
  reg->refs = 1;   /* ours, until the modules hold theirs */
  reg->conn = psv_conn_new(db);
  int rc = reg->conn ? SQLITE_OK : SQLITE_NOMEM;
  for (int i = 0; rc == SQLITE_OK && i < psv_n_tables; i++) {
    reg->aux[i] = (psv_module_aux){ psv_tables[i], reg };
    reg->refs++;   /* SQLite releases it, also when the call fails */
    rc = sqlite3_create_module_v2(db, psv_tables[i]->name, &psv_module, &reg->aux[i],
                                  release_module_aux);
  }
  unref_registration(reg);
  return rc;
}
