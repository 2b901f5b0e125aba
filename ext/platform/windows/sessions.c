/*
** sessions.c (ext/platform/windows/) — psutil's users() on Windows: the
** Remote Desktop Services sessions (WTSEnumerateSessionsW) that have a
** user, with the client's IPv4 address (WTSClientAddress) and the time
** the session connected (WTSSessionInfo's ConnectTime). Windows gives no
** terminal and no login process. Where sessions cannot be listed (wine,
** Nano Server, no Remote Desktop Services) there are no rows, not an
** error; a fact one session does not give is NULL.
*/
#include "windows.h"

#include <winsock2.h>
#include <wtsapi32.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct psv_logins {
  WTS_SESSION_INFOW *sessions;   /* WTSFreeMemory's */
  DWORD n_sessions, next;
  psv_buf name;                  /* the row's user name, UTF-8 */
  char host[16];                 /* the row's "a.b.c.d" */
};

int psv_logins_open(psv_os *os, psv_logins **out) {
  psv_logins *l = psv_calloc(sizeof *l);
  *out = l;
  if (!l) return psv_win_fail(os, "logins", ENOMEM);
  if (!WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &l->sessions, &l->n_sessions)) {
    l->sessions = NULL;   /* no sessions to list: no rows */
    l->n_sessions = 0;
  }
  return 0;
}

/* One of the session's facts as WTSQuerySessionInformationW gives it, or
** NULL; *bytes its size. WTSFreeMemory it. */
static void *session_fact(DWORD session, WTS_INFO_CLASS what, DWORD *bytes) {
  WCHAR *p = NULL;
  *bytes = 0;
  if (!WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, session, what, &p, bytes)) return NULL;
  return p;
}

/* The client's IPv4 address into l->host (psutil gives no other family):
** 1, or 0 when there is none. */
static int client_address(psv_logins *l, DWORD session) {
  DWORD bytes;
  WTS_CLIENT_ADDRESS *a = session_fact(session, WTSClientAddress, &bytes);
  int have = a && bytes >= sizeof *a && a->AddressFamily == AF_INET;
  /* the IPv4 address is two bytes into Address */
  if (have) snprintf(l->host, sizeof l->host, "%u.%u.%u.%u", a->Address[2], a->Address[3], a->Address[4], a->Address[5]);
  if (a) WTSFreeMemory(a);
  return have;
}

/* When the session connected, Unix seconds, or -1 when not known. */
static int64_t connect_time(DWORD session) {
  DWORD bytes;
  WTSINFOW *info = session_fact(session, WTSSessionInfo, &bytes);
  int64_t t = -1;
  if (info && bytes >= sizeof *info && info->ConnectTime.QuadPart > 0) {
    double unix_time = psv_win_unix_time(info->ConnectTime.QuadPart);
    if (unix_time >= 0) t = (int64_t)unix_time;
  }
  if (info) WTSFreeMemory(info);
  return t;
}

/* The session's user name into l->name: 1, or 0 for a session without
** one (the services' session, the listener). */
static int user_name(psv_logins *l, DWORD session) {
  DWORD bytes;
  WCHAR *name = session_fact(session, WTSUserName, &bytes);
  if (!name) return 0;
  size_t n = bytes / sizeof(WCHAR);
  n = wcsnlen(name, n);
  l->name.n = 0;
  int ok = n > 0 && psv_win_utf8(name, n, &l->name) == 0;
  WTSFreeMemory(name);
  return ok;
}

int psv_logins_next(psv_logins *l, psv_user *out) {
  while (l->next < l->n_sessions) {
    DWORD session = l->sessions[l->next++].SessionId;
    if (!user_name(l, session)) continue;
    memset(out, 0, sizeof *out);
    out->name = l->name.p;
    out->name_len = l->name.n;
    if (client_address(l, session)) {
      out->host = l->host;
      out->host_len = strlen(l->host);
    }
    out->started = connect_time(session);
    out->pid = -1;
    return 1;
  }
  return 0;
}

void psv_logins_close(psv_logins *l) {
  if (!l) return;
  if (l->sessions) WTSFreeMemory(l->sessions);
  psv_buf_free(&l->name);
  psv_free(l);
}
