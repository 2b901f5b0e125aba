/*
** osquery.c — helpers of the osquery_* tables (osquery.h).
*/
#include "osquery.h"

#include <errno.h>
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
                      int (*open)(const char *root, psv_records **out),
                      const char *root, const char *what) {
  int err = open(root, &st->records);
  return err ? psv_scan_fail(scan, err, what, root ? root : "(the system's)") : PSV_ROW;
}

void psv_records_end(void *state) {
  psv_records_state *st = state;
  psv_records_close(st->records);
  st->records = NULL;
}
