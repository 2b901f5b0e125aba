/*
** os.c (ext/platform/windows/) — the platform's name, errors, the psv_os
** handle, UTF-16 text, the monotonic clock and sleeps.
*/
#include "windows.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char *psv_platform_name(void) { return "windows"; }

int psv_is_resource_errno(int err) {
  return err == ENOMEM || err == EMFILE || err == ENFILE || err == ENOBUFS;
}

const char *psv_strerror(int err, char *buf, size_t size) {
  switch (err) {
    case ENOSYS: return "not supported on windows";
    case PSV_ENOTREG: return "not a regular file";
    default: break;
  }
  if (strerror_s(buf, size, err) != 0) snprintf(buf, size, "error %d", err);
  return buf;
}

int psv_win_errno(DWORD code) {
  switch (code) {
    case ERROR_SUCCESS: return 0;
    case ERROR_ACCESS_DENIED: case ERROR_PRIVILEGE_NOT_HELD: return EACCES;
    case ERROR_FILE_NOT_FOUND: case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE: case ERROR_BAD_NETPATH: return ENOENT;
    case ERROR_NOT_ENOUGH_MEMORY: case ERROR_OUTOFMEMORY: return ENOMEM;
    case ERROR_TOO_MANY_OPEN_FILES: return EMFILE;
    case ERROR_DIRECTORY: return ENOTDIR;
    case ERROR_NOT_READY: return EIO;
    case ERROR_NOT_SUPPORTED: case ERROR_CALL_NOT_IMPLEMENTED: return ENOSYS;
    case ERROR_INVALID_PARAMETER: case ERROR_INVALID_NAME: return EINVAL;
    default: return EIO;
  }
}

int psv_win_nt_errno(LONG status) {
  switch ((unsigned long)status) {
    case 0: return 0;
    case 0xC0000022UL: return EACCES;          /* STATUS_ACCESS_DENIED */
    case 0xC0000017UL: case 0xC000009AUL: return ENOMEM;   /* NO_MEMORY, INSUFFICIENT_RESOURCES */
    case 0xC000000BUL: return PSV_GONE;        /* STATUS_INVALID_CID */
    case 0xC0000002UL: return ENOSYS;          /* STATUS_NOT_IMPLEMENTED */
    default: return EIO;
  }
}

/* ---- Where the OS is read from ---------------------------------------- */

/* Windows is read from the running system only: no CREATE arguments. */
const psv_platform_arg *psv_platform_args(int *n) {
  *n = 0;
  return NULL;
}

int psv_check_path(const char *path, int is_file) {
  WCHAR *w = psv_win_utf16(path);
  if (!w) return ENOMEM;
  DWORD attrs = GetFileAttributesW(w);
  DWORD code = GetLastError();
  psv_free(w);
  if (attrs == INVALID_FILE_ATTRIBUTES) return psv_win_errno(code);
  int is_dir = (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
  if (is_file) return is_dir ? EISDIR : 0;
  return is_dir ? 0 : ENOTDIR;
}

int psv_os_open(const char *const *values, psv_os **out) {
  (void)values;
  *out = psv_calloc(sizeof **out);
  return *out ? 0 : ENOMEM;
}

void psv_os_close(psv_os *os) {
  if (!os) return;
  psv_free(os->snapshot);
  for (size_t i = 0; i < os->n_names; i++) psv_free(os->names[i]);
  psv_free(os->names);
  psv_free(os);
}

const char *psv_os_failure(psv_os *os) { return os->failure; }

int psv_win_fail(psv_os *os, const char *what, int err) {
  snprintf(os->failure, sizeof os->failure, "%s", what);
  return err;
}

/* ---- Text --------------------------------------------------------------- */

static void put_code(char out[4], size_t *n, unsigned long c) {
  if (c < 0x80) {
    out[(*n)++] = (char)c;
  } else if (c < 0x800) {
    out[(*n)++] = (char)(0xC0 | (c >> 6));
    out[(*n)++] = (char)(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out[(*n)++] = (char)(0xE0 | (c >> 12));
    out[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[(*n)++] = (char)(0x80 | (c & 0x3F));
  } else {
    out[(*n)++] = (char)(0xF0 | (c >> 18));
    out[(*n)++] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[(*n)++] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[(*n)++] = (char)(0x80 | (c & 0x3F));
  }
}

int psv_win_utf8(const WCHAR *w, size_t n, psv_buf *out) {
  /* at most 3 bytes per unit (a pair, 2 units, makes 4) */
  if (n > ((size_t)-1) / 4 || psv_buf_reserve(out, out->n + n * 3 + 1)) return ENOMEM;
  for (size_t i = 0; i < n; i++) {
    unsigned long c = w[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && w[i + 1] >= 0xDC00 && w[i + 1] < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + ((unsigned long)w[i + 1] - 0xDC00);
      i++;
    }
    char bytes[4];
    size_t k = 0;
    put_code(bytes, &k, c);
    memcpy(out->p + out->n, bytes, k);
    out->n += k;
  }
  out->p[out->n] = '\0';
  return 0;
}

WCHAR *psv_win_utf16(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
  if (n <= 0) n = 1;
  WCHAR *w = psv_malloc((size_t)n * sizeof(WCHAR));
  if (!w) return NULL;
  if (MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) <= 0) w[0] = 0;
  return w;
}

double psv_win_unix_time(int64_t filetime) {
  /* 1601-01-01 to 1970-01-01: 11644473600 s */
  return (double)(filetime - 116444736000000000LL) / 1e7;
}

/* ---- Time and threads --------------------------------------------------- */

double psv_monotonic(void) {
  LARGE_INTEGER count, freq;
  QueryPerformanceCounter(&count);
  QueryPerformanceFrequency(&freq);
  return (double)count.QuadPart / (double)freq.QuadPart;
}

void psv_sleep(double seconds) {
  if (!(seconds > 0)) return;
  double ms = seconds * 1000.0;
  Sleep(ms > 4e9 ? 4000000000UL : (DWORD)ms);
}

/* The Windows layer reads with the calling thread only. */
static int max_threads = 1;
void psv_set_max_threads(int n) { max_threads = n < 1 ? 1 : n > 8 ? 8 : n; }
int psv_max_threads(void) { return max_threads; }
int psv_online_cpus(void) {
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  DWORD n = si.dwNumberOfProcessors;
  return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}
