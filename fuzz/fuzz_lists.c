/* fuzz_lists.c — the per-process list parsers: each line as a maps/smaps
** header and as an smaps field line, the whole input as fdinfo, as a
** limits file, as a socket link and as the name of an fd/ or task/ entry. */
#include "fuzz.h"

#include <stdio.h>

/* A name is a number only as the kernel prints that number. */
static void check_entry_name(const char *buf, size_t size) {
  char name[32], back[16];
  if (size >= sizeof name) return;
  memcpy(name, buf, size);
  name[size] = '\0';
  int num = psv_name_number(name);
  CHECK(num >= -1);
  if (num < 0) return;
  snprintf(back, sizeof back, "%d", num);
  CHECK(strcmp(back, name) == 0);
}

static void check_map_line(const char *line, size_t n) {
  psv_map m;
  int rc = psv_parse_map_header(line, n, &m);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc == 0) {
    CHECK(in_buf(line, n, m.path, m.path_len));
    CHECK(m.path_len == 0 || (m.path[0] != ' ' && m.path[0] != '\t'));
    CHECK(memchr(m.perms, '\0', sizeof m.perms) && memchr(m.dev, '\0', sizeof m.dev));
    CHECK(strchr(m.dev, ':'));
    CHECK(!m.has_sizes && m.rss == 0);
  }
  psv_map sizes = {0};
  rc = psv_parse_smaps_field(line, n, &sizes);
  CHECK(rc == 0 || rc == EINVAL);
  CHECK(rc == 0 || sizes.has_sizes == 0);
  /* sizes are kB times 1024: never a value that was not a whole kB */
  CHECK(sizes.rss % 1024 == 0 && sizes.swap % 1024 == 0 && sizes.pss % 1024 == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  size_t off = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, size, &off, &line, &n)) check_map_line(line, n);

  int64_t position;
  uint64_t flags;
  int rc = psv_parse_fdinfo(buf, size, &position, &flags);
  CHECK(rc == 0 || rc == EINVAL || rc == ERANGE);

  psv_rlimit limits[PSV_N_RLIMITS];
  rc = psv_parse_limits(buf, size, limits);
  CHECK(rc == 0 || rc == EINVAL);
  int rows = 0;
  for (int i = 0; i < PSV_N_RLIMITS; i++) rows += limits[i].has;
  CHECK(rc == 0 ? rows > 0 : rows == 0);

  uint64_t inode;
  rc = psv_parse_socket_link(buf, size, &inode);
  CHECK(rc == 0 || rc == EINVAL);
  if (rc == 0) CHECK(size > 9 && memcmp(buf, "socket:[", 8) == 0 && buf[size - 1] == ']');

  check_entry_name(buf, size);
  return 0;
}
