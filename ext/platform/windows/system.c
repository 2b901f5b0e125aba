/*
** system.c (ext/platform/windows/) — memory, swap, CPU times and the
** system's facts, as psutil's Windows backend reads them:
** GlobalMemoryStatusEx, NtQuerySystemInformation's per-CPU times,
** GetTickCount64 for the boot time, the processor relations for the core
** count.
*/
#include "windows.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS 8

/* ---- Memory ------------------------------------------------------------ */

static int memory_status(psv_os *os, MEMORYSTATUSEX *ms) {
  ms->dwLength = sizeof *ms;
  if (!GlobalMemoryStatusEx(ms))
    return psv_win_fail(os, "GlobalMemoryStatusEx", psv_win_errno(GetLastError()));
  return 0;
}

/* psutil's virtual_memory() on Windows: free is what is available. */
int psv_virtual_memory(psv_os *os, psv_vmem *out) {
  MEMORYSTATUSEX ms;
  memset(out, 0, sizeof *out);
  int err = memory_status(os, &ms);
  if (err) return err;
  out->total = ms.ullTotalPhys;
  out->available = out->free = ms.ullAvailPhys;
  out->used = out->total - out->available;
  out->percent = psv_percent_1((double)out->used, (double)out->total);
  out->totals_only = 1;
  return 0;
}

/* psutil's swap_memory() on Windows: the commit limit less physical
** memory is the page files' size; what is free of them is the commit
** left less the physical memory left. No swap-in/out counts. */
int psv_swap_memory(psv_os *os, psv_swap *out) {
  MEMORYSTATUSEX ms;
  memset(out, 0, sizeof *out);
  int err = memory_status(os, &ms);
  if (err) return err;
  out->total = ms.ullTotalPageFile > ms.ullTotalPhys ? ms.ullTotalPageFile - ms.ullTotalPhys : 0;
  uint64_t left = ms.ullAvailPageFile > ms.ullAvailPhys ? ms.ullAvailPageFile - ms.ullAvailPhys : 0;
  out->free = left < out->total ? left : out->total;
  out->used = out->total - out->free;
  out->percent = out->total ? psv_percent_1((double)out->used, (double)out->total) : 0.0;
  return 0;
}

/* ---- CPU times ---------------------------------------------------------- */

typedef struct cpu_performance {   /* SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION */
  LARGE_INTEGER idle_time, kernel_time, user_time, dpc_time, interrupt_time;
  ULONG interrupt_count;
} cpu_performance;

/* The states Windows counts: user, system (kernel less idle), idle,
** interrupt (as irq) and DPCs (as softirq), like psutil's cpu_times(). */
#define WINDOWS_CPU_STATES ((1u << PSV_CPU_USER) | (1u << PSV_CPU_SYSTEM) | (1u << PSV_CPU_IDLE) | \
                            (1u << PSV_CPU_IRQ) | (1u << PSV_CPU_SOFTIRQ))

static void cpu_entry(psv_cpu_times *t, int cpu, const cpu_performance *p) {
  memset(t, 0, sizeof *t);
  t->cpu = cpu;
  t->have = WINDOWS_CPU_STATES;
  uint64_t kernel = (uint64_t)p->kernel_time.QuadPart, idle = (uint64_t)p->idle_time.QuadPart;
  t->time[PSV_CPU_USER] = (psv_cpu_time)p->user_time.QuadPart;
  t->time[PSV_CPU_SYSTEM] = kernel > idle ? kernel - idle : 0;
  t->time[PSV_CPU_IDLE] = idle;
  t->time[PSV_CPU_IRQ] = (psv_cpu_time)p->interrupt_time.QuadPart;
  t->time[PSV_CPU_SOFTIRQ] = (psv_cpu_time)p->dpc_time.QuadPart;
}

int psv_cpu_times_read(psv_os *os, psv_cpu_times **out, size_t *n) {
  *out = NULL;
  *n = 0;
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  size_t cpus = si.dwNumberOfProcessors ? si.dwNumberOfProcessors : 1;
  cpu_performance *perf = psv_calloc(cpus * sizeof *perf);
  psv_cpu_times *times = psv_calloc((cpus + 1) * sizeof *times);
  if (!perf || !times) {
    psv_free(perf);
    psv_free(times);
    return psv_win_fail(os, "the CPU times", ENOMEM);
  }
  ULONG got = 0;
  LONG st = NtQuerySystemInformation(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS, perf,
                                     (ULONG)(cpus * sizeof *perf), &got);
  if (st != 0) {
    psv_free(perf);
    psv_free(times);
    return psv_win_fail(os, "NtQuerySystemInformation(SystemProcessorPerformanceInformation)",
                        psv_win_nt_errno(st));
  }
  size_t have = got / sizeof *perf;
  memset(&times[0], 0, sizeof times[0]);
  times[0].cpu = -1;
  times[0].have = WINDOWS_CPU_STATES;
  for (size_t i = 0; i < have; i++) {
    cpu_entry(&times[i + 1], (int)i, &perf[i]);
    for (int s = 0; s < PSV_CPU_N_STATES; s++) times[0].time[s] += times[i + 1].time[s];
  }
  psv_free(perf);
  *out = times;
  *n = have + 1;
  return 0;
}

/* psutil's cpu_percent() on Windows: every state counted once, busy is
** all but idle. */
void psv_cpu_busy(const psv_cpu_times *before, const psv_cpu_times *after,
                  double *busy, double *total) {
  unsigned both = before->have & after->have;
  double sum = 0, idle = 0;
  for (int s = 0; s < PSV_CPU_N_STATES; s++) {
    if (!(both & (1u << s))) continue;
    double d = (double)psv_delta(before->time[s], after->time[s]);
    sum += d;
    if (s == PSV_CPU_IDLE) idle = d;
  }
  *total = sum;
  *busy = sum - idle;
}

/* ---- The system ----------------------------------------------------------- */

/* Cores: the processor-core relations of the processor information. */
static int64_t physical_cores(void) {
  DWORD size = 0;
  GetLogicalProcessorInformationEx(RelationProcessorCore, NULL, &size);
  if (size == 0) return -1;
  char *buf = psv_malloc(size);
  if (!buf) return -1;
  int64_t cores = -1;
  if (GetLogicalProcessorInformationEx(RelationProcessorCore,
                                       (PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)buf, &size)) {
    cores = 0;
    for (DWORD at = 0; at < size;) {
      PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX r = (PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX)(buf + at);
      if (r->Size == 0) break;
      if (r->Relationship == RelationProcessorCore) cores++;
      at += r->Size;
    }
  }
  psv_free(buf);
  return cores > 0 ? cores : -1;
}

typedef LONG (WINAPI *rtl_get_version_fn)(OSVERSIONINFOW *);

/* "major.minor.build" of the running Windows (RtlGetVersion, which tells
** the truth where GetVersionEx follows the program's manifest). */
static void windows_release(char *out, size_t size) {
  OSVERSIONINFOW v = { .dwOSVersionInfoSize = sizeof v };
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  FARPROC f = ntdll ? GetProcAddress(ntdll, "RtlGetVersion") : NULL;
  rtl_get_version_fn get;
  memcpy(&get, &f, sizeof get);   /* a function pointer of another type */
  if (!get || get(&v) != 0) { snprintf(out, size, "%s", ""); return; }
  snprintf(out, size, "%lu.%lu.%lu", (unsigned long)v.dwMajorVersion,
           (unsigned long)v.dwMinorVersion, (unsigned long)v.dwBuildNumber);
}

static void host_name(char *out, size_t size) {
  WCHAR name[256];
  DWORD n = sizeof name / sizeof name[0];
  out[0] = '\0';
  if (!GetComputerNameExW(ComputerNameDnsHostname, name, &n)) return;
  psv_buf b = {0};
  if (psv_win_utf8(name, n, &b) == 0 && b.n < size) memcpy(out, b.p, b.n + 1);
  psv_buf_free(&b);
}

int psv_system_read(psv_os *os, unsigned want, psv_system *out) {
  (void)os;
  memset(out, 0, sizeof *out);
  if (want & PSV_SYS_BOOT_TIME) {
    /* psutil: now less the milliseconds since boot (wine's own record of
    ** the boot is the start of its server) */
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    int64_t t = (int64_t)(((uint64_t)now.dwHighDateTime << 32) | now.dwLowDateTime);
    out->boot_time = psv_win_unix_time(t) - (double)GetTickCount64() / 1000.0;
    out->have |= PSV_SYS_BOOT_TIME;
  }
  if (want & PSV_SYS_CPUS_LOGICAL) {
    out->cpu_count_logical = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
    if (out->cpu_count_logical > 0) out->have |= PSV_SYS_CPUS_LOGICAL;
  }
  if (want & PSV_SYS_CPUS_PHYSICAL) {
    out->cpu_count_physical = physical_cores();
    if (out->cpu_count_physical > 0) out->have |= PSV_SYS_CPUS_PHYSICAL;
  }
  if (want & PSV_SYS_NAMES) {
    host_name(out->hostname, sizeof out->hostname);
    windows_release(out->kernel_release, sizeof out->kernel_release);
    out->have |= PSV_SYS_NAMES;
  }
  if (want & PSV_SYS_PAGE_SIZE) {
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    out->page_size = si.dwPageSize;
    out->have |= PSV_SYS_PAGE_SIZE;
  }
  return 0;
}

/* ---- CPU counters and frequencies ------------------------------------------ */

/* psutil's cpu_stats() on Windows counts interrupts as the processors'
** interrupt counts; its context switches, DPCs and system calls come from
** other classes this layer does not read (NULL). */
int psv_cpu_stats_read(psv_os *os, psv_cpu_stats *out) {
  memset(out, 0, sizeof *out);
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  size_t cpus = si.dwNumberOfProcessors ? si.dwNumberOfProcessors : 1;
  cpu_performance *perf = psv_calloc(cpus * sizeof *perf);
  if (!perf) return psv_win_fail(os, "the CPU counters", ENOMEM);
  ULONG got = 0;
  LONG st = NtQuerySystemInformation(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS, perf,
                                     (ULONG)(cpus * sizeof *perf), &got);
  if (st == 0) {
    for (size_t i = 0; i < got / sizeof *perf; i++) out->interrupts += perf[i].interrupt_count;
    out->have = PSV_CS_INTERRUPTS;
  }
  psv_free(perf);
  return st == 0 ? 0 : psv_win_fail(os, "NtQuerySystemInformation(SystemProcessorPerformanceInformation)",
                                    psv_win_nt_errno(st));
}

/* CallNtPowerInformation(ProcessorInformation)'s entry per CPU. */
typedef struct cpu_power {
  ULONG number, max_mhz, current_mhz, mhz_limit, max_idle_state, current_idle_state;
} cpu_power;

typedef LONG (WINAPI *power_information_fn)(int, PVOID, ULONG, PVOID, ULONG);

/* psutil's cpu_freq() on Windows: the current and the highest frequency
** of each CPU (no lowest: NULL). */
int psv_cpu_freq_read(psv_os *os, psv_cpu_freq **out, size_t *n) {
  *out = NULL;
  *n = 0;
  HMODULE powrprof = LoadLibraryW(L"powrprof.dll");
  FARPROC f = powrprof ? GetProcAddress(powrprof, "CallNtPowerInformation") : NULL;
  power_information_fn call;
  memcpy(&call, &f, sizeof call);   /* a function pointer of another type */
  if (!call) {
    if (powrprof) FreeLibrary(powrprof);
    return psv_win_fail(os, "CallNtPowerInformation", ENOSYS);
  }
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  size_t cpus = si.dwNumberOfProcessors ? si.dwNumberOfProcessors : 1;
  cpu_power *power = psv_calloc(cpus * sizeof *power);
  psv_cpu_freq *rows = psv_calloc(cpus * sizeof *rows);
  const int processor_information = 11;
  LONG st = power && rows ? call(processor_information, NULL, 0, power, (ULONG)(cpus * sizeof *power)) : 0;
  FreeLibrary(powrprof);
  int err = !power || !rows ? ENOMEM : st != 0 ? psv_win_nt_errno(st) : 0;
  if (!err) {
    for (size_t i = 0; i < cpus; i++)
      rows[i] = (psv_cpu_freq){ .cpu = (int)i, .has_current = 1, .has_max = 1,
                                .current = power[i].current_mhz, .max = power[i].max_mhz };
    *out = rows;
    *n = cpus;
  } else {
    psv_free(rows);
  }
  psv_free(power);
  return err ? psv_win_fail(os, "CallNtPowerInformation(ProcessorInformation)", err) : 0;
}
