#!/usr/bin/env bash
# The archive does not depend on how its pages were split across ingests
# (issue 24): `ingest --stories-only` of the first K pages, then `ingest` of
# the whole site, exports exactly what one ingest of the site exports, for
# several K (batches of 64 pages). Before, a story's sources were listed in the
# order they were seen, which depends on the pages read together.
set -euo pipefail
annals=$1 gen_site=$2 dir=$3 pages=${4:-300}
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n "$pages" --jobs 1 > /dev/null
files=("$dir/site"/*)  # in name order
for batch in 64; do
  "$annals" ingest -q --batch $batch --db "$dir/one.db" "$dir/site"
  "$annals" export --db "$dir/one.db" > "$dir/one.json"
  for k in 50 $((pages / 2 + 7)) $((pages - 3)); do
    rm -f "$dir/split.db"*
    "$annals" ingest -q --stories-only --batch $batch --db "$dir/split.db" "${files[@]:0:k}"
    "$annals" ingest -q --batch $batch --db "$dir/split.db" "$dir/site"
    "$annals" export --db "$dir/split.db" > "$dir/split.json"
    cmp -s "$dir/one.json" "$dir/split.json" ||
      fail "the first $k pages, then all (batch $batch), differ from one ingest"
  done
  rm -f "$dir/one.db"*
done
echo "ok"
