#!/usr/bin/env bash
# annals entity NAME finds a name by any alias with case and accents folded,
# by a surname and by the start of a name; a name that may mean several
# entities lists them and picks none (issue 20 "Also").
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$site"

finds() {  # finds QUERY NAME: `entity QUERY` is the entity named NAME
  local got
  got=$("$annals" entity --db "$db" "$1" --format json | json "print(d['name'])") ||
    fail "entity \"$1\" found nothing"
  [ "$got" = "$2" ] || fail "entity \"$1\" found \"$got\", not \"$2\""
}
finds "Marta Kovačič" "Marta Kovačič"
finds "marta kovacic" "Marta Kovačič"      # accents and case folded
finds "M. KOVACIC" "Marta Kovačič"         # an alias, folded
finds "Kovacic" "Marta Kovačič"            # a surname
finds "Horvathova" "Ľubica Horváthová"
finds "Marta Kov" "Marta Kovačič"          # the start of a name
finds "dcpu" "Danube Civil Protection Union"

# An ambiguous start: the candidates on stderr, exit 1, no profile.
if "$annals" entity --db "$db" "Republic of" > "$dir/out" 2> "$dir/err"; then
  fail "an ambiguous name exited 0"
fi
[ ! -s "$dir/out" ] || fail "an ambiguous name printed a profile: $(cat "$dir/out")"
grep -q "may mean" "$dir/err" || fail "no list of candidates: $(cat "$dir/err")"
for c in Austria Croatia; do grep -q "^$c " "$dir/err" || fail "$c not among the candidates"; done

# Two people of one surname: the surname lists both.
mkdir -p "$dir/two"
cat > "$dir/two/news.txt" <<'PAGE'
Harbour League news

12.03.2025

On 11 March 2025, in Lisbon, the Secretary General of the Harbour League Anton Verbeek met with port officials.

02.04.2025

On 1 April 2025, the Press Secretary of the Harbour League Lena Verbeek opened a seminar on maritime safety in Porto.
PAGE
tdb="$dir/two.db"
"$annals" ingest -q --db "$tdb" "$dir/two"
if "$annals" entity --db "$tdb" verbeek > /dev/null 2> "$dir/err"; then
  fail "a surname two people share picked one"
fi
grep -q "Anton Verbeek" "$dir/err" && grep -q "Lena Verbeek" "$dir/err" ||
  fail "the two Verbeeks are not both listed: $(cat "$dir/err")"
"$annals" entity --db "$tdb" "lena verbeek" > /dev/null || fail "the full name is not found"
if "$annals" entity --db "$db" "Nobody Atall" 2> "$dir/err"; then fail "an unknown name exited 0"; fi
grep -q 'no entity named "Nobody Atall"' "$dir/err" || fail "unknown name: $(cat "$dir/err")"
echo "cli_entity_lookup: ok"
