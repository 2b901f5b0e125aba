/*
** output.h — the psvtab command's output modes. The runner hands over
** each statement's result as it steps it; the text for stdout collects in
** out_text() until the runner writes it.
**
**   box     a table drawn with box characters, one per statement (for
**           people; control characters escaped, numbers to the right)
**   tsv     a header line, then a line per row, fields separated by tabs;
**           \t \n \r \\ and controls escaped, so a line is a row
**   csv     RFC 4180: a header line, CRLF line ends, quotes when needed;
**           NULL is an empty field, '' a quoted empty one
**   json    one array of objects for the whole output
**   ndjson  one object per line
**
** BLOBs are base64 everywhere but in a box (x'HEX'). A TEXT value that is
** JSON (SQLite's JSON subtype, or a psvtab column whose unit is JSON)
** nests as JSON in the JSON modes.
*/
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H

#include "buf.h"

#include <sqlite3.h>

typedef enum out_mode { OUT_BOX, OUT_TSV, OUT_CSV, OUT_JSON, OUT_NDJSON } out_mode;

typedef struct out out;

/* `header`: 0 leaves out the header lines (box, tsv, csv). NULL: no memory. */
out *out_new(out_mode mode, int header);
void out_free(out *o);

/* The text waiting to be written; the runner empties it. */
buf *out_text(out *o);

/* From now on every row starts with a field "ts" holding `ts` (Unix
** time), or (with_ts 0) no such field. */
void out_set_ts(out *o, int with_ts, double ts);

/* A statement's first step gave rows or none: its columns. nested[i] says
** column i holds JSON text (NULL: none does). -1 when out of memory. */
int out_begin(out *o, sqlite3_stmt *stmt, const int *nested);
int out_row(out *o, sqlite3_stmt *stmt);
/* The statement ended; `complete` 0 when it failed or was interrupted (a
** box is then not drawn). */
void out_end(out *o, int complete);
/* The whole output ends: closes the JSON array. `complete` 0 when the run
** was cut short: an array with no rows is then not written at all. */
void out_finish(out *o, int complete);

/* Where the output stood, to go back to when a round of --watch is
** interrupted (its rows are dropped, not written half). */
typedef struct out_mark { size_t len; int opened; } out_mark;
out_mark out_get_mark(out *o);
void out_to_mark(out *o, out_mark m);

#endif /* CLI_OUTPUT_H */
