/*
** psvtab.h — for programs that link libpsvtab.a (the live operating system
** as SQLite virtual tables) instead of loading psvtab.so:
**
**   #include <sqlite3.h>
**   #include <psvtab.h>
**   sqlite3_auto_extension((void (*)(void))sqlite3_psvtab_init);
**   // every connection opened from now on has the psvtab tables
**
** or, for one connection: sqlite3_psvtab_init(db, &err_msg, NULL).
** Build flags: pkg-config --cflags --libs psvtab
*/
#ifndef PSVTAB_H
#define PSVTAB_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Registers the psvtab tables and functions on db. SQLITE_OK, or an error
** code with *err_msg set (free it with sqlite3_free). */
int sqlite3_psvtab_init(sqlite3 *db, char **err_msg, const sqlite3_api_routines *api);

#ifdef __cplusplus
}
#endif

#endif /* PSVTAB_H */
