#!/usr/bin/env bash
# `entity rename A B` where B is already the name or an alias of another
# entity would fold B into A for good (B no longer found, counts wrong):
# it is refused, pointing at `entity merge`, and changes nothing. A rename
# to a new name, or to one of A's own aliases, still works.
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$site"
"$annals" export --db "$db" > "$dir/before.json"
read -r a b b_alias < <(python3 - "$dir/before.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
es = [e for e in d['entities'] if e['type'] == 'person']
a, b = es[0], es[1]
alias = next((x for x in b.get('aliases', []) if x != b['name']), b['name'])
print(a['name'].replace(' ', '_'), b['name'].replace(' ', '_'), alias.replace(' ', '_'))
PY
)
a=${a//_/ } b=${b//_/ } b_alias=${b_alias//_/ }

for target in "$b" "$b_alias"; do
  if "$annals" entity rename --db "$db" "$a" "$target" > /dev/null 2> "$dir/err"; then
    fail "rename \"$a\" to another entity's name \"$target\" succeeded"
  fi
  grep -q "entity merge" "$dir/err" || fail "the refusal does not point at entity merge: $(cat "$dir/err")"
  "$annals" export --db "$db" > "$dir/after.json"
  cmp -s "$dir/before.json" "$dir/after.json" || fail "a refused rename changed the archive"
done
"$annals" entity --db "$db" "$b" > /dev/null || fail "\"$b\" is no longer found"

# A new name is a rename; the old one still finds the entity (an alias).
"$annals" entity rename --db "$db" "$a" "Renamed Person Zz" > /dev/null
"$annals" entity --db "$db" "Renamed Person Zz" > /dev/null || fail "the new name finds nothing"
"$annals" entity --db "$db" "$b" > /dev/null || fail "\"$b\" is gone after a rename of \"$a\""
echo "ok"
