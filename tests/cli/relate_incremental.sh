#!/usr/bin/env bash
# Relate keeps each story's reading in the archive and reads again only the
# stories new or changed since (issue 21): an archive built by ingests in
# several batches, each relating with the readings kept, exports exactly what
# `annals relate --full` (every story read again) exports of it, on the seed
# pages, the sample site and the dev pages; also after a page changes, after
# a correction, and for an archive of schema version 6 (no readings kept).
set -euo pipefail
annals=$1 seeds=$2 example_site=$3 dev_pages=$4 dir=$5
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }

source "$(dirname "$0")/relate_lib.sh"
# same_as_full, and something was related.
same_and_related() {
  same_as_full "$1" "$2"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['entities'] and d['facts'] and d['events'], sys.argv[1]" \
    "$dir/inc.json" || fail "$2: nothing related"
}

# Rows of relate's readings table.
readings() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM readings').fetchone()[0])" "$1"
}

n=0
for site in "$seeds" "$example_site" "$dev_pages"; do
  n=$((n + 1))
  db="$dir/site$n.db"
  pages=("$site"/*)
  count=${#pages[@]}
  # Three batches, each related with what the earlier ones kept.
  third=$(( (count + 2) / 3 ))
  for ((at = 0; at < count; at += third)); do
    "$annals" ingest -q --db "$db" "${pages[@]:at:third}"
  done
  [ "$(readings "$db")" -gt 0 ] || fail "$site: no readings kept"
  same_and_related "$db" "$site in three batches"
done

# A page changes: its story is read again.
mkdir -p "$dir/site"
cp "$example_site"/* "$dir/site/"
db="$dir/changed.db"
"$annals" ingest -q --db "$db" "$dir/site"
page=$(grep -l "Secretary General" "$dir/site"/*.txt | head -n 1)
[ -n "$page" ] || fail "no page of the sample site names a Secretary General"
sed -i 's/Secretary General/Deputy Secretary General/' "$page"
"$annals" ingest -q --db "$db" "$dir/site"
same_and_related "$db" "a changed page"

# A correction relates again, with the readings kept.
"$annals" entity rename --db "$db" "$("$annals" entities --db "$db" --format json |
  python3 -c "import json,sys; print(json.load(sys.stdin)[0]['name'])")" "Renamed Entity" > /dev/null
same_and_related "$db" "a correction"

# An archive of schema version 6 (no readings) opens, relates every story
# once, and keeps their readings.
db="$dir/old.db"
"$annals" ingest -q --db "$db" "$seeds"
python3 -c "
import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
c.execute('DROP TABLE readings')
c.execute(\"UPDATE meta SET value='6' WHERE key='schema_version'\")
c.commit()" "$db"
"$annals" relate -q --db "$db"
[ "$(readings "$db")" -gt 0 ] || fail "an old archive kept no readings after its relate"
same_and_related "$db" "an archive of schema version 6"
echo ok
