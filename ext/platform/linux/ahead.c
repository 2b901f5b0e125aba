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
** processes are read beyond the one in use.
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
  psv_proc *proc;      /* made by a worker: its buffers hold info's strings */
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
  uint64_t queued;        /* processes put in the ring (by the caller) */
  uint64_t claimed;       /* of those, taken by a worker */
  uint64_t used;          /* of those, handed out and given back */
  int in_use;             /* slots[used % depth] is the caller's row */
  int listed;             /* the listing ended (list_err: how) */
  int list_err;
  int stop;
  int n_workers;
  worker *workers;
  const char *failure;
};

/* Opens and reads the slot's process with the worker's handle. */
static void read_slot(worker *w, psv_ahead *a, slot *s) {
  int err = 0;
  if (!w->os) err = psv_linux_os_copy(a->os, &w->os);
  if (!err && !s->proc && !(s->proc = psv_proc_new())) err = ENOMEM;
  if (!err) err = psv_proc_open(s->proc, w->os, s->pid, 0);
  if (!err) err = psv_proc_read(s->proc, a->want, &s->info);
  if (!err && a->extra) err = a->extra->read(a->extra->ctx, s->proc, &s->info, s->block);
  if (err > 0 && w->os) snprintf(s->failure, sizeof s->failure, "%s", psv_os_failure(w->os));
  else if (err > 0) snprintf(s->failure, sizeof s->failure, "cannot read processes");
  /* the descriptor is not needed once read: the strings stay in buffers */
  if (s->proc) psv_proc_close(s->proc);
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
    read_slot(w, a, s);
    pthread_mutex_lock(&a->lock);
    s->done = 1;
    pthread_cond_signal(&a->ready);
  }
  pthread_mutex_unlock(&a->lock);
  return NULL;
}

static int start_workers(psv_ahead *a, int threads) {
  int err = 0;
  for (int i = 0; i < threads; i++) {
    a->workers[i].ahead = a;
    err = pthread_create(&a->workers[i].thread, NULL, work, &a->workers[i]);
    if (err) break;
    a->n_workers++;
  }
  /* fewer workers than asked still read ahead; none is no read-ahead */
  return a->n_workers ? 0 : err;
}

/* The slots' extra blocks, made here on the caller's thread. */
static int make_blocks(psv_ahead *a) {
  for (int i = 0; a->extra && i < a->depth; i++) {
    if (!(a->slots[i].block = psv_calloc(a->extra->size))) return ENOMEM;
  }
  return 0;
}

int psv_ahead_open(psv_os *os, psv_pid_list *list, int threads, int depth, uint64_t want,
                   const psv_ahead_extra *extra, psv_ahead **out) {
  *out = NULL;
  if (threads < 1 || depth < threads) return EINVAL;
  psv_ahead *a = psv_calloc(sizeof *a);
  if (!a) return ENOMEM;
  a->slots = psv_calloc(sizeof *a->slots * (size_t)depth);
  a->workers = psv_calloc(sizeof *a->workers * (size_t)threads);
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
  if (!err) err = start_workers(a, threads);
  if (err) {
    psv_ahead_close(a);
    return err;
  }
  *out = a;
  return 0;
}

/* Puts the next pids of the listing into the free slots; the workers take
** them. Only the caller writes `queued`, and a slot beyond it is no
** worker's, so the listing runs outside the lock. */
static void fill_ring(psv_ahead *a) {
  uint64_t queued = a->queued;
  while (!a->listed && queued - a->used < (uint64_t)a->depth) {
    int pid, rc = psv_pid_list_next(a->list, &pid);
    if (rc <= 0) {
      a->listed = 1;
      a->list_err = -rc;
      break;
    }
    a->slots[queued++ % (uint64_t)a->depth].pid = pid;
  }
  if (queued == a->queued) return;
  pthread_mutex_lock(&a->lock);
  a->queued = queued;
  pthread_cond_broadcast(&a->work);
  pthread_mutex_unlock(&a->lock);
}

/* Waits for the slot of process number `used`, and takes it. */
static slot *take_slot(psv_ahead *a) {
  slot *s = &a->slots[a->used % (uint64_t)a->depth];
  pthread_mutex_lock(&a->lock);
  while (!s->done) pthread_cond_wait(&a->ready, &a->lock);
  s->done = 0;
  pthread_mutex_unlock(&a->lock);
  a->in_use = 1;
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
    psv_proc_free(a->slots[i].proc);
    if (a->slots[i].block) {
      a->extra->release(a->slots[i].block);
      psv_free(a->slots[i].block);
    }
  }
  pthread_cond_destroy(&a->ready);
  pthread_cond_destroy(&a->work);
  pthread_mutex_destroy(&a->lock);
  psv_free(a->workers);
  psv_free(a->slots);
  psv_free(a);
}
