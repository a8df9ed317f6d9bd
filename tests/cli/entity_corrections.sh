#!/usr/bin/env bash
# annals entity corrections | undo N | retype NAME TYPE, and the merges that
# need --force (issue 20 "Also", issue 22): on the sample site, and on two
# made-up pages where two people are stated in one post at the same time.
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$site"

grep -q "no corrections stored" <<<"$("$annals" entity corrections --db "$db")" ||
  fail "an archive without corrections does not say so"

# A person and a state are not merged without --force; the refusal says why
# and changes nothing.
"$annals" export --db "$db" > "$dir/before.json"
if "$annals" entity merge --db "$db" "Marta Kovačič" Austria > /dev/null 2> "$dir/err"; then
  fail "a merge of a person and a country went through without --force"
fi
grep -q "different types" "$dir/err" || fail "the refusal does not say why: $(cat "$dir/err")"
grep -q -- "--force" "$dir/err" || fail "the refusal does not name --force: $(cat "$dir/err")"
"$annals" export --db "$db" > "$dir/after.json"
cmp -s "$dir/before.json" "$dir/after.json" || fail "a refused merge changed the archive"
grep -q "no corrections stored" <<<"$("$annals" entity corrections --db "$db")" ||
  fail "a refused merge was stored"

# retype: a place made a country, kept when relate runs again.
"$annals" entity --db "$db" Linz --format json | json "assert d['type']=='place', d" ||
  fail "Linz is not a place to begin with"
"$annals" entity retype --db "$db" Linz country > /dev/null
"$annals" relate --db "$db" > /dev/null
"$annals" entity --db "$db" Linz --format json | json "assert d['type']=='country', d" ||
  fail "retype Linz country not applied"
"$annals" entities --db "$db" --type country --format json |
  json "assert any(e['name']=='Linz' for e in d), d" || fail "Linz not listed as a country"
if "$annals" entity retype --db "$db" Linz planet > /dev/null 2>&1; then
  fail "retype to an unknown type exited 0"
fi
if "$annals" entity retype --db "$db" Linz country > /dev/null 2> "$dir/err"; then
  fail "retype to the type it has exited 0"
fi

# A forced merge across types is stored, numbered after the retype.
"$annals" entity merge --db "$db" --force Austria "Republic of Croatia" > /dev/null
"$annals" entity merge --db "$db" "Tibor Halász" "Radu Ionescu" > /dev/null
"$annals" entity corrections --db "$db" --format json |
  json "assert [(c['number'], c['kind'], c['a'], c['b']) for c in d] == [(1, 'retype', 'Linz', 'country'), (2, 'merge', 'Austria', 'Republic of Croatia'), (3, 'merge', 'Tibor Halász', 'Radu Ionescu')], d" ||
  fail "corrections are not listed numbered, oldest first"
"$annals" entity corrections --db "$db" | grep -E -q "^1 +retype +Linz +country" ||
  fail "the corrections table: $("$annals" entity corrections --db "$db")"

# undo 1: Linz is a place again, the other corrections stay applied.
"$annals" entity undo --db "$db" 1 > /dev/null
"$annals" entity --db "$db" Linz --format json | json "assert d['type']=='place', d" ||
  fail "undo of the retype did not give Linz its type back"
"$annals" entity --db "$db" "Radu Ionescu" --format json |
  json "assert d['name']=='Tibor Halász', d" || fail "undo 1 undid the merge numbered 3"
# undo 3: the two people are two again.
"$annals" entity undo --db "$db" 3 > /dev/null
"$annals" entity --db "$db" "Radu Ionescu" --format json |
  json "assert d['name']=='Radu Ionescu', d" || fail "undo 3 did not split the merge"
if "$annals" entity undo --db "$db" 3 > /dev/null 2> "$dir/err"; then fail "undo of a removed number exited 0"; fi
grep -q "no correction numbered 3" "$dir/err" || fail "undo of a removed number: $(cat "$dir/err")"
# Numbers are not given twice: the next correction is 4, not 3.
"$annals" entity rename --db "$db" "Linz" "Linz upon Danube" > /dev/null
"$annals" entity corrections --db "$db" --format json |
  json "assert [c['number'] for c in d] == [2, 4], d" || fail "a number was given twice"

# Two people stated in one post of one organization over overlapping dates.
mkdir -p "$dir/post"
cat > "$dir/post/news.txt" <<'PAGE'
Harbour League news

12.03.2025

On 11 March 2025, in Lisbon, the Deputy Secretary General of the Harbour League Anton Verbeek met with port officials.

02.04.2025

On 1 April 2025, the Deputy Secretary General of the Harbour League Clara Mendes opened a seminar on maritime safety in Porto.

20.04.2025

On 18 April 2025, the Deputy Secretary General of the Harbour League Anton Verbeek visited Antwerp.
PAGE
pdb="$dir/post.db"
"$annals" ingest -q --db "$pdb" "$dir/post"
"$annals" posts --db "$pdb" --format json |
  json "assert sorted(r['person'] for r in d if r['post']=='Deputy Secretary General') == ['Anton Verbeek', 'Clara Mendes'], d" ||
  fail "the made-up pages do not give two holders of one post"
if "$annals" entity merge --db "$pdb" "Anton Verbeek" "Clara Mendes" > /dev/null 2> "$dir/err"; then
  fail "a merge of two holders of one post at one time went through without --force"
fi
grep -q "both held the post Deputy Secretary General of Harbour League at the same time" "$dir/err" ||
  fail "the refusal does not say why: $(cat "$dir/err")"
"$annals" entity merge --db "$pdb" --force "Anton Verbeek" "Clara Mendes" > /dev/null
"$annals" entity --db "$pdb" "Clara Mendes" --format json |
  json "assert d['name']=='Anton Verbeek', d" || fail "the forced merge was not applied"
echo "cli_entity_corrections: ok"
