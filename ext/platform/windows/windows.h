/*
** windows.h (ext/platform/windows/) — what the Windows platform's files
** share: the psv_os handle, Windows errors as errno values, UTF-16 text
** handed out as UTF-8, and the layout of the system's process snapshot
** (NtQuerySystemInformation's SystemProcessInformation, which mingw's
** headers give only in part). Private to this folder.
*/
#ifndef PSV_WINDOWS_H
#define PSV_WINDOWS_H

#include "platform.h"

#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <winternl.h>
#include <stdlib.h>

/* mingw's headers make `environ` and `interface` macros; here they are
** fields of platform.h's structures. */
#undef environ
#undef interface

/* One thread of a process in the snapshot (SYSTEM_THREAD_INFORMATION). */
typedef struct psv_win_thread {
  LARGE_INTEGER kernel_time, user_time, create_time;
  ULONG wait_time;
  PVOID start_address;
  HANDLE unique_process, unique_thread;   /* CLIENT_ID */
  LONG priority, base_priority;
  ULONG context_switches, thread_state, wait_reason;
} psv_win_thread;

/* One process of the snapshot (SYSTEM_PROCESS_INFORMATION, 64-bit). */
typedef struct psv_win_process {
  ULONG next_entry_offset;
  ULONG number_of_threads;
  LARGE_INTEGER working_set_private_size;
  ULONG hard_fault_count, number_of_threads_high_watermark;
  ULONGLONG cycle_time;
  LARGE_INTEGER create_time, user_time, kernel_time;
  UNICODE_STRING image_name;
  LONG base_priority;
  HANDLE unique_process_id, inherited_from_unique_process_id;
  ULONG handle_count, session_id;
  ULONG_PTR unique_process_key;
  SIZE_T peak_virtual_size, virtual_size;
  ULONG page_fault_count;
  SIZE_T peak_working_set_size, working_set_size;
  SIZE_T quota_peak_paged_pool_usage, quota_paged_pool_usage;
  SIZE_T quota_peak_non_paged_pool_usage, quota_non_paged_pool_usage;
  SIZE_T pagefile_usage, peak_pagefile_usage, private_page_count;
  LARGE_INTEGER read_operation_count, write_operation_count, other_operation_count;
  LARGE_INTEGER read_transfer_count, write_transfer_count, other_transfer_count;
  psv_win_thread threads[1];
} psv_win_process;

struct psv_os {
  char failure[256];       /* what the last failed call was reading */
  void *snapshot;          /* the processes, as the last listing saw them */
  size_t snapshot_size;
  char **names;            /* user names handed out (they live as the os) */
  size_t n_names, cap_names;
};

/* Records what failed on os (for psv_os_failure) and returns err. */
int psv_win_fail(psv_os *os, const char *what, int err);
/* The errno of a Windows error code (GetLastError(), a Win32 result). */
int psv_win_errno(DWORD code);
/* The errno of an NTSTATUS. */
int psv_win_nt_errno(LONG status);

/* Appends n UTF-16 units as UTF-8 to out; a lone surrogate is written as
** the three bytes UTF-8 would give it (WTF-8), which are not UTF-8, so
** the text rule of the tables escapes them and nothing is lost. */
int psv_win_utf8(const WCHAR *w, size_t n, psv_buf *out);
/* UTF-8 text (NUL-terminated) as a new UTF-16 string; psv_free it. */
WCHAR *psv_win_utf16(const char *s);

/* Takes a new snapshot of every process into os. 0 or an errno. */
int psv_win_snapshot(psv_os *os);
/* The process `pid` of os's snapshot, or NULL. */
const psv_win_process *psv_win_find(const psv_os *os, int pid);

/* The handle a process was opened through. */
psv_os *psv_win_proc_os(psv_proc *p);

/* 100-ns units since 1601 as Unix time. */
double psv_win_unix_time(int64_t filetime);

#endif /* PSV_WINDOWS_H */
