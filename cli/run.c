/*
** run.c — the psvtab command runs its SQL (run.h).
**
** One round runs every statement of the SQL in turn on an in-memory
** database with psvtab registered; each statement's rows go to the output
** mode (output.c). Without --watch there is one round, written as it
** comes. With --watch the rounds repeat, each `watch` seconds after the
** previous one started:
**   - on a terminal, each round redraws the screen in place (home, the
**     lines that fit, clear the rest), like top; a resize redraws at once;
**   - otherwise each round is appended, every row with a "ts" field (the
**     round's start as Unix time), and written only once it is complete.
**
** SIGINT (Ctrl-C) calls sqlite3_interrupt, which also ends psvtab's
** sampling waits (they look at the flag every 20 ms); the run stops there
** and the command then ends by SIGINT itself, so that the shell sees it
** (status 130). A round cut short is dropped, never written half; without
** --watch the rows written before stay, and a JSON array is closed.
*/
#include "run.h"
#include "format.h"

#include "psvtab.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

enum { RUN_OK, RUN_SQL_ERROR, RUN_FAILED, RUN_INTERRUPTED, RUN_STOPPED };

/* Text written out once it is this long, without --watch. */
#define STREAM_CHUNK 65536

typedef struct runner {
  const run_config *cfg;
  sqlite3 *db;
  out *o;
  sqlite3_stmt *json_lookup;  /* is a psvtab column JSON? (prepared once) */
  int terminal;               /* stdout is a terminal */
} runner;

/* ---- Signals -------------------------------------------------------------- */

static volatile sig_atomic_t got_sigint, got_winch;
static sqlite3 *volatile interrupt_db;

static void on_sigint(int sig) {
  (void)sig;
  if (got_sigint) {
    /* a second Ctrl-C while the first is still being obeyed: go now */
    signal(SIGINT, SIG_DFL);
    raise(SIGINT);
    return;
  }
  got_sigint = 1;
  if (interrupt_db) sqlite3_interrupt(interrupt_db);
}

static void on_winch(int sig) {
  (void)sig;
  got_winch = 1;
}

/* SIGINT interrupts the query, unless it was ignored when we started (a
** background job of a script): then it stays ignored. */
static void catch_signals(int watch_terminal) {
  struct sigaction old, sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  /* reads go on (the interrupt flag stops the query); the waits, pselect
  ** and nanosleep, end at the signal all the same */
  sa.sa_flags = SA_RESTART;
  sa.sa_handler = on_sigint;
  if (sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(SIGINT, &sa, NULL);
  if (watch_terminal) {
    sa.sa_handler = on_winch;
    sigaction(SIGWINCH, &sa, NULL);
  }
}

/* ---- Time ------------------------------------------------------------------ */

static double clock_seconds(clockid_t which) {
  struct timespec ts;
  clock_gettime(which, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Unix time to the millisecond: the "ts" of a round. */
static double round_start_time(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec + (double)(ts.tv_nsec / 1000000) / 1e3;
}

enum { WAITED, WAIT_SIGINT, WAIT_RESIZED };

/* Waits until the monotonic clock reads `until`, or a signal comes first.
** The signals are blocked but while pselect waits: none slips in between
** the look at the flags and the wait. */
static int wait_until(double until) {
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGWINCH);
  pthread_sigmask(SIG_BLOCK, &block, &old);
  int why = WAITED;
  for (;;) {
    if (got_sigint) {
      why = WAIT_SIGINT;
      break;
    }
    if (got_winch) {
      got_winch = 0;
      why = WAIT_RESIZED;
      break;
    }
    double left = until - clock_seconds(CLOCK_MONOTONIC);
    if (left <= 0) break;
    struct timespec ts = { (time_t)left, 0 };
    ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
    pselect(0, NULL, NULL, NULL, &ts, &old);
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return why;
}

/* ---- Writing -------------------------------------------------------------- */

static int failed(const char *what) {
  fprintf(stderr, "psvtab: %s\n", what);
  return RUN_FAILED;
}

/* Text for a terminal, line by line: what a terminal would act on is
** escaped (CSV carries it as it is), and a CRLF ends a line as LF. */
static void put_for_terminal(buf *b, const char *s, size_t n) {
  while (n > 0) {
    const char *nl = memchr(s, '\n', n);
    size_t line = nl ? (size_t)(nl - s) : n;
    size_t shown = line > 0 && s[line - 1] == '\r' ? line - 1 : line;
    put_escaped(b, s, shown, 0);
    if (!nl) break;
    buf_putc(b, '\n');
    s += line + 1;
    n -= line + 1;
  }
}

static int write_bytes(const char *p, size_t n) {
  if (n > 0 && fwrite(p, 1, n, stdout) != n) return -1;
  return fflush(stdout) == 0 ? 0 : -1;
}

/* Writes the output text to stdout, and empties it. */
static int flush_text(runner *r) {
  buf *text = out_text(r->o);
  if (text->failed) return failed("out of memory");
  int rc;
  if (r->terminal && r->cfg->mode == OUT_CSV) {
    buf safe = { 0 };
    put_for_terminal(&safe, text->data, text->len);
    if (safe.failed) {
      buf_free(&safe);
      return failed("out of memory");
    }
    rc = write_bytes(safe.data, safe.len);
    buf_free(&safe);
  } else {
    rc = write_bytes(text->data, text->len);
  }
  text->len = 0;
  if (rc != 0) {
    fprintf(stderr, "psvtab: cannot write the output: %s\n", strerror(errno));
    return RUN_FAILED;
  }
  return RUN_OK;
}

/* ---- Statements ------------------------------------------------------------ */

/* Line of the SQL where the statement at `at` starts (1 for the first). */
static int line_of(const char *sql, const char *at) {
  while (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r') at++;
  int line = 1;
  for (const char *p = sql; p < at; p++) line += *p == '\n';
  return line;
}

/* "Parse error" (the statement did not prepare) or "Runtime error" (it
** failed while it ran), as the sqlite3 shell says them. */
static int sql_error(runner *r, const char *kind, const char *at) {
  const char *message = sqlite3_errmsg(r->db);
  if (strchr(r->cfg->sql, '\n')) {
    fprintf(stderr, "psvtab: %s near line %d: %s\n", kind, line_of(r->cfg->sql, at), message);
  } else {
    fprintf(stderr, "psvtab: %s: %s\n", kind, message);
  }
  return RUN_SQL_ERROR;
}

/* 1 when the result column comes straight from a psvtab column whose unit
** is JSON (argv, cpu_affinity, ...): its text nests in the JSON outputs
** even where SQLite did not keep its JSON subtype. A table of the SQL's own
** by the same name (main.processes hides the psvtab table) is not one. */
static int is_json_column(runner *r, sqlite3_stmt *stmt, int i) {
#ifdef HAVE_COLUMN_METADATA
  const char *schema = sqlite3_column_database_name(stmt, i);
  const char *table = sqlite3_column_table_name(stmt, i);
  const char *column = sqlite3_column_origin_name(stmt, i);
  if (!schema || !table || !column || strcmp(schema, "main") != 0) return 0;
  if (!r->json_lookup &&
      sqlite3_prepare_v2(r->db, "SELECT 1 FROM main.psvtab_columns WHERE table_name = ?1 "
                                "AND column_name = ?2 AND unit = 'JSON' AND NOT EXISTS "
                                "(SELECT 1 FROM main.sqlite_schema WHERE name = ?1 COLLATE NOCASE)",
                         -1, &r->json_lookup, NULL) != SQLITE_OK) {
    return 0;
  }
  sqlite3_bind_text(r->json_lookup, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(r->json_lookup, 2, column, -1, SQLITE_TRANSIENT);
  int found = sqlite3_step(r->json_lookup) == SQLITE_ROW;
  sqlite3_reset(r->json_lookup);
  return found;
#else
  (void)r, (void)stmt, (void)i;
  return 0;
#endif
}

/* Which columns of the statement hold JSON (the JSON modes ask). */
static int *json_columns(runner *r, sqlite3_stmt *stmt) {
  int n = sqlite3_column_count(stmt);
  int *nested = calloc((size_t)n + 1, sizeof *nested);
  if (!nested) return NULL;
  for (int i = 0; i < n; i++) nested[i] = is_json_column(r, stmt, i);
  return nested;
}

/* Steps the statement, handing its rows to the output. */
static int step_rows(runner *r, sqlite3_stmt *stmt, const int *nested, int *rc) {
  int columns = sqlite3_column_count(stmt);
  *rc = sqlite3_step(stmt);
  if (columns == 0 || (*rc != SQLITE_ROW && *rc != SQLITE_DONE)) return RUN_OK;
  if (out_begin(r->o, stmt, nested)) return failed("out of memory");
  int result = RUN_OK;
  while (*rc == SQLITE_ROW) {
    if (out_row(r->o, stmt)) {
      result = failed("out of memory");
      break;
    }
    if (r->cfg->watch == 0 && out_text(r->o)->len >= STREAM_CHUNK && (result = flush_text(r)) != RUN_OK) break;
    *rc = sqlite3_step(stmt);
  }
  out_end(r->o, result == RUN_OK && *rc == SQLITE_DONE);
  return result;
}

static int run_statement(runner *r, sqlite3_stmt *stmt, const char *at) {
  int *nested = NULL;
  int mode = r->cfg->mode;
  if ((mode == OUT_JSON || mode == OUT_NDJSON) && sqlite3_column_count(stmt) > 0) {
    nested = json_columns(r, stmt);
    if (!nested) return failed("out of memory");
  }
  int rc;
  int result = step_rows(r, stmt, nested, &rc);
  free(nested);
  if (result != RUN_OK || rc == SQLITE_DONE) return result;
  if (rc == SQLITE_INTERRUPT || got_sigint) return RUN_INTERRUPTED;
  return sql_error(r, "Runtime error", at);
}

/* Every statement of the SQL, once. */
static int run_round(runner *r) {
  const char *tail = r->cfg->sql;
  while (*tail) {
    const char *at = tail;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(r->db, at, -1, &stmt, &tail);
    if (rc == SQLITE_INTERRUPT || got_sigint) {
      sqlite3_finalize(stmt);
      return RUN_INTERRUPTED;
    }
    if (rc != SQLITE_OK) return sql_error(r, "Parse error", at);
    if (!stmt) continue;   /* blanks or a comment */
    int result = run_statement(r, stmt, at);
    sqlite3_finalize(stmt);
    if (result != RUN_OK) return result;
  }
  return RUN_OK;
}

/* ---- Without --watch, and --watch appending ------------------------------- */

static int run_once(runner *r) {
  int result = run_round(r);
  out_finish(r->o, result == RUN_OK);
  int written = flush_text(r);
  return result == RUN_OK ? written : result;
}

static int reached_count(const runner *r, long round) {
  return r->cfg->count > 0 && round >= r->cfg->count;
}

static int watch_appending(runner *r) {
  int result;
  for (long round = 1;; round++) {
    double start = clock_seconds(CLOCK_MONOTONIC);
    out_set_ts(r->o, 1, round_start_time());
    out_mark before = out_get_mark(r->o);
    result = run_round(r);
    if (result != RUN_OK) {
      out_to_mark(r->o, before);   /* the round is dropped whole */
      break;
    }
    if ((result = flush_text(r)) != RUN_OK || reached_count(r, round)) break;
    if (wait_until(start + r->cfg->watch) == WAIT_SIGINT) {
      result = RUN_STOPPED;
      break;
    }
  }
  /* closes the JSON array of the rounds written; [] only when they all had no rows */
  out_finish(r->o, result == RUN_OK || result == RUN_STOPPED);
  int written = flush_text(r);
  return result == RUN_OK ? written : result;
}

/* ---- --watch on a terminal --------------------------------------------------- */

static void terminal_size(size_t *rows, size_t *cols) {
  struct winsize ws;
  *rows = 24;
  *cols = 80;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
    *rows = ws.ws_row;
    *cols = ws.ws_col;
  }
}

/* The SQL on one line, each run of blanks as one space. */
static void put_one_line(buf *b, const char *text) {
  buf words = { 0 };
  for (const char *p = text; *p; p++) {
    int blank = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (!blank) buf_putc(&words, *p);
    else if (words.len > 0 && words.data[words.len - 1] != ' ') buf_putc(&words, ' ');
  }
  put_escaped(b, words.data ? words.data : "", words.len, 0);
  if (words.failed) b->failed = 1;
  buf_free(&words);
}

/* The first line: "Every 2s: NAME-OR-SQL", cut to fit, and the time at
** the right edge. */
static void put_title(buf *line, const run_config *cfg, size_t cols) {
  char clock[32] = "";
  time_t now = time(NULL);
  struct tm tm;
  if (localtime_r(&now, &tm)) strftime(clock, sizeof clock, "%Y-%m-%d %H:%M:%S", &tm);
  buf head = { 0 };
  buf_printf(&head, "Every %gs: ", cfg->watch);
  put_one_line(&head, cfg->title ? cfg->title : cfg->sql);
  size_t room = cols > strlen(clock) + 2 ? cols - strlen(clock) - 2 : cols;
  size_t kept = text_fit(head.data ? head.data : "", head.len, room);
  buf_add(line, head.data, kept);
  if (room < cols) {
    for (size_t w = text_width(head.data ? head.data : "", kept); w < room + 2; w++) buf_putc(line, ' ');
    buf_puts(line, clock);
  }
  if (head.failed) line->failed = 1;
  buf_free(&head);
}

/* One line of the screen: cut to the width, the rest of it cleared. */
static void put_screen_line(buf *screen, const char *s, size_t n, size_t cols) {
  buf_add(screen, s, text_fit(s, n, cols));
  buf_puts(screen, "\033[K\n");
}

/* The screen: home, the title, the frame's lines that fit, the rest
** cleared. No line is longer than the terminal and there is one line
** fewer than it has, so nothing scrolls. */
static int draw_screen(runner *r, const buf *frame) {
  size_t rows, cols;
  terminal_size(&rows, &cols);
  buf screen = { 0 }, shown = { 0 };
  buf_puts(&screen, "\033[H");
  put_title(&shown, r->cfg, cols);
  put_screen_line(&screen, shown.data ? shown.data : "", shown.len, cols);
  shown.len = 0;
  put_for_terminal(&shown, frame->data ? frame->data : "", frame->len);
  const char *p = shown.data ? shown.data : "";
  const char *end = p + shown.len;
  for (size_t row = 2; row < rows && p < end; row++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    put_screen_line(&screen, p, n, cols);
    p += n + (nl != NULL);
  }
  buf_puts(&screen, "\033[J");
  int result = screen.failed || shown.failed ? failed("out of memory") : RUN_OK;
  if (result == RUN_OK && write_bytes(screen.data, screen.len) != 0) {
    fprintf(stderr, "psvtab: cannot write the output: %s\n", strerror(errno));
    result = RUN_FAILED;
  }
  buf_free(&screen);
  buf_free(&shown);
  return result;
}

/* Waits for the next round, redrawing the frame when the terminal is
** resized meanwhile. */
static int wait_redrawing(runner *r, double until, const buf *frame) {
  for (;;) {
    int why = wait_until(until);
    if (why == WAIT_SIGINT) return RUN_STOPPED;
    if (why == WAITED) return RUN_OK;
    int result = draw_screen(r, frame);
    if (result != RUN_OK) return result;
  }
}

static int watch_screen(runner *r) {
  buf frame = { 0 };
  buf *text = out_text(r->o);
  int result = write_bytes("\033[H\033[2J", 7) == 0 ? RUN_OK : failed("cannot write the output");
  for (long round = 1; result == RUN_OK; round++) {
    double start = clock_seconds(CLOCK_MONOTONIC);
    result = run_round(r);
    out_finish(r->o, result == RUN_OK);   /* each round is a whole output */
    if (result != RUN_OK) break;
    frame.len = 0;
    buf_add(&frame, text->data, text->len);
    text->len = 0;
    if (frame.failed) result = failed("out of memory");
    if (result == RUN_OK) result = draw_screen(r, &frame);
    if (result != RUN_OK || reached_count(r, round)) break;
    result = wait_redrawing(r, start + r->cfg->watch, &frame);
  }
  text->len = 0;
  buf_free(&frame);
  return result;
}

/* ---- The run ------------------------------------------------------------------- */

static int open_database(runner *r) {
  char *err = NULL;
  if (sqlite3_open_v2(":memory:", &r->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    fprintf(stderr, "psvtab: cannot open a database: %s\n", r->db ? sqlite3_errmsg(r->db) : "out of memory");
    return RUN_FAILED;
  }
  /* Views and triggers of a database file someone ATTACHes may not call
  ** functions or tables that have side effects (SQLite's advice for
  ** programs that open files they did not write). */
  sqlite3_db_config(r->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);
  if (sqlite3_psvtab_init(r->db, &err, NULL) != SQLITE_OK) {
    fprintf(stderr, "psvtab: cannot register the psvtab tables: %s\n", err ? err : "out of memory");
    sqlite3_free(err);
    return RUN_FAILED;
  }
  return RUN_OK;
}

static int exit_status(int result) {
  if (result == RUN_OK || result == RUN_STOPPED) return 0;
  return result == RUN_INTERRUPTED ? 130 : 1;
}

int run_sql(const run_config *cfg, int *interrupted) {
  runner r = { .cfg = cfg, .terminal = isatty(STDOUT_FILENO) };
  int result = open_database(&r);
  if (result == RUN_OK) {
    r.o = out_new(cfg->mode, cfg->header);
    if (!r.o) result = failed("out of memory");
  }
  if (result == RUN_OK) {
    interrupt_db = r.db;
    catch_signals(cfg->watch > 0 && r.terminal);
    if (cfg->watch == 0) result = run_once(&r);
    else if (r.terminal) result = watch_screen(&r);
    else result = watch_appending(&r);
    interrupt_db = NULL;
  }
  /* without --watch, a run cut short says so: its output is incomplete */
  if (result == RUN_INTERRUPTED && cfg->watch == 0) fprintf(stderr, "psvtab: interrupted\n");
  *interrupted = got_sigint != 0;
  sqlite3_finalize(r.json_lookup);
  out_free(r.o);
  sqlite3_close(r.db);
  return exit_status(result);
}
