/*
** osquery_last.c — osquery's last: the logins and logouts of the login
** history (wtmp), in its order.
**
**   SELECT username, tty, host, datetime(time, 'unixepoch') FROM last
**   WHERE type_name = 'user-process';
**   CREATE VIRTUAL TABLE temp.l USING osquery_last(utmp='/var/log/wtmp.1');
*/
#include "osquery.h"

enum { COL_USERNAME, COL_TTY, COL_PID, COL_TYPE, COL_TYPE_NAME, COL_TIME, COL_HOST, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_USERNAME] = {"username", "TEXT", NULL, "the user ('' in a logout record)", 0},
  [COL_TTY] = {"tty", "TEXT", NULL, "the terminal (pts/0, tty1)", 0},
  [COL_PID] = {"pid", "INTEGER", NULL, "the login process", 0},
  [COL_TYPE] = {"type", "INTEGER", NULL, "7 for a login, 8 for a logout (the login record's type number)", 0},
  [COL_TYPE_NAME] = {"type_name", "TEXT", NULL, "user-process or dead-process", 0},
  [COL_TIME] = {"time", "INTEGER", "seconds", "when, Unix time", 0},
  [COL_HOST] = {"host", "TEXT", NULL, "where from: remote host or X display, as recorded", 0},
};

static int open_history(psv_os *os, psv_records **out) {
  return psv_login_records_open(os, 1, out);
}

static int last_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, open_history);
}

static int last_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_login_record l;
  /* logins and logouts, as osquery's last */
  do {
    if (!psv_login_record_next(st->records, &l)) return PSV_EOF;
  } while (l.type != PSV_LOGIN_USER && l.type != PSV_LOGIN_DEAD);
  int login = l.type == PSV_LOGIN_USER;
  psv_set_str(&row[COL_USERNAME], l.user);
  psv_set_str(&row[COL_TTY], l.tty);
  psv_set_int(&row[COL_PID], l.pid);
  psv_set_int(&row[COL_TYPE], l.type);
  psv_set_const(&row[COL_TYPE_NAME], login ? "user-process" : "dead-process");
  psv_set_int(&row[COL_TIME], l.time);
  psv_set_str(&row[COL_HOST], l.host);
  return PSV_ROW;
}

const psv_table psv_table_osquery_last = {
  .name = "osquery_last",
  .platforms = "linux",
  .doc = "osquery's last: logins and logouts of the login history (wtmp)",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_LOGINS,
  .full_scan_rows = 100,
  .state_size = sizeof(psv_records_state),
  .begin = last_begin,
  .next = last_next,
  .end = psv_records_end,
};
