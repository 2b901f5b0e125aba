/*
** output.c — the output modes of the psvtab command (output.h).
*/
#include "output.h"
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSON_SUBTYPE 74   /* 'J', what SQLite's JSON functions set */

/* One cell of a box: its text in out.cells_text. */
typedef struct cell {
  size_t off, len;
  size_t width;      /* terminal columns */
  int right;         /* numbers line up to the right */
} cell;

struct out {
  out_mode mode;
  int header;
  int with_ts;
  double ts;
  buf text;          /* for stdout */
  int opened;        /* json: the array is open */
  buf last_header;   /* csv, tsv: the header line written last */
  /* the current statement */
  int n_cols;        /* its columns */
  int n_fields;      /* fields of a row: the columns, and ts first */
  char **keys;       /* json, ndjson: the field names, made unique */
  int *nested;       /* json, ndjson: 1 for a column of JSON text */
  cell *cells;       /* box: header and rows, n_cols + with_ts a row */
  size_t n_cells, cap_cells;
  buf cells_text;
};

out *out_new(out_mode mode, int header) {
  out *o = calloc(1, sizeof *o);
  if (o) {
    o->mode = mode;
    o->header = header;
  }
  return o;
}

static void free_statement(out *o) {
  if (o->keys) {
    for (int i = 0; i < o->n_fields; i++) free(o->keys[i]);
  }
  free(o->keys);
  free(o->nested);
  free(o->cells);
  buf_free(&o->cells_text);
  o->keys = NULL;
  o->nested = NULL;
  o->cells = NULL;
  o->n_cells = o->cap_cells = 0;
  o->n_cols = o->n_fields = 0;
}

void out_free(out *o) {
  if (!o) return;
  free_statement(o);
  buf_free(&o->text);
  buf_free(&o->last_header);
  free(o);
}

buf *out_text(out *o) { return &o->text; }

void out_set_ts(out *o, int with_ts, double ts) {
  o->with_ts = with_ts;
  o->ts = ts;
}

out_mark out_get_mark(out *o) { return (out_mark){ o->text.len, o->opened }; }

void out_to_mark(out *o, out_mark m) {
  o->text.len = m.len;
  o->opened = m.opened;
}

/* The name of field i of a row: ts first when there is one. */
static const char *field_name(out *o, sqlite3_stmt *stmt, int i) {
  if (o->with_ts) {
    if (i == 0) return "ts";
    i--;
  }
  const char *name = sqlite3_column_name(stmt, i);
  return name ? name : "";
}

/* ---- JSON keys ---------------------------------------------------------- */

static int key_taken(out *o, int n, const char *key) {
  for (int i = 0; i < n; i++) {
    if (strcmp(o->keys[i], key) == 0) return 1;
  }
  return 0;
}

/* The name, or name:1, name:2, ... when an earlier field has it (as SQLite
** names the columns of CREATE TABLE ... AS SELECT). */
static char *unique_key(out *o, int n, const char *name) {
  size_t size = strlen(name) + 24;
  char *key = malloc(size);
  if (!key) return NULL;
  strcpy(key, name);
  for (unsigned long k = 1; key_taken(o, n, key); k++) snprintf(key, size, "%s:%lu", name, k);
  return key;
}

static int make_keys(out *o, sqlite3_stmt *stmt, const int *nested) {
  o->keys = calloc((size_t)o->n_fields, sizeof *o->keys);
  o->nested = calloc((size_t)o->n_cols + 1, sizeof *o->nested);
  if (!o->keys || !o->nested) return -1;
  for (int i = 0; i < o->n_fields; i++) {
    o->keys[i] = unique_key(o, i, field_name(o, stmt, i));
    if (!o->keys[i]) return -1;
  }
  if (nested) memcpy(o->nested, nested, sizeof *o->nested * (size_t)o->n_cols);
  return 0;
}

/* ---- Header lines ------------------------------------------------------- */

static void put_csv_text(buf *b, const char *s, size_t n) {
  if (n > 0 && !memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\r', n) && !memchr(s, '\n', n)) {
    buf_add(b, s, n);
    return;
  }
  buf_putc(b, '"');
  for (const char *q; (q = memchr(s, '"', n)) != NULL; n -= (size_t)(q + 1 - s), s = q + 1) {
    buf_add(b, s, (size_t)(q - s));
    buf_puts(b, "\"\"");
  }
  buf_add(b, s, n);
  buf_putc(b, '"');
}

/* CSV and TSV write a header line when the columns differ from the last
** header written: once for a statement run round after round. */
static void put_header_line(out *o, sqlite3_stmt *stmt) {
  buf line = { 0 };
  for (int i = 0; i < o->n_fields; i++) {
    const char *name = field_name(o, stmt, i);
    if (i > 0) buf_putc(&line, o->mode == OUT_CSV ? ',' : '\t');
    if (o->mode == OUT_CSV) put_csv_text(&line, name, strlen(name));
    else put_escaped(&line, name, strlen(name), 1);
  }
  buf_puts(&line, o->mode == OUT_CSV ? "\r\n" : "\n");
  if (line.failed) {
    o->text.failed = 1;
  } else if (line.len != o->last_header.len || memcmp(line.data, o->last_header.data, line.len) != 0) {
    buf_add(&o->text, line.data, line.len);
    o->last_header.len = 0;
    buf_add(&o->last_header, line.data, line.len);
    if (o->last_header.failed) o->text.failed = 1;
  }
  buf_free(&line);
}

/* ---- Box cells ---------------------------------------------------------- */

static cell *new_cell(out *o, int right) {
  if (o->n_cells == o->cap_cells) {
    size_t cap = o->cap_cells ? o->cap_cells * 2 : 64;
    cell *grown = realloc(o->cells, cap * sizeof *grown);
    if (!grown) return NULL;
    o->cells = grown;
    o->cap_cells = cap;
  }
  cell *c = &o->cells[o->n_cells++];
  *c = (cell){ .off = o->cells_text.len, .right = right };
  return c;
}

/* Closes the cell: its text is what cells_text gained since new_cell. */
static int end_cell(out *o, cell *c) {
  if (o->cells_text.failed) return -1;
  c->len = o->cells_text.len - c->off;
  c->width = text_width(o->cells_text.data + c->off, c->len);
  return 0;
}

static int box_text_cell(out *o, const char *s, size_t n) {
  cell *c = new_cell(o, 0);
  if (!c) return -1;
  put_escaped(&o->cells_text, s, n, 0);
  return end_cell(o, c);
}

static void put_number(buf *b, sqlite3_stmt *stmt, int i, int json) {
  if (sqlite3_column_type(stmt, i) == SQLITE_INTEGER) buf_printf(b, "%lld", (long long)sqlite3_column_int64(stmt, i));
  else put_real(b, sqlite3_column_double(stmt, i), json);
}

static int box_value_cell(out *o, sqlite3_stmt *stmt, int i) {
  int type = sqlite3_column_type(stmt, i);
  if (type == SQLITE_TEXT) {
    return box_text_cell(o, (const char *)sqlite3_column_text(stmt, i), (size_t)sqlite3_column_bytes(stmt, i));
  }
  cell *c = new_cell(o, type == SQLITE_INTEGER || type == SQLITE_FLOAT);
  if (!c) return -1;
  if (type == SQLITE_BLOB) {
    const void *p = sqlite3_column_blob(stmt, i);
    buf_puts(&o->cells_text, "x'");
    put_hex(&o->cells_text, p, (size_t)sqlite3_column_bytes(stmt, i));
    buf_putc(&o->cells_text, '\'');
  } else if (type != SQLITE_NULL) {
    put_number(&o->cells_text, stmt, i, 0);
  }
  return end_cell(o, c);
}

static int box_row(out *o, sqlite3_stmt *stmt) {
  if (o->with_ts) {
    cell *c = new_cell(o, 1);
    if (!c) return -1;
    put_real(&o->cells_text, o->ts, 0);
    if (end_cell(o, c)) return -1;
  }
  for (int i = 0; i < o->n_cols; i++) {
    if (box_value_cell(o, stmt, i)) return -1;
  }
  return 0;
}

static void put_repeat(buf *b, const char *s, size_t times) {
  for (size_t i = 0; i < times; i++) buf_puts(b, s);
}

/* A rule across the box: left, the joints between columns, right. */
static void put_rule(buf *b, const size_t *widths, int n, const char *left, const char *joint,
                     const char *right) {
  buf_puts(b, left);
  for (int i = 0; i < n; i++) {
    if (i > 0) buf_puts(b, joint);
    put_repeat(b, "\u2500", widths[i] + 2);
  }
  buf_puts(b, right);
  buf_putc(b, '\n');
}

static void put_cells(out *o, const cell *row, const size_t *widths, int n) {
  buf *b = &o->text;
  for (int i = 0; i < n; i++) {
    size_t pad = widths[i] - row[i].width;
    buf_puts(b, "\u2502 ");
    if (row[i].right) put_repeat(b, " ", pad);
    buf_add(b, o->cells_text.data + row[i].off, row[i].len);
    if (!row[i].right) put_repeat(b, " ", pad);
    buf_putc(b, ' ');
  }
  buf_puts(b, "\u2502\n");
}

/* Draws the statement's box: the header cells first, then the rows. */
static int draw_box(out *o) {
  int n = o->n_fields;
  size_t *widths = calloc((size_t)n, sizeof *widths);
  if (!widths) return -1;
  size_t first = o->header ? 0 : (size_t)n;   /* the header cells, or not */
  for (size_t c = first; c < o->n_cells; c++) {
    size_t *w = &widths[c % (size_t)n];
    if (o->cells[c].width > *w) *w = o->cells[c].width;
  }
  put_rule(&o->text, widths, n, "\u250c", "\u252c", "\u2510");
  for (size_t c = first; c < o->n_cells; c += (size_t)n) {
    put_cells(o, &o->cells[c], widths, n);
    if (c == 0 && o->header) put_rule(&o->text, widths, n, "\u251c", "\u253c", "\u2524");
  }
  put_rule(&o->text, widths, n, "\u2514", "\u2534", "\u2518");
  free(widths);
  return 0;
}

/* ---- Rows ----------------------------------------------------------------- */

/* JSON text copied without the blanks between its tokens: one line. */
static void put_json_compact(buf *b, const char *s, size_t n) {
  int in_string = 0;
  size_t plain = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') i++;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      buf_add(b, s + plain, i - plain);
      plain = i + 1;
    }
  }
  buf_add(b, s + plain, n - plain);
}

static void put_json_value(out *o, sqlite3_stmt *stmt, int i) {
  buf *b = &o->text;
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL: buf_puts(b, "null"); return;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: put_number(b, stmt, i, 1); return;
    case SQLITE_BLOB:
      buf_putc(b, '"');
      put_base64(b, sqlite3_column_blob(stmt, i), (size_t)sqlite3_column_bytes(stmt, i));
      buf_putc(b, '"');
      return;
    default: break;
  }
  const char *s = (const char *)sqlite3_column_text(stmt, i);
  size_t n = (size_t)sqlite3_column_bytes(stmt, i);
  int json = o->nested[i] || sqlite3_value_subtype(sqlite3_column_value(stmt, i)) == JSON_SUBTYPE;
  if (s && json && json_valid(s, n)) put_json_compact(b, s, n);
  else put_json_string(b, s ? s : "", s ? n : 0);
}

static void json_row(out *o, sqlite3_stmt *stmt) {
  buf *b = &o->text;
  if (o->mode == OUT_JSON) buf_puts(b, o->opened ? ",\n" : "[\n");
  o->opened = 1;
  buf_putc(b, '{');
  for (int f = 0; f < o->n_fields; f++) {
    if (f > 0) buf_putc(b, ',');
    put_json_string(b, o->keys[f], strlen(o->keys[f]));
    buf_putc(b, ':');
    if (o->with_ts && f == 0) put_real(b, o->ts, 1);
    else put_json_value(o, stmt, f - o->with_ts);
  }
  buf_putc(b, '}');
  if (o->mode == OUT_NDJSON) buf_putc(b, '\n');
}

static void text_row(out *o, sqlite3_stmt *stmt) {
  buf *b = &o->text;
  int csv = o->mode == OUT_CSV;
  if (o->with_ts) {
    put_real(b, o->ts, 0);
    buf_putc(b, csv ? ',' : '\t');
  }
  for (int i = 0; i < o->n_cols; i++) {
    if (i > 0) buf_putc(b, csv ? ',' : '\t');
    int type = sqlite3_column_type(stmt, i);
    if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
      put_number(b, stmt, i, 0);
    } else if (type == SQLITE_BLOB) {
      put_base64(b, sqlite3_column_blob(stmt, i), (size_t)sqlite3_column_bytes(stmt, i));
    } else if (type == SQLITE_TEXT) {
      const char *s = (const char *)sqlite3_column_text(stmt, i);
      size_t n = (size_t)sqlite3_column_bytes(stmt, i);
      if (csv) put_csv_text(b, s ? s : "", s ? n : 0);
      else put_escaped(b, s ? s : "", s ? n : 0, 1);
    }
  }
  buf_puts(b, csv ? "\r\n" : "\n");
}

/* ---- The statement and the whole output --------------------------------- */

int out_begin(out *o, sqlite3_stmt *stmt, const int *nested) {
  free_statement(o);
  o->n_cols = sqlite3_column_count(stmt);
  o->n_fields = o->n_cols + o->with_ts;
  switch (o->mode) {
    case OUT_JSON:
    case OUT_NDJSON: return make_keys(o, stmt, nested);
    case OUT_CSV:
    case OUT_TSV:
      if (o->header) put_header_line(o, stmt);
      return 0;
    case OUT_BOX:
      for (int i = 0; i < o->n_fields; i++) {
        const char *name = field_name(o, stmt, i);
        if (box_text_cell(o, name, strlen(name))) return -1;
      }
      return 0;
  }
  return 0;
}

int out_row(out *o, sqlite3_stmt *stmt) {
  switch (o->mode) {
    case OUT_JSON:
    case OUT_NDJSON: json_row(o, stmt); return 0;
    case OUT_CSV:
    case OUT_TSV: text_row(o, stmt); return 0;
    case OUT_BOX: return box_row(o, stmt);
  }
  return 0;
}

void out_end(out *o, int complete) {
  /* a box with no header and no rows is not drawn at all */
  if (o->mode == OUT_BOX && complete && o->n_cells > (o->header ? 0 : (size_t)o->n_fields)) {
    if (draw_box(o)) o->text.failed = 1;
  }
  free_statement(o);
}

void out_finish(out *o, int complete) {
  if (o->mode != OUT_JSON) return;
  if (o->opened) buf_puts(&o->text, "\n]\n");
  else if (complete) buf_puts(&o->text, "[]\n");
  o->opened = 0;
}
