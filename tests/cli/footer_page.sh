#!/usr/bin/env bash
# Issue 24: articles that end with one footer line, and a page that holds
# only that line. The page is contained in each article: kept in them, the
# line joined every article in one story when the page was ingested first
# (and in one ingest when the articles were 8 or fewer). The footer is cut
# from the articles (the page's only long line counts as at its end), so
# one ingest and every split give the articles apart, with one export.
#   footer_page.sh ANNALS WORKDIR
set -euo pipefail
annals=$1 work=$2
rm -rf "$work" && mkdir -p "$work/five" "$work/ten" "$work/first"
footer="Share this article with your friends and colleagues on the networks."
for i in $(seq 0 9); do
  printf 'Port works number %s\n\n12 March 2024\n\nArticle number %s tells of the port works in the north and their cost to the members, with figures for the year and the plans of the board.\n\nThe board will meet again in spring to review progress %s and hear the engineers on the timing of the works.\n\n%s\n' \
    "$i" "$i" "$i" "$footer" > "$work/ten/a$i.txt"
  if ((i < 5)); then cp "$work/ten/a$i.txt" "$work/five/"; fi
done
printf 'About us\n\n%s\n' "$footer" > "$work/ten/us.txt"
cp "$work/ten/us.txt" "$work/five/"
# The same file (a link is named by its file): the page alone, then the site.
ln -s "$work/ten/us.txt" "$work/first/us.txt"
stories() { "$annals" export --db "$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stories"]))'; }
articles_apart() {  # no story holds two of the articles
  "$annals" export --db "$1" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    n = sum(1 for x in s["sources"] if x["page"].rsplit("/", 1)[-1].startswith("a"))
    assert n <= 1, "a story of %d articles: %s" % (n, s["text"][:80])'
}
q=(-q --stories-only)
"$annals" ingest "${q[@]}" --db "$work/five.db" "$work/five" 2>/dev/null
articles_apart "$work/five.db"
[[ $(stories "$work/five.db") == 6 ]] || { echo "five articles and the page: $(stories "$work/five.db") stories, not 6"; exit 1; }
"$annals" ingest "${q[@]}" --db "$work/one.db" "$work/ten" 2>/dev/null
"$annals" ingest "${q[@]}" --db "$work/split.db" "$work/first" 2>/dev/null
"$annals" ingest "${q[@]}" --db "$work/split.db" "$work/ten" 2>/dev/null
for db in one split; do articles_apart "$work/$db.db"; done
[[ $(stories "$work/one.db") == 11 ]] || { echo "one ingest: $(stories "$work/one.db") stories, not 11"; exit 1; }
"$annals" export --db "$work/one.db" > "$work/one.json"
"$annals" export --db "$work/split.db" > "$work/split.json"
cmp -s "$work/one.json" "$work/split.json" || { echo "the page first, then the site: not the export of one ingest"; exit 1; }
echo "ok: 6 and 11 stories, no story of two articles, the split exports what one ingest does"
