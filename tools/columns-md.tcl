# columns-md.tcl — the README's column reference for a table, generated
# from psvtab_columns (the same declarations that build the schema).
#
#   tclsh tools/columns-md.tcl BUILD_DIR TABLE            print it
#   tclsh tools/columns-md.tcl BUILD_DIR TABLE README.md  rewrite the part
#       of README.md between <!-- columns:TABLE --> and <!-- /columns:TABLE -->
#
# test/readme.test fails when the README and the code disagree.
package require sqlite3
lassign $argv build table readme

proc columns_md {build table} {
  sqlite3 cdb :memory:
  cdb enable_load_extension 1
  cdb eval {SELECT load_extension($build || '/psvtab')}
  set out "| column | type | unit | description |\n|---|---|---|---|\n"
  cdb eval {SELECT column_name, type, unit, description FROM psvtab_columns
            WHERE table_name = $table ORDER BY rowid} {
    append out "| `$column_name` | $type | $unit | [string map {| \\|} $description] |\n"
  }
  cdb close
  return $out
}

if {[info exists argv0] && [file tail $argv0] eq "columns-md.tcl"} {
  set md [columns_md $build $table]
  if {$readme eq ""} { puts -nonewline $md; exit 0 }
  set f [open $readme rb]; set text [read $f]; close $f
  set begin "<!-- columns:$table -->\n"
  set end "<!-- /columns:$table -->"
  set a [string first $begin $text]
  set b [string first $end $text]
  if {$a < 0 || $b < $a} { puts stderr "no $begin ... $end in $readme"; exit 1 }
  set text "[string range $text 0 [expr {$a + [string length $begin] - 1}]]$md[string range $text $b end]"
  set f [open $readme wb]; puts -nonewline $f $text; close $f
}
