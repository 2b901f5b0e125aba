/*
** psvtab_int.h — what the SQLite-facing files (psvtab.c, vtab.c) share.
** Table files include vtab.h instead and never see SQLite.
*/
#ifndef PSV_PSVTAB_INT_H
#define PSV_PSVTAB_INT_H

#include <sqlite3ext.h>
#include "vtab.h"

/* Register one table as an SQLite module named after it. */
int psv_register_table(sqlite3 *db, const psv_table *t);

#endif /* PSV_PSVTAB_INT_H */
