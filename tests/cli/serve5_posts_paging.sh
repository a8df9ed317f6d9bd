#!/usr/bin/env bash
# annals posts --limit/--offset (issue 22): a page of the rows, the same rows
# in the same order as the whole listing, with "N of M post holders" under
# the table, and each shown row's overlaps found among all the holders of
# its post (not only those on the page).
# Invented pages: the Secretary General of the Harbour League is Ana Berg on
# 12 January and 1 June 2024, Boris Lund on 5 March (between the two: they
# overlap), Dana Holm on 20 September (after both: no overlap).
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/pages"
fail() { echo "FAIL: $*"; exit 1; }
source "$(dirname "$0")/harbour_pages.sh"
harbour_pages "$dir/pages" dana
db="$dir/a.db"
"$annals" ingest --db "$db" -q "$dir/pages"

# The whole listing: three holders of one post, in the order attested.
"$annals" posts --db "$db" --format json > "$dir/all.json"
python3 - "$dir/all.json" <<'PY' || fail "whole listing"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r['person'] for r in rows] == ['Ana Berg', 'Boris Lund', 'Dana Holm'], rows
assert [r['overlaps'] for r in rows] == [['Boris Lund'], ['Ana Berg'], []], rows
PY
out=$("$annals" posts --db "$db")
grep -q "^3 post holders$" <<<"$out" || fail "no total: $out"

# Rows 2 and 3: Boris still overlaps Ana, who is not on the page.
"$annals" posts --db "$db" --format json --limit 2 --offset 1 > "$dir/page.json"
python3 - "$dir/page.json" <<'PY' || fail "page 2-3 (json)"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r['person'] for r in rows] == ['Boris Lund', 'Dana Holm'], rows
assert [r['overlaps'] for r in rows] == [['Ana Berg'], []], rows
assert rows[0]['first'] == '2024-03-05' and rows[1]['first'] == '2024-09-20', rows
PY
# JSONL: the same rows, one a line.
[ "$("$annals" posts --db "$db" --format jsonl --limit 2 --offset 1 | wc -l)" = 2 ] \
  || fail "jsonl page"

# The table: row 2 alone, its total, and the note of its overlap only.
out=$("$annals" posts --db "$db" --limit 1 --offset 1)
grep -q "Boris Lund" <<<"$out" || fail "Boris's row: $out"
grep -q "Dana Holm" <<<"$out" && fail "Dana on a page of one: $out"
grep -q "^1 of 3 post holders, from row 2$" <<<"$out" || fail "page total: $out"
grep -q "Boris Lund, Secretary General (Harbour League) 2024-03-05 to 2024-03-05: with Ana Berg" \
  <<<"$out" || fail "Boris's overlap: $out"
grep -q "Ana Berg, Secretary General" <<<"$out" && fail "a note for a row not shown: $out"

# Past the end: no rows, the total still said.
[ "$("$annals" posts --db "$db" --format json --offset 5)" = "[]" ] || fail "json past the end"
out=$("$annals" posts --db "$db" --offset 5)
grep -q "^0 of 3 post holders$" <<<"$out" || fail "table past the end: $out"

# CSV: the header and the rows asked for, nothing else on stdout.
"$annals" posts --db "$db" --format csv --limit 1 > "$dir/one.csv" 2> "$dir/one.err"
[ "$(wc -l < "$dir/one.csv")" = 2 ] || fail "csv rows: $(cat "$dir/one.csv")"
grep -q "Ana Berg" "$dir/one.csv" || fail "csv row: $(cat "$dir/one.csv")"
grep -q "post holders" "$dir/one.csv" && fail "a total in the CSV"

# A bad count is refused as a usage error.
set +e
"$annals" posts --db "$db" --limit -1 > /dev/null 2>&1
rc=$?
set -e
[ "$rc" = 2 ] || fail "--limit -1 exit $rc"
echo "ok"
