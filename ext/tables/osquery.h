/*
** osquery.h — what the osquery_* tables share: osquery's conversions of
** text to its column types, and the shape of a table over one of the
** platform's record lists (psv_records).
*/
#ifndef PSV_TABLES_OSQUERY_H
#define PSV_TABLES_OSQUERY_H

#include "common.h"

#include <errno.h>

/* OS text, or NULL when the platform does not know it. */
static inline void psv_set_str(psv_value *v, psv_str s) {
  if (s.s) psv_set_bytes(v, s.s, s.n);
}

/* A constant, as TEXT. */
static inline void psv_set_const(psv_value *v, const char *s) {
  psv_set_text(v, s, strlen(s));
}

/* osquery's INTEGER or BIGINT column of text: strtoll's base 0 ("0x1f"
** hex, "017" octal) over the whole text, else NULL ("08", "", "4a"). */
void psv_set_osquery_int(psv_value *v, psv_str s);

/* A table over one record list: its scan's state. */
typedef struct psv_records_state {
  psv_records *records;
} psv_records_state;

/* begin() for such a table: opens the list with open(scan->os), or fails
** the scan with what the platform was reading. */
int psv_records_begin(psv_records_state *st, psv_scan *scan,
                      int (*open)(psv_os *os, psv_records **out));
/* end() for such a table. */
void psv_records_end(void *state);



/* ---- The sockets of every network namespace, with their holders ----- */
/* osquery's process_open_sockets and listening_ports: the namespaces of
** the processes of the scan (of its pids, when pushed down), each listed
** once, the caller's own first; each socket once, with its first holder
** (lowest pid, then fd) or none. With pids pushed down, only the sockets
** those processes hold. */
typedef struct psv_socket_space { uint64_t ns; int pid; } psv_socket_space;
typedef struct psv_osquery_sockets {
  psv_proc_walk walk;
  psv_proc_info info;
  psv_socket_owner *owners;   /* sorted by inode, pid, fd */
  size_t n_owners;
  psv_socket_space *spaces;
  size_t n_spaces, cap_spaces, next_space;
  psv_net_sockets *list;      /* of spaces[next_space - 1] */
  char ns_text[24];           /* its inode, as text */
} psv_osquery_sockets;

int psv_osquery_sockets_begin(psv_osquery_sockets *s, psv_scan *scan);
/* PSV_ROW with *sock and *owner (NULL: held by no process the caller may
** see), PSV_EOF, or an error. */
int psv_osquery_sockets_next(psv_osquery_sockets *s, psv_scan *scan, psv_net_socket *sock,
                             const psv_socket_owner **owner);
void psv_osquery_sockets_end(psv_osquery_sockets *s);
void psv_osquery_sockets_destroy(psv_osquery_sockets *s);
/* osquery's numbers of a socket's family on Linux (AF_INET 2, AF_INET6
** 10, AF_UNIX 1, AF_PACKET 17). */
int psv_osquery_family(int family);

#endif /* PSV_TABLES_OSQUERY_H */
