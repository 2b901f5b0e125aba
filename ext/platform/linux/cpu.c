/*
** cpu.c — system-wide CPU facts from a procfs root (stat, loadavg,
** cpuinfo) and a sysfs root (devices/system/cpu: online CPUs, topology,
** cpufreq), with psutil's definitions.
*/
#include "linux.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>

#define CPU_DIR "devices/system/cpu"

/* Read <root>/<rel> whole into b. */
static int read_under(const char *root, const char *rel, psv_buf *b) {
  char path[4096];
  int w = snprintf(path, sizeof path, "%s/%s", root, rel);
  if (w < 0 || (size_t)w >= sizeof path) return ENAMETOOLONG;
  return psv_linux_read_at(AT_FDCWD, path, b);
}

/* ---- Times, counters, load ----------------------------------------- */

/* Adds every cpu line of a /proc/stat text to *rows. */
static int collect_cpu_lines(const psv_buf *b, psv_cpu_times **rows, size_t *n) {
  size_t off = 0, len, cap = 0;
  const char *line;
  while (psv_next_line(b->p, b->n, &off, &line, &len)) {
    psv_cpu_times t;
    if (psv_parse_cpu_times_line(line, len, &t)) continue;
    /* psutil reads the total from the first line; a second total is not
    ** a CPU */
    if ((*n == 0) != (t.cpu < 0)) {
      if (*n == 0) return EINVAL;
      continue;
    }
    if (psv_grow((void **)rows, &cap, *n + 1, sizeof **rows)) return ENOMEM;
    (*rows)[(*n)++] = t;
  }
  return *n ? 0 : EINVAL;
}

int psv_cpu_times_read(psv_os *os, psv_cpu_times **out, size_t *n) {
  psv_buf b = {0};
  psv_cpu_times *rows = NULL;
  size_t count = 0;
  int err = read_under(psv_linux_procfs(os), "stat", &b);
  if (!err) err = collect_cpu_lines(&b, &rows, &count);
  psv_buf_free(&b);
  if (err) {
    psv_free(rows);
    rows = NULL;
    count = 0;
  }
  *out = rows;
  *n = count;
  return err ? psv_linux_fail_under(os, err, "stat", psv_linux_procfs(os)) : 0;
}

int psv_cpu_stats_read(psv_os *os, psv_cpu_stats *out) {
  psv_buf b = {0};
  int err = read_under(psv_linux_procfs(os), "stat", &b);
  if (!err) {
    psv_parse_cpu_stats(b.p, b.n, out);
    /* Linux does not count system calls: psutil says 0 */
    out->syscalls = 0;
    out->have |= PSV_CS_SYSCALLS;
  }
  psv_buf_free(&b);
  return err ? psv_linux_fail_under(os, err, "stat", psv_linux_procfs(os)) : 0;
}

/* The machine's own load: sysinfo(2), as glibc's getloadavg() and so
** psutil.getloadavg() read it, at the kernel's precision (1/65536 steps;
** /proc/loadavg prints two decimals). Another tree: its loadavg file. */
int psv_load_avg_read(psv_os *os, double out[3]) {
  const char *procfs = psv_linux_procfs(os);
  int err = 0;
  if (psv_linux_is_live(os)) {
    struct sysinfo si;
    if (sysinfo(&si) != 0) err = errno;
    for (int i = 0; !err && i < 3; i++) out[i] = (double)si.loads[i] / (double)(1 << SI_LOAD_SHIFT);
  } else {
    psv_buf b = {0};
    err = read_under(procfs, "loadavg", &b);
    if (!err) err = psv_parse_loadavg(b.p, b.n, out);
    psv_buf_free(&b);
  }
  return err ? psv_linux_fail_under(os, err, "loadavg", procfs) : 0;
}

/* psutil's _cpu_tot_time and _cpu_busy_time over the states' growth (each
** at least 0). */
void psv_cpu_busy(const psv_cpu_times *before, const psv_cpu_times *after,
                  double *busy, double *total) {
  unsigned both = before->have & after->have;
  double delta[PSV_CPU_N_STATES] = {0};
  double sum = 0;
  for (int s = 0; s < PSV_CPU_N_STATES; s++) {
    if (!(both & (1u << s))) continue;
    delta[s] = (double)psv_delta(before->time[s], after->time[s]);
    sum += delta[s];
  }
  /* guest time is also in user (and guest_nice in nice): not twice */
  *total = sum - delta[PSV_CPU_GUEST] - delta[PSV_CPU_GUEST_NICE];
  /* iowait is idle time too (the CPU waits), though the kernel counts it
  ** apart */
  *busy = *total - delta[PSV_CPU_IDLE] - delta[PSV_CPU_IOWAIT];
}

/* ---- CPU counts ---------------------------------------------------- */

static int count_one(void *ctx, long cpu) {
  (void)cpu;
  (*(int64_t *)ctx)++;
  return 0;
}

static int64_t count_stat_cpus(const psv_buf *b) {
  size_t off = 0, len;
  const char *line;
  int64_t count = 0;
  psv_cpu_times t;
  while (psv_next_line(b->p, b->n, &off, &line, &len)) {
    if (psv_parse_cpu_times_line(line, len, &t) == 0 && t.cpu >= 0) count++;
  }
  return count;
}

int psv_linux_cpu_count_logical(psv_os *os, int64_t *out) {
  const char *procfs = psv_linux_procfs(os), *sysfs = psv_linux_sysfs(os);
  psv_buf b = {0};
  psv_cpuinfo info;
  int64_t count = 0;
  int err = read_under(sysfs, CPU_DIR "/online", &b);
  if (!err && psv_cpu_list_each(b.p, b.n, count_one, &count) != 0) count = 0;
  if (err != ENOMEM && count == 0 && (err = read_under(procfs, "cpuinfo", &b)) == 0) {
    psv_parse_cpuinfo(b.p, b.n, &info);
    count = info.processors;
  }
  if (err != ENOMEM && count == 0 && (err = read_under(procfs, "stat", &b)) == 0) {
    count = count_stat_cpus(&b);
  }
  psv_buf_free(&b);
  *out = count;
  return err == ENOMEM ? ENOMEM : 0;
}

/* The numbers N of the entries PREFIX<N> of a directory, ascending. */
typedef struct numbered { int *nums; size_t n, cap; } numbered;

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* N of PREFIX<N>, spelled as the kernel does ("cpu01" is no CPU), or -1. */
static int number_after(const char *name, const char *prefix) {
  size_t plen = strlen(prefix);
  if (strncmp(name, prefix, plen) != 0) return -1;
  return psv_name_number(name + plen);
}

/* 0 (an empty list when the directory cannot be read) or ENOMEM. */
static int list_numbered(const char *root, const char *rel, const char *prefix, numbered *out) {
  char path[4096];
  out->n = 0;
  if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path) return 0;
  DIR *d = opendir(path);
  if (!d) return 0;
  int err = 0;
  struct dirent *e;
  while (!err && (e = readdir(d)) != NULL) {
    int num = number_after(e->d_name, prefix);
    if (num < 0) continue;
    err = psv_grow((void **)&out->nums, &out->cap, out->n + 1, sizeof *out->nums);
    if (!err) out->nums[out->n++] = num;
  }
  closedir(d);
  if (!err && out->n) qsort(out->nums, out->n, sizeof *out->nums, cmp_int);
  return err;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The texts of <sysfs>/devices/system/cpu/cpuN/topology/FILE, trimmed. */
typedef struct texts { char **s; size_t n, cap; } texts;

static void texts_free(texts *t) {
  for (size_t i = 0; i < t->n; i++) psv_free(t->s[i]);
  psv_free(t->s);
}

static int collect_topology(const char *sysfs, const numbered *cpus, const char *file,
                            texts *out) {
  psv_buf b = {0};
  int err = 0;
  for (size_t i = 0; i < cpus->n && !err; i++) {
    char rel[128];
    snprintf(rel, sizeof rel, CPU_DIR "/cpu%d/topology/%s", cpus->nums[i], file);
    int rerr = read_under(sysfs, rel, &b);
    if (rerr == ENOMEM) err = ENOMEM;
    if (rerr) continue;
    while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' ')) b.p[--b.n] = '\0';
    char *copy = psv_malloc(b.n + 1);
    err = copy ? psv_grow((void **)&out->s, &out->cap, out->n + 1, sizeof *out->s) : ENOMEM;
    if (err) {
      psv_free(copy);
      break;
    }
    memcpy(copy, b.p, b.n + 1);
    out->s[out->n++] = copy;
  }
  psv_buf_free(&b);
  return err;
}

static int64_t count_distinct(texts *t) {
  if (!t->n) return 0;
  qsort(t->s, t->n, sizeof *t->s, cmp_str);
  int64_t distinct = 1;
  for (size_t i = 1; i < t->n; i++) distinct += strcmp(t->s[i - 1], t->s[i]) != 0;
  return distinct;
}

int psv_linux_cpu_count_cores(psv_os *os, int64_t *out) {
  const char *procfs = psv_linux_procfs(os), *sysfs = psv_linux_sysfs(os);
  numbered cpus = {0};
  texts lists = {0};
  *out = 0;
  /* core_cpus_list is the newer name of thread_siblings_list; psutil
  ** reads the old one only where no CPU has the new one */
  int err = list_numbered(sysfs, CPU_DIR, "cpu", &cpus);
  if (!err) err = collect_topology(sysfs, &cpus, "core_cpus_list", &lists);
  if (!err && !lists.n) err = collect_topology(sysfs, &cpus, "thread_siblings_list", &lists);
  if (!err) *out = count_distinct(&lists);
  texts_free(&lists);
  psv_free(cpus.nums);
  if (!err && *out == 0) {
    psv_buf b = {0};
    psv_cpuinfo info;
    err = read_under(procfs, "cpuinfo", &b);
    if (!err) {
      psv_parse_cpuinfo(b.p, b.n, &info);
      *out = info.cores;
    }
    psv_buf_free(&b);
  }
  return err == ENOMEM ? ENOMEM : 0;
}

/* ---- CPU frequencies ----------------------------------------------- */

/* A cpufreq value in kHz, as MHz. */
static int read_khz(const char *sysfs, const char *dir, const char *file, double *mhz,
                    psv_buf *b) {
  char rel[256];
  int64_t khz;
  snprintf(rel, sizeof rel, "%s/%s", dir, file);
  int err = read_under(sysfs, rel, b);
  if (!err) err = psv_parse_sysfs_int(b->p, b->n, &khz);
  if (!err) *mhz = (double)khz / 1000.0;
  return err;
}

/* psutil takes cpuinfo's MHz through whole kHz: int(mhz * 1000) / 1000. */
static double whole_khz(double mhz) {
  double khz = mhz * 1000.0;
  if (!(khz > -9.2e18 && khz < 9.2e18)) return mhz;
  return (double)(int64_t)khz / 1000.0;
}

static int cpuinfo_mhz(const char *procfs, double **mhz, size_t *n) {
  psv_buf b = {0};
  size_t cap = 0, off = 0;
  double v;
  *n = 0;
  int err = read_under(procfs, "cpuinfo", &b);
  if (err) {   /* no cpuinfo: no MHz lines */
    psv_buf_free(&b);
    return err == ENOMEM ? ENOMEM : 0;
  }
  while (!err && psv_cpuinfo_next_mhz(b.p, b.n, &off, &v)) {
    err = psv_grow((void **)mhz, &cap, *n + 1, sizeof **mhz);
    if (!err) (*mhz)[(*n)++] = v;
  }
  psv_buf_free(&b);
  return err;
}

/* One cpufreq directory's entry; a value whose file is missing stays
** unknown. 0 or ENOMEM. */
static int policy_freq(const char *sysfs, const char *dir, const double *mhz, psv_cpu_freq *f) {
  psv_buf b = {0};
  int cur = 0;
  if (mhz) {
    f->current = whole_khz(*mhz);
  } else {
    /* cpuinfo_cur_freq: old kernels (RHEL) without scaling_cur_freq */
    cur = read_khz(sysfs, dir, "scaling_cur_freq", &f->current, &b);
    if (cur && cur != ENOMEM) cur = read_khz(sysfs, dir, "cpuinfo_cur_freq", &f->current, &b);
  }
  int min = read_khz(sysfs, dir, "scaling_min_freq", &f->min, &b);
  int max = read_khz(sysfs, dir, "scaling_max_freq", &f->max, &b);
  psv_buf_free(&b);
  f->has_current = !cur;
  f->has_min = !min;
  f->has_max = !max;
  return cur == ENOMEM || min == ENOMEM || max == ENOMEM ? ENOMEM : 0;
}

int psv_cpu_freq_read(psv_os *os, psv_cpu_freq **out, size_t *n) {
  const char *procfs = psv_linux_procfs(os), *sysfs = psv_linux_sysfs(os);
  numbered dirs = {0};
  double *mhz = NULL;
  size_t n_mhz = 0;
  int per_cpu = 0;   /* cpuN/cpufreq rather than cpufreq/policyN */
  *out = NULL;
  *n = 0;
  int err = list_numbered(sysfs, CPU_DIR "/cpufreq", "policy", &dirs);
  if (!err && !dirs.n) {
    per_cpu = 1;
    err = list_numbered(sysfs, CPU_DIR, "cpu", &dirs);
    /* keep the CPUs that have a cpufreq directory */
    size_t kept = 0;
    for (size_t i = 0; !err && i < dirs.n; i++) {
      char path[4200];
      snprintf(path, sizeof path, "%s/" CPU_DIR "/cpu%d/cpufreq", sysfs, dirs.nums[i]);
      if (psv_check_path(path, 0) == 0) dirs.nums[kept++] = dirs.nums[i];
    }
    dirs.n = kept;
  }
  if (!err) err = cpuinfo_mhz(procfs, &mhz, &n_mhz);
  size_t count = dirs.n ? dirs.n : n_mhz;
  psv_cpu_freq *rows = count ? psv_calloc(count * sizeof *rows) : NULL;
  if (!err && count && !rows) err = ENOMEM;
  for (size_t i = 0; !err && i < count; i++) {
    if (!dirs.n) {   /* no cpufreq: cpuinfo's MHz, as they are */
      rows[i].cpu = (int)i;
      rows[i].current = mhz[i];
      rows[i].has_current = 1;
      continue;
    }
    char dir[128];
    if (per_cpu) snprintf(dir, sizeof dir, CPU_DIR "/cpu%d/cpufreq", dirs.nums[i]);
    else snprintf(dir, sizeof dir, CPU_DIR "/cpufreq/policy%d", dirs.nums[i]);
    rows[i].cpu = dirs.nums[i];
    err = policy_freq(sysfs, dir, n_mhz == dirs.n ? &mhz[i] : NULL, &rows[i]);
  }
  psv_free(dirs.nums);
  psv_free(mhz);
  if (err) {
    psv_free(rows);
    return psv_linux_fail_under(os, err, "cpufreq", sysfs);
  }
  *out = rows;
  *n = count;
  return 0;
}
