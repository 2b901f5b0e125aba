# all.tcl — runs every test/*.test file (or those named on the command
# line) in its own tclsh, prints their output, and ends with the totals:
# "N passed, N failed, N skipped". Exits non-zero if anything failed.
set src [file dirname [file dirname [file normalize [info script]]]]
set ::env(PSVTAB_SRC) $src
if {![info exists ::env(PSVTAB_BUILD)]} { set ::env(PSVTAB_BUILD) [pwd] }
set tclsh [info nameofexecutable]

set files $argv
if {[llength $files] == 0} {
  set files [lsort [glob -directory [file join $src test] *.test]]
}

array set total {passed 0 failed 0 skipped 0}
foreach file $files {
  puts "== [file tail $file]"
  # Run under PSVTAB_WRAP (e.g. valgrind) when set.
  set wrap [expr {[info exists ::env(PSVTAB_WRAP)] ? $::env(PSVTAB_WRAP) : ""}]
  set rc [catch {exec {*}$wrap $tclsh $file 2>@1} out]
  # exec adds "child process exited abnormally" after a non-zero exit.
  regsub {\nchild process exited abnormally$} $out "" out
  puts $out
  if {[regexp {(\d+) passed, (\d+) failed, (\d+) skipped\s*$} $out -> p f s]} {
    incr total(passed) $p
    incr total(failed) $f
    incr total(skipped) $s
    if {$rc && $f == 0} {
      puts "FAIL [file tail $file]: exited with an error after its tests"
      incr total(failed)
    }
  } else {
    puts "FAIL [file tail $file]: did not finish"
    incr total(failed)
  }
}
puts "$total(passed) passed, $total(failed) failed, $total(skipped) skipped"
exit [expr {$total(failed) > 0}]
