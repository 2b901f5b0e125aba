/*
** run.h — running the SQL of the psvtab command: once, or round after
** round with --watch; Ctrl-C (SIGINT) interrupts the query at once.
*/
#ifndef CLI_RUN_H
#define CLI_RUN_H

#include "output.h"

typedef struct run_config {
  out_mode mode;
  int header;          /* header lines in box, tsv and csv */
  double watch;        /* seconds from one round's start to the next; 0: once */
  long count;          /* rounds to run; 0: until interrupted */
  const char *sql;     /* one or more statements */
  const char *title;   /* the recipe's name, or NULL: the SQL */
} run_config;

/* The exit status: 0, or 1 after an SQL error, no memory or a write error
** (said on stderr), 130 when the query was interrupted. *interrupted is set
** when SIGINT came: the command should then end by it. */
int run_sql(const run_config *cfg, int *interrupted);

#endif /* CLI_RUN_H */
