#!/usr/bin/env bash
# SIGINT / SIGTERM during an ingest (issue 24): the pages read so far are
# stored, the ingest says "interrupted; N pages stored; run the same command
# again to continue" and exits 130 / 143; the same command then finishes.
# The ingest is held on a FIFO given as its last input (open() waits for a
# writer) once the pages before it are committed (--batch 1).
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
page() { printf '%s\n\n%s\n\n%s\n' "$2" "$3" "$4" > "$dir/$1"; }
page a.txt 12.03.2024 "The Council met in the capital" "The Council met in the capital and adopted a plan of work for the year."
page b.txt 13.03.2024 "Ministers signed an agreement" "The ministers of the member states signed an agreement on trade in the capital."
run_and_signal() {  # run_and_signal SIGNAL EXPECTED-CODE DB
  local sig=$1 code=$2 db=$3
  rm -f "$dir/fifo" && mkfifo "$dir/fifo"
  "$annals" ingest --batch 1 --threads 1 --db "$db" "$dir/a.txt" "$dir/b.txt" "$dir/fifo" \
    >"$dir/out.txt" 2>"$dir/err.txt" &
  local pid=$! n=0
  # Wait until both pages are committed (the ingest then waits on the FIFO).
  for _ in $(seq 100); do
    n=$("$annals" stories --db "$db" --format json 2>/dev/null | python3 -c \
        'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
    [ "$n" = 2 ] && break
    sleep 0.1
  done
  [ "$n" = 2 ] || { kill -9 $pid; fail "the two pages were not stored before the FIFO"; }
  sleep 0.2
  kill -"$sig" $pid
  for _ in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then kill -9 $pid; fail "SIG$sig did not stop the ingest"; fi
  wait $pid; local rc=$?
  cat "$dir/err.txt"
  [ $rc -eq "$code" ] || fail "SIG$sig: exit $rc, not $code"
  grep -q "interrupted; 2 pages stored; run the same command again to continue" "$dir/err.txt" ||
    fail "SIG$sig: no 'interrupted' message"
}
run_and_signal INT 130 "$dir/int.db"
run_and_signal TERM 143 "$dir/term.db"
# The same command again, with a writer on the FIFO this time, finishes the job.
page c.txt 14.03.2024 "Exercise held at sea" "The navies of the member states held an exercise at sea near the coast."
cat "$dir/c.txt" > "$dir/fifo" &
out=$("$annals" ingest --batch 1 --threads 1 --db "$dir/int.db" "$dir/a.txt" "$dir/b.txt" "$dir/fifo" 2>&1) ||
  fail "the second ingest failed: $out"
echo "$out"
grep -q "pages read: 1 .*unchanged: 2" <<<"$out" || fail "the second ingest did not continue: $out"
"$annals" stories --db "$dir/int.db" --format json |
  python3 -c 'import json,sys; assert len(json.load(sys.stdin)) == 3' || fail "not 3 stories"
echo ok
