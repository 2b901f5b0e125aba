/*
** parse_proc.c — pure parsers for the /proc/PID files: bytes in, struct
** out. No I/O here, so that fixture tests and fuzzers can drive them.
**
** Formats are those of proc(5); the field positions and the quirks handled
** follow what psutil's _pslinux.py derives from the same files.
*/
#include "linux.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

static psv_proc_state state_from_letter(char c) {
  switch (c) {
    case 'R': return PSV_STATE_RUNNING;
    case 'S': return PSV_STATE_SLEEPING;
    case 'D': return PSV_STATE_DISK_SLEEP;
    case 'T': return PSV_STATE_STOPPED;
    case 't': return PSV_STATE_TRACING_STOP;
    case 'Z': return PSV_STATE_ZOMBIE;
    case 'X': case 'x': return PSV_STATE_DEAD;
    case 'K': return PSV_STATE_WAKE_KILL;
    case 'W': return PSV_STATE_WAKING;
    case 'I': return PSV_STATE_IDLE;
    case 'P': return PSV_STATE_PARKED;
    default: return PSV_STATE_UNKNOWN;
  }
}

/* Fields of /proc/PID/stat after the command name, counted from 0 at the
** state letter (proc(5) field number minus 3). */
enum {
  STAT_STATE = 0, STAT_PPID = 1, STAT_TTY = 4, STAT_UTIME = 11,
  STAT_STIME = 12, STAT_CUTIME = 13, STAT_CSTIME = 14, STAT_NICE = 16,
  STAT_THREADS = 17, STAT_START = 19, STAT_RSS = 21,
  STAT_CPU = 36, STAT_BLKIO = 39, STAT_MAX = 40
};

int psv_parse_stat(const char *buf, size_t len, psv_stat *out) {
  memset(out, 0, sizeof *out);
  const char *end = buf + len;
  const char *open = memchr(buf, '(', len);
  /* The name may hold spaces and parentheses: it ends at the LAST ')'. */
  const char *close = NULL;
  for (const char *p = end; p > buf; p--) {
    if (p[-1] == ')') { close = p - 1; break; }
  }
  if (!open || !close || close < open) return EINVAL;
  out->comm = open + 1;
  out->comm_len = (size_t)(close - open - 1);

  const char *p = close + 1;
  while (p < end && *p == ' ') p++;
  if (p >= end) return EINVAL;
  out->state_letter = *p++;
  out->state = state_from_letter(out->state_letter);

  int64_t f[STAT_MAX] = {0};
  int n = 1;
  while (n < STAT_MAX && psv_scan_i64(&p, end, &f[n]) == 0) n++;
  if (n <= STAT_RSS) return EINVAL;   /* every kernel has these */

  out->ppid = (int)f[STAT_PPID];
  out->tty_dev = (uint64_t)(uint32_t)f[STAT_TTY];
  out->utime = (uint64_t)f[STAT_UTIME];
  out->stime = (uint64_t)f[STAT_STIME];
  out->cutime = (uint64_t)f[STAT_CUTIME];
  out->cstime = (uint64_t)f[STAT_CSTIME];
  out->nice = f[STAT_NICE];
  out->num_threads = f[STAT_THREADS];
  out->starttime = (uint64_t)f[STAT_START];
  if (n > STAT_CPU) { out->has_cpu_num = 1; out->cpu_num = f[STAT_CPU]; }
  if (n > STAT_BLKIO) { out->has_blkio = 1; out->blkio_ticks = (uint64_t)f[STAT_BLKIO]; }
  return 0;
}

/* Calls `each` for every "Key:<blanks>value" line; the value excludes the
** newline. Lines without a colon are ignored. */
static void each_key_line(const char *buf, size_t len,
                          void (*each)(void *ctx, const char *key, size_t klen,
                                       const char *val, size_t vlen),
                          void *ctx) {
  const char *p = buf, *end = buf + len;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    const char *colon = memchr(p, ':', (size_t)(eol - p));
    if (colon) {
      const char *v = colon + 1;
      while (v < eol && (*v == ' ' || *v == '\t')) v++;
      each(ctx, p, (size_t)(colon - p), v, (size_t)(eol - v));
    }
    if (eol == end) break;
    p = eol + 1;
  }
}

/* Compares with a string literal: its length is known at compile time
** (status has some 55 lines a process; strlen per key per line showed). */
#define key_is(key, klen, lit) ((klen) == sizeof(lit) - 1 && memcmp((key), (lit), (klen)) == 0)

/* Reads up to `n` blank-separated unsigned numbers; returns how many. */
static int parse_u64_list(const char *v, size_t vlen, uint64_t *out, int n) {
  const char *p = v, *end = v + vlen;
  int got = 0;
  int64_t x;
  while (got < n && psv_scan_i64(&p, end, &x) == 0 && x >= 0) out[got++] = (uint64_t)x;
  return got;
}

/* The "VmPeak:  1234 kB" lines: stored in bytes. */
static void status_kb_line(psv_status *st, const char *key, size_t klen,
                           const char *val, size_t vlen) {
#define KB_LINE(k, bit, field) { k, sizeof(k) - 1, bit, offsetof(psv_status, field) }
  static const struct { const char *key; size_t len; unsigned bit; size_t off; } kb[] = {
    KB_LINE("VmPeak", PSV_ST_VMPEAK, vm_peak),
    KB_LINE("VmHWM", PSV_ST_VMHWM, vm_hwm),
    KB_LINE("RssAnon", PSV_ST_RSSANON, rss_anon),
    KB_LINE("RssFile", PSV_ST_RSSFILE, rss_file),
    KB_LINE("RssShmem", PSV_ST_RSSSHMEM, rss_shmem),
    KB_LINE("HugetlbPages", PSV_ST_HUGETLB, hugetlb),
  };
#undef KB_LINE
  uint64_t v;
  if (klen < 5 || (key[0] != 'V' && key[0] != 'R' && key[0] != 'H')) return;
  for (size_t i = 0; i < sizeof kb / sizeof *kb; i++) {
    if (klen == kb[i].len && memcmp(key, kb[i].key, klen) == 0 &&
        parse_u64_list(val, vlen, &v, 1) == 1) {
      uint64_t bytes = v * 1024;
      memcpy((char *)st + kb[i].off, &bytes, sizeof bytes);
      st->has |= kb[i].bit;
    }
  }
}

static void status_line(void *ctx, const char *key, size_t klen,
                        const char *val, size_t vlen) {
  psv_status *st = ctx;
  uint64_t v[3];
  if (key_is(key, klen, "Tgid")) {
    if (parse_u64_list(val, vlen, v, 1) == 1) { st->tgid = (int)v[0]; st->has |= PSV_ST_TGID; }
  } else if (key_is(key, klen, "Uid") || key_is(key, klen, "Gid")) {
    int is_uid = key[0] == 'U';
    uint32_t *dst = is_uid ? st->uid : st->gid;
    if (parse_u64_list(val, vlen, v, 3) == 3) {
      for (int i = 0; i < 3; i++) dst[i] = (uint32_t)v[i];
      st->has |= is_uid ? PSV_ST_UIDS : PSV_ST_GIDS;
    }
  } else if (key_is(key, klen, "voluntary_ctxt_switches")) {
    if (parse_u64_list(val, vlen, v, 1) == 1) { st->vol_ctxsw = v[0]; st->has |= PSV_ST_VOLCTX; }
  } else if (key_is(key, klen, "nonvoluntary_ctxt_switches")) {
    if (parse_u64_list(val, vlen, v, 1) == 1) { st->invol_ctxsw = v[0]; st->has |= PSV_ST_INVOLCTX; }
  } else if (key_is(key, klen, "Cpus_allowed_list")) {
    st->cpus_list = val;
    st->cpus_list_len = vlen;
    st->has |= PSV_ST_CPUS;
  } else {
    status_kb_line(st, key, klen, val, vlen);
  }
}

int psv_parse_status(const char *buf, size_t len, psv_status *out) {
  memset(out, 0, sizeof *out);
  each_key_line(buf, len, status_line, out);
  if ((out->has & PSV_ST_VOLCTX) && (out->has & PSV_ST_INVOLCTX)) out->has |= PSV_ST_CTXSW;
  return 0;
}

struct io_parse { psv_io *io; unsigned seen; };

static void io_line(void *ctx, const char *key, size_t klen,
                    const char *val, size_t vlen) {
  struct io_parse *st = ctx;
  uint64_t *dst[] = {
    &st->io->rchar, &st->io->wchar, &st->io->syscr, &st->io->syscw,
    &st->io->read_bytes, &st->io->write_bytes
  };
  int i = key_is(key, klen, "rchar") ? 0 : key_is(key, klen, "wchar") ? 1 :
          key_is(key, klen, "syscr") ? 2 : key_is(key, klen, "syscw") ? 3 :
          key_is(key, klen, "read_bytes") ? 4 : key_is(key, klen, "write_bytes") ? 5 : -1;
  if (i >= 0 && parse_u64_list(val, vlen, dst[i], 1) == 1) st->seen |= 1u << i;
}

/* All six counters must be there; otherwise the file is not usable. */
int psv_parse_io(const char *buf, size_t len, psv_io *out) {
  memset(out, 0, sizeof *out);
  struct io_parse st = { out, 0 };
  each_key_line(buf, len, io_line, &st);
  return st.seen == 0x3f ? 0 : EINVAL;
}

/* Seven numbers: size resident shared text lib data dt. */
int psv_parse_statm(const char *buf, size_t len, psv_statm *out) {
  uint64_t v[7];
  memset(out, 0, sizeof *out);
  if (parse_u64_list(buf, len, v, 7) != 7) return EINVAL;
  out->size = v[0]; out->resident = v[1]; out->shared = v[2]; out->text = v[3];
  out->lib = v[4]; out->data = v[5]; out->dirty = v[6];
  return 0;
}

/* psutil's rules: uss sums every "Private*" line (Private_Clean,
** Private_Dirty, Private_Hugetlb), pss the "Pss:" lines (not Pss_Anon and
** the like), swap the "Swap:" lines (not SwapPss). Values are in kB. */
static void smaps_line(void *ctx, const char *key, size_t klen,
                       const char *val, size_t vlen) {
  psv_smaps *sm = ctx;
  uint64_t kb;
  if (parse_u64_list(val, vlen, &kb, 1) != 1) return;
  if (klen >= 7 && memcmp(key, "Private", 7) == 0) sm->uss += kb * 1024;
  else if (key_is(key, klen, "Pss")) sm->pss += kb * 1024;
  else if (key_is(key, klen, "Swap")) sm->swap += kb * 1024;
}

void psv_parse_smaps(const char *buf, size_t len, psv_smaps *out) {
  each_key_line(buf, len, smaps_line, out);
}

/* The environ file: every NUL-terminated entry, and a final fragment
** without its NUL. */
int psv_environ_next(const char *buf, size_t len, size_t *off, int64_t *index,
                     const char **entry, size_t *n, long *eq) {
  while (*off < len) {
    const char *p = buf + *off;
    const char *nul = memchr(p, '\0', len - *off);
    size_t size = nul ? (size_t)(nul - p) : len - *off;
    *off += size + 1;
    ++*index;
    if (size == 0) continue;
    const char *e = memchr(p, '=', size);
    *entry = p;
    *n = size;
    *eq = e ? (long)(e - p) : -1;
    return 1;
  }
  return 0;
}

static int split_on(const char *buf, size_t len, char sep,
                    int (*each)(void *, const char *, size_t), void *ctx) {
  const char *p = buf, *end = buf + len;
  for (;;) {
    const char *q = memchr(p, sep, (size_t)(end - p));
    if (!q) q = end;
    int rc = each(ctx, p, (size_t)(q - p));
    if (rc) return rc;
    if (q == end) return 0;
    p = q + 1;
  }
}

/* psutil's rule: arguments end in NUL; a cmdline that does not end in NUL
** was rewritten by the process (setproctitle) and is split on spaces, as is
** one that holds a single NUL-terminated argument containing spaces. One
** trailing separator is dropped; empty data (zombies, kernel threads) has
** no arguments. */
int psv_cmdline_split(const char *buf, size_t len,
                      int (*each)(void *ctx, const char *arg, size_t n),
                      void *ctx) {
  if (len == 0) return 0;
  char sep = buf[len - 1] == '\0' ? '\0' : ' ';
  if (buf[len - 1] == sep) len--;
  if (sep == '\0' && !memchr(buf, '\0', len) && memchr(buf, ' ', len)) sep = ' ';
  return split_on(buf, len, sep, each, ctx);
}

/* Far above any real CPU number; bounds the work a corrupt list can cause. */
#define PSV_MAX_CPU (1 << 20)

int psv_cpu_list_each(const char *buf, size_t len,
                      int (*each)(void *ctx, long cpu), void *ctx) {
  const char *p = buf, *end = buf + len;
  int64_t prev = -1;
  while (end > p && (end[-1] == '\n' || end[-1] == ' ')) end--;
  while (p < end) {
    int64_t lo, hi;
    /* The kernel prints ascending, disjoint ranges; anything else is
    ** corrupt, and refusing it bounds the work to PSV_MAX_CPU calls. */
    if (psv_scan_i64(&p, end, &lo) || lo <= prev) return EINVAL;
    hi = lo;
    if (p < end && *p == '-') {
      p++;
      if (psv_scan_i64(&p, end, &hi) || hi < lo) return EINVAL;
    }
    if (hi > PSV_MAX_CPU) return EINVAL;
    prev = hi;
    for (int64_t c = lo; c <= hi; c++) {
      int rc = each(ctx, (long)c);
      if (rc) return rc;
    }
    if (p < end && *p != ',') return EINVAL;
    if (p < end) p++;
  }
  return 0;
}
