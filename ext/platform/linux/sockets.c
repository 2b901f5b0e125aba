/*
** sockets.c — the sockets of the calling process's network namespace, as
** /proc/net lists them: tcp, tcp6, udp, udp6, unix. Read in pieces (a
** server may have hundreds of thousands), one line per call.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

static const struct {
  const char *file;
  int kind;   /* 0 unix, else inet: bit 1 v6, bit 2 tcp */
} socket_files[] = {
  { "net/tcp", 4 }, { "net/tcp6", 4 | 2 }, { "net/udp", 1 }, { "net/udp6", 1 | 2 },
  { "net/unix", 0 },
};
#define N_SOCKET_FILES (int)(sizeof socket_files / sizeof *socket_files)

struct psv_socket_list {
  int rootfd;
  int file;       /* index into socket_files of the open one; -1 none yet */
  psv_lines lines;
};

int psv_socket_list_open(psv_procfs *fs, psv_socket_list **out) {
  psv_socket_list *l = psv_calloc(sizeof *l);
  *out = l;
  if (!l) return ENOMEM;
  l->rootfd = psv_linux_procfs_rootfd(fs);
  l->file = -1;
  l->lines.fd = -1;
  return 0;
}

/* Opens the next file that exists. 1, 0 when none is left, or -errno. */
static int next_file(psv_socket_list *l) {
  psv_lines_close(&l->lines);
  while (++l->file < N_SOCKET_FILES) {
    int err = psv_lines_open(&l->lines, l->rootfd, socket_files[l->file].file);
    if (!err) return 1;
    if (err != ENOENT) return -err;   /* no IPv6 is no file: no rows */
  }
  return 0;
}

int psv_socket_list_next(psv_socket_list *l, psv_socket *out) {
  for (;;) {
    const char *line;
    size_t n;
    int rc = l->file < 0 ? 0 : psv_lines_next(&l->lines, &line, &n);
    if (rc < 0) return rc;
    if (rc == 0) {
      rc = next_file(l);
      if (rc <= 0) return rc;
      continue;
    }
    int kind = socket_files[l->file].kind;
    int err = kind ? psv_parse_inet_socket(line, n, kind & 2, kind & 4, out)
                   : psv_parse_unix_socket(line, n, out);
    if (!err) return 1;   /* headers and unknown lines are no rows */
  }
}

void psv_socket_list_close(psv_socket_list *l) {
  if (!l) return;
  psv_lines_close(&l->lines);
  psv_buf_free(&l->lines.buf);
  psv_free(l);
}
