/*
** lines.c — reading a file line by line in pieces, for the /proc files of
** many records (smaps, net/tcp, net/unix) whose size has no bound: a
** process with 100,000 mappings or a server with 200,000 sockets must not
** be cut at PSV_MAX_FILE, and must not cost memory in proportion.
*/
#include "linux.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define CHUNK ((size_t)64 << 10)

int psv_lines_open(psv_lines *r, int dirfd, const char *name) {
  r->buf.n = 0;
  r->start = 0;
  r->at_eof = 0;
  r->skipping = 0;
  r->eof_below = 0;
  r->fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  return r->fd < 0 ? errno : 0;
}

/* Moves the unread bytes to the front and reads more after them. */
static int refill(psv_lines *r) {
  if (r->start) {
    memmove(r->buf.p, r->buf.p + r->start, r->buf.n - r->start);
    r->buf.n -= r->start;
    r->start = 0;
  }
  if (psv_buf_reserve(&r->buf, r->buf.n + CHUNK + 1)) return ENOMEM;
  for (;;) {
    ssize_t got = read(r->fd, r->buf.p + r->buf.n, r->buf.cap - r->buf.n - 1);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return errno;
    if (got == 0 || (size_t)got < r->eof_below) r->at_eof = 1;
    r->buf.n += (size_t)got;
    return 0;
  }
}

/* After a line cut at PSV_MAX_LINE: drops what is left of it. 1 when the
** line's end was found, 0 when more must be read. */
static int skip_rest_of_line(psv_lines *r) {
  char *head = r->buf.p + r->start;
  char *eol = memchr(head, '\n', r->buf.n - r->start);
  if (!eol) {
    r->start = r->buf.n;
    return 0;
  }
  r->start = (size_t)(eol - r->buf.p) + 1;
  r->skipping = 0;
  return 1;
}

int psv_lines_next(psv_lines *r, const char **line, size_t *n) {
  for (;;) {
    if (r->skipping && !skip_rest_of_line(r)) {
      if (r->at_eof) return 0;
      int err = refill(r);
      if (err) return -err;
      continue;
    }
    size_t avail = r->buf.n - r->start;
    /* Before the first read the buffer has no storage: NULL + 0 is
    ** undefined in C, so no pointer is made until there are bytes. */
    char *head = avail ? r->buf.p + r->start : NULL;
    char *eol = avail ? memchr(head, '\n', avail) : NULL;
    if (!eol && !r->at_eof && avail >= PSV_MAX_LINE) {
      r->skipping = 1;    /* the line is its first PSV_MAX_LINE bytes */
      avail = PSV_MAX_LINE;
    }
    if (eol || r->skipping || (r->at_eof && avail)) {
      size_t len = eol ? (size_t)(eol - head) : avail;
      *line = head;
      *n = len;
      r->start += eol ? len + 1 : len;
      return 1;
    }
    if (r->at_eof) return 0;
    int err = refill(r);
    if (err) return -err;
  }
}

void psv_lines_close(psv_lines *r) {
  if (r->fd >= 0) close(r->fd);
  r->fd = -1;
}
