/*
** ahead.c — a full scan of processes read ahead on worker threads
** (platform.h, "Reading processes ahead").
**
** The caller lists the pids into a ring of `depth` slots; the workers take
** the slots in order, each opening and reading its process into the slot
** (a psv_proc of the slot's own, so every fact of a row comes from one
** /proc/PID descriptor); the caller hands the slots out in ring order and
** gives a slot back to the ring when it asks for the next. So rows come in
** the listing's order whatever the timing, and no more than `depth`
** processes are read beyond the one in use. Of `threads`, one is the
** caller's: while the process it needs next is not read yet, it reads the
** next one that no worker has taken (itself, perhaps) rather than wait,
** so that it shares the reads when SQLite leaves it time, and a scan is
** not much slower than one thread on a machine without a CPU to spare.
** A slot has a psv_proc and block for the workers and another for the
** caller: the caller's memory is the host's, a worker's the C library's,
** and each grows only its own.
**
** Each worker reads through a psv_os of its own (its caches, user names
** and terminals, are not shared), and calls psv_worker_enter first: its
** blocks come from the C library, never from the host's allocator. The
** strings of a slot's facts live in the slot's psv_proc and the worker's
** handle, both kept until psv_ahead_close, which joins the workers first.
*/
#include "linux.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* A reader's part of a slot. */
typedef struct reading {
  psv_proc *proc;      /* its buffers hold info's strings */
  void *block;         /* the extra's, or NULL */
} reading;

typedef struct slot {
  int pid;
  int done;            /* read: err and info are set (under the lock) */
  int err;             /* 0, PSV_GONE, or the system's trouble */
  reading by_worker, by_caller;
  psv_proc_info info;
  void *block;         /* the block of the reading that read it */
  char failure[320];   /* err's psv_os_failure */
} slot;

typedef struct worker {
  pthread_t thread;
  psv_ahead *ahead;
  psv_os *os;          /* the worker's own, opened on its thread */
} worker;

struct psv_ahead {
  pthread_mutex_t lock;
  pthread_cond_t work;    /* for the workers: a slot to read, or stop */
  pthread_cond_t ready;   /* for the caller: a slot was read */
  psv_os *os;             /* the caller's */
  psv_pid_list *list;     /* the caller's, read on its thread */
  uint64_t want;
  const psv_ahead_extra *extra;   /* NULL: none */
  int depth;
  slot *slots;            /* process number n of the scan is slots[n % depth] */
  uint64_t queued;        /* processes put in the ring (by the caller) */
  uint64_t claimed;       /* of those, taken by a worker or the caller */
  uint64_t used;          /* of those, handed out and given back */
  int in_use;             /* the caller holds process number `used` */
  int listed;             /* the listing ended (list_err: how) */
  int list_err;
  int stop;
  int n_workers;
  worker *workers;
  const char *failure;
};

/* Opens and reads the slot's process (s->pid) through os, into r. */
static void read_slot(psv_ahead *a, psv_os *os, slot *s, reading *r) {
  int err = 0;
  if (!r->proc && !(r->proc = psv_proc_new())) err = ENOMEM;
  if (!err && a->extra && !r->block && !(r->block = psv_calloc(a->extra->size))) err = ENOMEM;
  if (!err) err = psv_proc_open(r->proc, os, s->pid, 0);
  if (!err) err = psv_proc_read(r->proc, a->want, &s->info);
  if (!err && a->extra) err = a->extra->read(a->extra->ctx, r->proc, &s->info, r->block);
  if (err > 0) snprintf(s->failure, sizeof s->failure, "%s", psv_os_failure(os));
  /* the descriptor is not needed once read: the strings stay in buffers */
  if (r->proc) psv_proc_close(r->proc);
  s->block = r->block;
  s->err = err;
}

/* A worker's read: through its own handle, opened at its first. */
static void work_on(worker *w, slot *s) {
  int err = w->os ? 0 : psv_linux_os_copy(w->ahead->os, &w->os);
  if (!err) {
    read_slot(w->ahead, w->os, s, &s->by_worker);
    return;
  }
  snprintf(s->failure, sizeof s->failure, "cannot read processes");
  s->err = err;
}

static void *work(void *arg) {
  worker *w = arg;
  psv_ahead *a = w->ahead;
  psv_worker_enter();
  pthread_mutex_lock(&a->lock);
  for (;;) {
    while (!a->stop && a->claimed == a->queued) pthread_cond_wait(&a->work, &a->lock);
    if (a->stop) break;
    slot *s = &a->slots[a->claimed++ % (uint64_t)a->depth];
    pthread_mutex_unlock(&a->lock);
    work_on(w, s);
    pthread_mutex_lock(&a->lock);
    s->done = 1;
    pthread_cond_signal(&a->ready);
  }
  pthread_mutex_unlock(&a->lock);
  return NULL;
}

static int start_workers(psv_ahead *a, int n) {
  int err = 0;
  for (int i = 0; i < n; i++) {
    a->workers[i].ahead = a;
    err = pthread_create(&a->workers[i].thread, NULL, work, &a->workers[i]);
    if (err) break;
    a->n_workers++;
  }
  /* fewer workers than asked still read ahead; none is no read-ahead */
  return a->n_workers ? 0 : err;
}

int psv_ahead_open(psv_os *os, psv_pid_list *list, int threads, int depth, uint64_t want,
                   const psv_ahead_extra *extra, psv_ahead **out) {
  *out = NULL;
  if (threads < 2 || depth < threads) return EINVAL;
  psv_ahead *a = psv_calloc(sizeof *a);
  if (!a) return ENOMEM;
  a->slots = psv_calloc(sizeof *a->slots * (size_t)depth);
  a->workers = psv_calloc(sizeof *a->workers * (size_t)(threads - 1));
  if (!a->slots || !a->workers) {
    psv_free(a->slots);
    psv_free(a->workers);
    psv_free(a);
    return ENOMEM;
  }
  a->os = os;
  a->list = list;
  a->want = want;
  a->extra = extra;
  a->depth = depth;
  pthread_mutex_init(&a->lock, NULL);
  pthread_cond_init(&a->work, NULL);
  pthread_cond_init(&a->ready, NULL);
  int err = start_workers(a, threads - 1);   /* and the caller */
  if (err) {
    psv_ahead_close(a);
    return err;
  }
  *out = a;
  return 0;
}

/* Puts the next pids of the listing into the free slots; the workers take
** them. The ring is filled when half of it is free, so that a worker
** wakes for several processes rather than one. Only the caller writes
** `queued`, and a slot beyond it is no worker's, so the listing runs
** outside the lock. */
static void fill_ring(psv_ahead *a) {
  uint64_t depth = (uint64_t)a->depth, queued = a->queued;
  if (a->listed || queued - a->used > depth / 2) return;
  while (!a->listed && queued - a->used < depth) {
    int pid, rc = psv_pid_list_next(a->list, &pid);
    if (rc <= 0) {
      a->listed = 1;
      a->list_err = -rc;
      break;
    }
    a->slots[queued++ % depth].pid = pid;
  }
  if (queued == a->queued) return;
  pthread_mutex_lock(&a->lock);
  a->queued = queued;
  pthread_cond_broadcast(&a->work);
  pthread_mutex_unlock(&a->lock);
}

/* The slot of process number `used`, once read: until then the caller
** reads the next slot no worker has taken (perhaps that one), and waits
** only when every listed process is taken. */
static slot *take_slot(psv_ahead *a) {
  uint64_t depth = (uint64_t)a->depth;
  slot *s = &a->slots[a->used % depth];
  pthread_mutex_lock(&a->lock);
  while (!s->done) {
    if (a->claimed == a->queued) {
      pthread_cond_wait(&a->ready, &a->lock);
      continue;
    }
    slot *next = &a->slots[a->claimed++ % depth];
    pthread_mutex_unlock(&a->lock);
    read_slot(a, a->os, next, &next->by_caller);
    pthread_mutex_lock(&a->lock);
    next->done = 1;
  }
  s->done = 0;
  pthread_mutex_unlock(&a->lock);
  return s;
}

int psv_ahead_next(psv_ahead *a, int *pid, psv_proc_info *info, void **block) {
  for (;;) {
    if (a->in_use) {   /* the caller is done with its row: back to the ring */
      a->in_use = 0;
      a->used++;
    }
    fill_ring(a);
    if (a->used == a->queued) {   /* every listed process was handed out */
      if (!a->list_err) return 0;
      a->failure = psv_os_failure(a->os);
      return -a->list_err;
    }
    slot *s = take_slot(a);
    a->in_use = 1;
    if (s->err == PSV_GONE) continue;   /* exited, or hidden from us: no row */
    if (s->err) {
      a->failure = s->failure;
      return -s->err;
    }
    *pid = s->pid;
    *info = s->info;
    *block = s->block;
    return 1;
  }
}

const char *psv_ahead_failure(psv_ahead *a) {
  return a->failure ? a->failure : "cannot read processes";
}

static void free_reading(psv_ahead *a, reading *r) {
  psv_proc_free(r->proc);
  if (r->block) {
    a->extra->release(r->block);
    psv_free(r->block);
  }
}

void psv_ahead_close(psv_ahead *a) {
  if (!a) return;
  pthread_mutex_lock(&a->lock);
  a->stop = 1;
  pthread_cond_broadcast(&a->work);
  pthread_mutex_unlock(&a->lock);
  for (int i = 0; i < a->n_workers; i++) {
    pthread_join(a->workers[i].thread, NULL);
    psv_os_close(a->workers[i].os);
  }
  for (int i = 0; i < a->depth; i++) {
    free_reading(a, &a->slots[i].by_worker);
    free_reading(a, &a->slots[i].by_caller);
  }
  pthread_cond_destroy(&a->ready);
  pthread_cond_destroy(&a->work);
  pthread_mutex_destroy(&a->lock);
  psv_free(a->workers);
  psv_free(a->slots);
  psv_free(a);
}
