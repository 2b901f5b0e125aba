/*
** lines.c — reading a file line by line in pieces, for the /proc files of
** many records (smaps, net/tcp, net/unix) whose size has no bound: a
** process with 100,000 mappings or a server with 200,000 sockets must not
** be cut at PSV_MAX_FILE, and must not cost memory in proportion. What
** bounds it instead is in linux.h: the line, the bytes and the lines.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

/* The most the buffer holds: a whole line of PSV_MAX_LINE bytes with its
** newline (a longer one is cut), a piece read after it, and the NUL
** psv_buf keeps room for. */
#define BUF_MOST (PSV_MAX_LINE + PSV_LINES_CHUNK + 1)

int psv_lines_open(psv_lines *r, int dirfd, const char *name) {
  r->buf.n = 0;
  r->start = 0;
  r->at_eof = 0;
  r->skipping = 0;
  r->eof_below = 0;
  r->bytes_read = 0;
  r->lines_given = 0;
  return psv_linux_open_file(dirfd, name, 0, &r->fd);
}

/* Room for `need` bytes, growing by doubling but never past BUF_MOST. */
static int reserve(psv_lines *r, size_t need) {
  if (need <= r->buf.cap) return 0;
  size_t want = r->buf.cap ? r->buf.cap * 2 : PSV_LINES_CHUNK + 1;
  if (want < need) want = need;
  if (want > BUF_MOST) want = BUF_MOST;
  char *p = psv_realloc(r->buf.p, want);
  if (!p) return ENOMEM;
  r->buf.p = p;
  r->buf.cap = want;
  return 0;
}

/* Moves the unread bytes to the front and reads one piece after them:
** never more than PSV_LINES_CHUNK, nor past PSV_MAX_LINES_FILE. */
static int refill(psv_lines *r) {
  if (r->start) {
    memmove(r->buf.p, r->buf.p + r->start, r->buf.n - r->start);
    r->buf.n -= r->start;
    r->start = 0;
  }
  uint64_t left = PSV_MAX_LINES_FILE - r->bytes_read;
  size_t want = left < PSV_LINES_CHUNK ? (size_t)left : PSV_LINES_CHUNK;
  if (reserve(r, r->buf.n + want + 1)) return ENOMEM;
  for (;;) {
    ssize_t got = read(r->fd, r->buf.p + r->buf.n, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return errno;
    r->bytes_read += (uint64_t)got;
    r->buf.n += (size_t)got;
    if (r->bytes_read >= PSV_MAX_LINES_FILE) r->at_eof = 2;   /* cut here */
    else if (got == 0 || (size_t)got < r->eof_below) r->at_eof = 1;
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

/* The next line in the buffer, cut at PSV_MAX_LINE: 1, or 0 when more
** must be read first (or the file has ended). */
static int take_line(psv_lines *r, const char **line, size_t *n) {
  size_t avail = r->buf.n - r->start;
  /* Before the first read the buffer has no storage: NULL + 0 is
  ** undefined in C, so no pointer is made until there are bytes. */
  char *head = avail ? r->buf.p + r->start : NULL;
  /* a newline right after PSV_MAX_LINE bytes still ends a whole line */
  size_t window = avail < PSV_MAX_LINE + 1 ? avail : PSV_MAX_LINE + 1;
  char *eol = window ? memchr(head, '\n', window) : NULL;
  size_t len;
  if (eol) {
    len = (size_t)(eol - head);
    r->start += len + 1;
  } else if (avail > PSV_MAX_LINE) {
    len = PSV_MAX_LINE;   /* the line is its first PSV_MAX_LINE bytes */
    r->start += len;
    r->skipping = 1;
  } else if (r->at_eof == 1 && avail) {
    len = avail;          /* the last line, without its newline */
    r->start += len;
  } else {
    return 0;             /* a line cut by PSV_MAX_LINES_FILE is no line */
  }
  *line = head;
  *n = len;
  r->lines_given++;
  return 1;
}

int psv_lines_next(psv_lines *r, const char **line, size_t *n) {
  for (;;) {
    if (r->lines_given >= PSV_MAX_LINES) return 0;
    if (r->skipping && !skip_rest_of_line(r)) {
      if (r->at_eof) return 0;
      int err = refill(r);
      if (err) return -err;
      continue;
    }
    if (take_line(r, line, n)) return 1;
    if (r->at_eof) return 0;
    int err = refill(r);
    if (err) return -err;
  }
}

void psv_lines_close(psv_lines *r) {
  if (r->fd >= 0) close(r->fd);
  r->fd = -1;
}
