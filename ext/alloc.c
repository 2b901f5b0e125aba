/*
** alloc.c — the platform layer's memory, taken from SQLite so that the
** host's limits (sqlite3_soft_heap_limit64, SQLITE_CONFIG_MALLOC) apply.
*/
#include "psvtab_int.h"
#include "platform.h"

SQLITE_EXTENSION_INIT3

void *psv_malloc(size_t n) { return sqlite3_malloc64(n); }
void *psv_realloc(void *p, size_t n) { return sqlite3_realloc64(p, n); }
void psv_free(void *p) { sqlite3_free(p); }
