/*
** common.c — process walking and value builders shared by the tables.
*/
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int psv_scan_fail(psv_scan *scan, int err, const char *what, const char *path) {
  char text[128];
  if (err == ENOMEM) return PSV_NOMEM;
  snprintf(scan->err, scan->err_size, "%s '%s': %s", what, path,
           psv_strerror(err, text, sizeof text));
  return PSV_ERROR;
}

int psv_os_fail(psv_scan *scan, int err) {
  char text[128];
  if (err == ENOMEM) return PSV_NOMEM;
  snprintf(scan->err, scan->err_size, "%s: %s", psv_os_failure(scan->os),
           psv_strerror(err, text, sizeof text));
  return PSV_ERROR;
}

int psv_scan_wait(psv_scan *scan, double until) {
  for (;;) {
    if (scan->interrupted && scan->interrupted(scan->interrupt_ctx)) return PSV_INTERRUPTED;
    double left = until - psv_monotonic();
    if (left <= 0) return PSV_ROW;
    psv_sleep(left < PSV_WAIT_SLICE ? left : PSV_WAIT_SLICE);
  }
}

int psv_proc_list_check(psv_scan *scan, int err) {
  return psv_is_resource_errno(err) ? psv_os_fail(scan, err) : 0;
}

void psv_set_create_time(const psv_proc_info *info, psv_value *v) {
  if (info->have & PSV_PROC_CREATE_TIME) psv_set_real(v, info->create_time);
}

int psv_scan_interval(psv_scan *scan, int arg, const char *table, double *seconds) {
  const psv_value *v = &scan->args[arg];
  const char *expect = "expected seconds, more than 0 and at most 60";
  if (!psv_arg_given(scan, arg)) {
    snprintf(scan->err, scan->err_size,
             "an interval in seconds is required, e.g. SELECT * FROM %s(1)", table);
    return PSV_ERROR;
  }
  if (v->type == PSV_INT || v->type == PSV_REAL) {
    double s = v->type == PSV_INT ? (double)v->i : v->r;
    if (s > 0 && s <= PSV_MAX_INTERVAL) {
      *seconds = s;
      return PSV_ROW;
    }
    if (s == 0) {
      /* psutil's 0 compares with its previous call; a query keeps nothing */
      snprintf(scan->err, scan->err_size,
               "interval 0: no sample is kept between queries, so 0 cannot mean "
               "'since the last call': %s", expect);
    } else {
      snprintf(scan->err, scan->err_size, "interval %.15g is out of range: %s", s, expect);
    }
  } else if (v->type == PSV_NULL) {
    snprintf(scan->err, scan->err_size, "interval is NULL: %s", expect);
  } else if (v->type == PSV_TEXT) {
    snprintf(scan->err, scan->err_size, "interval '%.*s' is not a number: %s",
             v->n > 40 ? 40 : (int)v->n, v->s, expect);
  } else {
    snprintf(scan->err, scan->err_size, "interval is a blob, not a number: %s", expect);
  }
  return PSV_ERROR;
}

int psv_samples_add(psv_samples *s, const char *name, unsigned has,
                    const uint64_t *v, int n) {
  size_t len = strlen(name);
  if (len >= sizeof s->items[0].name) return 0;
  if (psv_grow((void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) return ENOMEM;
  psv_sample *it = &s->items[s->n++];
  memset(it, 0, sizeof *it);
  memcpy(it->name, name, len + 1);
  it->has = has;
  for (int i = 0; i < n && i < PSV_SAMPLE_VALUES; i++) it->v[i] = v[i];
  return 0;
}

static int cmp_sample(const void *a, const void *b) {
  return strcmp(((const psv_sample *)a)->name, ((const psv_sample *)b)->name);
}

void psv_samples_sort(psv_samples *s) {
  if (s->n > 1) qsort(s->items, s->n, sizeof *s->items, cmp_sample);
}

const psv_sample *psv_samples_find(const psv_samples *s, const char *name) {
  psv_sample key;
  size_t len = strlen(name);
  if (len >= sizeof key.name || s->n == 0) return NULL;
  memcpy(key.name, name, len + 1);
  return bsearch(&key, s->items, s->n, sizeof *s->items, cmp_sample);
}

void psv_samples_free(psv_samples *s) {
  psv_free(s->items);
  memset(s, 0, sizeof *s);
}

void psv_samples_release(void *sample) {
  if (!sample) return;
  psv_samples_free(sample);
  psv_free(sample);
}

int psv_first_take(psv_scan *scan, size_t size, int (*read)(void *first, psv_scan *scan),
                   void (*release)(void *first), void **sample) {
  void *first = psv_calloc(size);
  if (!first) return PSV_NOMEM;
  int rc = read(first, scan);
  if (rc != PSV_ROW) {
    release(first);
    return rc;
  }
  *sample = first;
  return PSV_ROW;
}

int psv_proc_walk_begin(psv_proc_walk *w, psv_scan *scan) {
  w->next_pid_index = 0;
  w->pid = 0;
  w->ahead_decided = 0;
  w->os = scan->os;
  if (!w->proc && !(w->proc = psv_proc_new())) return PSV_NOMEM;
  int err = scan->pids ? 0 : psv_pid_list_open(w->os, &w->list);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

/* The next candidate pid: from the listing or from the pushed-down set. */
static int next_pid(psv_proc_walk *w, psv_scan *scan, int *pid) {
  if (scan->pids) {
    if (w->next_pid_index >= scan->n_pids) return 0;
    *pid = scan->pids[w->next_pid_index++];
    return 1;
  }
  int rc = psv_pid_list_next(w->list, pid);
  return rc < 0 ? psv_os_fail(scan, -rc) : rc;
}

/* Reads ahead when it pays: a full scan (a lookup of a few pids gains
** nothing), of costly facts (for cheap ones a hand-off between threads
** costs more than the read), with threads allowed. Where the platform
** cannot (ENOSYS) or no thread starts, the scan reads one by one. */
static int decide_ahead(psv_proc_walk *w, psv_scan *scan, uint64_t want) {
  w->ahead_decided = 1;
  int threads = psv_max_threads();
  int costly = w->extra || (!w->open_always && (want & PSV_PROC_COSTLY));
  if (scan->pids || !costly || threads < 2) return PSV_ROW;
  int err = psv_ahead_open(w->os, w->list, threads, threads * PSV_AHEAD_PER_THREAD, want,
                           w->extra, &w->ahead);
  return err == ENOMEM ? PSV_NOMEM : PSV_ROW;
}

/* The next process read ahead. At the end, or at an error, the workers
** stop at once: the statement may hold the cursor open long after. */
static int ahead_next(psv_proc_walk *w, psv_scan *scan, psv_proc_info *info) {
  int pid, rc = psv_ahead_next(w->ahead, &pid, info, &w->block);
  if (rc > 0) {
    w->pid = pid;
    return PSV_ROW;
  }
  if (rc < 0 && -rc != ENOMEM) {
    char text[128];
    snprintf(scan->err, scan->err_size, "%s: %s", psv_ahead_failure(w->ahead),
             psv_strerror(-rc, text, sizeof text));
  }
  psv_ahead_close(w->ahead);
  w->ahead = NULL;
  return rc == 0 ? PSV_EOF : -rc == ENOMEM ? PSV_NOMEM : PSV_ERROR;
}

int psv_proc_walk_next(psv_proc_walk *w, psv_scan *scan, uint64_t want,
                       psv_proc_info *info) {
  w->block = NULL;
  if (!w->ahead_decided) {
    int rc = decide_ahead(w, scan, want);
    if (rc != PSV_ROW) return rc;
  }
  if (w->ahead) return ahead_next(w, scan, info);
  for (;;) {
    int pid;
    int rc = next_pid(w, scan, &pid);
    if (rc <= 0) return rc;
    if (!want && !scan->pids && !w->open_always) {   /* count(*): the listing is the answer */
      memset(info, 0, sizeof *info);
      w->pid = pid;
      return PSV_ROW;
    }
    /* A pid from the user may name a thread: psv_proc_open checks it. */
    int err = psv_proc_open(w->proc, w->os, pid, scan->pids != NULL);
    if (!err) err = psv_proc_read(w->proc, want, info);
    if (err == PSV_GONE) continue;   /* exited, or hidden from us: no row */
    if (err) return psv_os_fail(scan, err);   /* EMFILE and the like: say so */
    w->pid = pid;
    return PSV_ROW;
  }
}

void psv_proc_walk_end(psv_proc_walk *w) {
  psv_ahead_close(w->ahead);   /* before the listing it reads */
  w->ahead = NULL;
  w->block = NULL;
  if (w->proc) psv_proc_close(w->proc);
  psv_pid_list_close(w->list);
  w->list = NULL;
}

void psv_proc_walk_destroy(psv_proc_walk *w) {
  psv_proc_walk_end(w);
  psv_proc_free(w->proc);
  w->proc = NULL;
}
