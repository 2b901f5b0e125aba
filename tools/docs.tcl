# docs.tcl — the generated parts of the docs, made from psvtab_tables and
# psvtab_columns (the same declarations that build each table's schema):
#
#   - in README.md, between <!-- tables --> and <!-- /tables -->: the table
#     list, one line each, linking to the table's page;
#   - in docs/tables/NAME.md, for every table: between <!-- table:NAME -->
#     and <!-- /table:NAME --> its summary (description, kind, call,
#     direct-only, platforms), between <!-- columns:NAME --> and
#     <!-- /columns:NAME --> its column reference. The rest of a page is
#     written by hand; a table without a page gets a new one.
#
#   tclsh tools/docs.tcl BUILD_DIR SRC_DIR     rewrite them (make docs)
#   tclsh tools/docs.tcl BUILD_DIR TABLE       print one table's columns
#
# Rewriting twice changes nothing. test/readme.test fails when the docs and
# the code disagree.
package require sqlite3

proc docs_db {build} {
  sqlite3 cdb :memory:
  cdb enable_load_extension 1
  cdb eval {SELECT load_extension($build || '/psvtab')}
}

proc md_cell {text} { string map {| \\|} $text }

# The column reference of one table (the caller opened docs_db).
proc columns_block {table} {
  set out "| column | type | unit | description |\n|---|---|---|---|\n"
  cdb eval {SELECT column_name, type, unit, description FROM psvtab_columns
            WHERE table_name = $table ORDER BY rowid} {
    append out "| `$column_name` | $type | $unit | [md_cell $description] |\n"
  }
  return $out
}

# How the table is named in a FROM clause: t, or t(arg, ...).
proc table_call {name arguments} {
  set args [cdb eval {SELECT value FROM json_each($arguments) ORDER BY key}]
  expr {[llength $args] ? "$name\([join $args {, }])" : $name}
}

proc table_block {table} {
  cdb eval {SELECT description, kind, arguments, direct_only, platforms
            FROM psvtab_tables WHERE name = $table} break
  set direct [expr {$direct_only ? {yes ([Security](../security.md))} : {no}}]
  return "[md_cell $description]\n\n| kind | call | direct-only | platforms |\n|---|---|---|---|\n| $kind | `[table_call $table $arguments]` | $direct | $platforms |\n"
}

# The README's table list.
proc tables_block {} {
  set out "| table | rows |\n|---|---|\n"
  cdb eval {SELECT name, description, arguments, direct_only FROM psvtab_tables} {
    set note [expr {$direct_only ? " (direct-only)" : ""}]
    append out "| \[`[table_call $name $arguments]`\](docs/tables/$name.md) | [md_cell $description]$note |\n"
  }
  return $out
}

# text with the part between "<!-- TAG -->\n" and "<!-- /TAG -->" replaced
# by content; an error naming the file when the markers are not there.
proc replace_block {text tag content file} {
  set begin "<!-- $tag -->\n"
  set end "<!-- /$tag -->"
  set a [string first $begin $text]
  set b [string first $end $text]
  if {$a < 0 || $b < $a} { error "no $begin ... $end in $file" }
  return "[string range $text 0 [expr {$a + [string length $begin] - 1}]]$content[string range $text $b end]"
}

# The part between the markers, or "" when they are missing.
proc block_of {text tag} {
  set begin "<!-- $tag -->\n"
  set a [string first $begin $text]
  set b [string first "<!-- /$tag -->" $text]
  if {$a < 0 || $b < $a} { return "" }
  string range $text [expr {$a + [string length $begin]}] [expr {$b - 1}]
}

proc read_text {path} {
  set f [open $path rb]; set text [read $f]; close $f
  return $text
}
proc write_if_changed {path text} {
  if {[file exists $path] && [read_text $path] eq $text} return
  set f [open $path wb]; puts -nonewline $f $text; close $f
}

# A new table's page: its title and the generated parts, notes to be written.
proc new_page {table} {
  return "# `$table`\n\n<!-- table:$table -->\n<!-- /table:$table -->\n\n## Columns\n\n<!-- columns:$table -->\n<!-- /columns:$table -->\n"
}

proc page_text {text table path} {
  set text [replace_block $text table:$table [table_block $table] $path]
  replace_block $text columns:$table [columns_block $table] $path
}

proc rewrite_docs {build src} {
  docs_db $build
  file mkdir [file join $src docs tables]
  foreach table [cdb eval {SELECT name FROM psvtab_tables}] {
    set path [file join $src docs tables $table.md]
    set text [expr {[file exists $path] ? [read_text $path] : [new_page $table]}]
    write_if_changed $path [page_text $text $table $path]
  }
  set readme [file join $src README.md]
  write_if_changed $readme [replace_block [read_text $readme] tables [tables_block] $readme]
  cdb close
}

if {[info exists argv0] && [file tail $argv0] eq "docs.tcl"} {
  lassign $argv build what
  if {[file isdirectory $what]} {
    rewrite_docs $build $what
  } else {
    docs_db $build
    puts -nonewline [columns_block $what]
    cdb close
  }
}
