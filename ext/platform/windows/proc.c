/*
** proc.c (ext/platform/windows/) — processes: the listing and every
** process's facts from one snapshot of the system
** (NtQuerySystemInformation(SystemProcessInformation): parent, name,
** create time, CPU times, threads, memory counters, at no cost per
** process), and what only the process itself holds, read from its PEB
** (command line, current directory, environment) or asked of it with a
** handle (executable, user). psutil's _psutil_windows.c reads the same.
*/
#include "windows.h"

#include <errno.h>
#include <string.h>

#define SYSTEM_PROCESS_INFORMATION_CLASS 5

/* ---- The snapshot ----------------------------------------------------- */

int psv_win_snapshot(psv_os *os) {
  ULONG size = os->snapshot_size ? (ULONG)os->snapshot_size : 256 * 1024;
  for (int tries = 0; tries < 8; tries++) {
    void *buf = psv_malloc(size);
    if (!buf) return psv_win_fail(os, "the process snapshot", ENOMEM);
    ULONG need = 0;
    LONG st = NtQuerySystemInformation(SYSTEM_PROCESS_INFORMATION_CLASS, buf, size, &need);
    if (st == 0) {
      psv_free(os->snapshot);
      os->snapshot = buf;
      os->snapshot_size = size;
      return 0;
    }
    psv_free(buf);
    if ((unsigned long)st != 0xC0000004UL)   /* STATUS_INFO_LENGTH_MISMATCH */
      return psv_win_fail(os, "NtQuerySystemInformation(SystemProcessInformation)",
                          psv_win_nt_errno(st));
    size = (need > size ? need : size) + 64 * 1024;   /* the system grows meanwhile */
  }
  return psv_win_fail(os, "the process snapshot", ENOMEM);
}

static const psv_win_process *next_process(const psv_os *os, const psv_win_process *p) {
  if (!p) return os->snapshot;
  if (p->next_entry_offset == 0) return NULL;
  return (const psv_win_process *)((const char *)p + p->next_entry_offset);
}

const psv_win_process *psv_win_find(const psv_os *os, int pid) {
  if (!os->snapshot) return NULL;
  for (const psv_win_process *p = next_process(os, NULL); p; p = next_process(os, p))
    if ((ULONG_PTR)p->unique_process_id == (ULONG_PTR)(unsigned)pid) return p;
  return NULL;
}

/* ---- Listing ------------------------------------------------------- */

struct psv_pid_list { psv_os *os; const psv_win_process *at; int started; };

int psv_pid_list_open(psv_os *os, psv_pid_list **out) {
  *out = NULL;
  int err = psv_win_snapshot(os);
  if (err) return err;
  psv_pid_list *l = psv_calloc(sizeof *l);
  if (!l) return psv_win_fail(os, "the process listing", ENOMEM);
  l->os = os;
  *out = l;
  return 0;
}

int psv_pid_list_next(psv_pid_list *l, int *pid) {
  if (l->started && !l->at) return 0;
  l->at = next_process(l->os, l->started ? l->at : NULL);
  l->started = 1;
  if (!l->at) return 0;
  *pid = (int)(ULONG_PTR)l->at->unique_process_id;
  return 1;
}

void psv_pid_list_close(psv_pid_list *l) { psv_free(l); }

/* CPU times count 100-ns units. */
double psv_cpu_seconds(double count) { return count / 1e7; }

/* ---- One process ------------------------------------------------------ */

struct psv_proc {
  psv_os *os;
  int pid;
  psv_win_process facts;   /* its entry of the snapshot (no thread array) */
  const psv_win_process *entry;   /* the entry itself, threads and all */
  HANDLE handle;           /* opened when a fact needs it; NULL: not yet */
  int handle_tried;
  psv_buf name, command_line, cmdline, exe, cwd, environ;
  psv_cpu_range affinity[32];   /* 64 CPUs make at most 32 ranges */
};

psv_proc *psv_proc_new(void) { return psv_calloc(sizeof(psv_proc)); }

void psv_proc_free(psv_proc *p) {
  if (!p) return;
  psv_proc_close(p);
  psv_buf_free(&p->name);
  psv_buf_free(&p->command_line);
  psv_buf_free(&p->cmdline);
  psv_buf_free(&p->exe);
  psv_buf_free(&p->cwd);
  psv_buf_free(&p->environ);
  psv_free(p);
}

int psv_proc_open(psv_proc *p, psv_os *os, int pid, int verify_pid) {
  psv_proc_close(p);
  if (pid < 0) return PSV_GONE;
  /* a pid from the user: a fresh look; one from the listing: its snapshot */
  if (verify_pid || !os->snapshot) {
    int err = psv_win_snapshot(os);
    if (err) return err;
  }
  const psv_win_process *e = psv_win_find(os, pid);
  if (!e) return PSV_GONE;
  p->os = os;
  p->pid = pid;
  p->entry = e;
  memcpy(&p->facts, e, offsetof(psv_win_process, threads));
  return 0;
}

psv_os *psv_win_proc_os(psv_proc *p) { return p->os; }

void psv_proc_close(psv_proc *p) {
  if (p->handle) CloseHandle(p->handle);
  p->handle = NULL;
  p->handle_tried = 0;
  p->entry = NULL;
}

/* A handle on the process to read what the snapshot lacks; NULL when the
** caller may not open it (the facts that need it stay unknown). */
static HANDLE proc_handle(psv_proc *p) {
  if (!p->handle_tried) {
    p->handle_tried = 1;
    p->handle = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, FALSE, (DWORD)p->pid);
    if (!p->handle)
      p->handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)p->pid);
  }
  return p->handle;
}

/* The image name, as toolhelp gives it; the System Idle Process (pid 0)
** has none, psutil calls it "System Idle Process". */
static int read_name(psv_proc *p) {
  p->name.n = 0;
  const UNICODE_STRING *u = &p->facts.image_name;
  if (p->pid == 0 || !u->Buffer || u->Length == 0) {
    const char *fixed = p->pid == 0 ? "System Idle Process" : "System";
    return psv_buf_append(&p->name, fixed, strlen(fixed));
  }
  return psv_win_utf8(u->Buffer, u->Length / sizeof(WCHAR), &p->name);
}

static int read_exe(psv_proc *p) {
  HANDLE h = proc_handle(p);
  if (!h) return EACCES;
  WCHAR path[32768];
  DWORD n = sizeof path / sizeof path[0];
  if (!QueryFullProcessImageNameW(h, 0, path, &n)) return psv_win_errno(GetLastError());
  p->exe.n = 0;
  return psv_win_utf8(path, n, &p->exe) ? ENOMEM : 0;
}

/* ---- The user and the priority ----------------------------------------- */

/* A name handed out for the os's lifetime: the same text once per os. */
static const char *intern_name(psv_os *os, const char *name, size_t n) {
  for (size_t i = 0; i < os->n_names; i++)
    if (strlen(os->names[i]) == n && memcmp(os->names[i], name, n) == 0) return os->names[i];
  if (psv_grow((void **)&os->names, &os->cap_names, os->n_names + 1, sizeof *os->names)) return NULL;
  char *copy = psv_malloc(n + 1);
  if (!copy) return NULL;
  memcpy(copy, name, n);
  copy[n] = '\0';
  os->names[os->n_names++] = copy;
  return copy;
}

/* psutil's username(): DOMAIN\user of the process's token. 0, an errno
** (the user stays unknown), or ENOMEM. */
static int read_username(psv_proc *p, const char **out) {
  HANDLE h = proc_handle(p), token = NULL;
  if (!h || !OpenProcessToken(h, TOKEN_QUERY, &token)) return EACCES;
  union { TOKEN_USER user; char bytes[512]; } info;
  DWORD got = 0;
  BOOL ok = GetTokenInformation(token, TokenUser, &info, sizeof info, &got);
  CloseHandle(token);
  if (!ok) return EACCES;
  WCHAR name[256], domain[256];
  DWORD name_n = 256, domain_n = 256;
  SID_NAME_USE use;
  if (!LookupAccountSidW(NULL, info.user.User.Sid, name, &name_n, domain, &domain_n, &use))
    return EACCES;
  psv_buf b = {0};
  int err = psv_win_utf8(domain, domain_n, &b);
  if (!err) err = psv_buf_append(&b, "\\", 1);
  if (!err) err = psv_win_utf8(name, name_n, &b);
  if (!err && !(*out = intern_name(p->os, b.p, b.n))) err = ENOMEM;
  psv_buf_free(&b);
  return err;
}

/* psutil's nice() on Windows: the priority class (32: normal). */
static int read_priority(psv_proc *p, int64_t *out) {
  HANDLE h = proc_handle(p);
  DWORD cls = h ? GetPriorityClass(h) : 0;
  if (!cls) return EACCES;
  *out = cls;
  return 0;
}

/* psutil's cpu_affinity(): the CPUs of the process's affinity mask (its
** processor group's). *n ranges into out. */
static int read_affinity(psv_proc *p, size_t *n) {
  HANDLE h = proc_handle(p);
  DWORD_PTR mask = 0, system_mask = 0;
  if (!h || !GetProcessAffinityMask(h, &mask, &system_mask)) return EACCES;
  *n = 0;
  for (int cpu = 0; cpu < 64; cpu++) {
    if (!((mask >> cpu) & 1)) continue;
    if (*n > 0 && p->affinity[*n - 1].last == cpu - 1) {
      p->affinity[*n - 1].last = cpu;
    } else {
      p->affinity[*n] = (psv_cpu_range){ cpu, cpu };
      ++*n;
    }
  }
  return 0;
}

/* ---- Splitting a command line ------------------------------------------ */

/* The first argument: up to the closing quote when it starts with one,
** else up to a space or tab; no backslash is special in it (as
** CommandLineToArgvW). *at is moved past it. */
static size_t first_arg(const char *s, size_t len, size_t *at, char *out) {
  size_t i = 0, n = 0;
  if (len > 0 && s[0] == '"') {
    for (i = 1; i < len && s[i] != '"'; i++) out[n++] = s[i];
    if (i < len) i++;
  } else {
    for (; i < len && s[i] != ' ' && s[i] != '\t'; i++) out[n++] = s[i];
  }
  *at = i;
  return n;
}

/* One later argument from s[*at]: 2n backslashes before a quote are n
** backslashes and the quote toggles quoting; 2n+1 are n and a literal
** quote; other backslashes are themselves; inside quotes, "" is a quote. */
static size_t next_arg(const char *s, size_t len, size_t *at, char *out) {
  size_t i = *at, n = 0;
  int quoted = 0;
  while (i < len && (quoted || (s[i] != ' ' && s[i] != '\t'))) {
    size_t slashes = 0;
    while (i < len && s[i] == '\\') slashes++, i++;
    if (i < len && s[i] == '"') {
      for (size_t k = 0; k < slashes / 2; k++) out[n++] = '\\';
      if (slashes % 2) { out[n++] = '"'; i++; continue; }
      if (quoted && i + 1 < len && s[i + 1] == '"') { out[n++] = '"'; i += 2; continue; }
      quoted = !quoted;
      i++;
      continue;
    }
    for (size_t k = 0; k < slashes; k++) out[n++] = '\\';
    if (slashes == 0 && i < len) out[n++] = s[i++];
  }
  *at = i;
  return n;
}

/* The arguments of a command line by CommandLineToArgvW's rules (which
** psutil's cmdline() uses), over its UTF-8 (the rules are about ASCII),
** each followed by a NUL, into out: the form psv_cmdline_split walks. No
** argument is longer than what it was read from, and each but the first
** had a blank before it, so len + 2 bytes hold them all. */
static int split_command_line(const char *s, size_t len, psv_buf *out) {
  out->n = 0;
  if (psv_buf_reserve(out, len + 2)) return ENOMEM;
  if (len == 0) return 0;
  size_t at = 0;
  out->n = first_arg(s, len, &at, out->p);
  out->p[out->n++] = '\0';
  for (;;) {
    while (at < len && (s[at] == ' ' || s[at] == '\t')) at++;
    if (at >= len) break;
    out->n += next_arg(s, len, &at, out->p + out->n);
    out->p[out->n++] = '\0';
  }
  return 0;
}

/* ---- The PEB: command line, current directory, environment ---------- */

/* Offsets in a 64-bit process's PEB and RTL_USER_PROCESS_PARAMETERS (the
** layout psutil reads too; 32-bit processes under WOW64 are not read). */
#define PEB_PROCESS_PARAMETERS 0x20
#define PARAMS_CURRENT_DIRECTORY 0x38
#define PARAMS_COMMAND_LINE 0x70
#define PARAMS_ENVIRONMENT 0x80
#define PARAMS_ENVIRONMENT_SIZE 0x3F0

typedef struct remote_string { USHORT length, maximum; ULONG pad; ULONG64 buffer; } remote_string;

static int read_remote(HANDLE h, ULONG64 at, void *out, size_t n) {
  SIZE_T got = 0;
  if (ReadProcessMemory(h, (LPCVOID)(ULONG_PTR)at, out, n, &got) && got == n) return 0;
  int err = psv_win_errno(GetLastError());
  /* the process's memory, not the system's, is what was short */
  return err && err != ENOMEM ? err : EIO;
}

static int process_parameters(psv_proc *p, ULONG64 *params) {
  HANDLE h = proc_handle(p);
  if (!h) return EACCES;
  PROCESS_BASIC_INFORMATION pbi;
  ULONG got = 0;
  LONG st = NtQueryInformationProcess(h, ProcessBasicInformation, &pbi, sizeof pbi, &got);
  if (st != 0) return psv_win_nt_errno(st) == PSV_GONE ? EACCES : psv_win_nt_errno(st);
  if (!pbi.PebBaseAddress) return EACCES;
  return read_remote(h, (ULONG64)(ULONG_PTR)pbi.PebBaseAddress + PEB_PROCESS_PARAMETERS,
                     params, sizeof *params);
}

/* The UNICODE_STRING at `at` of the process parameters, as UTF-8. */
static int read_param_string(psv_proc *p, ULONG64 params, size_t at, psv_buf *out) {
  remote_string s;
  int err = read_remote(p->handle, params + at, &s, sizeof s);
  if (err) return err;
  size_t units = s.length / sizeof(WCHAR);
  WCHAR *w = psv_malloc(units ? units * sizeof(WCHAR) : 1);
  if (!w) return ENOMEM;
  err = units ? read_remote(p->handle, s.buffer, w, units * sizeof(WCHAR)) : 0;
  out->n = 0;
  if (!err) err = psv_win_utf8(w, units, out);
  psv_free(w);
  return err;
}

/* psutil's cwd(): without the trailing backslash, except of a drive's
** root ("C:\"). */
static void trim_cwd(psv_buf *b) {
  if (b->n > 3 && b->p[b->n - 1] == '\\') b->p[--b->n] = '\0';
}

/* How much of the environment block to read: its size where the
** parameters record it, else what is left of its memory region; at most
** PSV_MAX_FILE. *cut: the block was longer. */
static int environ_size(psv_proc *p, ULONG64 params, ULONG64 block, size_t *size) {
  ULONG64 recorded = 0;
  if (read_remote(p->handle, params + PARAMS_ENVIRONMENT_SIZE, &recorded, sizeof recorded))
    recorded = 0;
  if (recorded == 0) {
    MEMORY_BASIC_INFORMATION mbi;
    if (!VirtualQueryEx(p->handle, (LPCVOID)(ULONG_PTR)block, &mbi, sizeof mbi)) return EACCES;
    recorded = (ULONG64)(ULONG_PTR)mbi.BaseAddress + mbi.RegionSize - block;
  }
  *size = recorded;
  return 0;
}

static int read_environ(psv_proc *p, ULONG64 params, int *cut) {
  ULONG64 block = 0;
  size_t size = 0;
  int err = read_remote(p->handle, params + PARAMS_ENVIRONMENT, &block, sizeof block);
  if (!err) err = environ_size(p, params, block, &size);
  if (err) return err;
  size_t limit = PSV_MAX_FILE / 2;   /* units of 2 bytes, up to 3 bytes of UTF-8 each */
  *cut = size > limit;
  if (*cut) size = limit;
  size &= ~(size_t)1;
  WCHAR *w = psv_malloc(size ? size : 2);
  if (!w) return ENOMEM;
  err = read_remote(p->handle, block, w, size);
  /* the block ends at two NULs: an empty entry */
  size_t units = size / 2, end = 0;
  while (end + 1 < units && !(w[end] == 0 && w[end + 1] == 0)) end++;
  if (end + 1 < units) *cut = 0, units = end + 1;
  p->environ.n = 0;
  if (!err) err = psv_win_utf8(w, units, &p->environ);
  psv_free(w);
  return err;
}

/* Reads the PEB facts of want into info; a fact the caller may not read
** is left out. 0 or ENOMEM. */
static int read_peb(psv_proc *p, uint64_t want, psv_proc_info *info) {
  ULONG64 params = 0;
  int err = process_parameters(p, &params);
  if (err == ENOMEM) return err;
  if (err || !params) return 0;
  if ((want & PSV_PROC_CMDLINE) && !(err = read_param_string(p, params, PARAMS_COMMAND_LINE, &p->command_line)) &&
      !(err = split_command_line(p->command_line.p, p->command_line.n, &p->cmdline))) {
    info->have |= PSV_PROC_CMDLINE;
    info->cmdline = p->cmdline.p;
    info->cmdline_len = p->cmdline.n;
  }
  if (err == ENOMEM) return err;
  if ((want & PSV_PROC_CWD) && !(err = read_param_string(p, params, PARAMS_CURRENT_DIRECTORY, &p->cwd))) {
    trim_cwd(&p->cwd);
    info->have |= PSV_PROC_CWD;
    info->cwd = (psv_link){ p->cwd.p, p->cwd.n, 0 };
  }
  if (err == ENOMEM) return err;
  int cut = 0;
  if ((want & PSV_PROC_ENVIRON) && !(err = read_environ(p, params, &cut))) {
    info->have |= PSV_PROC_ENVIRON;
    if (cut) info->cut |= PSV_PROC_ENVIRON;
    info->environ = p->environ.p;
    info->environ_len = p->environ.n;
  }
  return err == ENOMEM ? err : 0;
}

/* ---- The facts -------------------------------------------------------- */

/* psutil's status(): "stopped" when every thread is suspended, else
** "running". */
static psv_proc_state proc_state(const psv_win_process *e) {
  const ULONG waiting = 5, suspended = 5;
  if (e->number_of_threads == 0) return PSV_STATE_RUNNING;
  for (ULONG i = 0; i < e->number_of_threads; i++)
    if (e->threads[i].thread_state != waiting || e->threads[i].wait_reason != suspended)
      return PSV_STATE_RUNNING;
  return PSV_STATE_STOPPED;
}

static void snapshot_facts(psv_proc *p, uint64_t want, psv_proc_info *info) {
  const psv_win_process *f = &p->facts;
  info->ppid = (int)(ULONG_PTR)f->inherited_from_unique_process_id;
  info->create_time = f->create_time.QuadPart ? psv_win_unix_time(f->create_time.QuadPart) : 0;
  info->start = (uint64_t)f->create_time.QuadPart;
  info->cpu_user = (psv_cpu_time)f->user_time.QuadPart;
  info->cpu_system = (psv_cpu_time)f->kernel_time.QuadPart;
  info->num_threads = f->number_of_threads;
  /* psutil's memory_info(): rss is the working set, vms the pagefile
  ** (private committed) bytes */
  info->rss = f->working_set_size;
  info->vms = f->pagefile_usage;
  info->peak_rss = f->peak_working_set_size;
  info->peak_vms = f->peak_pagefile_usage;
  info->num_page_faults = f->page_fault_count;
  info->paged_pool = f->quota_paged_pool_usage;
  info->peak_paged_pool = f->quota_peak_paged_pool_usage;
  info->nonpaged_pool = f->quota_non_paged_pool_usage;
  info->peak_nonpaged_pool = f->quota_peak_non_paged_pool_usage;
  info->private_bytes = f->private_page_count;   /* bytes, despite its name */
  info->have |= want & (PSV_PROC_PPID | PSV_PROC_CREATE_TIME | PSV_PROC_START |
                        PSV_PROC_CPU_TIMES | PSV_PROC_NUM_THREADS | PSV_PROC_MEMORY |
                        PSV_PROC_PEAK_RSS | PSV_PROC_PEAK_VMS | PSV_PROC_PAGE_FAULTS |
                        PSV_PROC_POOLS | PSV_PROC_PRIVATE);
  if (want & PSV_PROC_STATUS) {
    info->status = p->entry ? proc_state(p->entry) : PSV_STATE_RUNNING;
    info->have |= PSV_PROC_STATUS;
  }
}

int psv_proc_read(psv_proc *p, uint64_t want, psv_proc_info *info) {
  memset(info, 0, sizeof *info);
  snapshot_facts(p, want, info);
  int err = 0;
  if ((want & PSV_PROC_NAME) && !(err = read_name(p))) {
    info->have |= PSV_PROC_NAME;
    info->name = p->name.p;
    info->name_len = p->name.n;
  }
  if (err) return psv_win_fail(p->os, "a process's name", err);
  if ((want & PSV_PROC_EXE) && !(err = read_exe(p))) {
    info->have |= PSV_PROC_EXE;
    info->exe = (psv_link){ p->exe.p, p->exe.n, 0 };
  }
  if (err == ENOMEM) return psv_win_fail(p->os, "a process's executable", err);
  if ((want & PSV_PROC_USERNAME) && !(err = read_username(p, &info->username)))
    info->have |= PSV_PROC_USERNAME;
  if (err == ENOMEM) return psv_win_fail(p->os, "a process's user", err);
  if ((want & PSV_PROC_NICE) && !read_priority(p, &info->nice)) info->have |= PSV_PROC_NICE;
  if ((want & PSV_PROC_AFFINITY) && !read_affinity(p, &info->affinity_n)) {
    info->affinity = p->affinity;
    info->have |= PSV_PROC_AFFINITY;
  }
  if (want & (PSV_PROC_CMDLINE | PSV_PROC_CWD | PSV_PROC_ENVIRON)) {
    err = read_peb(p, want, info);
    if (err) return psv_win_fail(p->os, "a process's parameters", err);
  }
  return 0;
}

/* ---- Command lines and environments ---------------------------------- */

/* The arguments, each ended by a NUL (split_command_line made them so
** when the process was read): no allocation, the same every time. */
int psv_cmdline_split(const char *buf, size_t len,
                      int (*each)(void *ctx, const char *arg, size_t n), void *ctx) {
  size_t at = 0;
  while (at < len) {
    const char *nul = memchr(buf + at, '\0', len - at);
    size_t n = nul ? (size_t)(nul - (buf + at)) : len - at;
    int rc = each(ctx, buf + at, n);
    if (rc) return rc;
    at += n + 1;
  }
  return 0;
}

/* Entries are NUL-separated as on Linux; the name of a hidden entry
** ("=C:=C:\\dir") begins with its '=', so the '=' that ends it is the
** first one after the first character. */
int psv_environ_next(const char *buf, size_t len, size_t *off, int64_t *index,
                     const char **entry, size_t *n, long *eq) {
  while (*off < len) {
    const char *p = buf + *off;
    const char *nul = memchr(p, '\0', len - *off);
    size_t size = nul ? (size_t)(nul - p) : len - *off;
    *off += size + 1;
    ++*index;
    if (size == 0) continue;
    const char *e = size > 1 ? memchr(p + 1, '=', size - 1) : NULL;
    *entry = p;
    *n = size;
    *eq = e ? (long)(e - p) : -1;
    return 1;
  }
  return 0;
}

/* ---- Threads ----------------------------------------------------------- */

/* The threads of the process's entry in the snapshot, copied: the entry
** goes with the next snapshot. */
struct psv_thread_list { psv_win_thread *threads; ULONG n, at; psv_buf name; };

int psv_thread_list_open(psv_proc *p, psv_thread_list **out) {
  *out = NULL;
  if (!p->entry) return PSV_GONE;
  psv_thread_list *l = psv_calloc(sizeof *l);
  ULONG n = p->entry->number_of_threads;
  if (l && n) l->threads = psv_malloc(n * sizeof *l->threads);
  if (!l || (n && !l->threads)) {
    psv_free(l);
    return psv_win_fail(p->os, "a process's threads", ENOMEM);
  }
  if (n) memcpy(l->threads, p->entry->threads, n * sizeof *l->threads);
  l->n = n;
  *out = l;
  return 0;
}

/* The kernel's thread states (KTHREAD_STATE) by psutil's names. */
static psv_proc_state thread_state(const psv_win_thread *t) {
  const ULONG suspended = 5;
  switch (t->thread_state) {
    case 1: case 2: case 3: case 7: return PSV_STATE_RUNNING;   /* ready, running, standby, deferred */
    case 5: return t->wait_reason == suspended ? PSV_STATE_STOPPED : PSV_STATE_SLEEPING;
    case 4: return PSV_STATE_DEAD;
    default: return PSV_STATE_UNKNOWN;
  }
}

typedef HRESULT (WINAPI *thread_description_fn)(HANDLE, PWSTR *);

/* A thread's description (SetThreadDescription, Windows 10 1607 and
** later) into l->name: 1 when it has one, 0 when not (or it may not be
** read), -ENOMEM. */
static int thread_name(psv_thread_list *l, DWORD tid) {
  /* looked up each time: cheap, and no state shared between threads */
  thread_description_fn get;
  HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
  FARPROC f = k32 ? GetProcAddress(k32, "GetThreadDescription") : NULL;
  memcpy(&get, &f, sizeof get);   /* a function pointer of another type */
  HANDLE h = get ? OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, tid) : NULL;
  if (!h) return 0;
  PWSTR w = NULL;
  HRESULT hr = get(h, &w);
  CloseHandle(h);
  if (FAILED(hr) || !w) return 0;
  l->name.n = 0;
  int err = w[0] ? psv_win_utf8(w, wcslen(w), &l->name) : 0;
  int named = w[0] != 0;
  LocalFree(w);
  return err ? -ENOMEM : named;
}

int psv_thread_list_next(psv_thread_list *l, psv_thread *out) {
  if (l->at >= l->n) return 0;
  const psv_win_thread *t = &l->threads[l->at++];
  memset(out, 0, sizeof *out);
  out->tid = (int)(ULONG_PTR)t->unique_thread;
  int named = thread_name(l, (DWORD)(ULONG_PTR)t->unique_thread);
  if (named < 0) return named;
  out->name = named ? l->name.p : NULL;
  out->name_len = named ? l->name.n : 0;
  out->status = thread_state(t);
  out->user_time = (psv_cpu_time)t->user_time.QuadPart;
  out->system_time = (psv_cpu_time)t->kernel_time.QuadPart;
  return 1;
}

void psv_thread_list_close(psv_thread_list *l) {
  if (!l) return;
  psv_buf_free(&l->name);
  psv_free(l->threads);
  psv_free(l);
}
