/*
** osquery.h — what the osquery_* tables share: osquery's conversions of
** text to its column types, and the shape of a table over one of the
** platform's record lists (psv_records).
*/
#ifndef PSV_TABLES_OSQUERY_H
#define PSV_TABLES_OSQUERY_H

#include "common.h"

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

/* begin() for such a table: opens the list with open(root), or fails the
** scan with "cannot read WHAT under ROOT". */
int psv_records_begin(psv_records_state *st, psv_scan *scan,
                      int (*open)(const char *root, psv_records **out),
                      const char *root, const char *what);
/* end() for such a table. */
void psv_records_end(void *state);

#endif /* PSV_TABLES_OSQUERY_H */
