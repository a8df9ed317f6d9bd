#!/usr/bin/env bash
# A page of 4 MB on one line, without a sentence break, full of names, dates
# and event words, goes through the whole ingest (stories, entities, facts,
# events) in a few seconds (issue 24). Before sentences were bounded, reading
# its one "sentence" cost the square of its names: 1 MB took 25 s, 2 MB 47 s,
# 4 MB past the timeout below, which only that quadratic cost can reach.
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$dir/line.txt" <<'PY'
import random, sys
random.seed(7)
first = ["Anna", "Ivan", "Maria", "Peter", "Olga", "Jonas", "Lena", "Marek"]
last = ["Berg", "Petrov", "Novak", "Lind", "Sorensen", "Kowal", "Haas", "Dahl"]
orgs = ["Council of Ministers", "Union Secretariat", "Harbour League", "Defence Committee",
        "Parliamentary Assembly", "Joint Staff"]
places = ["Norland", "Ostland", "Velgrad", "Marsk", "Tallport", "Kirov Bay"]
verbs = ["met", "visited", "held talks with", "chaired a meeting of", "signed an agreement with",
         "addressed", "opened a session of", "took part in an exercise with"]
months = ["January", "March", "June", "September", "December"]
parts, size = [], 0
while size < 4 << 20:
    p = "%s %s, Secretary General of the %s, %s the %s in %s on %d %s 2023 and" % (
        random.choice(first), random.choice(last), random.choice(orgs), random.choice(verbs),
        random.choice(orgs), random.choice(places), random.randint(1, 28), random.choice(months))
    parts.append(p)
    size += len(p) + 1
with open(sys.argv[1], "w") as f:
    f.write("12.03.2024\n\nA page that never ends\n\n" + " ".join(parts) + "\n")
PY
out=$(timeout 60 "$annals" ingest --db "$dir/a.db" "$dir/line.txt" 2>&1)
rc=$?
[ $rc -ne 124 ] || fail "the ingest of a 4 MB line ran past 60 s"
[ $rc -eq 0 ] || fail "ingest exited $rc: $out"
echo "$out"
grep -q "pages read: 1 " <<<"$out" || fail "the page was not read"
# The knowledge was built: people and events were found in the line.
"$annals" entities --db "$dir/a.db" --type person --format json |
  python3 -c "import json,sys; assert len(json.load(sys.stdin)) >= 8" || fail "no people found"
echo ok
