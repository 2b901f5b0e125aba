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
** caller's: when the process it needs next is one no worker has taken
** yet, it reads it itself (with a psv_proc and block of its own) rather
** than wait, so a scan never runs slower than one thread would by much,
** however busy the machine.
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

typedef struct slot {
  int pid;
  int done;            /* read: err and info are set (under the lock) */
  int err;             /* 0, PSV_GONE, or the system's trouble */
  psv_proc *proc;      /* its buffers hold info's strings */
  psv_proc_info info;
  void *block;         /* the extra's, or NULL */
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
  slot own;               /* what the caller read itself (its memory is the host's) */
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

/* Opens and reads the slot's process (s->pid) through os. */
static void read_slot(psv_ahead *a, psv_os *os, slot *s) {
  int err = 0;
  if (!s->proc && !(s->proc = psv_proc_new())) err = ENOMEM;
  if (!err) err = psv_proc_open(s->proc, os, s->pid, 0);
  if (!err) err = psv_proc_read(s->proc, a->want, &s->info);
  if (!err && a->extra) err = a->extra->read(a->extra->ctx, s->proc, &s->info, s->block);
  if (err > 0) snprintf(s->failure, sizeof s->failure, "%s", psv_os_failure(os));
  /* the descriptor is not needed once read: the strings stay in buffers */
  if (s->proc) psv_proc_close(s->proc);
  s->err = err;
}

/* A worker's read: through its own handle, opened at its first. */
static void work_on(worker *w, slot *s) {
  int err = w->os ? 0 : psv_linux_os_copy(w->ahead->os, &w->os);
  if (!err) {
    read_slot(w->ahead, w->os, s);
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

/* The extra blocks, the slots' and the caller's own, made here on the
** caller's thread (a worker grows only the blocks its block holds). */
static int make_blocks(psv_ahead *a) {
  if (!a->extra) return 0;
  for (int i = 0; i < a->depth; i++) {
    if (!(a->slots[i].block = psv_calloc(a->extra->size))) return ENOMEM;
  }
  return (a->own.block = psv_calloc(a->extra->size)) ? 0 : ENOMEM;
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
  int err = make_blocks(a);
  if (!err) err = start_workers(a, threads - 1);   /* and the caller */
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

/* The slot of process number `used`: read by a worker (waited for), or,
** when none has taken it yet, read here. */
static slot *take_slot(psv_ahead *a) {
  slot *s = &a->slots[a->used % (uint64_t)a->depth];
  pthread_mutex_lock(&a->lock);
  if (a->claimed == a->used) {
    a->claimed++;
    pthread_mutex_unlock(&a->lock);
    a->own.pid = s->pid;
    read_slot(a, a->os, &a->own);
    return &a->own;
  }
  while (!s->done) pthread_cond_wait(&a->ready, &a->lock);
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

static void free_slot(psv_ahead *a, slot *s) {
  psv_proc_free(s->proc);
  if (s->block) {
    a->extra->release(s->block);
    psv_free(s->block);
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
  for (int i = 0; i < a->depth; i++) free_slot(a, &a->slots[i]);
  free_slot(a, &a->own);
  pthread_cond_destroy(&a->ready);
  pthread_cond_destroy(&a->work);
  pthread_mutex_destroy(&a->lock);
  psv_free(a->workers);
  psv_free(a->slots);
  psv_free(a);
}
