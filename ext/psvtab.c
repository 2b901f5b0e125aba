/*
** psvtab.c — the extension's entry point.
**
**   sqlite3> .load ./psvtab
**   sqlite3> SELECT pid, name, rss FROM processes ORDER BY rss DESC LIMIT 5;
**
** Registers every table of psv_tables[] and the SQL functions
** psvtab_version(), psvtab_platform(), format_bytes(), psvtab_bytes() and
** psvtab_threads().
** sqlite3_psvtab_init is the only
** symbol the loadable module exports; programs that link libpsvtab.a call
** it directly or hand it to sqlite3_auto_extension().
*/
#include "psvtab_int.h"
#include "platform.h"
#include "text.h"

#include <string.h>
#include <errno.h>
#include <stdlib.h>

SQLITE_EXTENSION_INIT1

extern const psv_table psv_table_processes;
extern const psv_table psv_table_process_memory;
extern const psv_table psv_table_process_environ;
extern const psv_table psv_table_process_open_files;
extern const psv_table psv_table_process_threads;
extern const psv_table psv_table_process_memory_maps;
extern const psv_table psv_table_process_rlimits;
extern const psv_table psv_table_system_memory;
extern const psv_table psv_table_swap_memory;
extern const psv_table psv_table_net_if_addrs;
extern const psv_table psv_table_net_if_stats;
extern const psv_table psv_table_net_io;
extern const psv_table psv_table_disk_io;
extern const psv_table psv_table_net_connections;
extern const psv_table psv_table_listening_ports;
extern const psv_table psv_table_disk_partitions;
extern const psv_table psv_table_disk_usage;
extern const psv_table psv_table_disk_io_rates;
extern const psv_table psv_table_net_io_rates;
extern const psv_table psv_table_process_cpu_percent;
extern const psv_table psv_table_cpu_percent;
extern const psv_table psv_table_cpu_times;
extern const psv_table psv_table_cpu_stats;
extern const psv_table psv_table_cpu_freq;
extern const psv_table psv_table_system_info;
extern const psv_table psv_table_load_avg;
extern const psv_table psv_table_users;
extern const psv_table psv_table_columns;
extern const psv_table psv_table_tables;
extern const psv_table psv_table_osquery_file;
extern const psv_table psv_table_osquery_kernel_modules;
extern const psv_table psv_table_osquery_kernel_info;
extern const psv_table psv_table_osquery_os_version;
extern const psv_table psv_table_osquery_mounts;
extern const psv_table psv_table_osquery_etc_hosts;
extern const psv_table psv_table_osquery_arp_cache;
extern const psv_table psv_table_osquery_last;
extern const psv_table psv_table_osquery_processes;
extern const psv_table psv_table_osquery_users;
extern const psv_table psv_table_osquery_process_open_files;
extern const psv_table psv_table_osquery_process_envs;
extern const psv_table psv_table_osquery_process_memory_map;
extern const psv_table psv_table_osquery_logged_in_users;
extern const psv_table psv_table_osquery_process_open_sockets;
extern const psv_table psv_table_osquery_listening_ports;
extern const psv_table psv_table_osquery_system_info;

const psv_table *const psv_tables[] = {
  &psv_table_processes,
  &psv_table_process_memory,
  &psv_table_process_environ,
  &psv_table_process_open_files,
  &psv_table_process_threads,
  &psv_table_process_memory_maps,
  &psv_table_process_rlimits,
  &psv_table_system_memory,
  &psv_table_swap_memory,
  &psv_table_net_if_addrs,
  &psv_table_net_if_stats,
  &psv_table_net_io,
  &psv_table_disk_io,
  &psv_table_net_connections,
  &psv_table_listening_ports,
  &psv_table_disk_partitions,
  &psv_table_disk_usage,
  &psv_table_disk_io_rates,
  &psv_table_net_io_rates,
  &psv_table_process_cpu_percent,
  &psv_table_cpu_percent,
  &psv_table_cpu_times,
  &psv_table_cpu_stats,
  &psv_table_cpu_freq,
  &psv_table_system_info,
  &psv_table_load_avg,
  &psv_table_users,
  &psv_table_columns,
  &psv_table_tables,
  &psv_table_osquery_file,
  &psv_table_osquery_kernel_modules,
  &psv_table_osquery_kernel_info,
  &psv_table_osquery_os_version,
  &psv_table_osquery_mounts,
  &psv_table_osquery_etc_hosts,
  &psv_table_osquery_arp_cache,
  &psv_table_osquery_last,
  &psv_table_osquery_processes,
  &psv_table_osquery_users,
  &psv_table_osquery_process_open_files,
  &psv_table_osquery_process_envs,
  &psv_table_osquery_process_memory_map,
  &psv_table_osquery_logged_in_users,
  &psv_table_osquery_process_open_sockets,
  &psv_table_osquery_listening_ports,
  &psv_table_osquery_system_info,
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

/* format_bytes(n): psutil's bytes2human — '0B', '1023B', '9.8K', '95.4M':
** the largest binary unit (K = 1024 ... Y) not above |n|, one decimal. */
static void format_bytes_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  static const char units[] = "KMGTPEZY";
  (void)argc;
  int type = sqlite3_value_numeric_type(argv[0]);
  if (type == SQLITE_NULL) return;
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT) {
    sqlite3_result_error(ctx, "format_bytes: the argument must be a number of bytes", -1);
    return;
  }
  double n = sqlite3_value_double(argv[0]);
  double magnitude = n < 0 ? -n : n;
  double unit[8];
  unit[0] = 1024.0;
  for (int i = 1; i < 8; i++) unit[i] = unit[i - 1] * 1024.0;
  char *text = NULL;
  for (int i = 7; i >= 0 && !text; i--) {
    if (magnitude >= unit[i]) text = sqlite3_mprintf("%.1f%c", n / unit[i], units[i]);
  }
  if (!text) {
    text = type == SQLITE_INTEGER ? sqlite3_mprintf("%lldB", sqlite3_value_int64(argv[0]))
                                  : sqlite3_mprintf("%!.15gB", n);
  }
  if (!text) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, text, -1, sqlite3_free);
}

/* psvtab_bytes(text): the exact bytes that OS text in psvtab's escaped
** form stands for (text.h), as a BLOB. NULL for NULL, and for a value cut
** at the bound (ending with U+EF01): its bytes are not all known. A BLOB
** is bytes already: itself. A number: the bytes of its text. */
static void bytes_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  int type = sqlite3_value_type(argv[0]);
  if (type == SQLITE_NULL) return;
  if (type == SQLITE_BLOB) {
    sqlite3_result_value(ctx, argv[0]);
    return;
  }
  const char *text = (const char *)sqlite3_value_text(argv[0]);
  size_t n = (size_t)sqlite3_value_bytes(argv[0]);
  if (!text) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (psv_text_is_cut(text, n)) return;
  char *bytes = sqlite3_malloc64(n + 1);   /* decoding never lengthens */
  if (!bytes) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_blob64(ctx, bytes, psv_text_decode(bytes, text, n), sqlite3_free);
}

/* ---- psvtab_osquery(): osquery's table names on this connection ---- */

#define OSQUERY_PREFIX "osquery_"

/* Creates (on) or drops (off) temp.NAME for the table osquery_NAME. 1 when
** it did, 0 when there was nothing to do, or an SQLite error code (< 0). */
static int switch_table(sqlite3 *db, const char *module, int on, char **err) {
  const char *name = module + sizeof OSQUERY_PREFIX - 1;
  /* what SQLite keeps of the CREATE below: a TEMP table of that name is
  ** ours when its schema says so */
  char *create = sqlite3_mprintf("CREATE VIRTUAL TABLE \"%w\" USING %s", name, module);
  if (!create) return -SQLITE_NOMEM;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "SELECT sql = ?2 FROM temp.sqlite_master "
                              "WHERE type = 'table' AND name = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, create, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
  }
  int exists = rc == SQLITE_ROW, ours = exists && sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  char *sql = NULL;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
    rc = SQLITE_OK;
    /* a TEMP table of the user's own stays as it is */
    if (on && !exists) sql = sqlite3_mprintf("CREATE VIRTUAL TABLE temp.\"%w\" USING %s", name, module);
    if (!on && ours) sql = sqlite3_mprintf("DROP TABLE temp.\"%w\"", name);
    if ((on && !exists) || (!on && ours)) rc = sql ? sqlite3_exec(db, sql, NULL, NULL, err) : SQLITE_NOMEM;
  }
  sqlite3_free(sql);
  sqlite3_free(create);
  return rc != SQLITE_OK ? -rc : sql != NULL;
}

/* psvtab_osquery(), psvtab_osquery(1): makes osquery's table names mean
** osquery's tables on this connection: a TEMP table NAME over each
** osquery_NAME (temp.* comes first in name lookup, so `processes` is then
** osquery's while `main.processes` stays psvtab's). psvtab_osquery(0)
** drops them again. Returns how many it created (dropped). A TEMP table
** of the user's own with such a name is left alone. */
static void osquery_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  int on = argc == 0 || sqlite3_value_int(argv[0]) != 0;
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  int count = 0;
  for (int i = 0; i < psv_n_tables; i++) {
    const char *module = psv_tables[i]->name;
    if (strncmp(module, OSQUERY_PREFIX, sizeof OSQUERY_PREFIX - 1) != 0) continue;
    char *err = NULL;
    int rc = switch_table(db, module, on, &err);
    if (rc < 0) {
      char *msg = sqlite3_mprintf("psvtab_osquery: %s: %s", module, err ? err : sqlite3_errstr(-rc));
      sqlite3_result_error(ctx, msg ? msg : "psvtab_osquery: out of memory", -1);
      if (-rc == SQLITE_NOMEM) sqlite3_result_error_nomem(ctx);
      sqlite3_free(msg);
      sqlite3_free(err);
      return;
    }
    count += rc;
  }
  sqlite3_result_int(ctx, count);
}

/* ---- Threads ------------------------------------------------------ */

/* The threads one scan may use (platform.h's psv_max_threads): chosen
** once per process, at the first load, from PSVTAB_THREADS or else one per
** online CPU; after that only psvtab_threads(n) changes it, so that a
** connection that loads psvtab later does not undo the host's choice. */
static _Atomic int threads_chosen;

/* psvtab_threads(): the threads one scan may use (the query's own among
** them), in every connection.
** psvtab_threads(n): at most n from now on (never more than the online
** CPUs); 1 reads on the query's thread alone. Returns the number in
** effect. */
static void threads_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (argc == 1) {
    sqlite3_int64 n = sqlite3_value_int64(argv[0]);
    if (sqlite3_value_numeric_type(argv[0]) != SQLITE_INTEGER || n < 1) {
      char *msg = sqlite3_mprintf(
        "psvtab_threads: argument n must be an integer of 1 or more "
        "(1: no threads), not %.40Q", (const char *)sqlite3_value_text(argv[0]));
      if (msg) sqlite3_result_error(ctx, msg, -1);
      else sqlite3_result_error_nomem(ctx);
      sqlite3_free(msg);
      return;
    }
    int cpus = psv_online_cpus();
    psv_set_max_threads(n < cpus ? (int)n : cpus);
    threads_chosen = 1;
  }
  sqlite3_result_int(ctx, psv_max_threads());
}

/* At the first load: PSVTAB_THREADS, an integer of 1 or more, else one
** thread per online CPU (none beyond the caller's on a one-CPU machine). */
static int choose_threads(char **err_msg) {
  if (threads_chosen) return SQLITE_OK;
  int n = psv_online_cpus();
  const char *env = getenv("PSVTAB_THREADS");
  if (env && *env) {
    char *end;
    errno = 0;
    long v = strtol(env, &end, 10);
    if (*end || end == env || errno || v < 1) {
      if (err_msg) {
        *err_msg = sqlite3_mprintf("psvtab: PSVTAB_THREADS=%.40Q is not a number of threads: "
                                   "expected an integer of 1 or more (1: no threads)", env);
      }
      return SQLITE_ERROR;
    }
    if (v < n) n = (int)v;
  }
  psv_set_max_threads(n);
  threads_chosen = 1;
  return SQLITE_OK;
}

static int register_functions(sqlite3 *db) {
  static const struct {
    const char *name;
    int n_args;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "psvtab_version", 0, version_func },
    { "psvtab_platform", 0, platform_func },
    { "format_bytes", 1, format_bytes_func },
    { "psvtab_bytes", 1, bytes_func },
  };
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = SQLITE_OK;
  for (size_t i = 0; rc == SQLITE_OK && i < sizeof functions / sizeof *functions; i++) {
    rc = sqlite3_create_function(db, functions[i].name, functions[i].n_args, flags, NULL,
                                 functions[i].fn, NULL, NULL);
  }
  /* It changes the connection's schema: never from a stored view. */
  for (int n_args = 0; rc == SQLITE_OK && n_args <= 1; n_args++) {
    rc = sqlite3_create_function(db, "psvtab_osquery", n_args, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                 NULL, osquery_func, NULL, NULL);
  }
  /* A setting of the process: not for views and triggers of a database. */
  for (int n_args = 0; rc == SQLITE_OK && n_args <= 1; n_args++) {
    rc = sqlite3_create_function(db, "psvtab_threads", n_args, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                 NULL, threads_func, NULL, NULL);
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
  /* Worker threads never call SQLite, its allocator included (see
  ** psv_worker_enter): whatever the host's threading mode, they may run. */
  int rc = choose_threads(err_msg);
  if (rc != SQLITE_OK) return rc;
  rc = register_functions(db);
  if (rc == SQLITE_OK) rc = psv_register_tables(db);
  if (rc != SQLITE_OK && err_msg) {
    *err_msg = sqlite3_mprintf("psvtab: cannot register: %s", sqlite3_errstr(rc));
  }
  return rc;
}
