# recipes.awk — examples/*.sql as C, for the psvtab command's recipes:
#
#   awk -f cli/recipes.awk examples/*.sql > recipes.c
#
# A recipe's name is its file's name without .sql; its summary (psvtab
# --list) the first line of the comment the file starts with. Plain POSIX
# awk: every character is copied as it is, but for the few C escapes.

# A C string literal of s. `?` is escaped too: two of them could start a
# trigraph.
function c_string(s,    out, i, c) {
  out = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\") out = out "\\\\"
    else if (c == "\"") out = out "\\\""
    else if (c == "\t") out = out "\\t"
    else if (c == "?") out = out "\\?"
    else if (c == "\r") out = out "\\r"
    else if (c == "\n") out = out "\\n"
    else out = out c
  }
  return "\"" out "\""
}

function end_recipe() {
  if (name == "") return
  if (summary == "") {
    print "recipes.awk: " file " does not start with a -- comment" > "/dev/stderr"
    failed = 1
  }
  printf "  { %s,\n    %s,\n%s  },\n", c_string(name), c_string(summary), sql
}

BEGIN {
  print "/* Generated from the .sql files of examples/ by cli/recipes.awk: do not edit. */"
  print "#include \"recipes.h\""
  print ""
  print "const recipe recipes[] = {"
}

FNR == 1 {
  end_recipe()
  file = FILENAME
  name = FILENAME
  sub(/.*\//, "", name)
  sub(/\.sql$/, "", name)
  summary = ""
  sql = ""
  heading = 1
}

heading && /^--/ && summary == "" {
  summary = $0
  sub(/^--[ \t]*/, "", summary)
  sub(/[ \t]+$/, "", summary)
}

!/^--/ { heading = 0 }

{ sql = sql "    " c_string($0 "\n") "\n" }

END {
  end_recipe()
  print "};"
  print ""
  print "const int n_recipes = (int)(sizeof recipes / sizeof *recipes);"
  exit failed
}
