#!/usr/bin/env bash
# A page that changed (same file, new content) replaces its old content
# (issue 24, docs/split-invariance.md): `ingest` of a site, then its pages
# changed in place, then `ingest` of the site again, exports exactly what one
# ingest of the changed site into a new archive exports. Before, a changed
# page's new stories were added beside those of its old version (which kept
# the page as a source), and its line counts were added to the crawl profile
# a second time.
# usage: changed_pages.sh ANNALS WORK_DIR [DEV_SITE_PAGES]
set -euo pipefail
annals=$1 dir=$2 dev=${3:-}
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }

# text_page FILE DATE TITLE [--closing LINE] PARAGRAPH...: a text page of the
# site's layout (date line, title, paragraphs, an optional closing line).
text_page() {
  local file=$1 date=$2 title=$3 closing=""
  shift 3
  if [[ ${1:-} == --closing ]]; then
    closing=$2
    shift 2
  fi
  {
    printf '%s\n\n%s\n\n' "$date" "$title"
    for p in "$@"; do printf '%s\n\n' "$p"; done
    if [[ -n $closing ]]; then printf '%s\n' "$closing"; fi
  } > "$file"
}
html_page() {  # FILE DATE TITLE PARAGRAPH...
  local file=$1 date=$2 title=$3
  shift 3
  {
    printf '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>%s</title></head>\n' "$title"
    printf '<body>\n<nav><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li></ul></nav>\n'
    printf '<main><article>\n<h1>%s</h1>\n<div class="dateline"><time datetime="%s">%s</time></div>\n' \
      "$title" "$date" "$date"
    for p in "$@"; do printf '<p>%s</p>\n' "$p"; done
    printf '</article></main>\n</body>\n</html>\n'
  } > "$file"
}

# one NAME: one ingest of the site as it is now into a new archive, exported
# to $dir/NAME/one.json; same NAME [LOG]: the incremental archive's export
# must be that one, byte for byte.
one() {
  rm -f "$dir/$1/one.db"*
  "$annals" ingest -q --db "$dir/$1/one.db" "$dir/$1/site"
  "$annals" export --db "$dir/$1/one.db" > "$dir/$1/one.json"
}
same_stories_only() {  # NAME WHAT: as same, for ingests --stories-only
  local name=$1
  "$annals" export --db "$dir/$name/inc.db" > "$dir/$name/inc.json"
  rm -f "$dir/$name/one.db"*
  "$annals" ingest -q --stories-only --db "$dir/$name/one.db" "$dir/$name/site"
  "$annals" export --db "$dir/$name/one.db" > "$dir/$name/one.json"
  cmp -s "$dir/$name/inc.json" "$dir/$name/one.json" ||
    fail "$name: $2, the export differs from one ingest's"
}
again() {  # NAME [ingest options]: ingest of the site into the incremental archive
  local name=$1
  shift
  "$annals" ingest "$@" --db "$dir/$name/inc.db" "$dir/$name/site" > "$dir/$name/inc.log" 2>&1 ||
    fail "$name: the ingest failed: $(cat "$dir/$name/inc.log")"
}
same() {
  local name=$1
  "$annals" export --db "$dir/$name/inc.db" > "$dir/$name/inc.json"
  one "$name"
  cmp -s "$dir/$name/one.json" "$dir/$name/inc.json" ||
    fail "$name: the archive after the change differs from one ingest of the changed site
$(diff "$dir/$name/one.json" "$dir/$name/inc.json" | head -40)"
}
# stories NAME PYTHON: a hand-written check of one ingest's export (the
# stories as `stories`, each source page by its file name).
stories() {
  python3 - "$dir/$1/one.json" "$2" <<'PY' || fail "$1: one ingest's stories are not as expected"
import json, sys
data = json.load(open(sys.argv[1]))
stories = data["stories"]
for s in stories:
    s["pages"] = sorted(src["page"].rsplit("/", 1)[1] for src in s["sources"])
def having(words):
    return [s for s in stories if words in s["text"]]
exec(sys.argv[2])
PY
}

# 1. An article changed; a story that another page holds too stays, with that
# page alone as its source, and one of the old page's alone is gone.
name=article
site=$dir/$name/site
mkdir -p "$site"
lake1="On 2 May 2025, the Lake Varna Rowing Union opened its new boathouse on the northern shore of the lake, built with the help of three villages."
lake2="The union said that the boathouse would hold sixty boats and a room for the winter training of its junior crews."
mill1="On 5 May 2025, the Ostrava Mill Heritage Fund finished the restoration of the old water mill on the Oder, closed to visitors for eleven years."
mill2="The fund will open the mill to visitors on Saturdays from June, with a guided tour of its wheel and grinding stones."
text_page "$site/01-lake.txt" 03.05.2025 "Boathouse opens on Lake Varna" "$lake1" "$lake2"
text_page "$site/02-mill.txt" 06.05.2025 "Water mill restored on the Oder" "$mill1" "$mill2"
cp "$site/02-mill.txt" "$site/03-mill-copy.txt"
text_page "$site/04-orchard.txt" 08.05.2025 "Orchard festival in Kraljevo" \
  "On 7 May 2025, the Kraljevo Orchard Society held its spring festival in the town square, with growers from twelve valleys selling young trees." \
  "The society counted nine thousand visitors, twice as many as last year, and will hold the festival again in the autumn."
again "$name" --stories-only
text_page "$site/01-lake.txt" 03.05.2025 "Boathouse opening delayed on Lake Varna" \
  "On 2 May 2025, the Lake Varna Rowing Union put off the opening of its new boathouse by a month, after a storm damaged the roof of the slipway." \
  "The union said that its crews would train on the southern shore until the repairs are done."
text_page "$site/02-mill.txt" 06.05.2025 "Mill museum names its first curator" \
  "On 6 May 2025, the Ostrava Mill Heritage Fund named a historian of the region as the first curator of the water mill museum on the Oder." \
  "She will prepare an exhibition on the millers of the river valley for the opening in June."
again "$name"
grep -q "2 pages changed" "$dir/$name/inc.log" ||
  fail "$name: the summary does not say that 2 pages changed: $(cat "$dir/$name/inc.log")"
same "$name"
stories "$name" '
assert not having("northern shore of the lake"), "the old article of 01-lake.txt is gone"
old = having("closed to visitors for eleven years")
assert len(old) == 1 and old[0]["pages"] == ["03-mill-copy.txt"], old
new = having("first curator")
assert len(new) == 1 and new[0]["pages"] == ["02-mill.txt"], new
assert len(having("put off the opening")) == 1
'
# Changed back: the archive is again one ingest of the first pages.
cp "$site/03-mill-copy.txt" "$site/02-mill.txt"
text_page "$site/01-lake.txt" 03.05.2025 "Boathouse opens on Lake Varna" "$lake1" "$lake2"
again "$name"
same "$name"
stories "$name" '
mill = having("closed to visitors for eleven years")
assert len(mill) == 1 and mill[0]["pages"] == ["02-mill.txt", "03-mill-copy.txt"], mill
assert len(having("northern shore of the lake")) == 1 and not having("first curator")
'

# 2. Counts: a closing line on 2 of 3 pages is not template (3 pages at
# least). A page that has it changes its article: counted twice, the line
# would be on 3 of 4 pages, template, and the other page's story would lose it.
name=counts
site=$dir/$name/site
mkdir -p "$site"
closing="Issued by the Danube Pilots Office"
text_page "$site/01-pilots.txt" 12.06.2025 "Pilot boats renewed at Vidin" --closing "$closing" \
  "On 11 June 2025, the Danube Pilots Office took delivery of two new pilot boats at Vidin, replacing boats in service since the nineteen seventies." \
  "The boats will guide cargo ships through the shallow stretch below the town when the river is low."
text_page "$site/02-buoys.txt" 14.06.2025 "Buoys laid on the lower Danube" --closing "$closing" \
  "On 13 June 2025, crews of the Danube Pilots Office laid forty new buoys on the lower river between Silistra and the delta." \
  "The buoys carry lights powered by small solar panels, which the office tested for a year on a shorter stretch."
text_page "$site/03-ferry.txt" 15.06.2025 "Ferry timetable for the summer" \
  "On 15 June 2025, the Rousse ferry company published its summer timetable, with a crossing every forty minutes from early morning to midnight." \
  "Tickets for cars can be booked online for the first time this year."
one "$name"
stories "$name" '
buoys = having("forty new buoys")
assert len(buoys) == 1 and "Issued by the Danube Pilots Office" in buoys[0]["text"], buoys
'
"$annals" ingest -q --db "$dir/$name/inc.db" "$site"
text_page "$site/01-pilots.txt" 12.06.2025 "Pilot boats renewed at Vidin" --closing "$closing" \
  "On 11 June 2025, the Danube Pilots Office took delivery of three new pilot boats at Vidin, replacing boats in service since the nineteen sixties." \
  "The boats will guide cargo ships through the shallow stretch below the town when the river is low, day and night."
again "$name"
grep -q "1 page changed" "$dir/$name/inc.log" || fail "$name: no change reported: $(cat "$dir/$name/inc.log")"
same "$name"
stories "$name" '
buoys = having("forty new buoys")
assert len(buoys) == 1 and "Issued by the Danube Pilots Office" in buoys[0]["text"], buoys
assert not having("two new pilot boats") and len(having("three new pilot boats")) == 1
'
# A page added: the stored counts must not count the old page either (on 3
# of 5 pages, the line would be template).
text_page "$site/04-lock.txt" 16.06.2025 "Lock gates repaired at the Iron Gates" \
  "On 16 June 2025, engineers finished the repair of the upper lock gates at the Iron Gates dam, closed to ships for nine days." \
  "Ships waiting below the dam passed the lock in the order they had arrived."
again "$name"
same "$name"
stories "$name" '
buoys = having("forty new buoys")
assert len(buoys) == 1 and "Issued by the Danube Pilots Office" in buoys[0]["text"], buoys
'

# 3. A page that drops a template line: on 3 of 4 pages it is template, on 2
# of 4 it is not, and the other pages' stories must be segmented again.
name=drop
site=$dir/$name/site
mkdir -p "$site"
closing="Press service of the harbour board"
text_page "$site/01-quay.txt" 02.07.2025 "Quay repairs start in Split" --closing "$closing" \
  "On 1 July 2025, the Harbour Board of Split began repairs of the western quay, where the stones had sunk after the winter storms." \
  "Ships will berth at the eastern quay until the end of August."
text_page "$site/02-cranes.txt" 04.07.2025 "New cranes for the container terminal" --closing "$closing" \
  "On 3 July 2025, two new cranes arrived at the container terminal of Split on a heavy lift ship from the north." \
  "The board expects them to double the number of containers the terminal can handle in a day."
text_page "$site/03-cruise.txt" 06.07.2025 "Cruise season busier than expected" --closing "$closing" \
  "On 5 July 2025, the board said that sixty cruise ships had called at the port since April, fifteen more than it had planned for." \
  "The old town's shops and guides reported their best early summer in a decade."
text_page "$site/04-fishing.txt" 07.07.2025 "Fishing fleet returns early" \
  "On 7 July 2025, the fishing fleet of the islands came back to port two days early, ahead of a storm forecast for the weekend." \
  "The catch of sardines was the largest of the season so far."
"$annals" ingest -q --stories-only --db "$dir/$name/inc.db" "$site"
one "$name"
stories "$name" '
assert "Press service of the harbour board" not in having("western quay")[0]["text"]
'
text_page "$site/03-cruise.txt" 06.07.2025 "Cruise season busier than expected" \
  "On 5 July 2025, the board said that sixty cruise ships had called at the port since April, fifteen more than it had planned for." \
  "The old town's shops and guides reported their best early summer in a decade."
again "$name"
same "$name"
stories "$name" '
quay = having("western quay")
assert len(quay) == 1 and "Press service of the harbour board" in quay[0]["text"], quay
'
# The line back on the page: template again.
text_page "$site/03-cruise.txt" 06.07.2025 "Cruise season busier than expected" --closing "$closing" \
  "On 5 July 2025, the board said that sixty cruise ships had called at the port since April, fifteen more than it had planned for." \
  "The old town's shops and guides reported their best early summer in a decade."
again "$name"
same "$name"

# 4. An HTML page changed: the story it shared with a text page stays, with
# the text page alone as its source.
name=html
site=$dir/$name/site
mkdir -p "$site"
bell1="On 20 August 2025, the bell foundry of Tartu cast a new bell for the town hall tower, the first bell cast in the town for ninety years."
bell2="The bell weighs eight hundred kilograms and will ring for the first time on the town's day in September."
text_page "$site/2025-08-21-bell.txt" 21.08.2025 "New bell cast for Tartu town hall" "$bell1" "$bell2"
html_page "$site/2025-08-21-bell.html" 2025-08-21 "New bell cast for Tartu town hall" "$bell1" "$bell2"
text_page "$site/2025-08-22-river.txt" 22.08.2025 "River festival on the Emajõgi" \
  "On 22 August 2025, rowers and boat builders of the region gathered on the Emajõgi for the river festival, with races of wooden boats." \
  "The festival ended with a parade of lit boats after sunset."
again "$name"
one "$name"
stories "$name" '
bell = having("bell foundry of Tartu")
assert len(bell) == 1 and bell[0]["pages"] == ["2025-08-21-bell.html", "2025-08-21-bell.txt"], bell
'
html_page "$site/2025-08-21-bell.html" 2025-08-23 "Bell tower opens to visitors" \
  "On 23 August 2025, the town hall of Tartu opened its bell tower to visitors, who can climb its ninety steps on weekends until October." \
  "From the top they will see the new bell before it is hung in its frame."
again "$name"
grep -q "1 page changed" "$dir/$name/inc.log" || fail "$name: no change reported: $(cat "$dir/$name/inc.log")"
same "$name"
stories "$name" '
bell = having("bell foundry of Tartu")
assert len(bell) == 1 and bell[0]["pages"] == ["2025-08-21-bell.txt"], bell
tower = having("ninety steps")
assert len(tower) == 1 and tower[0]["pages"] == ["2025-08-21-bell.html"], tower
'
html_page "$site/2025-08-21-bell.html" 2025-08-21 "New bell cast for Tartu town hall" "$bell1" "$bell2"
again "$name"
same "$name"

# 5. An archive whose changed page's old text is not kept (stored before
# schema 9): its new stories are added beside the old ones, as before, with a
# warning, and the ingest succeeds.
name=legacy
site=$dir/$name/site
mkdir -p "$site"
cp "$dir/counts/site/"*.txt "$site/"
"$annals" ingest -q --db "$dir/$name/inc.db" "$site"
python3 - "$dir/$name/inc.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM page_texts WHERE page=(SELECT rowid FROM pages WHERE name LIKE '%/03-ferry.txt')")
db.commit()
PY
text_page "$site/03-ferry.txt" 15.06.2025 "Ferry timetable for the summer" \
  "On 15 June 2025, the Rousse ferry company published its summer timetable, with a crossing every hour from early morning to midnight." \
  "Tickets for cars can be booked online for the first time this year."
again "$name"
grep -q "03-ferry.txt: .*not kept" "$dir/$name/inc.log" ||
  fail "$name: no warning for the page whose old text is not kept: $(cat "$dir/$name/inc.log")"
"$annals" export --db "$dir/$name/inc.db" > "$dir/$name/inc.json"
python3 - "$dir/$name/inc.json" <<'PY' || fail "$name: the old and new stories are not both kept"
import json, sys
texts = [s["text"] for s in json.load(open(sys.argv[1]))["stories"]]
assert any("every forty minutes" in t for t in texts) and any("every hour" in t for t in texts)
PY

# 6. A dev site: three pages edited in place (a line dropped, a line of
# another page appended, the short lines dropped), in one ingest and then a
# page at a time; the full ingest (relate too) gives one ingest's export.
if [[ -n $dev ]]; then
  name=dev
  site=$dir/$name/site
  mkdir -p "$site"
  cp "$dev"/* "$site/"
  "$annals" ingest -q --db "$dir/$name/inc.db" "$site"
  files=("$site"/*)
  cp "${files[2]}" "$dir/$name/original"
  python3 - "${files[2]}" "${files[10]}" "${files[11]}" "${files[12]}" <<'PY'
import sys
first, second, donor, third = sys.argv[1:]
def lines(p):
    return open(p, encoding="utf-8").read().split("\n")
def write(p, ls):
    open(p, "w", encoding="utf-8").write("\n".join(ls))
ls = lines(first)  # its first long line dropped
i = next(i for i, l in enumerate(ls) if len(l.split()) > 8)
write(first, ls[:i] + ls[i + 1:])
extra = next(l for l in lines(donor) if len(l.split()) > 8)  # another page's line appended
write(second, lines(second) + ["", extra, ""])
write(third, [l for l in lines(third) if not 0 < len(l.split()) <= 8])  # short lines dropped
PY
  again "$name"
  grep -q "3 pages changed" "$dir/$name/inc.log" ||
    fail "$name: the summary does not say that 3 pages changed: $(cat "$dir/$name/inc.log")"
  same "$name"
  # One of them changed back, another edited again, in one ingest.
  cp "$dir/$name/original" "${files[2]}"
  printf '\n%s\n' "An added closing line" >> "${files[12]}"
  again "$name"
  same "$name"
fi

# 7. A generated site, whose teasers tie every page to its neighbours (one
# group): the first page's article loses the first line of its lead, which
# the teasers on the next pages still quote. One ingest sees the article
# first and its teasers join it; seen after them (its group built again
# without it, the page then read as new), the article stayed apart from the
# story of its teasers (301 stories against 300).
name=generated
mkdir -p "$dir/$name"
python3 "$(dirname "$0")/../../bench/gen_site.py" "$dir/$name/site" -n 300 --seed 1 --jobs 1 \
  > /dev/null
"$annals" ingest -q --stories-only --db "$dir/$name/inc.db" "$dir/$name/site"
python3 - "$dir/$name/site"/000000_*.txt <<'PY'
import sys
p = sys.argv[1]
ls = open(p, encoding="utf-8").read().split("\n")
# The lead: the paragraph after the page's two title lines; its first line dropped.
i = [i for i, l in enumerate(ls) if not l][1] + 1
assert len(ls[i].split()) > 8 and ls[i - 1] == "" and ls[i + 1], ls[i - 2 : i + 2]
ls = ls[:i] + ls[i + 1:] + ["", "", "A line added to the page when it changed."]
open(p, "w", encoding="utf-8").write("\n".join(ls))
PY
again "$name" --stories-only
"$annals" export --db "$dir/$name/inc.db" > "$dir/$name/inc.json"
rm -f "$dir/$name/one.db"*
"$annals" ingest -q --stories-only --db "$dir/$name/one.db" "$dir/$name/site"
"$annals" export --db "$dir/$name/one.db" > "$dir/$name/one.json"
cmp -s "$dir/$name/inc.json" "$dir/$name/one.json" ||
  fail "$name: the export differs from one ingest's: $("$annals" stories --db \
    "$dir/$name/inc.db" --limit 1 | tail -1) against $("$annals" stories --db \
    "$dir/$name/one.db" --limit 1 | tail -1)"

# 8. Pages changed that give the same stories (line ends, an HTML page's
# menu and scripts): their new content is recorded and their stories kept
# as they were, not built again (the generated site is one group: all of
# its 300 stories were deleted and written again). No story is written:
# each keeps its added_at, older than the ingest.
added_at() {  # DB: the newest added_at of its stories
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
      "SELECT max(added_at) || \" \" || count(*) FROM stories").fetchone()[0])' "$1"
}
before=$(added_at "$dir/$name/inc.db")
sleep 1.1
python3 - "$dir/$name/site"/000005_*.txt <<'PY'
import sys
p = sys.argv[1]
data = open(p, "rb").read()
assert b"\r" not in data
open(p, "wb").write(data.replace(b"\n", b"\r\n"))
PY
again "$name" --stories-only
grep -q "1 page changed with the same stories" "$dir/$name/inc.log" ||
  fail "$name: the page of the same stories is not reported: $(cat "$dir/$name/inc.log")"
grep -q "stories were rebuilt" "$dir/$name/inc.log" &&
  fail "$name: stories were rebuilt for a page of the same stories: $(cat "$dir/$name/inc.log")"
# The megabytes are those of the page read, not of the 299 unchanged.
grep -q "pages read: 1 (0\.0[0-9] MB)" "$dir/$name/inc.log" ||
  fail "$name: the summary counts other megabytes than the page read's: $(head -1 "$dir/$name/inc.log")"
[[ $(added_at "$dir/$name/inc.db") == "$before" ]] ||
  fail "$name: stories were written again: $before, then $(added_at "$dir/$name/inc.db")"
"$annals" export --db "$dir/$name/inc.db" > "$dir/$name/inc.json"
cmp -s "$dir/$name/inc.json" "$dir/$name/one.json" ||
  fail "$name: the export changed with a page of the same stories"
# One page of the same stories and one of other stories in one ingest: the
# group is built again, from the first one's new content.
python3 - "$dir/$name/site"/000009_*.txt "$dir/$name/site"/000012_*.txt <<'PY'
import sys
same, other = sys.argv[1:]
data = open(same, "rb").read()
open(same, "wb").write(data.replace(b"\n", b"\r\n"))
ls = open(other, encoding="utf-8").read().split("\n")
i = [i for i, l in enumerate(ls) if not l][1] + 1
open(other, "w", encoding="utf-8").write("\n".join(ls[:i] + ls[i + 1:]))
PY
again "$name" --stories-only
grep -q "1 page changed with the same stories" "$dir/$name/inc.log" &&
  grep -q "1 page changed: their stories were rebuilt" "$dir/$name/inc.log" ||
  fail "$name: not one page of each kind: $(cat "$dir/$name/inc.log")"
same_stories_only "$name" "after two pages changed"
# 9. A page that changed its stories on the generated site (one group):
# only the stories on it are deleted and built again, with the pages they
# are on (their other sightings), not the group's 300. Before, each story of
# the group was written again (a new added_at); now a handful. The export
# is still one ingest's.
sleep 1.1
before=$(added_at "$dir/$name/inc.db")
printf '\n\nA line added to the page when it changed, long enough to be kept as a paragraph of its story.\n' \
  >> "$(ls "$dir/$name/site"/000150_*.txt)"
again "$name" --stories-only
grep -q "1 page changed: their stories were rebuilt" "$dir/$name/inc.log" ||
  fail "$name: the changed page is not reported: $(cat "$dir/$name/inc.log")"
rewritten=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*) FROM stories WHERE added_at > ?", (sys.argv[2].rsplit(" ", 1)[0],)).fetchone()[0])' \
  "$dir/$name/inc.db" "$before")
(( rewritten >= 1 && rewritten <= 30 )) ||
  fail "$name: $rewritten stories written again for one page changed (at most 30: those on it)"
same_stories_only "$name" "after a page changed its stories"
# The HTML page of case 4 with a longer menu and a script: the same story,
# kept; the full ingest (relate too) still gives one ingest's export.
name=html
site=$dir/$name/site
before=$(added_at "$dir/$name/inc.db")
sleep 1.1
python3 - "$site/2025-08-21-bell.html" <<'PY'
import sys
p = sys.argv[1]
html = open(p, encoding="utf-8").read()
html = html.replace('<li><a href="/news/">News</a></li>',
                    '<li><a href="/news/">News</a></li><li><a href="/events/">Events</a></li>')
html = html.replace("</body>", "<script>var served = 1733011200;</script>\n</body>")
open(p, "w", encoding="utf-8").write(html)
PY
again "$name"
grep -q "1 page changed with the same stories" "$dir/$name/inc.log" ||
  fail "$name: the HTML page of the same stories is not reported: $(cat "$dir/$name/inc.log")"
[[ $(added_at "$dir/$name/inc.db") == "$before" ]] ||
  fail "$name: stories were written again: $before, then $(added_at "$dir/$name/inc.db")"
same "$name"
echo ok
