# Events (issue 4): score.py gates on the seed pages and on the sample site,
# and the timeline / events / profile commands on an ingested archive.
set(EVENTS_SCORE ${ANNALS_SHARED_DIR}/eval/score.py)
set(EVENTS_BOUNDS --min events.principal_recall=0.9 events.f1=0.75 events.type_accuracy=0.8)

add_test(NAME seeds_events_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${EVENTS_SCORE}
          ${ANNALS_SHARED_DIR}/eval/gold/seeds.json ${CMAKE_CURRENT_BINARY_DIR}/seeds_events.json
          ${ANNALS_SHARED_DIR}/data/seeds ${EVENTS_BOUNDS})

# Another organization's site (examples/README.md): the same bounds.
add_test(NAME examples_events_score
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/score_gate.sh $<TARGET_FILE:annals> ${EVENTS_SCORE}
          ${PROJECT_SOURCE_DIR}/examples/expected.json
          ${CMAKE_CURRENT_BINARY_DIR}/examples_events.json ${PROJECT_SOURCE_DIR}/examples/site
          ${EVENTS_BOUNDS})

# The commands over an archive of the sample site: filters, order, formats
# (the iCalendar file is checked against RFC 5545's rules), bad queries, and
# the organization's profile (the most mentioned organization).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/events_cli.sh [==[#!/usr/bin/env bash
set -euo pipefail
annals=$1 pages=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
db="$dir/a.db"
fail() { echo "FAIL: $*"; exit 1; }
"$annals" ingest --db "$db" -q "$pages"

# timeline: a table with a count line; every event of the export is listed.
out=$("$annals" timeline --db "$db")
head -n 20 <<<"$out"
n=$("$annals" export --db "$db" | python3 -c "
import json, sys; print(len(json.load(sys.stdin)['events']))")
[ "$n" -gt 0 ] || fail "no events in the archive"
grep -Eq "^$n events?$" <<<"$out" || fail "timeline should list all $n events"

# events: JSON lines in date order, each with a type, a date and its stories.
"$annals" events --db "$db" > "$dir/events.jsonl"
python3 - "$dir/events.jsonl" <<'PY' || fail "events"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
types = {'meeting', 'visit', 'exercise', 'operation', 'statement', 'interview', 'speech',
         'decision', 'anniversary', 'other'}
for e in ev:
    assert e['type'] in types, e
    assert e['stories'] and e['id'] and e['date'], e
    assert 'story_id' in e and 'sentence_begin' in e, e
firsts = [(e['date'] + '-01-01')[:10] for e in ev]
assert firsts == sorted(firsts), firsts
PY

# Filters.
"$annals" timeline --db "$db" --type meeting --format json | python3 -c "
import json, sys
ev = json.load(sys.stdin); assert ev and all(e['type'] == 'meeting' for e in ev)" \
  || fail "--type"
"$annals" timeline --db "$db" --since 2025-01 --until 2025-03-31 --format json | python3 -c "
import json, sys
for e in json.load(sys.stdin):
    first, last = (e['date'] + '-01-01')[:10], ((e['date_end'] or e['date']) + '-12-31')[:10]
    assert last >= '2025-01-01' and first <= '2025-03-31', e" || fail "--since/--until"
place=$("$annals" events --db "$db" --format json | python3 -c "
import json, sys; print(next(e['place'] for e in json.load(sys.stdin) if e['place']))")
"$annals" timeline --db "$db" --place "$place" --format json | python3 -c "
import json, sys
ev = json.load(sys.stdin); assert ev and all(e['place'] == sys.argv[1] for e in ev)" \
  "$place" || fail "--place"
who=$("$annals" events --db "$db" --format json | python3 -c "
import json, sys; print(next(p for e in json.load(sys.stdin) for p in e['participants']))")
grep -q "$who" <<<"$("$annals" timeline --db "$db" --entity "$who" --format csv)" || fail "--entity"
"$annals" timeline --db "$db" --limit 2 --format json | python3 -c "
import json, sys; assert len(json.load(sys.stdin)) == 2" || fail "--limit"

# Bad queries are refused with exit code 2.
set +e
"$annals" timeline --db "$db" --type party > /dev/null 2>&1; [ $? -eq 2 ] || fail "--type party"
"$annals" timeline --db "$db" --since May > /dev/null 2>&1; [ $? -eq 2 ] || fail "--since May"
"$annals" timeline --db "$dir/none.db" > /dev/null 2>&1; [ $? -eq 1 ] || fail "missing archive"
set -e

# iCalendar (RFC 5545): CRLF lines of at most 75 octets, VEVENTs with UID,
# DTSTAMP, all-day DTSTART and an exclusive DTEND after it.
"$annals" timeline --db "$db" --format ics > "$dir/t.ics"
python3 - "$dir/t.ics" "$n" <<'PY' || fail "iCalendar"
import re, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\r\n') and b'\n' not in raw.replace(b'\r\n', b''), 'CRLF'
phys = raw.split(b'\r\n')[:-1]
assert all(len(l) <= 75 for l in phys), 'folding'
lines = []
for l in phys:
    if l.startswith(b' '):
        lines[-1] += l[1:]
    else:
        lines.append(l)
lines = [l.decode('utf-8') for l in lines]
assert lines[0] == 'BEGIN:VCALENDAR' and lines[-1] == 'END:VCALENDAR'
assert 'VERSION:2.0' in lines and any(l.startswith('PRODID:') for l in lines)
events, cur = [], None
for l in lines:
    if l == 'BEGIN:VEVENT':
        cur = {}
    elif l == 'END:VEVENT':
        events.append(cur); cur = None
    elif cur is not None:
        k, v = l.split(':', 1)
        cur[k] = v
assert len(events) == int(sys.argv[2]), len(events)
uids = set()
for e in events:
    assert re.fullmatch(r'\d{8}T\d{6}Z', e['DTSTAMP']), e
    s, t = e['DTSTART;VALUE=DATE'], e['DTEND;VALUE=DATE']
    assert re.fullmatch(r'\d{8}', s) and re.fullmatch(r'\d{8}', t) and t > s, e
    assert e['UID'] not in uids; uids.add(e['UID'])
    for k in ('SUMMARY', 'DESCRIPTION', 'LOCATION'):
        v = e.get(k, '')
        assert not re.search(r'(?<!\\)[;,]', v.replace('\\\\', '')), (k, v)
PY

# profile: the most mentioned organization; every section is printed and the
# members rest on stories.
org=$("$annals" export --db "$db" | python3 -c "
import json, sys
orgs = [e for e in json.load(sys.stdin)['entities'] if e['type'] == 'organization']
print(max(orgs, key=lambda e: (e.get('mentions', 0), len(e['aliases'])))['name'])")
out=$("$annals" profile --db "$db" "$org")
head -n 30 <<<"$out"
for s in Members Bodies "Office holders" Chairmanship Forces Exercises Operations Documents \
         "Latest events"; do
  grep -q "^$s" <<<"$out" || fail "profile lacks $s"
done
"$annals" profile --db "$db" "$org" --format json | python3 -c "
import json, sys
p = json.load(sys.stdin)
assert len(p['sections']) == 9
assert all(l['story'] for s in p['sections'] if s['title'] == 'Members' for l in s['lines'])
assert any(s['lines'] for s in p['sections'])" || fail "profile JSON"
set +e
"$annals" profile --db "$db" "No Such Organization Anywhere" > /dev/null 2>&1
[ $? -eq 1 ] || fail "unknown organization"
echo OK
]==])
add_test(NAME cli_events
  COMMAND bash ${CMAKE_CURRENT_BINARY_DIR}/events_cli.sh $<TARGET_FILE:annals>
          ${PROJECT_SOURCE_DIR}/examples/site ${CMAKE_CURRENT_BINARY_DIR}/cli_events)
