#!/usr/bin/env bash
# The same (invented) news on an English and a Russian page, ingested into one
# archive (issue 25's golden case, examples/bilingual): one person with
# aliases in both scripts, found by `entity` under either; one state; one
# organization; one event in both stories; the Russian post in the nominative.
set -euo pipefail
annals=$1 pages=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$pages/en.txt" "$pages/ru.txt"
"$annals" export --db "$db" > "$dir/export.json"

python3 - "$dir/export.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
def cyr(s): return any('\u0400' <= c <= '\u04ff' for c in s)
def lat(s): return any('a' <= c.lower() <= 'z' for c in s)
def one(type_, names):
    hits = [e for e in d['entities'] if e['type'] == type_ and names & ({e['name']} | set(e['aliases']))]
    if len(hits) != 1:
        sys.exit(f"FAIL: {type_} {sorted(names)}: {len(hits)} entities: {[h['name'] for h in hits]}")
    e = hits[0]
    all_names = [e['name']] + e['aliases']
    if not any(cyr(n) for n in all_names) or not any(lat(n) and not cyr(n) for n in all_names):
        sys.exit(f"FAIL: {type_} {e['name']}: names not in both scripts: {all_names}")
    return e
sadoviev = one('person', {'Viktor Sadoviev', 'Виктор Садовьев'})
khromin = one('person', {'Sergei Khromin', 'Сергеем Хроминым', 'Сергея Хромина'})
one('country', {'Norway', 'Норвегии'})
# The organization: its acronym and name in each language, aligned by the
# story's date and the people and states both pages name.
org = one('organization', {'NFC', 'ССР'})
names = {org['name'], *org['aliases']}
if not {'NFC', 'ССР'} <= names:
    sys.exit(f"FAIL: NFC and ССР are two organizations: {sorted(names)}")
# One event: the meeting both pages report, in both stories.
events = [e for e in d['events'] if e['date'] == '2026-05-14']
if len(events) != 1 or len(events[0]['stories']) != 2:
    sys.exit(f"FAIL: not one event of 2026-05-14 in both stories: {events}")
if not {sadoviev['name'], khromin['name']} <= set(events[0]['participants']):
    sys.exit(f"FAIL: the event's participants: {events[0]['participants']}")
posts = {(f['person'], f['post']) for f in d['facts'] if f['type'] == 'holds_post'}
if not any(p == 'Министр рыболовства' for _, p in posts):
    sys.exit(f"FAIL: no Russian post in the nominative: {sorted(posts)}")
PY

# `entity` finds the one profile under either script.
a=$("$annals" entity --db "$db" "Садовьев" --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
b=$("$annals" entity --db "$db" "Sadoviev" --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['name'])")
[ "$a" = "$b" ] || fail "entity Садовьев is \"$a\", entity Sadoviev is \"$b\""
echo "ok"
