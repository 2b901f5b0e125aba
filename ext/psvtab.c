/*
** psvtab.c — the extension's entry point.
**
**   sqlite3> .load ./psvtab
**   sqlite3> SELECT pid, name, rss FROM processes ORDER BY rss DESC LIMIT 5;
**
** Registers every table of psv_tables[] and the SQL functions
** psvtab_version() and psvtab_platform(). sqlite3_psvtab_init is the only
** symbol the loadable module exports; programs that link libpsvtab.a call
** it directly or hand it to sqlite3_auto_extension().
*/
#include "psvtab_int.h"
#include "platform.h"

SQLITE_EXTENSION_INIT1

extern const psv_table psv_table_processes;
extern const psv_table psv_table_process_memory;
extern const psv_table psv_table_process_environ;
extern const psv_table psv_table_system_memory;
extern const psv_table psv_table_swap_memory;
extern const psv_table psv_table_net_if_addrs;
extern const psv_table psv_table_net_if_stats;
extern const psv_table psv_table_net_io;
extern const psv_table psv_table_disk_io;
extern const psv_table psv_table_columns;

const psv_table *const psv_tables[] = {
  &psv_table_processes,
  &psv_table_process_memory,
  &psv_table_process_environ,
  &psv_table_system_memory,
  &psv_table_swap_memory,
  &psv_table_net_if_addrs,
  &psv_table_net_if_stats,
  &psv_table_net_io,
  &psv_table_disk_io,
  &psv_table_columns,
};
const int psv_n_tables = (int)(sizeof psv_tables / sizeof *psv_tables);

/* psvtab_version(): the version in configure.ac. */
static void version_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc; (void)argv;
  sqlite3_result_text(ctx, PSVTAB_VERSION, -1, SQLITE_STATIC);
}

/* psvtab_platform(): which ext/platform/ folder this build reads the OS with. */
static void platform_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc; (void)argv;
  sqlite3_result_text(ctx, psv_platform_name(), -1, SQLITE_STATIC);
}

static int register_functions(sqlite3 *db) {
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db, "psvtab_version", 0, flags, NULL,
                                   version_func, NULL, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_function(db, "psvtab_platform", 0, flags, NULL,
                                 platform_func, NULL, NULL);
  }
  return rc;
}

#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_psvtab_init(sqlite3 *db, char **err_msg,
                        const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  int rc = register_functions(db);
  for (int i = 0; rc == SQLITE_OK && i < psv_n_tables; i++) {
    rc = psv_register_table(db, psv_tables[i]);
  }
  if (rc != SQLITE_OK && err_msg) {
    *err_msg = sqlite3_mprintf("psvtab: cannot register: %s", sqlite3_errstr(rc));
  }
  return rc;
}
