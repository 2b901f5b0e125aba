/*
** psvstatic.c — a program that links libpsvtab.a with the system SQLite,
** as an embedding application would, and prints the rows of one query
** ("a|b|c" per row). With --direct it calls sqlite3_psvtab_init on the
** connection; otherwise it registers it with sqlite3_auto_extension.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int sqlite3_psvtab_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

static int print_row(void *ctx, int n, char **values, char **names) {
  (void)ctx; (void)names;
  for (int i = 0; i < n; i++) printf("%s%s", i ? "|" : "", values[i] ? values[i] : "");
  printf("\n");
  return 0;
}

int main(int argc, char **argv) {
  int direct = argc > 2 && strcmp(argv[1], "--direct") == 0;
  if (argc < 2 || (direct && argc < 3)) {
    fprintf(stderr, "usage: psvstatic [--direct] SQL\n");
    return 2;
  }
  const char *sql = argv[direct ? 2 : 1];
  sqlite3 *db;
  char *err = NULL;
  if (!direct) sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
  if (direct && sqlite3_psvtab_init(db, &err, NULL) != SQLITE_OK) {
    fprintf(stderr, "init: %s\n", err ? err : "?");
    return 1;
  }
  int rc = sqlite3_exec(db, sql, print_row, NULL, &err);
  if (rc != SQLITE_OK) fprintf(stderr, "error: %s\n", err);
  sqlite3_free(err);
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}
