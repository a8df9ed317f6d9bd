#!/usr/bin/env bash
# Issue 24: articles that share one line (not a footer of the site: most
# articles lack it), and a page that holds only that line. The page is
# contained in each article, so it joined them in one story when it came
# first, or when they were 8 or fewer; in one ingest of more than 8 the
# line was too common to follow by then. It is too common whatever the
# order: counted on the sightings that hold it (more than 8), the stories
# it joined are built again without it. So every order and split gives the
# articles apart, with one export.
#   shared_line.sh ANNALS WORKDIR
set -euo pipefail
annals=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
line="Read the full statement of the board on the site of the organization today."
site() {  # site DIR N: N articles with the line, 20 without, the page of the line alone
  mkdir -p "$1"
  for ((i = 0; i < $2; i++)); do
    printf 'Port works number %s\n\n12 March 2024\n\nArticle number %s tells of the port works in the north and their cost to the members, with figures for the year and the plans of the board.\n\nThe board will meet again in spring to review progress %s and hear the engineers on the timing of the works.\n\n%s\n' \
      "$i" "$i" "$i" "$line" > "$1/a$i.txt"
  done
  for ((i = 0; i < 20; i++)); do
    printf 'Water supply report %s\n\n14 March 2024\n\nReport number %s covers the water supply works in the south, the contractors chosen and the money set aside for them this year.\n\nThe council expects the work %s to end before the summer rains and will publish the accounts.\n' \
      "$i" "$i" "$i" > "$1/b$i.txt"
  done
  printf 'Statement\n\n%s\n' "$line" > "$1/us.txt"
}
stories() { "$annals" export --db "$1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stories"]))'; }
articles_apart() {  # no story holds two of the articles, nor an article and the page
  "$annals" export --db "$1" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["stories"]:
    names = [x["page"].rsplit("/", 1)[-1] for x in s["sources"]]
    n = sum(1 for x in names if x.startswith("a"))
    assert n <= 1, "a story of %d articles: %s" % (n, s["text"][:80])
    assert n == 0 or "us.txt" not in names, "an article joined the page of the line: %s" % s["text"][:80]'
}
q=(-q --stories-only)
for n in 8 10; do
  d=$work/s$n
  site "$d/site" "$n"
  mkdir -p "$d/first"
  ln -s "$d/site/us.txt" "$d/first/us.txt"  # the same page (a link is named by its file)
  "$annals" ingest "${q[@]}" --db "$d/one.db" "$d/site" 2>/dev/null
  "$annals" ingest "${q[@]}" --db "$d/split.db" "$d/first" 2>/dev/null
  "$annals" ingest "${q[@]}" --db "$d/split.db" "$d/site" 2>/dev/null
  for db in one split; do articles_apart "$d/$db.db"; done
  want=$((n + 21))
  for db in one split; do
    got=$(stories "$d/$db.db")
    [[ $got == "$want" ]] || { echo "$n articles, $db: $got stories, not $want"; exit 1; }
  done
  "$annals" export --db "$d/one.db" > "$d/one.json"
  "$annals" export --db "$d/split.db" > "$d/split.json"
  cmp -s "$d/one.json" "$d/split.json" || { echo "$n articles: the page first, then the site: not the export of one ingest"; exit 1; }
done
echo "ok: 29 and 31 stories, no story of two articles, the page first exports what one ingest does"
