#!/usr/bin/env bash
# A Latin query finds the Cyrillic form of a name (issue 25): `search
# Petrov` finds a Russian story that names "Тимура Петрова" only; `search
# Khromin` finds both stories of examples/bilingual (the Russian one says
# "Хроминым", "Хромина"); `search Хромин` finds them too; two Russian words
# are searched together. English words do
# not spill into Russian stories: `search Minister` (whose Russian spelling
# "Министер" is no Russian word) and lower-case `more` ("море") find the
# English stories only. Pages and names are invented.
set -euo pipefail
annals=$1 pages=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
cat > "$dir/ru.txt" <<'PAGE'
Встреча в Бергене
15.03.2026

15 марта 2026 года в Бергене прошла встреча экспертов с участием Тимура Петрова. Участники обсудили безопасность судоходства в Северном море и обмен данными о движении судов.
PAGE
cat > "$dir/en.txt" <<'PAGE'
Experts met in Bergen
16.03.2026

On 16 March 2026, more than twenty experts met in Bergen. The Minister of the Sea opened the meeting on the safety of shipping.
PAGE
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$dir/ru.txt" "$dir/en.txt" "$pages/en.txt" "$pages/ru.txt"
# count QUERY LANG...: the stories QUERY finds, as "N lang,lang".
count() {
  "$annals" search --db "$db" --limit 0 --format json "$1" |
    python3 -c "import json,sys; h=json.load(sys.stdin); print(len(h), ','.join(sorted(x['language'] for x in h)))"
}
expect() {  # expect QUERY "N langs"
  local got
  got=$(count "$1")
  [ "$got" = "$2" ] || fail "search $1: $got stories, expected $2"
}
expect Petrov "1 ru"
expect Khromin "2 en,ru"
expect Хромин "2 en,ru"
expect Minister "2 en,en"
expect more "1 en"
expect petrov "0 "
# Two Russian words: groups side by side are joined by AND (FTS5 refused
# "( a OR a* ) ( b OR b* )").
expect "встреча Бергене" "1 ru"
echo "ok"
