/*
** alloc.c — the platform layer's memory. On the thread that runs the query
** it comes from SQLite, so that the host's limits and allocator apply
** (sqlite3_soft_heap_limit64, SQLITE_CONFIG_MALLOC). A worker thread of the
** platform layer (one that called psv_worker_enter) never calls the host's
** allocator: the host may run SQLite single-threaded or give it an
** allocator that is not thread-safe, and nothing tells psvtab so
** (sqlite3_threadsafe() is how SQLite was compiled, not how it runs). There
** blocks come from the C library's malloc, which is always thread-safe.
**
** A header in front of each block says where it came from, so that the
** query's thread frees a worker's block with free() and its own with
** sqlite3_free(). A worker frees and grows only the blocks it took.
*/
#include "psvtab_int.h"
#include "platform.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>

SQLITE_EXTENSION_INIT3

/* 16 bytes keep the alignment both allocators give. */
#define HEADER 16
enum { FROM_HOST = 0x70737648, FROM_LIBC = 0x7073764c };   /* "psvH", "psvL" */

static _Thread_local int in_worker;

void psv_worker_enter(void) { in_worker = 1; }

static uint32_t *header_of(void *p) { return (uint32_t *)((char *)p - HEADER); }

static void *tagged(void *block, uint32_t from) {
  if (!block) return NULL;
  *(uint32_t *)block = from;
  return (char *)block + HEADER;
}

void *psv_malloc(size_t n) {
  if (n == 0 || n > SIZE_MAX - HEADER) return NULL;
  if (in_worker) return tagged(malloc(n + HEADER), FROM_LIBC);
  return tagged(sqlite3_malloc64(n + HEADER), FROM_HOST);
}

void *psv_realloc(void *p, size_t n) {
  if (!p) return psv_malloc(n);
  if (n == 0) {
    psv_free(p);
    return NULL;
  }
  if (n > SIZE_MAX - HEADER) return NULL;
  uint32_t *h = header_of(p);
  if (*h == FROM_LIBC) return tagged(realloc(h, n + HEADER), FROM_LIBC);
  assert(!in_worker);   /* a worker grows only its own blocks */
  if (in_worker) return NULL;
  return tagged(sqlite3_realloc64(h, n + HEADER), FROM_HOST);
}

void psv_free(void *p) {
  if (!p) return;
  uint32_t *h = header_of(p);
  if (*h == FROM_LIBC) {
    free(h);
    return;
  }
  assert(!in_worker);   /* a worker frees only its own blocks */
  if (!in_worker) sqlite3_free(h);
}
