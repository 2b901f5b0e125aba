/*
** recipes.h — the recipes of examples/ (its .sql files), compiled into the
** psvtab command: recipes.c is generated from them by cli/recipes.awk at
** build time, so that an installed command needs no files of its own.
*/
#ifndef CLI_RECIPES_H
#define CLI_RECIPES_H

typedef struct recipe {
  const char *name;      /* the file's name without .sql */
  const char *summary;   /* the first line of its leading comment */
  const char *sql;       /* the whole file */
} recipe;

extern const recipe recipes[];
extern const int n_recipes;

#endif /* CLI_RECIPES_H */
