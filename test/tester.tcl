# tester.tcl — the test harness sourced by every test/*.test file.
#
#   do_test NAME SCRIPT EXPECTED         the script's result equals EXPECTED
#   do_execsql_test NAME SQL EXPECTED    the rows (as one flat list) equal it
#   do_catchsql_test NAME SQL EXPECTED   {rc message}, e.g. {1 {no such ...}}
#   do_eqp_test NAME SQL PATTERN         EXPLAIN QUERY PLAN text matches glob
#   skip_test NAME REASON                counted and printed, never silent
#   finish_test                          prints "N passed, N failed, N skipped"
#
# Each file opens `db`, an in-memory database with psvtab loaded. The build
# and source directories come from the runner (test/all.tcl) through
# PSVTAB_BUILD and PSVTAB_SRC.

package require sqlite3

set ::psv(build) [expr {[info exists env(PSVTAB_BUILD)] ? $env(PSVTAB_BUILD) : [pwd]}]
set ::psv(src) [expr {[info exists env(PSVTAB_SRC)] ? $env(PSVTAB_SRC) : [file dirname [file dirname [file normalize [info script]]]]}]
set ::psv(module) [file join $::psv(build) psvtab]
set ::psv(child) [file join $::psv(build) test psvchild]
set ::psv(fixtures) [file join $::psv(src) test fixtures]
array set ::count {passed 0 failed 0 skipped 0}

proc psv_open {name} {
  sqlite3 $name :memory:
  $name enable_load_extension 1
  $name eval {SELECT load_extension($::psv(module))}
}
psv_open db

proc pass {name} {
  incr ::count(passed)
  if {[info exists ::env(PSVTAB_VERBOSE)]} { puts "ok $name" }
}

proc fail {name got expected} {
  incr ::count(failed)
  puts "FAIL $name\n  expected: $expected\n  got:      $got"
}

proc do_test {name script expected} {
  set rc [catch {uplevel 1 $script} got]
  if {$rc == 1} {
    fail $name "error: $got" $expected
  } elseif {$got eq $expected} {
    pass $name
  } else {
    fail $name $got $expected
  }
}

proc do_execsql_test {name sql expected} {
  uplevel 1 [list do_test $name [list db eval $sql] [list {*}$expected]]
}

proc do_catchsql_test {name sql expected} {
  uplevel 1 [list do_test $name [list catch_sql $sql] $expected]
}

proc catch_sql {sql} {
  set rc [catch {uplevel 1 [list db eval $sql]} msg]
  list $rc $msg
}

proc eqp {sql} {
  set out {}
  db eval "EXPLAIN QUERY PLAN $sql" row { lappend out $row(detail) }
  join $out "\n"
}

proc do_eqp_test {name sql pattern} {
  set plan [eqp $sql]
  if {[string match $pattern $plan]} { pass $name } else { fail $name $plan $pattern }
}

proc skip_test {name reason} {
  incr ::count(skipped)
  puts "SKIP $name: $reason"
}

proc is_root {} { expr {[exec id -u] == 0} }

# What a test that reads every table reads `table` as: the sampling tables
# as a call with an interval; a table that must be told what to read
# (osquery_file names no file by itself) as what it reads of the root
# directory, in parentheses (so it takes an alias and more WHERE terms).
proc table_source {table {interval 0.05}} {
  if {[db exists {SELECT 1 FROM psvtab_columns WHERE table_name = $table AND argument
                  AND column_name = 'interval'}]} {
    return "$table\($interval)"
  }
  if {$table eq "osquery_file"} { return "(SELECT * FROM osquery_file WHERE directory = '/')" }
  return $table
}

proc finish_test {} {
  catch {db close}
  puts "$::count(passed) passed, $::count(failed) failed, $::count(skipped) skipped"
  exit [expr {$::count(failed) > 0}]
}

# ---- Ground-truth helpers ------------------------------------------------

# Start test/psvchild with environment settings and arguments; wait for its
# "ready" line. Returns a dict of its facts plus the channel (key chan).
# `prefix` runs it under another program (setpriv, script, ...).
proc start_child {settings args} {
  return [start_child_with {} $settings {*}$args]
}

proc start_child_with {prefix settings args} {
  # Touch ::env key by key: unsetting the whole array would cut its link
  # to the real environment.
  set saved {}
  foreach {k v} $settings {
    if {[info exists ::env($k)]} { dict set saved $k $::env($k) }
    set ::env($k) $v
  }
  set cmd [list {*}$prefix $::psv(child) {*}$args]
  set rc [catch {open "|$cmd 2>@stderr" r+} chan]
  foreach {k v} $settings {
    if {[dict exists $saved $k]} { set ::env($k) [dict get $saved $k] } else { unset ::env($k) }
  }
  if {$rc} { error $chan }
  return [ready_facts $chan]
}

# Starts a test helper program (test/NAME) that prints a "ready k=v ..."
# line like psvchild; returns the same facts dict.
proc start_helper {name args} {
  set cmd [list [file join $::psv(build) test $name] {*}$args]
  if {[info exists ::helper_env]} { set cmd [list env {*}$::helper_env {*}$cmd] }
  return [ready_facts [open "|$cmd 2>@stderr" r+]]
}

proc ready_facts {chan} {
  set line [gets $chan]
  if {![string match "ready *" $line]} {
    catch {close $chan}
    error "test helper did not start: '$line'"
  }
  set facts [dict create chan $chan]
  foreach kv [lrange [split $line " "] 1 end] {
    lassign [split $kv =] k v
    dict set facts $k $v
  }
  wait_sleeping [dict get $facts pid]
  return $facts
}

# The child prints "ready" just before it blocks reading stdin: wait until
# it is asleep there, every thread of it, so that its state and counters
# hold still (up to 30 s: a loaded machine may be slow to run it). (A
# thread that has ended shows Z, as the leader of a process whose main
# thread ended: it holds still too.)
proc wait_sleeping {pid} {
  for {set i 0} {$i < 3000} {incr i} {
    if {[catch {glob -tails -directory /proc/$pid/task *} tids]} return
    set awake 0
    foreach tid $tids {
      if {![catch {slurp /proc/$pid/task/$tid/stat} text] &&
          [lindex [string range $text [string last ")" $text]+2 end] 0] ni {S Z}} { incr awake }
    }
    if {!$awake} return
    after 10
  }
}

# N sleeping processes in a session of their own (more processes than
# one thread of a scan reads alone); stop_sleepers ends them all.
proc start_sleepers {n} {
  exec setsid sh -c "for i in \$(seq $n); do sleep 300 & done; wait" &
}
proc stop_sleepers {leader} {
  catch {exec kill -- -$leader}
}

proc stop_child {facts} {
  catch {close [dict get $facts chan]}
}

# Contents of a file (binary-safe).
proc slurp {path} {
  set f [open $path rb]
  set data [read $f]
  close $f
  return $data
}

# Fields of /proc/PID/stat after the command name (index 0 = state), read
# independently of psvtab.
proc stat_fields {pid} {
  set data [slurp /proc/$pid/stat]
  set rpar [string last ")" $data]
  return [string range $data [expr {$rpar + 2}] end]
}

# Value of one "Key:" line of /proc/PID/status.
proc status_field {pid key} {
  foreach line [split [slurp /proc/$pid/status] "\n"] {
    if {[string match "$key:*" $line]} {
      return [string trim [string range $line [string length "$key:"] end]]
    }
  }
  return ""
}

# ---- A machine that is not ours alone --------------------------------------
# Other processes may run anything meanwhile: other test runs, a process
# with the environment variables or names a test looks for, listeners,
# namespaces, mounts and loop devices coming and going.

# A name no other process or earlier run uses: PREFIX_PID_RANDOM (letters,
# digits and '_': fit for an environment variable, a namespace or a file).
proc unique_name {prefix} {
  format %s_%d_%08x $prefix [pid] [expr {int(rand() * 0xffffffff) ^ ([clock microseconds] & 0xffffffff)}]
}

# Runs PROBE, QUERY, PROBE until both probes agree (what the probe sees
# held still around the query; at most 20 tries) and returns QUERY's
# result: for state that others may change meanwhile (mounts, devices,
# logins). Both scripts run in the caller's scope.
proc stable {probe query} {
  for {set try 0} {$try < 20} {incr try} {
    set before [uplevel 1 $probe]
    set got [uplevel 1 $query]
    set after [uplevel 1 $probe]
    if {$before eq $after} { return $got }
    after 50
  }
  error "did not hold still over 20 tries: {$before} then {$after}"
}

# Every pid in /proc now, ascending.
proc all_pids {} {
  lsort -integer [lmap d [glob -nocomplain -tails -directory /proc {[0-9]*}] {
    if {![string is integer -strict $d]} continue
    set d
  }]
}

proc is_kernel_thread {pid} {
  expr {![catch {lindex [stat_fields $pid] 6} flags] && ($flags & 0x00200000)}
}

# A kernel thread (PF_KTHREAD in the flags of stat), pid 2 when it is one;
# "" when this pid namespace shows none (a container's).
proc kernel_thread {} {
  foreach p [list 2 {*}[all_pids]] {
    if {[is_kernel_thread $p]} { return $p }
  }
  return ""
}

# A process (not a kernel thread) whose /proc/PID/FILE this test may not
# open (EACCES: another user's), pid 1 when it is one; "" when none is.
proc unreadable_pid {file} {
  foreach p [list 1 {*}[all_pids]] {
    if {[is_kernel_thread $p] || ![catch {close [open /proc/$p/$file rb]}] ||
        [lindex $::errorCode 1] ne "EACCES"} continue
    return $p
  }
  return ""
}

# The CPUs a process may run on (Cpus_allowed_list of its status), as a list.
proc allowed_cpus {pid} {
  set cpus {}
  foreach range [split [status_field $pid Cpus_allowed_list] ,] {
    lassign [split $range -] lo hi
    if {$hi eq ""} { set hi $lo }
    for {set c $lo} {$c <= $hi} {incr c} { lappend cpus $c }
  }
  return $cpus
}

# Waits (up to 30 s: a loaded machine may be slow to run the process)
# until PID's state (stat) is one of STATES; returns the state seen last.
proc wait_state {pid states} {
  for {set i 0} {$i < 3000} {incr i} {
    if {[catch {lindex [stat_fields $pid] 0} state] || $state in $states} break
    after 10
  }
  return $state
}
