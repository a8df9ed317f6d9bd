#!/usr/bin/env bash
# annals entities / entity / posts / entity merge|split|rename on the seed
# pages; corrections survive a re-ingest.
set -euo pipefail
annals=$1 seeds=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
db="$dir/a.db"
fail() { echo "FAIL: $*"; exit 1; }
"$annals" ingest --db "$db" "$seeds" > /dev/null
json() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

"$annals" entities --db "$db" --type person --format json |
  json "assert any(e['name']=='Imangali Tasmagambetov' and e['mentions']>5 and e['first_seen'] for e in d), d" ||
  fail "entities --type person"
head -1 <<<"$("$annals" entities --db "$db" --top 3 --format csv)" | grep -q "name,type,mentions" ||
  fail "entities --format csv header"
n=$("$annals" entities --db "$db" --top 3 --format json | json "print(len(d))")
[ "$n" = 3 ] || fail "entities --top 3 gave $n"

# The profile, by an alias.
out=$("$annals" entity --db "$db" "I.N. Tasmagambetov")
grep -q "Secretary General" <<<"$out" || fail "profile lacks the post: $out"
grep -q "Stories (newest first)" <<<"$out" || fail "profile lacks the stories"
"$annals" entity --db "$db" CSTO --format json |
  json "assert d['type']=='organization' and d['co_mentioned'] and d['stories'], d" ||
  fail "entity CSTO --format json"

# A name that matches nothing: one clear line, exit 1.
if "$annals" entity --db "$db" "Nobody Atall" 2> "$dir/err"; then fail "unknown entity exited 0"; fi
grep -q 'no entity named "Nobody Atall"' "$dir/err" || fail "unknown entity message: $(cat "$dir/err")"

# Posts, by organization alias, holders with first/last dates.
"$annals" posts --db "$db" --organization CSTO --format json |
  json "assert any(r['person']=='Imangali Tasmagambetov' and r['post']=='Secretary General' and r['first'] <= r['last'] for r in d), d" ||
  fail "posts --organization CSTO"
"$annals" posts --db "$db" --post president --format json |
  json "assert d and all('president' in r['post'].lower() for r in d), d" || fail "posts --post"

# Corrections: merge, rename, split; they stay after a re-ingest.
"$annals" entity --db "$db" merge NATO "North Atlantic Alliance" > /dev/null
"$annals" entity --db "$db" rename NATO "North Atlantic Treaty Organization" > /dev/null
"$annals" ingest --db "$db" "$seeds" > /dev/null
"$annals" entity --db "$db" NATO --format json |
  json "assert d['name']=='North Atlantic Treaty Organization' and 'North Atlantic Alliance' in d['aliases'] and 'NATO' in d['aliases'], d" ||
  fail "merge + rename not kept"
"$annals" entity --db "$db" split "North Atlantic Treaty Organization" --alias "North Atlantic Alliance" > /dev/null
"$annals" entity --db "$db" "North Atlantic Alliance" --format json |
  json "assert d['name']=='North Atlantic Alliance' and d['mentions']>=1, d" || fail "split"
if "$annals" entity --db "$db" merge NATO "Nobody Atall" 2> "$dir/err"; then fail "merge of an unknown name exited 0"; fi
echo "cli_entities: ok"
