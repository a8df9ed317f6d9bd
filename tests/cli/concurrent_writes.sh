#!/usr/bin/env bash
# Two writers at once (issue 24): ingests started together into a new
# archive, and into one that holds stories already, both succeed and leave
# what one ingest after the other leaves (no duplicated stories, each dedup
# key set stored once); a writer that finds another at work waits for it,
# saying so on stderr.
set -euo pipefail
annals=$1 gen_site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir/first"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n 120 --jobs 1 > /dev/null
files=("$dir/site"/*)  # in name order
cp "${files[@]:0:40}" "$dir/first/"
rows() { python3 -c "
import sqlite3, sys
c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(c.execute('SELECT count(*) FROM story_key_sets').fetchone()[0],
      c.execute('SELECT count(*) FROM stories').fetchone()[0])" "$1"; }
both() {  # two ingests of $2 into $1 at once; both must succeed
  "$annals" ingest -q --db "$1" "$2" 2> "$dir/err1" & local p1=$!
  "$annals" ingest -q --db "$1" "$2" 2> "$dir/err2" & local p2=$!
  wait $p1 || fail "the first of two ingests failed: $(cat "$dir/err1")"
  wait $p2 || fail "the second of two ingests failed: $(cat "$dir/err2")"
}

# One after the other: the references.
"$annals" ingest -q --db "$dir/seq_new.db" "$dir/site"
"$annals" ingest -q --db "$dir/seq_new.db" "$dir/site"
"$annals" export --db "$dir/seq_new.db" > "$dir/seq_new.json"
"$annals" ingest -q --db "$dir/seq_old.db" "$dir/first"
"$annals" ingest -q --db "$dir/seq_old.db" "$dir/site"
"$annals" ingest -q --db "$dir/seq_old.db" "$dir/site"
"$annals" export --db "$dir/seq_old.db" > "$dir/seq_old.json"

for round in 1; do
  rm -f "$dir/new.db"* "$dir/old.db"*
  both "$dir/new.db" "$dir/site"
  "$annals" export --db "$dir/new.db" > "$dir/new.json"
  [ "$(rows "$dir/new.db")" = "$(rows "$dir/seq_new.db")" ] ||
    fail "two ingests into a new archive: keys, stories $(rows "$dir/new.db"), one after the other $(rows "$dir/seq_new.db")"
  cmp -s "$dir/new.json" "$dir/seq_new.json" || fail "two ingests into a new archive differ from one after the other"

  "$annals" ingest -q --db "$dir/old.db" "$dir/first"
  both "$dir/old.db" "$dir/site"
  "$annals" export --db "$dir/old.db" > "$dir/old.json"
  [ "$(rows "$dir/old.db")" = "$(rows "$dir/seq_old.db")" ] ||
    fail "two ingests into an archive: keys, stories $(rows "$dir/old.db"), one after the other $(rows "$dir/seq_old.db")"
  cmp -s "$dir/old.json" "$dir/seq_old.json" || fail "two ingests into an archive differ from one after the other"
done

# A writer at work (here a process holding the archive's writer lock):
# an ingest waits, says so, and goes on when the lock is free.
python3 -c "
import fcntl, sys, time
f = open(sys.argv[1], 'a')
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], 'w').close()
time.sleep(3)" "$dir/old.db-lock" "$dir/locked" &
holder=$!
for _ in $(seq 50); do [ -e "$dir/locked" ] && break; sleep 0.1; done
"$annals" ingest -q --db "$dir/old.db" "$dir/first" 2> "$dir/err" & ingest=$!
sleep 1.5
kill -0 $ingest 2>/dev/null || fail "an ingest did not wait for the writer lock: $(cat "$dir/err")"
grep -q "waiting" "$dir/err" || fail "a waiting ingest says nothing: $(cat "$dir/err")"
wait $holder
wait $ingest || fail "the ingest failed after its wait: $(cat "$dir/err")"
echo "ok"
