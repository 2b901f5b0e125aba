/*
** alloc_stub.c — the platform layer's allocator for the fuzzers. In the
** extension ext/alloc.c routes these to sqlite3_malloc; here plain malloc,
** so that ASan sees every block (overflows, leaks, use after free).
*/
#include <stdlib.h>

#include "platform.h"

void *psv_malloc(size_t n) { return malloc(n); }
void *psv_realloc(void *p, size_t n) { return realloc(p, n); }
void psv_free(void *p) { free(p); }
void psv_worker_enter(void) {}
