#!/usr/bin/env bash
# ingest --stories-only leaves entities, facts and events to `annals relate`:
# until then the knowledge commands say it is stale; after it the archive is
# what a plain ingest makes. A later plain ingest relates even when its pages
# are all unchanged.
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir/first" "$dir/later"
ls "$site"/* | sort | head -n 8 | xargs -I{} cp {} "$dir/first/"
ls "$site"/* | sort | tail -n +9 | xargs -I{} cp {} "$dir/later/"
fail() { echo "FAIL: $*"; exit 1; }
count() { python3 -c "import json,sys; print(len(json.load(sys.stdin)['$1']))"; }
note="run \`annals relate\`"

# The reference: plain ingests of the two halves.
"$annals" ingest -q --db "$dir/plain.db" "$dir/first"
"$annals" ingest -q --db "$dir/plain.db" "$dir/later"
"$annals" export --db "$dir/plain.db" > "$dir/plain.json" 2> "$dir/err"
[ ! -s "$dir/err" ] || fail "a plain ingest left a note: $(cat "$dir/err")"
[ "$(count entities < "$dir/plain.json")" -gt 5 ] || fail "the plain ingest found no entities"

db="$dir/a.db"
out=$("$annals" ingest --db "$db" --stories-only "$dir/first")
grep -q "$note" <<<"$out" || fail "ingest --stories-only does not say what to run: $out"
[ "$("$annals" export --db "$db" 2>/dev/null | count entities)" = 0 ] ||
  fail "ingest --stories-only found entities"
"$annals" entities --db "$db" 2>&1 >/dev/null | grep -q "$note" ||
  fail "entities does not say the knowledge is stale"
"$annals" ingest -q --db "$db" --stories-only "$dir/later"
out=$("$annals" relate --db "$db")
echo "$out"
grep -q "entities: [1-9]" <<<"$out" || fail "relate reports no entities: $out"
"$annals" export --db "$db" > "$dir/a.json" 2> "$dir/err"
[ ! -s "$dir/err" ] || fail "the note stays after relate: $(cat "$dir/err")"
cmp -s "$dir/plain.json" "$dir/a.json" || fail "ingest --stories-only + relate differs from ingest"
"$annals" timeline --db "$db" 2>&1 >/dev/null | grep -q "$note" && fail "timeline notes a stale archive"

# Stale, then a plain ingest of pages it has already read: it relates.
"$annals" ingest -q --db "$dir/plain2.db" "$dir/first" "$dir/later"
"$annals" export --db "$dir/plain2.db" > "$dir/plain2.json"
db="$dir/b.db"
"$annals" ingest -q --db "$db" --stories-only "$dir/first" "$dir/later"
out=$("$annals" ingest --db "$db" "$dir/first")
grep -q "stories new: 0" <<<"$out" || fail "the re-ingest added stories: $out"
"$annals" export --db "$db" > "$dir/b.json" 2> "$dir/err"
[ ! -s "$dir/err" ] || fail "a plain ingest left the knowledge stale: $(cat "$dir/err")"
cmp -s "$dir/plain2.json" "$dir/b.json" || fail "the relating re-ingest differs from ingest"
# relate on an archive that is not there is an error.
"$annals" relate --db "$dir/none.db" 2>/dev/null && fail "relate without an archive succeeded"
echo "ok"
