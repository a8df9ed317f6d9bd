#!/usr/bin/env bash
# An HTML page and the text pages of one site, split across ingests, export
# exactly what one ingest exports (issue 24). The text pages end with a short
# line that is template once 3 pages have it; the HTML page holds the article
# of one of them. An ingest of that text page and the HTML page alone keeps
# the line in their story (2 pages: not template yet); the next ingest
# segments the text page again, and its story, which reaches the HTML page,
# must be built again. Before, such a group was kept as it was, with a
# warning ("kept as they were"), and the story kept the template line.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/site"
fail() { echo "FAIL: $*"; exit 1; }
site=$dir/site
closing="Press office of the Tagus Ferry Guild"
text_page() {  # file date title paragraph...
  local file=$1 date=$2 title=$3
  shift 3
  {
    printf '%s\n\n%s\n\n' "$date" "$title"
    for p in "$@"; do printf '%s\n\n' "$p"; done
    printf '%s\n' "$closing"
  } > "$site/$file"
}
ferry1="On 3 March 2025, the Tagus Ferry Guild reopened the ferry line across the Tagus in Lisbon after a winter repair of its two piers."
ferry2="The guild said that four vessels would run every half hour until the end of October, and that tickets would be sold at the harbour offices and on board."
text_page 2025-03-04-ferry.txt 04.03.2025 "Ferry line on the Tagus reopens in Lisbon" "$ferry1" "$ferry2"
text_page 2025-03-11-tram.txt 11.03.2025 "New tram depot opens in Helsinki" \
  "On 10 March 2025, the Northern Rail Works Council opened a new tram depot in Helsinki, built in eighteen months on the site of a former bus garage." \
  "The depot holds forty trams and a workshop where the council's engineers will overhaul the older cars of the network."
text_page 2025-03-18-bridge.txt 18.03.2025 "Bridge inspection completed in Prague" \
  "On 17 March 2025, inspectors of the Central Bridges Office completed the yearly inspection of the Vltava bridges in Prague and found no damage that would require closing a lane." \
  "The office will publish its full report in April, together with the plan of repairs for the summer season."
text_page 2025-03-25-port.txt 25.03.2025 "Cargo port of Lisbon extends its quay" \
  "On 24 March 2025, the port of Lisbon began the works to extend its container quay by three hundred metres, financed by a loan of the Tagus Ferry Guild." \
  "The works are due to end in the spring of 2027 and will let the port receive two large container ships at once."
cat > "$site/2025-03-04-ferry.html" <<EOF
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Ferry line on the Tagus reopens in Lisbon</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul></nav>
<main><article>
<h1>Ferry line on the Tagus reopens in Lisbon</h1>
<div class="dateline"><time datetime="2025-03-04">4 March 2025</time></div>
<p>$ferry1</p>
<p>$ferry2</p>
</article></main>
</body>
</html>
EOF

"$annals" ingest -q --db "$dir/one.db" "$site"
"$annals" export --db "$dir/one.db" > "$dir/one.json"
# The check of the test itself: in one ingest the closing line is template,
# so the ferry story (text and HTML page) has the two paragraphs alone.
python3 - "$dir/one.json" "$closing" <<'PY' || fail "one ingest: the ferry story is not as expected"
import json, sys
data = json.load(open(sys.argv[1]))
ferry = [s for s in data["stories"] if "ferry line across" in s["text"]]
assert len(ferry) == 1, ferry
assert sys.argv[2] not in ferry[0]["text"], ferry[0]["text"]
assert sorted(src["page"].rsplit("/", 1)[1] for src in ferry[0]["sources"]) == [
    "2025-03-04-ferry.html", "2025-03-04-ferry.txt"], ferry[0]["sources"]
PY

# split DB_NAME INGEST...: ingests (--stories-only) of the given page lists,
# separated by "--", then a plain ingest of the site; the export must be one's.
split() {
  local name=$1
  shift
  rm -f "$dir/$name.db"*
  local pages=()
  for a in "$@" --; do
    if [[ $a == -- ]]; then
      if ((${#pages[@]})); then
        "$annals" ingest -q --stories-only --db "$dir/$name.db" "${pages[@]}"
      fi
      pages=()
    else
      pages+=("$site/$a")
    fi
  done
  "$annals" ingest --db "$dir/$name.db" "$site" > "$dir/$name.log" 2>&1
  if grep -q "kept as they were" "$dir/$name.log"; then
    fail "$name: a group with the HTML page was not built again: $(cat "$dir/$name.log")"
  fi
  "$annals" export --db "$dir/$name.db" > "$dir/$name.json"
  cmp -s "$dir/one.json" "$dir/$name.json" || fail "$name: the export differs from one ingest's"
}
# The ferry's text and HTML pages first, then the site.
split twins 2025-03-04-ferry.txt 2025-03-04-ferry.html
# The HTML page and one other text page, then the ferry's text page alone.
split html_first 2025-03-04-ferry.html 2025-03-11-tram.txt -- 2025-03-04-ferry.txt
# A page at a time, last name first.
split reverse 2025-03-25-port.txt -- 2025-03-18-bridge.txt -- 2025-03-11-tram.txt -- \
  2025-03-04-ferry.txt -- 2025-03-04-ferry.html
# An archive of schema 11 (before the HTML pages' stories were kept: the
# same tables but page_stories): the ingest upgrades it, and the group that
# reaches the HTML page, with nothing kept of it, stays as it was, with the
# warning, and the ingest succeeds.
rm -f "$dir/old.db"*
"$annals" ingest -q --stories-only --db "$dir/old.db" "$site/2025-03-04-ferry.txt" \
  "$site/2025-03-04-ferry.html"
python3 - "$dir/old.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TABLE page_stories")
db.execute("UPDATE meta SET value='11' WHERE key='schema_version'")
db.commit()
PY
"$annals" ingest --db "$dir/old.db" "$site" > "$dir/old.log" 2>&1 ||
  fail "schema 11: the ingest failed: $(cat "$dir/old.log")"
grep -q "2025-03-04-ferry.html: .*kept as they were" "$dir/old.log" ||
  fail "schema 11: no warning for the group with the HTML page: $(cat "$dir/old.log")"
python3 - "$dir/old.db" <<'PY' || fail "schema 11: not upgraded"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert int(db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]) >= 12
# The HTML page is unchanged, so not read again: still nothing kept of it.
assert db.execute("SELECT count(*) FROM page_stories").fetchone()[0] == 0
PY
# Batches of one page in one ingest.
rm -f "$dir/batch.db"*
"$annals" ingest -q --batch 1 --db "$dir/batch.db" "$site"
"$annals" export --db "$dir/batch.db" > "$dir/batch.json"
cmp -s "$dir/one.json" "$dir/batch.json" || fail "batches of 1 page differ from one ingest"
echo ok
