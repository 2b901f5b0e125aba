/*
** osquery.c — helpers of the osquery_* tables (osquery.h).
*/
#include "osquery.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void psv_set_osquery_int(psv_value *v, psv_str s) {
  char text[32];
  if (!s.s || s.n == 0 || s.n >= sizeof text) return;
  memcpy(text, s.s, s.n);
  text[s.n] = '\0';
  char *end;
  errno = 0;
  long long i = strtoll(text, &end, 0);
  if (errno || *end != '\0') return;   /* osquery's tryTo fails: NULL */
  psv_set_int(v, i);
}

int psv_records_begin(psv_records_state *st, psv_scan *scan,
                      int (*open)(psv_os *os, psv_records **out)) {
  int err = open(scan->os, &st->records);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

void psv_records_end(void *state) {
  psv_records_state *st = state;
  psv_records_close(st->records);
  st->records = NULL;
}

/* ---- Sockets ------------------------------------------------------- */

int psv_osquery_family(int family) {
  switch (family) {
    case PSV_NET_INET: return 2;
    case PSV_NET_INET6: return 10;
    case PSV_NET_UNIX: return 1;
    case PSV_NET_PACKET: return 17;
  }
  return 0;
}

static int add_space(psv_osquery_sockets *s, uint64_t ns, int pid) {
  for (size_t i = 0; i < s->n_spaces; i++) {
    if (s->spaces[i].ns == ns) return 0;
  }
  if (psv_grow((void **)&s->spaces, &s->cap_spaces, s->n_spaces + 1, sizeof *s->spaces)) return ENOMEM;
  s->spaces[s->n_spaces++] = (psv_socket_space){ ns, pid };
  return 0;
}

/* The namespaces of the scan's processes: the caller's own as pid 0 (its
** sockets from the kernel itself), the others through a process in each.
** A process whose namespace the caller may not see is in one of those,
** or in one the caller cannot list. */
static int find_spaces(psv_osquery_sockets *s, psv_scan *scan) {
  uint64_t self = 0;
  /* without it (a platform without namespaces, a tree without self/),
  ** the caller's space is number 0 */
  int err = psv_self_net_namespace(scan->os, &self);
  if (psv_is_resource_errno(err)) return psv_os_fail(scan, err);
  if (!scan->pids && add_space(s, self, 0)) return PSV_NOMEM;
  s->walk.open_always = 1;
  int rc = psv_proc_walk_begin(&s->walk, scan);
  while (rc == PSV_ROW &&
         (rc = psv_proc_walk_next(&s->walk, scan, PSV_PROC_NET_NAMESPACE, &s->info)) == PSV_ROW) {
    if (!(s->info.have & PSV_PROC_NET_NAMESPACE)) continue;
    uint64_t ns = s->info.net_namespace;
    if (add_space(s, ns, ns == self ? 0 : s->walk.pid)) return PSV_NOMEM;
  }
  psv_proc_walk_end(&s->walk);
  return rc == PSV_EOF ? PSV_ROW : rc;
}

int psv_osquery_sockets_begin(psv_osquery_sockets *s, psv_scan *scan) {
  s->n_spaces = s->next_space = 0;
  int rc = find_spaces(s, scan);
  if (rc != PSV_ROW) return rc;
  int err = psv_socket_owners(scan->os, scan->pids, scan->pids ? (size_t)scan->n_pids : 0, 0,
                              &s->owners, &s->n_owners);
  return err ? psv_os_fail(scan, err) : PSV_ROW;
}

static const psv_socket_owner *first_owner(const psv_osquery_sockets *s, uint64_t inode) {
  size_t lo = 0, hi = s->n_owners;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->owners[mid].inode < inode) lo = mid + 1; else hi = mid;
  }
  return lo < s->n_owners && s->owners[lo].inode == inode ? &s->owners[lo] : NULL;
}

int psv_osquery_sockets_next(psv_osquery_sockets *s, psv_scan *scan, psv_net_socket *sock,
                             const psv_socket_owner **owner) {
  for (;;) {
    if (s->list) {
      int got = psv_net_socket_next(s->list, sock);
      if (got < 0) return psv_os_fail(scan, -got);
      if (got > 0) {
        *owner = first_owner(s, sock->inode);
        if (!*owner && scan->pids) continue;   /* not of the processes asked for */
        return PSV_ROW;
      }
      psv_net_sockets_close(s->list);
      s->list = NULL;
    }
    if (s->next_space >= s->n_spaces) return PSV_EOF;
    const psv_socket_space *space = &s->spaces[s->next_space++];
    snprintf(s->ns_text, sizeof s->ns_text, "%llu", (unsigned long long)space->ns);
    int err = psv_net_sockets_open(scan->os, space->pid, &s->list);
    /* a namespace whose last process just left: no rows; the caller's
    ** own that cannot be read, or a platform without: the scan fails */
    if (err && (psv_is_resource_errno(err) || space->pid == 0)) return psv_os_fail(scan, err);
  }
}

void psv_osquery_sockets_end(psv_osquery_sockets *s) {
  psv_net_sockets_close(s->list);
  s->list = NULL;
  psv_free(s->owners);
  s->owners = NULL;
  s->n_owners = 0;
  psv_proc_walk_end(&s->walk);
}

void psv_osquery_sockets_destroy(psv_osquery_sockets *s) {
  psv_osquery_sockets_end(s);
  psv_proc_walk_destroy(&s->walk);
  psv_free(s->spaces);
  s->spaces = NULL;
  s->cap_spaces = 0;
}
