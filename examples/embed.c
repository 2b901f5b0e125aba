/*
** embed.c — a program that links psvtab statically: it registers psvtab
** with sqlite3_auto_extension, so every connection it opens has the tables,
** and prints the processes using the most unique memory (USS).
**
**   cc embed.c $(pkg-config --cflags --libs psvtab) -o embed && ./embed 5
*/
#include <psvtab.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int limit = argc > 1 ? atoi(argv[1]) : 10;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
  const char *sql =
    "SELECT p.pid, p.name, m.uss, format_bytes(m.uss)"
    " FROM processes p JOIN process_memory m USING (pid)"
    " WHERE m.uss IS NOT NULL ORDER BY m.uss DESC LIMIT ?";
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
    fprintf(stderr, "embed: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 1;
  }
  sqlite3_bind_int(stmt, 1, limit);
  printf("%8s  %-20s %14s %8s\n", "PID", "NAME", "USS", "");
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    printf("%8d  %-20s %14lld %8s\n", sqlite3_column_int(stmt, 0),
           (const char *)sqlite3_column_text(stmt, 1),
           (long long)sqlite3_column_int64(stmt, 2),
           (const char *)sqlite3_column_text(stmt, 3));
  }
  int rc = sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}
