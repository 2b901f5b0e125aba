/*
** common.h — helpers shared by the table files: walking processes for a
** scan, errors, intervals, and the rate tables' samples.
*/
#ifndef PSV_TABLES_COMMON_H
#define PSV_TABLES_COMMON_H

#include "vtab.h"
#include "platform.h"

#include <string.h>

/* Walks the processes of one scan: every pid of the listing, or only the
** pushed-down ones. Each step yields an opened process whose wanted facts
** are read; processes that vanish are skipped. */
typedef struct psv_proc_walk {
  psv_os *os;            /* the scan's */
  psv_pid_list *list;
  psv_proc *proc;
  int next_pid_index;
  int pid;               /* the current process */
  int open_always;       /* open each process even when no group is
                         ** wanted: the table reads its lists */
  /* A full scan that wants costly facts (PSV_PROC_COSTLY), or that has
  ** an extra read (below), is read ahead on psv_max_threads() threads,
  ** the query's among them, when that is more than 1. */
  psv_ahead *ahead;
  int ahead_decided;     /* at the scan's first step */
  /* Set by the table before a step: a costly read of each process's own
  ** (its lists) that the workers make too; NULL: none. When the scan is
  ** read ahead, each step sets `block` to the process's (else NULL) and
  ** the table reads its lists from there rather than through `proc`. */
  const psv_ahead_extra *extra;
  void *block;
} psv_proc_walk;

/* How many processes a read-ahead scan reads beyond the row in use, per
** thread: enough to keep every worker busy while SQLite uses a row. */
#define PSV_AHEAD_PER_THREAD 4

int psv_proc_walk_begin(psv_proc_walk *w, psv_scan *scan);
/* PSV_ROW with w->pid and *info filled, PSV_EOF, or an error. */
int psv_proc_walk_next(psv_proc_walk *w, psv_scan *scan, uint64_t want,
                       psv_proc_info *info);
void psv_proc_walk_end(psv_proc_walk *w);     /* per scan */
void psv_proc_walk_destroy(psv_proc_walk *w); /* at cursor close */

/* The create_time column of every per-process table, reading `sources`:
** the same value as processes.create_time, of the row's own process
** instance (the platform promises it), so that (pid, create_time) names
** one process instance in every table: a join USING (pid, create_time)
** cannot pair a process with another that reused its pid. */
#define PSV_CREATE_TIME_DOC "start time of the process as Unix time, as processes.create_time: " \
  "with pid it names one process instance, so join on both"
#define PSV_CREATE_TIME_COLUMN(sources) \
  {"create_time", "REAL", "seconds", PSV_CREATE_TIME_DOC, sources}

/* v = info's create_time when it has one (NULL otherwise). */
void psv_set_create_time(const psv_proc_info *info, psv_value *v);

/* For the lists of a process (descriptors, threads, mappings, ...): 0 when
** `err` is the process's own (it ended, or is not ours to see: it shows no
** rows then), else the scan fails with what the platform was reading. */
int psv_proc_list_check(psv_scan *scan, int err);

/* Set scan->err from an errno: "WHAT 'PATH': the errno's text". Returns
** PSV_ERROR (or PSV_NOMEM). */
int psv_scan_fail(psv_scan *scan, int err, const char *what, const char *path);
/* The same for a platform call on scan->os that failed with err: the
** platform says what it was reading (psv_os_failure). */
int psv_os_fail(psv_scan *scan, int err);

/* Sampling tables (cpu_percent(1), ...) take their interval as argument
** `arg`: seconds, more than 0 and at most PSV_MAX_INTERVAL, so that one
** query cannot hang its connection for long. PSV_ROW with *seconds set,
** or PSV_ERROR with a message that names the argument and the problem. */
#define PSV_MAX_INTERVAL 60.0
int psv_scan_interval(psv_scan *scan, int arg, const char *table, double *seconds);

/* Waits until psv_monotonic() reaches `until`, in slices short enough that
** an interrupt of the query ends the wait within PSV_WAIT_SLICE seconds
** (a signal ends a slice at once). PSV_ROW, or PSV_INTERRUPTED. */
#define PSV_WAIT_SLICE 0.02
int psv_scan_wait(psv_scan *scan, double until);

/* Counters of named things (disks, interfaces) from one sample, for the
** rate tables: sample, sleep, then look each thing of the second sample up
** in the first. */
#define PSV_SAMPLE_VALUES 8
typedef struct psv_sample {
  char name[64];
  unsigned has;                     /* table-specific: which values are set */
  uint64_t v[PSV_SAMPLE_VALUES];
} psv_sample;

typedef struct psv_samples {
  psv_sample *items;   /* sorted by name once psv_samples_sort ran */
  size_t n, cap;
  double at;           /* psv_monotonic() when they were read */
} psv_samples;

/* For a sampling table's first(): *sample is a new zeroed block of `size`
** bytes that read() filled; release() (the table's free_first) frees it,
** also when read() failed. PSV_ROW or read()'s error. */
int psv_first_take(psv_scan *scan, size_t size, int (*read)(void *first, psv_scan *scan),
                   void (*release)(void *first), void **sample);
/* The free_first of a first sample that is a psv_samples. */
void psv_samples_release(void *sample);

/* 0 or ENOMEM. Names longer than psv_sample.name holds are not kept (no
** disk or interface has one). */
int psv_samples_add(psv_samples *s, const char *name, unsigned has,
                    const uint64_t *v, int n);
void psv_samples_sort(psv_samples *s);
/* The thing named `name`, or NULL when the first sample lacked it. */
const psv_sample *psv_samples_find(const psv_samples *s, const char *name);
void psv_samples_free(psv_samples *s);

#endif /* PSV_TABLES_COMMON_H */
