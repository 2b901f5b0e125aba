/*
** users.c — psutil's users(): one row per user logged in.
**
**   SELECT name, terminal, host, datetime(started, 'unixepoch') FROM users;
**   CREATE VIRTUAL TABLE temp.u USING users(utmp='/var/log/wtmp');  -- another file
*/
#include "common.h"

enum { COL_NAME, COL_TERMINAL, COL_HOST, COL_STARTED, COL_PID, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_NAME] = {"name", "TEXT", NULL, "the user's login name", 0},
  [COL_TERMINAL] = {"terminal", "TEXT", NULL, "tty or pseudo-tty (pts/0), NULL when none", 0},
  [COL_HOST] = {"host", "TEXT", NULL,
    "where the login came from: remote host or X display (':0' reads 'localhost'); '' when local (Linux); the client's IPv4 address, else NULL (Windows)", 0},
  [COL_STARTED] = {"started", "REAL", "seconds", "when the login began, Unix time (whole seconds)", 0},
  [COL_PID] = {"pid", "INTEGER", NULL, "the login process (sshd, login, the terminal emulator)", 0},
};

typedef struct users_state { psv_logins *logins; } users_state;

static int users_begin(void *state, psv_scan *scan) {
  users_state *st = state;
  int err = psv_logins_open(scan->os, &st->logins);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static int users_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  users_state *st = state;
  psv_user u;
  if (!psv_logins_next(st->logins, &u)) return PSV_EOF;
  psv_set_bytes(&row[COL_NAME], u.name, u.name_len);
  if (u.terminal_len) psv_set_bytes(&row[COL_TERMINAL], u.terminal, u.terminal_len);
  if (u.host) psv_set_bytes(&row[COL_HOST], u.host, u.host_len);
  if (u.started >= 0) psv_set_real(&row[COL_STARTED], (double)u.started);
  if (u.pid >= 0) psv_set_int(&row[COL_PID], u.pid);
  return PSV_ROW;
}

static void users_end(void *state) {
  users_state *st = state;
  psv_logins_close(st->logins);
  st->logins = NULL;
}

/* Windows' sessions have no terminal and no login process (psutil's
** users() gives None): NULL there. */
static const char *const column_platforms[N_COLUMNS] = {
  [COL_TERMINAL] = "linux",
  [COL_PID] = "linux",
};

const psv_table psv_table_users = {
  .name = "users",
  .doc = "one row per user logged in",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .column_platforms = column_platforms,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_LOGINS,
  .full_scan_rows = 4,
  .state_size = sizeof(users_state),
  .begin = users_begin,
  .next = users_next,
  .end = users_end,
};
