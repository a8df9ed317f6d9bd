#!/usr/bin/env bash
# Words with punctuation are searched as the words typed (issue 24): no FTS5
# syntax error for "Kyrgyz-Russian", "CSTO's", "Mr. Guterres", "U.S.". A query
# too long or with too many terms is refused at once with a short message.
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/in"
fail() { echo "FAIL: $*"; exit 1; }
page() {  # page FILE DATE TITLE BODY
  printf '%s\n\n%s\n\n%s\n' "$2" "$3" "$4" > "$dir/in/$1"
}
page a.txt 12.03.2024 "Border talks held in the capital" \
  "The Kyrgyz-Russian working group met on Tuesday to discuss the border crossings and the new customs posts."
page b.txt 13.03.2024 "Council adopts its plan of work" \
  "The CSTO's council adopted a plan of work for the coming year after a long debate on the budget."
page c.txt 14.03.2024 "Secretary-General visits the region" \
  "Mr. Guterres arrived in the region on Thursday and met the heads of the delegations at the airport."
page d.txt 15.03.2024 "Delegation arrives from abroad" \
  "A delegation of the U.S. Department of State arrived for consultations on the regional security agenda."
db="$dir/a.db"
"$annals" ingest -q --stories-only --db "$db" "$dir/in" || fail "ingest"
check() {  # check QUERY WORD-EXPECTED-IN-THE-ONE-HIT
  local out rc
  out=$("$annals" search --db "$db" --format json "$1" 2>&1)
  rc=$?
  [ $rc -eq 0 ] || fail "search '$1' exited $rc: $out"
  python3 -c '
import json, sys
hits = json.loads(sys.argv[1])
assert len(hits) == 1 and sys.argv[2] in hits[0]["text"], hits
' "$out" "$2" || fail "search '$1' did not find the one story with '$2': $out"
  echo "$1 -> 1 hit"
}
check 'Kyrgyz-Russian' 'Kyrgyz-Russian'
check "CSTO's" "CSTO's"
check 'Mr. Guterres' 'Mr. Guterres'
check 'U.S.' 'U.S. Department'
check 'U.S. AND Department' 'U.S. Department'
check 'Kyrgyz-Rus*' 'Kyrgyz-Russian'
# The words of a hyphenated word must be side by side, as typed.
out=$("$annals" search --db "$db" --format json 'russian-kyrgyz') || fail "reversed words"
[ "$out" = "[]" ] || fail "'russian-kyrgyz' matched: $out"
# Too many terms, or too long: exit 1, one short line that does not repeat the query.
many=$(python3 -c 'print(" OR ".join("word%d" % i for i in range(9000)))')
err=$("$annals" search --db "$db" "$many" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "9,000 terms exited $rc"
[ "$(wc -l <<<"$err")" -eq 1 ] && [ ${#err} -lt 300 ] || fail "9,000 terms: ${err:0:400}"
grep -q "at most" <<<"$err" || fail "9,000 terms: the message gives no limit: $err"
echo "9,000 terms -> $err"
many=$(python3 -c 'print(" OR ".join("word%d" % i for i in range(150)))')
err=$("$annals" search --db "$db" "$many" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] && grep -q "150 words" <<<"$err" || fail "150 terms: exit $rc: $err"
# A long malformed query is echoed cut.
long="( $(python3 -c 'print("x" * 3000)')"
err=$("$annals" search --db "$db" "$long" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] && [ ${#err} -lt 400 ] || fail "long malformed query: exit $rc, ${#err} bytes: ${err:0:400}"
echo "long malformed query -> $err"
echo ok
