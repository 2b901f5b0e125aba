/*
** osquery_logged_in_users.c — osquery's logged_in_users: every record of
** utmp but init's (pid 1), with its kind.
**
**   SELECT user, tty, host, time FROM logged_in_users WHERE type = 'user';
**   CREATE VIRTUAL TABLE temp.w USING osquery_logged_in_users(utmp='/tmp/utmp');
*/
#include "osquery.h"

enum { COL_TYPE, COL_USER, COL_TTY, COL_HOST, COL_TIME, COL_PID, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_TYPE] = {"type", "TEXT", NULL,
    "user for a login; login, init, dead, boot_time, runlevel, ... for the other records", 0},
  [COL_USER] = {"user", "TEXT", NULL, "login name", 0},
  [COL_TTY] = {"tty", "TEXT", NULL, "terminal (pts/0, tty1)", 0},
  [COL_HOST] = {"host", "TEXT", NULL, "where from, as recorded (':0' stays ':0')", 0},
  [COL_TIME] = {"time", "BIGINT", "seconds", "when the record was made, Unix time", 0},
  [COL_PID] = {"pid", "INTEGER", NULL, "the login process", 0},
};

static int open_utmp(psv_os *os, psv_records **out) {
  return psv_login_records_open(os, 0, out);
}

static int logged_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, open_utmp);
}

static const char *type_name(int type) {
  static const char *const names[] = {
    [PSV_LOGIN_EMPTY] = "empty", [PSV_LOGIN_RUN_LEVEL] = "runlevel", [PSV_LOGIN_BOOT] = "boot_time",
    [PSV_LOGIN_NEW_TIME] = "new_time", [PSV_LOGIN_OLD_TIME] = "old_time", [PSV_LOGIN_INIT] = "init",
    [PSV_LOGIN_LOGIN] = "login", [PSV_LOGIN_USER] = "user", [PSV_LOGIN_DEAD] = "dead",
    [PSV_LOGIN_ACCOUNTING] = "accounting",
  };
  return type >= 0 && type < (int)(sizeof names / sizeof *names) ? names[type] : "unknown";
}

static int logged_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_login_record l;
  do {   /* osquery leaves init's records out */
    if (!psv_login_record_next(st->records, &l)) return PSV_EOF;
  } while (l.pid == 1);
  psv_set_const(&row[COL_TYPE], type_name(l.type));
  psv_set_str(&row[COL_USER], l.user);
  psv_set_str(&row[COL_TTY], l.tty);
  psv_set_str(&row[COL_HOST], l.host);
  psv_set_int(&row[COL_TIME], l.time);
  psv_set_int(&row[COL_PID], l.pid);
  return PSV_ROW;
}

const psv_table psv_table_osquery_logged_in_users = {
  .name = "osquery_logged_in_users",
  .platforms = "linux",
  .doc = "osquery's logged_in_users: the records of utmp",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_LOGINS,
  .full_scan_rows = 10,
  .state_size = sizeof(psv_records_state),
  .begin = logged_begin,
  .next = logged_next,
  .end = psv_records_end,
};
