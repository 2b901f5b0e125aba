# columns-md.tcl — the README's column references, generated from
# psvtab_columns (the same declarations that build each table's schema).
#
#   tclsh tools/columns-md.tcl BUILD_DIR TABLE       print one table's
#   tclsh tools/columns-md.tcl BUILD_DIR README.md   rewrite, for every table,
#       the part of README.md between <!-- columns:TABLE --> and
#       <!-- /columns:TABLE -->
#
# test/readme.test fails when the README and the code disagree.
package require sqlite3

proc columns_db {build} {
  sqlite3 cdb :memory:
  cdb enable_load_extension 1
  cdb eval {SELECT load_extension($build || '/psvtab')}
}

proc columns_md {build table} {
  columns_db $build
  set out "| column | type | unit | description |\n|---|---|---|---|\n"
  cdb eval {SELECT column_name, type, unit, description FROM psvtab_columns
            WHERE table_name = $table ORDER BY rowid} {
    append out "| `$column_name` | $type | $unit | [string map {| \\|} $description] |\n"
  }
  cdb close
  return $out
}

proc rewrite_readme {build readme} {
  columns_db $build
  set tables [cdb eval {SELECT DISTINCT table_name FROM psvtab_columns}]
  cdb close
  set f [open $readme rb]; set text [read $f]; close $f
  foreach table $tables {
    set begin "<!-- columns:$table -->\n"
    set end "<!-- /columns:$table -->"
    set a [string first $begin $text]
    set b [string first $end $text]
    if {$a < 0 || $b < $a} { error "no $begin ... $end in $readme" }
    set text "[string range $text 0 [expr {$a + [string length $begin] - 1}]][columns_md $build $table][string range $text $b end]"
  }
  set f [open $readme wb]; puts -nonewline $f $text; close $f
}

if {[info exists argv0] && [file tail $argv0] eq "columns-md.tcl"} {
  lassign $argv build what
  if {[string match *.md $what]} {
    rewrite_readme $build $what
  } else {
    puts -nonewline [columns_md $build $what]
  }
}
