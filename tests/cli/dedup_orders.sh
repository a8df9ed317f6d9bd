#!/usr/bin/env bash
# Dedup does not depend on the order in which pages come (issue 24): each
# order of the pages, one ingest (`--stories-only`) a page at a time, then
# `ingest` of them all, exports exactly what one ingest exports.
# The pages (tests/data/dedup24/pages): each ends with teaser cards of
# other stories under a one-word section link, "News"; on two pages the
# card holds a lead sentence too ("News", then the lead), on the third only
# the link ("News" is the whole teaser). "News" is contained whole in every
# other teaser, so it was evidence that each of them was its story: one
# ingest merged all four leads into one story, and a page at a time merged
# those stored before it came, or none, by the order (5 of the 6 orders
# differed from one ingest).
set -euo pipefail
annals=$1 pages=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
"$annals" ingest -q --db "$dir/one.db" "$pages"
"$annals" export --db "$dir/one.db" > "$dir/one.json"
# The check of the test itself: in one ingest the four teasers with a lead
# are four stories, each of one page, and "News" is a story of its own.
python3 - "$dir/one.json" <<'PY' || fail "one ingest: the teasers are not as expected"
import json, sys
stories = json.load(open(sys.argv[1]))["stories"]
def pages(s):
    return sorted((src["page"].rsplit("/", 1)[1], src["role"]) for src in s["sources"])
leads = {"The city council of Prague opened": "helsinki.html",
         "Inspectors of the bridges office": "helsinki.html",
         "The port of Lisbon began": "prague.html",
         "The central library of Helsinki": "prague.html"}
for lead, page in leads.items():
    found = [s for s in stories if lead in s["text"]]
    assert len(found) == 1, (lead, found)
    assert pages(found[0]) == [(page, "teaser")], (lead, found[0])
news = [s for s in stories if s["text"] == "News"]
assert len(news) == 1 and pages(news[0]) == [("lisbon.html", "teaser")], news
assert len(stories) == 8, [s["text"][:40] for s in stories]
PY
for order in "helsinki prague lisbon" "helsinki lisbon prague" "prague helsinki lisbon" \
             "prague lisbon helsinki" "lisbon helsinki prague" "lisbon prague helsinki"; do
  rm -f "$dir/split.db"*
  for page in $order; do
    "$annals" ingest -q --stories-only --db "$dir/split.db" "$pages/$page.html"
  done
  "$annals" ingest -q --db "$dir/split.db" "$pages"
  "$annals" export --db "$dir/split.db" > "$dir/split.json"
  cmp -s "$dir/one.json" "$dir/split.json" ||
    fail "a page at a time ($order) differs from one ingest"
done
echo ok
