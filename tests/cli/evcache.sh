#!/usr/bin/env bash
# The events' reading of each story is kept in the archive (event_readings)
# and used again only while all that it read is the same (issue 21): after
# each change below, an archive related incrementally exports exactly what
# `annals relate --full` (every story read again) exports of it, and the
# change does reach the event it should (so that a reading kept from before
# would show):
# - a new story makes a name in an old story's headline known (an alias);
# - a rename makes a country's name the stem of an old story's adjective
#   (what the reading reads of every country, not of the story's names);
# - a retype changes what a place named in an old story is;
# - a merge makes two names of one story one entity.
# Last, a record planted under a story's key is what the next relate uses
# (the kept readings are read, not made again each time), and relate --full
# does not use it.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/a" "$dir/b"
fail() { echo "FAIL: $*"; exit 1; }
sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"; }

source "$(dirname "$0")/relate_lib.sh"
# The event of the story whose text has $2, as "place|chair|participants",
# or "none".
event_of() {
  "$annals" export --db "$1" | python3 -c "
import json, sys
d = json.load(sys.stdin)
sid = next(s['id'] for s in d['stories'] if sys.argv[1] in s['text'])
e = [e for e in d['events'] if sid in e['stories']]
assert len(e) <= 1, e
if not e:
    print('none')
else:
    e = e[0]
    print('%s|%s|%s' % (e['place'], e['chair'], ','.join(sorted(e['participants']))))" "$2"
}

cat > "$dir/a/council.txt" <<'EOF'
Lindqvist met with the ministers in Tallinn

Lindqvist met with the ministers in Tallinn 03.03.2025

On 3 March 2025, the Council of Ministers of the Harbour Safety Union held a meeting in Tallinn.

The ministers discussed the rescue of ferry passengers.
EOF
cat > "$dir/a/board.txt" <<'EOF'
Board of the Harbour Safety Union met in Lisbon

Board of the Harbour Safety Union met in Lisbon 06.04.2025

On 5 April 2025, the Board of the Harbour Safety Union held a session in Lisbon under the chairmanship of the Vestrian side.
EOF
cat > "$dir/a/exercise.txt" <<'EOF'
Exercise of rescuers near Lisbon

Exercise of rescuers near Lisbon 12.05.2025

On 10 May 2025, the Harbour Safety Union held the joint exercise "Calm Tide-2025" in Lisbon with the participation of the Lisbon Port Authority.
EOF
cat > "$dir/b/visit.txt" <<'EOF'
Secretary General visited Helsinki

Secretary General visited Helsinki 20.06.2025

On 19 June 2025, the Secretary General of the Harbour Safety Union Anna Lindqvist visited Helsinki and met with the Minister of the Interior of Estonia Karl Saar, the Helsinki Port Authority and the Baltic Ferry Board.

Lindqvist and Saar discussed the rescue of ferry passengers on the Baltic Sea.
EOF
db="$dir/a.db"
council="Council of Ministers of the Harbour Safety Union held a meeting in Tallinn"
"$annals" ingest -q --db "$db" "$dir/a"
[ "$(sql "$db" 'SELECT count(*) FROM event_readings')" = 3 ] || fail "not a reading kept a story"
before=$(event_of "$db" "$council")
[ "$before" = "Tallinn|None|Council of Ministers of the Harbour Safety Union" ] ||
  fail "the council's meeting is read as $before"

# "Lindqvist", in the council story's headline, names no one until the
# visit makes it an alias of Anna Lindqvist.
"$annals" ingest -q --db "$db" "$dir/b"
same_as_full "$db" "a new story names one of an old headline"
got=$(event_of "$db" "$council")
[[ "$got" == *"Anna Lindqvist"* ]] || fail "the headline's new alias is not read: $got"

# The chair "the Vestrian side" is a country's once Estonia is renamed
# Vestria; the board's story names no country.
board="Board of the Harbour Safety Union held a session"
got=$(event_of "$db" "$board")
[[ "$got" == "Lisbon|None|"* ]] || fail "the board's session is read as $got"
"$annals" entity rename --db "$db" Estonia Vestria > /dev/null
same_as_full "$db" "a country renamed"
got=$(event_of "$db" "$board")
[[ "$got" == "Lisbon|Vestria|"* ]] || fail "the renamed country does not chair: $got"

# Tallinn retyped as an organization is no longer the meeting's place.
"$annals" entity retype --db "$db" Tallinn organization > /dev/null
same_as_full "$db" "a place retyped"
got=$(event_of "$db" "$council")
[[ "$got" != Tallinn* ]] || fail "the retyped place is still the place: $got"

# The port authority and the ferry board, merged, are one participant of
# the visit.
visit="Secretary General of the Harbour Safety Union Anna Lindqvist visited Helsinki"
got=$(event_of "$db" "$visit")
[[ "$got" == *"Baltic Ferry Board,Helsinki Port Authority"* ]] || fail "the visit is read as $got"
"$annals" entity merge --db "$db" "Helsinki Port Authority" "Baltic Ferry Board" > /dev/null
same_as_full "$db" "a merge"
got=$(event_of "$db" "$visit")
[[ "$got" != *"Baltic Ferry Board"* && "$got" == *"Helsinki Port Authority"* ]] ||
  fail "the merged entities are not one participant: $got"

# A record of no reports planted under the council story's key: the next
# relate reads it back (the council's meeting is gone), --full reads the
# story again.
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
sid = c.execute("SELECT id FROM stories WHERE text LIKE '%Council of Ministers%'").fetchone()[0]
# EncodeKept's format 1: not the countries, no candidates, no references.
n = c.execute("UPDATE event_readings SET record=x'0100000000' WHERE story_id=?", (sid,)).rowcount
assert n == 1, n
c.commit()
PY
"$annals" relate -q --db "$db"
[ "$(event_of "$db" "$council")" = none ] || fail "a record kept under a story's key was not used"
"$annals" relate -q --full --db "$db"
[ "$(event_of "$db" "$council")" != none ] || fail "relate --full used a kept record"
echo ok
