/*
** psvtab_int.h — what the SQLite-facing files (psvtab.c, vtab.c,
** sampling.c) share. Table files include vtab.h instead and never see
** SQLite.
*/
#ifndef PSV_PSVTAB_INT_H
#define PSV_PSVTAB_INT_H

#include <sqlite3ext.h>
#include "vtab.h"

/* Register every table of psv_tables[] as an SQLite module named after
** it, sharing one psv_conn for the connection. */
int psv_register_tables(sqlite3 *db);

/* ---- Sampling sessions (sampling.c) ---------------------------------- */

/* A connection's sampling state: the session of the statement that runs. */
typedef struct psv_conn psv_conn;
/* The samples and rows that the sampling cursors of one statement share. */
typedef struct psv_session psv_session;

/* What a sampling cursor keeps of its session. */
typedef struct psv_member {
  psv_session *session;
  const psv_table *table;
  /* its table's CREATE arguments (platform.h), alive while the cursor is:
  ** the value of each of the platform's arguments, or NULL */
  char *const *args;
} psv_member;

psv_conn *psv_conn_new(sqlite3 *db);
void psv_conn_free(psv_conn *c);

/* xOpen of a sampling table's cursor: m (table and args set) joins its
** statement's session. SQLITE_OK or SQLITE_NOMEM. */
int psv_session_join(psv_conn *c, psv_member *m);
/* xClose. */
void psv_session_leave(psv_conn *c, psv_member *m);
/* xFilter: the rows (n_rows x the table's n_columns values, argument
** columns NULL) of the scan that `scan` describes (its pids and
** arguments): kept from an earlier scan of the statement, or made now by
** the table's producer with `state` and `row` (n_columns values) as its
** workspace. They stay until the session ends. PSV_ROW, or a producer
** code with scan->err set. */
int psv_session_scan(psv_conn *c, psv_member *m, psv_scan *scan, void *state, psv_value *row,
                     const psv_value **rows, size_t *n_rows);

#endif /* PSV_PSVTAB_INT_H */
