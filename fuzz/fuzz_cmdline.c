/* fuzz_cmdline.c — psv_cmdline_split (/proc/PID/cmdline). Every argument
** is a slice of the buffer; the slices follow one another with one
** separator byte between them, and no slice holds that separator. */
#include "fuzz.h"

struct split_check {
  const char *buf;
  size_t len;
  const char *next;   /* where the next argument must start */
  int sep;            /* separator seen so far, -1 unknown */
  long calls, stop_at;
  const char *last_end;
};

static int each(void *ctx, const char *arg, size_t n) {
  struct split_check *c = ctx;
  CHECK(in_buf(c->buf, c->len, arg, n));
  CHECK(arg == c->next);
  if (c->calls > 0) {   /* the byte between this argument and the last */
    int sep = (unsigned char)arg[-1];
    CHECK(sep == 0 || sep == ' ');
    CHECK(c->sep < 0 || c->sep == sep);
    c->sep = sep;
  }
  c->last_end = arg + n;
  c->next = arg + n + 1;
  if (c->calls++ == c->stop_at) return 77;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  struct split_check c = { buf, size, buf, -1, 0, -1, NULL };
  CHECK(psv_cmdline_split(buf, size, each, &c) == 0);
  CHECK((size == 0) == (c.calls == 0));
  if (c.calls) {
    /* the arguments cover the buffer, less at most one trailing separator */
    CHECK(c.last_end == buf + size ||
          (c.last_end == buf + size - 1 && (buf[size - 1] == '\0' || buf[size - 1] == ' ')));
    /* ... and no argument holds the separator (re-walk to check) */
    if (c.sep >= 0) {
      size_t covered = (size_t)(c.last_end - buf);
      long seps = 0;
      for (size_t i = 0; i < covered; i++) seps += (unsigned char)buf[i] == c.sep;
      CHECK(seps == c.calls - 1);
    }
    struct split_check s = { buf, size, buf, -1, 0, c.calls / 2, NULL };
    CHECK(psv_cmdline_split(buf, size, each, &s) == 77);
    CHECK(s.calls == c.calls / 2 + 1);
  }
  return 0;
}
