#!/usr/bin/env bash
# What the CLI writes (issue 22's CLI items): CSV leaves a missing value
# empty (no "----------" or "-"), and a table written to a file or a pipe
# holds every cell whole (a terminal gets them cut with "…").
set -euo pipefail
annals=$1 site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir/pages"
fail() { echo "FAIL: $*"; exit 1; }
cp "$site"/* "$dir/pages/"
# A story without a date, with a long first paragraph.
cat > "$dir/pages/undated.txt" <<'PAGE'
Notice on the river gauges of the basin

The secretariat keeps a list of the river gauges of the basin and of the teams that look after them, with the name of each station, the river it stands on, the year it was built and the last time it was repaired, and it publishes the list for anyone who asks.

The list is updated when a station is added or repaired.
PAGE
db="$dir/a.db"
"$annals" ingest --db "$db" "$dir/pages" > /dev/null
undated=$("$annals" stories --db "$db" --limit 0 --format json |
  python3 -c "import json,sys; print(next(s['id'] for s in json.load(sys.stdin) if s['date'] is None))")

csv=$("$annals" stories --db "$db" --limit 0 --format csv)
grep -q -- "----------" <<<"$csv" && fail "stories CSV holds a dash line for a missing date"
grep -q "^$undated,," <<<"$csv" || fail "stories CSV: the undated story's date is not an empty field"
grep -q -- "----------" <<<"$("$annals" entities --db "$db" --format csv)" &&
  fail "entities CSV holds a dash line"
"$annals" posts --db "$db" --format csv | python3 -c "
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0][:3] == ['organization', 'post', 'person'], rows[0]
assert all(r[0] != '-' and '----------' not in r for r in rows[1:]), rows
" || fail "posts CSV holds a placeholder"

# Into a pipe: whole cells. The undated story's text is longer than the
# 70 code points a terminal's column gets.
out=$("$annals" stories --db "$db" --limit 0 | cat)
grep -q "and it publishes the list for anyone who asks" <<<"$out" ||
  fail "a table into a pipe is cut: $(grep -F "$undated" <<<"$out")"
grep -q "…" <<<"$out" && fail "a table into a pipe holds …"
# A listing says how many there are in all, and what --since/--until left out.
n=$("$annals" stories --db "$db" --limit 0 --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
last=$("$annals" stories --db "$db" --limit 3 | tail -1)
[ "$last" = "3 of $n stories" ] || fail "stories --limit 3 ends with '$last', not '3 of $n stories'"
dated=$("$annals" stories --db "$db" --limit 0 --since 2025-01-01 --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
last=$("$annals" stories --db "$db" --since 2025-01-01 --limit 0 | tail -1)
[ "$last" = "$dated stories; 1 undated story left out by --since/--until" ] ||
  fail "stories --since ends with '$last'"
hits=$("$annals" search --db "$db" exercise --limit 0 --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
last=$("$annals" search --db "$db" exercise --limit 2 | tail -1)
[ "$last" = "2 of $hits stories" ] || fail "search --limit 2 ends with '$last'"

# On a terminal (a pty made by `script`, util-linux) long cells are cut with
# "…"; --wide shows them whole, before or after the command's name.
if command -v script > /dev/null; then
  tty=$(script -qec "$annals stories --db $db --limit 0" /dev/null)
  grep -q "…" <<<"$tty" || fail "a table on a terminal is not cut"
  for cmd in "--wide stories --db $db --limit 0" "stories --db $db --limit 0 --wide"; do
    tty=$(script -qec "$annals $cmd" /dev/null)
    grep -q "and it publishes the list for anyone who asks" <<<"$tty" ||
      fail "annals $cmd cuts cells on a terminal"
    grep -q "…" <<<"$tty" && fail "annals $cmd holds … on a terminal"
  done
  tty=$(script -qec "$annals --wide timeline --db $db" /dev/null)
  grep -q "…" <<<"$tty" && fail "timeline --wide holds … on a terminal"
else
  echo "note: no script(1): the terminal cases were not run"
fi

# Other listings say how many there are in all too.
ne=$("$annals" timeline --db "$db" --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
last=$("$annals" timeline --db "$db" --limit 2 | tail -1)
[ "$last" = "2 of $ne events" ] || fail "timeline --limit 2 ends with '$last', not '2 of $ne events'"
nn=$("$annals" entities --db "$db" --format json | python3 -c "import json,sys; print(len(json.load(sys.stdin)))")
last=$("$annals" entities --db "$db" --top 3 | tail -1)
[ "$last" = "3 of $nn entities" ] || fail "entities --top 3 ends with '$last', not '3 of $nn entities'"

# --pages: the page each story was read from, beside its id (its article's
# page, else its first teaser's), in posts, timeline and profile.
"$annals" export --db "$db" > "$dir/all.json"
pages_ok() {  # reads "story page" pairs on stdin, checks them against the export
  python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
page = {s['id']: s['sources'][0]['page'] for s in d['stories']}
pairs = [l.split() for l in sys.stdin if l.strip()]
assert pairs, 'no story with its page'
for story, p in pairs:
    assert page[story] == p, (story, p, page[story])
" "$dir/all.json"
}
"$annals" posts --db "$db" --pages --format csv | python3 -c "
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0][-2:] == ['story', 'page'], rows[0]
for r in rows[1:]: print(r[-2], r[-1])
" | pages_ok || fail "posts --pages"
table=$("$annals" posts --db "$db" --pages)
grep -q "$dir/pages/" <<<"$table" || fail "posts --pages table shows no page"
"$annals" timeline --db "$db" --pages --format json | python3 -c "
import json, sys
for e in json.load(sys.stdin):
    assert len(e['pages']) == len(e['stories']), e
    for s, p in zip(e['stories'], e['pages']): print(s, p)
" | pages_ok || fail "timeline --pages"
header=$("$annals" timeline --db "$db" --pages | sed -n 1p)
grep -q "pages" <<<"$header" || fail "timeline --pages header: $header"
"$annals" profile --db "$db" --pages "Danube Civil Protection Union" |
  sed -n 's/.*\[\(s[0-9a-f]*\)\] \(.*\)$/\1 \2/p' | pages_ok || fail "profile --pages"
table=$("$annals" profile --db "$db" "Danube Civil Protection Union")
grep -q "$dir/pages/" <<<"$table" && fail "profile shows pages without --pages"
echo "CLI output: ok"
