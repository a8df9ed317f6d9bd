#!/usr/bin/env bash
# Tenures (issue 20): one post's holders attested at the same time are shown
# under `posts` (stdout for the table, stderr for CSV, "overlaps" in JSON).
# Invented pages: Ana Berg is Secretary General on 12 January and 1 June,
# Boris Lund on 5 March, between the two: their spans overlap.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/pages"
fail() { echo "FAIL: $*"; exit 1; }
source "$(dirname "$0")/harbour_pages.sh"
harbour_pages "$dir/pages"
db="$dir/a.db"
"$annals" ingest --db "$db" -q "$dir/pages"

out=$("$annals" posts --db "$db")
grep -q "^Held at the same time" <<<"$out" || fail "no overlap section: $out"
grep -q "Ana Berg, Secretary General (Harbour League) 2024-01-12 to 2024-06-01: with Boris Lund" \
  <<<"$out" || fail "Ana's row: $out"
grep -q "Boris Lund, Secretary General (Harbour League) 2024-03-05 to 2024-03-05: with Ana Berg" \
  <<<"$out" || fail "Boris's row: $out"

# CSV: the rows alone on stdout, the note on stderr.
"$annals" posts --db "$db" --format csv > "$dir/posts.csv" 2> "$dir/posts.err"
grep -q "Held at the same time" "$dir/posts.csv" && fail "note in the CSV"
grep -q "Held at the same time" "$dir/posts.err" || fail "no note on stderr"

"$annals" posts --db "$db" --format json > "$dir/posts.json"
python3 - "$dir/posts.json" <<'PY' || fail "posts json"
import json, sys
rows = {r['person']: r for r in json.load(open(sys.argv[1]))}
assert rows['Ana Berg']['overlaps'] == ['Boris Lund'], rows
assert rows['Boris Lund']['overlaps'] == ['Ana Berg'], rows
PY

# Only Ana's pages: one holder, no section.
rm "$dir/pages/p2.txt"
rm -f "$db"*
"$annals" ingest --db "$db" -q "$dir/pages"
out=$("$annals" posts --db "$db")
grep -q "Held at the same time" <<<"$out" && fail "overlap with one holder: $out"
echo "ok"
