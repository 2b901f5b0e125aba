# all.tcl — runs every test/*.test file (or those named on the command
# line) in its own tclsh, prints their output, and ends with the totals:
# "N passed, N failed, N skipped". Exits non-zero if anything failed.
# PSVTAB_JOBS=N runs up to N files at once (default 1); each file's output
# is printed whole when it ends. The files hold on a busy machine and next
# to a second run of the suite (make test-stress), so they may share one.
set src [file dirname [file dirname [file normalize [info script]]]]
set ::env(PSVTAB_SRC) $src
if {![info exists ::env(PSVTAB_BUILD)]} { set ::env(PSVTAB_BUILD) [pwd] }
set tclsh [info nameofexecutable]

set files $argv
if {[llength $files] == 0} {
  set files [lsort [glob -directory [file join $src test] *.test]]
  # the Windows suite runs under wine against a cross build: its own
  # stage (tools/check . windows), or named here
  set files [lsearch -all -inline -not $files */windows.test]
}
set jobs 1
if {[info exists ::env(PSVTAB_JOBS)]} {
  if {![string is integer -strict $::env(PSVTAB_JOBS)] || $::env(PSVTAB_JOBS) < 1} {
    puts stderr "all.tcl: PSVTAB_JOBS must be a whole number of at least 1, not '$::env(PSVTAB_JOBS)'"
    exit 2
  }
  set jobs $::env(PSVTAB_JOBS)
}
# Run under PSVTAB_WRAP (e.g. valgrind) when set.
set wrap [expr {[info exists ::env(PSVTAB_WRAP)] ? $::env(PSVTAB_WRAP) : ""}]

array set total {passed 0 failed 0 skipped 0}
set running 0

# Adds up one finished file's output; rc is non-zero when it exited so.
proc report {file rc out seconds} {
  global total
  puts "== [file tail $file] ($seconds s)"
  puts [string trimright $out "\n"]
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
  flush stdout
}

proc start {file} {
  global wrap tclsh running output started
  set chan [open |[list {*}$wrap $tclsh $file 2>@1] r]
  set output($chan) ""
  set started($chan) [clock seconds]
  fileevent $chan readable [list collect $chan $file]
  incr running
}

proc collect {chan file} {
  global running output started
  append output($chan) [read $chan]
  if {![eof $chan]} return
  fconfigure $chan -blocking 1
  set rc [catch {close $chan}]
  report $file $rc $output($chan) [expr {[clock seconds] - $started($chan)}]
  unset output($chan) started($chan)
  incr running -1
}

foreach file $files {
  while {$running >= $jobs} { vwait running }
  start $file
}
while {$running > 0} { vwait running }
puts "$total(passed) passed, $total(failed) failed, $total(skipped) skipped"
exit [expr {$total(failed) > 0}]
