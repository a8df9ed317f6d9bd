#!/usr/bin/env bash
# ingest -> search -> export -> re-ingest (nothing changes) -> ingest of new
# pages (only what is new is added, old stories gain the new sightings).
set -euo pipefail
annals=$1 seeds=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir/first" "$dir/later"
# The first three seed pages now, the other two later.
ls "$seeds"/*.txt | sort | head -n 3 | xargs -I{} cp {} "$dir/first/"
ls "$seeds"/*.txt | sort | tail -n 2 | xargs -I{} cp {} "$dir/later/"
db="$dir/a.db"
fail() { echo "FAIL: $*"; exit 1; }
out=$("$annals" ingest --db "$db" "$dir/first")
echo "$out"
grep -q "pages read: 3" <<<"$out" || fail "first ingest should read 3 pages"
n1=$(python3 -c "import json,sys; print(len(json.load(sys.stdin)['stories']))" < <("$annals" export --db "$db"))
[ "$n1" -gt 0 ] || fail "no stories after the first ingest"
# Search finds a phrase of a stored story and shows a highlighted snippet.
hits=$("$annals" search --db "$db" '"Security Council"' --format json)
python3 -c "import json,sys; h=json.load(sys.stdin); assert h and '[' in h[0]['snippet'], h" <<<"$hits" \
  || fail "search for a phrase found nothing"
"$annals" export --db "$db" > "$dir/export1.json"
# Re-ingesting the same pages changes nothing.
out=$("$annals" ingest --db "$db" "$dir/first")
grep -q "unchanged: 3" <<<"$out" || fail "re-ingest should find 3 unchanged pages: $out"
grep -q "stories new: 0" <<<"$out" || fail "re-ingest added stories: $out"
"$annals" export --db "$db" > "$dir/export2.json"
cmp -s "$dir/export1.json" "$dir/export2.json" || fail "re-ingest changed the export"
# New pages: only what is new is added.
out=$("$annals" ingest --db "$db" "$dir/later")
echo "$out"
grep -q "pages read: 2" <<<"$out" || fail "incremental ingest should read 2 pages"
python3 - "$dir/export1.json" <("$annals" export --db "$db") <<'PY' || fail "incremental ingest"
import json, sys
before = {s['id']: s for s in json.load(open(sys.argv[1]))['stories']}
after = {s['id']: s for s in json.load(open(sys.argv[2]))['stories']}
assert set(before) <= set(after), "stories were lost"
assert len(after) > len(before), "nothing new was added"
for sid, s in before.items():
    pages = {x['page'] for x in after[sid]['sources']}
    assert {x['page'] for x in s['sources']} <= pages, "a sighting was lost"
print(len(before), "->", len(after), "stories")
PY
# show prints the story with its sources.
first=$(python3 -c "import json,sys; print(json.load(sys.stdin)['stories'][0]['id'])" < "$dir/export1.json")
grep -q "seen on:" <<<"$("$annals" show --db "$db" "$first")" || fail "show lists no sources"
echo "ok"
