#!/usr/bin/env bash
# The archive does not depend on how its pages were split across ingests
# (issue 24): `ingest --stories-only` of the first K pages, then `ingest` of
# the whole site, exports exactly what one ingest of the site exports, for
# several K (batches of 64 pages), on generated pages and on the sample site,
# and a page at a time in reverse order.
# Before, a story's sources were listed in the order they were seen, and a
# story's id was that of the first sighting seen (a teaser's, when its article
# came in a later ingest), both depending on the pages read together.
set -euo pipefail
annals=$1 gen_site=$2 example_site=$3 seeds=$4 dir=$5 pages=${6:-200}
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n "$pages" --jobs 1 > /dev/null
files=("$dir/site"/*)  # in name order
for batch in 64; do
  "$annals" ingest -q --batch $batch --db "$dir/one.db" "$dir/site"
  "$annals" export --db "$dir/one.db" > "$dir/one.json"
  for k in 50 $((pages - 3)); do
    rm -f "$dir/split.db"*
    "$annals" ingest -q --stories-only --batch $batch --db "$dir/split.db" "${files[@]:0:k}"
    "$annals" ingest -q --batch $batch --db "$dir/split.db" "$dir/site"
    "$annals" export --db "$dir/split.db" > "$dir/split.json"
    cmp -s "$dir/one.json" "$dir/split.json" ||
      fail "the first $k pages, then all (batch $batch), differ from one ingest"
  done
  rm -f "$dir/one.db"*
done

# The sample site, text and HTML pages, teasers often before their
# articles in name order: a story first seen by a teaser took that
# teaser's id, and kept it when its article came in a later ingest.
efiles=("$example_site"/*)
"$annals" ingest -q --db "$dir/one.db" "$example_site"
"$annals" export --db "$dir/one.db" > "$dir/one.json"
for k in 1 6 12; do
  rm -f "$dir/split.db"*
  "$annals" ingest -q --stories-only --db "$dir/split.db" "${efiles[@]:0:k}"
  "$annals" ingest -q --db "$dir/split.db" "$example_site"
  "$annals" export --db "$dir/split.db" > "$dir/split.json"
  cmp -s "$dir/one.json" "$dir/split.json" ||
    fail "the sample site's first $k pages, then all, differ from one ingest"
done

# A page at a time, last page first, then a plain ingest: the sample site,
# and the seed pages (teasers of one story that differ from page to page:
# the story was named after the first one read).
for site in "$example_site" "$seeds"; do
  rm -f "$dir/one.db"* "$dir/split.db"*
  "$annals" ingest -q --db "$dir/one.db" "$site"
  "$annals" export --db "$dir/one.db" > "$dir/one.json"
  pages_of=("$site"/*)
  for ((i = ${#pages_of[@]} - 1; i >= 0; i--)); do
    "$annals" ingest -q --stories-only --db "$dir/split.db" "${pages_of[$i]}"
  done
  "$annals" ingest -q --db "$dir/split.db" "$site"
  "$annals" export --db "$dir/split.db" > "$dir/split.json"
  cmp -s "$dir/one.json" "$dir/split.json" ||
    fail "$site a page at a time, last first, differs from one ingest"
done
echo "ok"
