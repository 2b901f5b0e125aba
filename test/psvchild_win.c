/*
** psvchild_win.c — the known child of the Windows tests (test/windows.test),
** built with mingw-w64 as psvchild.exe and run under wine:
**
**   psvchild.exe MEGABYTES THREADS [ARG ...]
**
** touches MEGABYTES of memory it allocates (every page written), starts
** THREADS threads that wait, then prints one line,
**   ready PID MEGABYTES THREADS
** (PID: its Windows process id) and waits for a line (or the end) on its
** standard input before it exits. Its command line, environment and
** current directory are what its starter gave it, and its environment
** has PSV_LONE set to "a", a lone surrogate (U+D800) and "b": the test
** compares psvtab's view of them with what it gave.
*/
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HANDLE quit;

static DWORD WINAPI waiter(LPVOID arg) {
  (void)arg;
  WaitForSingleObject(quit, INFINITE);
  return 0;
}

int wmain(int argc, wchar_t **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: psvchild.exe MEGABYTES THREADS [ARG ...]\n");
    return 2;
  }
  long megabytes = wcstol(argv[1], NULL, 10);
  long threads = wcstol(argv[2], NULL, 10);
  if (megabytes < 0 || threads < 0 || threads > 64) return 2;
  size_t size = (size_t)megabytes << 20;
  char *memory = size ? VirtualAlloc(NULL, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) : NULL;
  if (size && !memory) return 3;
  for (size_t i = 0; i < size; i += 4096) memory[i] = (char)(i >> 12 | 1);
  /* UTF-16 that is not text (a lone surrogate) in its own environment,
  ** which no Linux starter can give it: the test checks it comes back
  ** whole */
  static const wchar_t lone[] = { L'a', 0xD800, L'b', 0 };
  if (!SetEnvironmentVariableW(L"PSV_LONE", lone)) return 5;
  quit = CreateEventW(NULL, TRUE, FALSE, NULL);
  HANDLE started[64];
  /* its threads are named (where Windows names threads): "psv-worker-N",
  ** the last "psv-wörker ☃" */
  HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
  FARPROC f = k32 ? GetProcAddress(k32, "SetThreadDescription") : NULL;
  HRESULT (WINAPI *describe)(HANDLE, PCWSTR);
  memcpy(&describe, &f, sizeof describe);
  for (long t = 0; t < threads; t++) {
    started[t] = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    if (!started[t]) return 4;
    wchar_t name[32];
    if (t + 1 == threads) wcscpy(name, L"psv-w\u00f6rker \u2603");
    else swprintf(name, 32, L"psv-worker-%ld", t);
    if (describe) describe(started[t], name);
  }
  printf("ready %lu %ld %ld\n", (unsigned long)GetCurrentProcessId(), megabytes, threads);
  fflush(stdout);
  char line[64];
  if (!fgets(line, sizeof line, stdin)) line[0] = 0;
  SetEvent(quit);
  WaitForMultipleObjects((DWORD)threads, started, TRUE, 5000);
  if (memory) VirtualFree(memory, 0, MEM_RELEASE);
  return 0;
}
