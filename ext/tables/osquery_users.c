/*
** osquery_users.c — osquery's users: the local accounts of /etc/passwd
** (psvtab's own `users` is psutil's logins). Never asks a directory
** service (LDAP, NIS): osquery's default, include_remote = 0.
**
**   SELECT username, directory, shell FROM users WHERE uid >= 1000;
**   CREATE VIRTUAL TABLE temp.u USING osquery_users(etc='/srv/root/etc');
*/
#include "osquery.h"

enum {
  COL_UID, COL_GID, COL_UID_SIGNED, COL_GID_SIGNED, COL_USERNAME, COL_DESCRIPTION,
  COL_DIRECTORY, COL_SHELL, COL_UUID, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_UID] = {"uid", "BIGINT", NULL, "user id", 0},
  [COL_GID] = {"gid", "BIGINT", NULL, "primary group id", 0},
  [COL_UID_SIGNED] = {"uid_signed", "BIGINT", NULL, "user id read as a signed 32-bit number (4294967294 is -2)", 0},
  [COL_GID_SIGNED] = {"gid_signed", "BIGINT", NULL, "group id read as a signed 32-bit number", 0},
  [COL_USERNAME] = {"username", "TEXT", NULL, "login name", 0},
  [COL_DESCRIPTION] = {"description", "TEXT", NULL, "the comment (GECOS) field", 0},
  [COL_DIRECTORY] = {"directory", "TEXT", NULL, "home directory", 0},
  [COL_SHELL] = {"shell", "TEXT", NULL, "login shell", 0},
  [COL_UUID] = {"uuid", "TEXT", NULL, "NULL: Linux accounts have none", 0},
};

static int users_begin(void *state, psv_scan *scan) {
  return psv_records_begin(state, scan, psv_accounts_open);
}

static int users_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  psv_records_state *st = state;
  psv_account a;
  if (!psv_account_next(st->records, &a)) return PSV_EOF;
  psv_set_int(&row[COL_UID], a.uid);
  psv_set_int(&row[COL_GID], a.gid);
  psv_set_int(&row[COL_UID_SIGNED], (int32_t)a.uid);
  psv_set_int(&row[COL_GID_SIGNED], (int32_t)a.gid);
  psv_set_str(&row[COL_USERNAME], a.name);
  psv_set_str(&row[COL_DESCRIPTION], a.description);
  psv_set_str(&row[COL_DIRECTORY], a.directory);
  psv_set_str(&row[COL_SHELL], a.shell);
  return PSV_ROW;
}

const psv_table psv_table_osquery_users = {
  .name = "osquery_users",
  .platforms = "linux",
  .doc = "osquery's users: the local accounts (/etc/passwd)",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CONFIG,
  .full_scan_rows = 40,
  .state_size = sizeof(psv_records_state),
  .begin = users_begin,
  .next = users_next,
  .end = psv_records_end,
};
