/*
** psvtab.c — the psvtab command: SQL over the live operating system, from
** the shell, with no sqlite3 shell needed.
**
**   psvtab 'SELECT pid, name, rss FROM processes ORDER BY rss DESC LIMIT 5'
**   psvtab --watch 2 top                   # a recipe, redrawn every 2 s
**   psvtab --ndjson --watch 10 'SELECT * FROM load_avg' >> load.log
**
** This file reads the command line and picks the SQL (the argument, a
** recipe of examples/, or standard input); run.c runs it, output.c writes
** the results. The manual is cli/psvtab.1.
*/
#include "recipes.h"
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PSVTAB_VERSION
#define PSVTAB_VERSION "unknown"
#endif

enum { EXIT_USAGE = 2 };

/* Short names for recipes: the names people reach for first. */
static const struct alias {
  const char *alias, *recipe;
} aliases[] = {
  { "deleted", "deleted_exe" }, { "disks", "disk_totals" }, { "cputime", "top_cpu" },
  { "ip", "ip_br_addr" },       { "mem", "uss" },           { "ports", "listening" },
  { "stale", "stale_code" },    { "tree", "pstree" },
};
#define N_ALIASES (sizeof aliases / sizeof *aliases)

typedef struct options {
  run_config run;
  int mode_given;
  int help, version, list;
  const char *show;   /* --show RECIPE */
  const char *arg;    /* the SQL or a recipe's name; NULL: standard input */
} options;

static int usage_error(const char *fmt, const char *what) {
  fputs("psvtab: ", stderr);
  fprintf(stderr, fmt, what);
  fputs("\nTry 'psvtab --help' for more information.\n", stderr);
  return EXIT_USAGE;
}

static void print_help(void) {
  fputs(
    "Usage: psvtab [OPTION]... [SQL | RECIPE]\n"
    "Query the live operating system (processes, memory, network, disks) with SQL.\n"
    "The SQL, one or more statements, is the argument or standard input; a RECIPE\n"
    "is a query that comes with psvtab (psvtab --list).\n"
    "\n"
    "Output:\n"
    "      --box            a table drawn with box characters (default on a terminal)\n"
    "      --tsv            tab-separated values after a header line (default otherwise)\n"
    "      --csv            CSV (RFC 4180) after a header line\n"
    "      --json           one JSON array of objects\n"
    "      --ndjson         one JSON object per line\n"
    "  -N, --no-header      no header line (box, tsv, csv)\n"
    "Repeating:\n"
    "      --watch SECONDS  run again every SECONDS until interrupted: a terminal is\n"
    "                       redrawn in place, other output gets every round appended,\n"
    "                       each row with a \"ts\" field (Unix time of the round)\n"
    "      --count N        stop after N rounds of --watch\n"
    "Recipes and information:\n"
    "      --list           the recipes, with what each shows\n"
    "      --show RECIPE    the SQL of a recipe\n"
    "  -h, --help           this help\n"
    "  -V, --version        the versions of psvtab and SQLite\n"
    "\n"
    "Exit status: 0 done, 1 an SQL error, 2 a usage error; Ctrl-C stops at once\n"
    "(the shell sees 130).\n"
    "\n"
    "Examples:\n"
    "  psvtab top\n"
    "  psvtab --watch 2 top\n"
    "  psvtab --json \"SELECT pid, name, argv FROM processes WHERE name = 'sshd'\"\n"
    "  psvtab --ndjson --watch 10 'SELECT * FROM load_avg' >> load.log\n"
    "\n"
    "The tables: SELECT DISTINCT table_name FROM psvtab_columns. Manual: man psvtab.\n",
    stdout);
}

/* ---- Recipes -------------------------------------------------------------- */

/* Names match with '-' and '_' alike: deleted-exe is deleted_exe. */
static int same_name(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
    if (x != y) return 0;
  }
  return *a == *b;
}

static const recipe *find_recipe(const char *name) {
  for (size_t i = 0; i < N_ALIASES; i++) {
    if (same_name(name, aliases[i].alias)) name = aliases[i].recipe;
  }
  for (int i = 0; i < n_recipes; i++) {
    if (same_name(name, recipes[i].name)) return &recipes[i];
  }
  return NULL;
}

/* "deleted-exe, deleted": the name as typed on a command line, and its aliases. */
static void recipe_names(const recipe *r, char *out, size_t size) {
  size_t n = 0;
  for (const char *p = r->name; *p && n + 1 < size; p++) out[n++] = *p == '_' ? '-' : *p;
  out[n] = '\0';
  for (size_t i = 0; i < N_ALIASES; i++) {
    size_t len = strlen(out);
    if (same_name(aliases[i].recipe, r->name)) snprintf(out + len, size - len, ", %s", aliases[i].alias);
  }
}

static void print_list(void) {
  char names[128];
  int width = 0;
  for (int i = 0; i < n_recipes; i++) {
    recipe_names(&recipes[i], names, sizeof names);
    if ((int)strlen(names) > width) width = (int)strlen(names);
  }
  for (int i = 0; i < n_recipes; i++) {
    recipe_names(&recipes[i], names, sizeof names);
    printf("%-*s  %s\n", width, names, recipes[i].summary);
  }
}

/* A single word (what a recipe's name looks like, and no SQL statement
** worth running here is). */
static int is_word(const char *s) {
  if (!*s) return 0;
  for (; *s; s++) {
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '-')) {
      return 0;
    }
  }
  return 1;
}

/* ---- Options ------------------------------------------------------------------ */

static int parse_seconds(const char *text, double *out) {
  char *end;
  errno = 0;
  double v = strtod(text, &end);
  if (errno || end == text || *end || !(v > 0) || v > 1e9) {
    return usage_error("--watch: '%s' is not a number of seconds (more than 0)", text);
  }
  *out = v;
  return 0;
}

static int parse_count(const char *text, long *out) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno || end == text || *end || v <= 0) {
    return usage_error("--count: '%s' is not a number of rounds (1 or more)", text);
  }
  *out = v;
  return 0;
}

/* The options without a value. */
enum { SET_MODE, NO_HEADER, HELP, VERSION, LIST };
static const struct flag {
  const char *name, *short_name;
  int what;
  out_mode mode;
} flags[] = {
  { "--box", NULL, SET_MODE, OUT_BOX },       { "--tsv", NULL, SET_MODE, OUT_TSV },
  { "--csv", NULL, SET_MODE, OUT_CSV },       { "--json", NULL, SET_MODE, OUT_JSON },
  { "--ndjson", NULL, SET_MODE, OUT_NDJSON }, { "--no-header", "-N", NO_HEADER, OUT_BOX },
  { "--help", "-h", HELP, OUT_BOX },          { "--version", "-V", VERSION, OUT_BOX },
  { "--list", NULL, LIST, OUT_BOX },
};

static const struct flag *find_flag(const char *name) {
  for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
    const struct flag *f = &flags[i];
    if (strcmp(name, f->name) == 0 || (f->short_name && strcmp(name, f->short_name) == 0)) return f;
  }
  return NULL;
}

static void set_flag(options *o, const struct flag *f) {
  switch (f->what) {
    case SET_MODE:
      o->run.mode = f->mode;
      o->mode_given = 1;
      break;
    case NO_HEADER: o->run.header = 0; break;
    case HELP: o->help = 1; break;
    case VERSION: o->version = 1; break;
    case LIST: o->list = 1; break;
  }
}

static int takes_value(const char *name) {
  return !strcmp(name, "--watch") || !strcmp(name, "--count") || !strcmp(name, "--show");
}

static int set_value(options *o, const char *name, const char *value) {
  if (!strcmp(name, "--watch")) return parse_seconds(value, &o->run.watch);
  if (!strcmp(name, "--count")) return parse_count(value, &o->run.count);
  o->show = value;
  return 0;
}

/* The option at argv[*i] (--name, --name=value or --name value, -X); *i
** moves past its value. 0, or the exit status. */
static int parse_option(options *o, int argc, char **argv, int *i) {
  const char *arg = argv[*i];
  const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
  size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
  char name[32];
  if (len >= sizeof name) return usage_error("unknown option '%s'", arg);
  memcpy(name, arg, len);
  name[len] = '\0';
  if (takes_value(name)) {
    if (eq) return set_value(o, name, eq + 1);
    if (*i + 1 >= argc) return usage_error("option '%s' needs a value", name);
    return set_value(o, name, argv[++*i]);
  }
  const struct flag *f = find_flag(name);
  if (!f) return usage_error("unknown option '%s'", arg);
  if (eq) return usage_error("option '%s' takes no value", name);
  set_flag(o, f);
  return 0;
}

static int parse_options(int argc, char **argv, options *o) {
  int only_args = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (!only_args && strcmp(arg, "--") == 0) {
      only_args = 1;
    } else if (!only_args && arg[0] == '-' && arg[1]) {
      int rc = parse_option(o, argc, argv, &i);
      if (rc) return rc;
    } else if (o->arg) {
      return usage_error("one SQL argument only, '%s' is another (quote the SQL)", arg);
    } else {
      o->arg = arg;
    }
  }
  if (o->run.count && o->run.watch == 0) return usage_error("%s needs --watch", "--count");
  if (!o->mode_given) o->run.mode = isatty(STDOUT_FILENO) ? OUT_BOX : OUT_TSV;
  return 0;
}

/* ---- The SQL ---------------------------------------------------------------------- */

/* All of standard input, NUL-terminated; NULL with the error said. */
static char *read_stdin(void) {
  size_t len = 0, cap = 4096;
  char *text = malloc(cap);
  while (text) {
    if (cap - len < 2) {
      char *grown = cap < ((size_t)-1) / 2 ? realloc(text, cap * 2) : NULL;
      if (!grown) break;
      text = grown;
      cap *= 2;
    }
    size_t got = fread(text + len, 1, cap - len - 1, stdin);
    len += got;
    if (got == 0) {
      if (ferror(stdin)) {
        fprintf(stderr, "psvtab: cannot read standard input: %s\n", strerror(errno));
        free(text);
        return NULL;
      }
      text[len] = '\0';
      return text;
    }
  }
  free(text);
  fputs("psvtab: out of memory\n", stderr);
  return NULL;
}

/* The SQL to run and its title: 0, or the exit status. *owned is what to free. */
static int choose_sql(options *o, char **owned) {
  *owned = NULL;
  if (!o->arg) {
    if (isatty(STDIN_FILENO)) {
      return usage_error("%s", "no SQL: give a query, a recipe (psvtab --list), or SQL on standard input");
    }
    *owned = read_stdin();
    if (!*owned) return 1;
    o->run.sql = *owned;
    return 0;
  }
  const recipe *r = find_recipe(o->arg);
  if (r) {
    o->run.sql = r->sql;
    o->run.title = o->arg;
  } else if (is_word(o->arg)) {
    return usage_error("no recipe named '%s' (psvtab --list lists them)", o->arg);
  } else {
    o->run.sql = o->arg;
  }
  return 0;
}

/* Ends the way SIGINT ends a program, so that a calling shell or script
** knows it was interrupted (and stops too). */
static int end_by_sigint(void) {
  fflush(stdout);
  signal(SIGINT, SIG_DFL);
  raise(SIGINT);
  return 130;   /* SIGINT was blocked or ignored */
}

static int information(const options *o) {
  if (o->help) {
    print_help();
  } else if (o->version) {
    printf("psvtab %s (SQLite %s)\n", PSVTAB_VERSION, sqlite3_libversion());
  } else if (o->list) {
    print_list();
  } else {
    const recipe *r = find_recipe(o->show);
    if (!r) return usage_error("no recipe named '%s' (psvtab --list lists them)", o->show);
    fputs(r->sql, stdout);
  }
  return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  options o = { .run = { .header = 1 } };
  int rc = parse_options(argc, argv, &o);
  if (rc) return rc;
  if (o.help || o.version || o.list || o.show) return information(&o);
  char *owned;
  rc = choose_sql(&o, &owned);
  if (rc) return rc;
  int interrupted = 0;
  rc = run_sql(&o.run, &interrupted);
  free(owned);
  return interrupted ? end_by_sigint() : rc;
}
