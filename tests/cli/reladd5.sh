#!/usr/bin/env bash
# Adding a few pages to an archive (issue 21, bench/relate_add.sh): an
# archive of most of a site's pages, then the rest added by a second ingest
# (which reads only the new stories again and writes only the rows that
# changed), exports exactly what the same archive exports after `annals
# relate --full` (every story read and every row written again), and what
# one ingest of all the pages exports. On the seed pages, the sample site,
# a dev site, and generated pages with an add of another seed, as the bench
# makes them; the add kept a reading for every story.
set -euo pipefail
annals=$1 seeds=$2 example_site=$3 dev_pages=$4 gen_site=$5 dir=$6
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
source "$(dirname "$0")/relate_lib.sh"
sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"; }

python3 "$gen_site" "$dir/gen" -n 160 --seed 1 --jobs 1 > /dev/null
python3 "$gen_site" "$dir/gen-add" -n 12 --seed 7 --jobs 1 > /dev/null

# add NAME BASE_PAGES... -- ADDED_PAGES...: the base ingested, then the
# added pages; checked against relate --full and one ingest of both.
add() {
  local name=$1
  shift
  local base=() added=()
  while [ "$1" != -- ]; do base+=("$1"); shift; done
  shift
  added=("$@")
  local db="$dir/$name.db" one="$dir/$name-one.db"
  "$annals" ingest -q --db "$db" "${base[@]}"
  local pages_before stories_before
  pages_before=$(sql "$db" 'SELECT count(*) FROM pages')
  stories_before=$(sql "$db" 'SELECT count(*) FROM stories')
  "$annals" ingest -q --db "$db" "${added[@]}"
  [ "$(sql "$db" 'SELECT count(*) FROM pages')" -gt "$pages_before" ] ||
    fail "$name: the add stored no page"
  # The generated pages of another seed are new stories.
  if [ "$name" = generated ]; then
    [ "$(sql "$db" 'SELECT count(*) FROM stories')" -ge $((stories_before + 12)) ] ||
      fail "$name: the add made fewer than 12 stories"
  fi
  [ "$(sql "$db" 'SELECT count(*) FROM readings')" = "$(sql "$db" 'SELECT count(*) FROM stories')" ] ||
    fail "$name: a story without a kept reading"
  same_as_full "$db" "$name"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['entities'] and d['facts'] and d['events'], sys.argv[1]" \
    "$dir/inc.json" || fail "$name: nothing related"
  "$annals" ingest -q --db "$one" "${base[@]}" "${added[@]}"
  "$annals" export --db "$one" > "$dir/one.json"
  cmp -s "$dir/inc.json" "$dir/one.json" || fail "$name: the export differs from one ingest's"
}

n=0
for site in "$seeds" "$example_site" "$dev_pages"; do
  n=$((n + 1))
  pages=("$site"/*)
  count=${#pages[@]}
  # The last tenth of the pages (one at least) added.
  tail=$(( count / 10 > 0 ? count / 10 : 1 ))
  add "site$n" "${pages[@]:0:count-tail}" -- "${pages[@]:count-tail}"
done
add generated "$dir/gen" -- "$dir/gen-add"
echo ok
