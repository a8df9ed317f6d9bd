#!/usr/bin/env bash
# Files that are not archives are left as they were found (issue 24): an
# SQLite database of another program is refused before anything is written
# to it (it was switched to WAL first), and an ingest whose inputs are all
# missing creates no archive.
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
other="$dir/other.db"
# Three databases of other programs: one with a table of its own, two with
# a table named meta like an archive's (one even with its columns).
for schema in "CREATE TABLE notes(x TEXT)" "CREATE TABLE meta(x TEXT)" \
              "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"; do
  rm -f "$other"
  python3 - "$other" "$schema" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute(sys.argv[2])
c.commit()
c.close()
PY
  cp "$other" "$dir/other.orig"
  for cmd in "stories" "export" "ingest $site" "check"; do
    if "$annals" $cmd --db "$other" > /dev/null 2> "$dir/err"; then
      fail "$cmd on another program's file ($schema) exited 0"
    fi
    grep -q "not an annals archive" "$dir/err" || fail "$cmd on a foreign file says: $(cat "$dir/err")"
    cmp -s "$other" "$dir/other.orig" || fail "$cmd changed another program's file ($schema)"
    [ ! -e "$other-wal" ] && [ ! -e "$other-shm" ] || fail "$cmd left WAL files beside it"
  done
done

# Not an SQLite file at all: refused, unchanged.
printf 'plain text, not a database\n%.0s' {1..200} > "$dir/text.db"
cp "$dir/text.db" "$dir/text.orig"
if "$annals" stories --db "$dir/text.db" > /dev/null 2> "$dir/err"; then fail "stories on a text file exited 0"; fi
grep -q "not an annals archive" "$dir/err" || fail "stories on a text file says: $(cat "$dir/err")"
cmp -s "$dir/text.db" "$dir/text.orig" || fail "stories changed a text file"

# Missing inputs: exit 1, each named, and no archive made.
if "$annals" ingest --db "$dir/new.db" "$dir/no-such-dir" "$dir/nor-this.txt" 2> "$dir/err"; then
  fail "ingest of missing inputs exited 0"
fi
grep -q "no-such-dir" "$dir/err" || fail "the missing input is not named: $(cat "$dir/err")"
[ ! -e "$dir/new.db" ] || fail "ingest of missing inputs created an archive"
echo "ok"
