#!/usr/bin/env bash
# SIGINT / SIGTERM during relate (issue 24): relate stops within a chunk of
# stories, rolls its transaction back, says "interrupted; ... run the same
# command again to continue" and exits 130 / 143; the archive checks sound,
# and the same command again completes relate with the export of a clean run.
# Before, relate ignored the signal until it had ended (and `annals relate`
# was ended by it, saying nothing).
# Relate of the generated site takes seconds (2,500 pages: 3 s on the two cores
# of the development machine); the signal comes once the process has used 0.7 s
# of CPU, not 0.7 s of wall time: on a loaded machine a fixed delay could land
# before the process had even started its work.
set -uo pipefail
annals=$1 gen_site=$2 dir=$3 pages=${4:-2500}
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n "$pages" --jobs 1 > /dev/null || fail "gen_site"
"$annals" ingest -q --stories-only --db "$dir/base.db" "$dir/site" || fail "ingest --stories-only"
cp "$dir/base.db" "$dir/clean.db"
"$annals" relate -q --db "$dir/clean.db" || fail "clean relate"
"$annals" export --db "$dir/clean.db" > "$dir/clean.json" || fail "clean export"

# Waits until process $1 has used $2 tenths of a CPU-second (utime + stime
# of /proc/PID/stat); fails when it ends first.
wait_cpu() {
  local pid=$1 want=$(( $(getconf CLK_TCK) * $2 / 10 )) used
  while kill -0 "$pid" 2>/dev/null; do
    used=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || return 1
    [ "${used:-0}" -ge "$want" ] && return 0
    sleep 0.05
  done
  return 1
}

interrupt() {  # interrupt SIGNAL EXPECTED-CODE MESSAGE DB COMMAND...
  local sig=$1 code=$2 message=$3 db=$4
  shift 4
  cp "$dir/base.db" "$db"
  "$@" >"$dir/out.txt" 2>"$dir/err.txt" &
  local pid=$!
  wait_cpu $pid 7 || fail "SIG$sig: '$*' ended before the signal: the test tested nothing"
  kill -"$sig" $pid
  # Relate goes on for seconds more when the signal is not acted on.
  wait $pid; local rc=$?
  cat "$dir/err.txt"
  [ $rc -eq "$code" ] || fail "SIG$sig: exit $rc, not $code"
  grep -q "$message" "$dir/err.txt" || fail "SIG$sig: no '$message'"
  "$annals" check --db "$db" || fail "SIG$sig: the archive does not check sound"
  # Rolled back: no entity, fact or event is stored yet (relate ended, it
  # would have stored hundreds).
  "$annals" export --db "$db" | python3 -c '
import json, sys
a = json.load(sys.stdin)
n = {k: len(a.get(k, [])) for k in ("entities", "facts", "events")}
assert a["stories"] and not any(n.values()), n' || fail "SIG$sig: relate was not rolled back"
  # The same command again completes relate.
  "$@" > "$dir/again.txt" 2>&1 || { cat "$dir/again.txt"; fail "SIG$sig: the same command failed"; }
  "$annals" export --db "$db" > "$dir/again.json" || fail "export"
  cmp -s "$dir/clean.json" "$dir/again.json" ||
    fail "SIG$sig: relate after the interrupted one differs from a clean relate"
}
interrupt INT 130 "interrupted; relate rolled back, the stories are stored; run the same command again to continue" \
  "$dir/int.db" "$annals" relate --threads 1 --db "$dir/int.db"
# On two threads relate opens a second, read-only connection for the events'
# reports (relate_step.cc); the interrupted relate rolls back as well.
interrupt INT 130 "interrupted; relate rolled back, the stories are stored; run the same command again to continue" \
  "$dir/int2.db" "$annals" relate --threads 2 --db "$dir/int2.db"
# An ingest whose pages are all stored already goes straight to relate.
interrupt TERM 143 "interrupted; 0 pages stored; run the same command again to continue" \
  "$dir/term.db" "$annals" ingest --threads 1 --db "$dir/term.db" "$dir/site"
echo ok
