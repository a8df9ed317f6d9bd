#!/usr/bin/env bash
# Every read reads one snapshot (issue 24): `stories` and `export` run over
# and over while ingests commit a page at a time, merging stories (pages in
# reverse order: teasers first, so stories stored apart are later found to
# be one); no listing may hold a story twice. Before, a read listed the ids,
# then loaded each in its own transaction: a story merged in between came
# back under the id it was merged into, a second time (about 4 listings in
# 100 here). Statistical, so labelled slow: a few hundred reads.
set -euo pipefail
annals=$1 gen_site=$2 dir=$3 rounds=${4:-12}
rm -rf "$dir" && mkdir -p "$dir/reads"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n 600 --jobs 1 > /dev/null
n=0
for round in $(seq "$rounds"); do
  rm -f "$dir/a.db"*
  ls "$dir/site"/* | sort -r |
    xargs "$annals" ingest -q --stories-only --threads 1 --batch 1 --db "$dir/a.db" &
  ingest=$!
  while kill -0 $ingest 2>/dev/null; do
    if [ $((n % 2)) = 0 ]; then
      "$annals" stories --db "$dir/a.db" --limit 0 --format jsonl > "$dir/reads/$n" 2>/dev/null || continue
    else
      "$annals" export --db "$dir/a.db" --format jsonl > "$dir/reads/$n" 2>/dev/null || continue
    fi
    n=$((n + 1))
  done
  wait $ingest || fail "an ingest failed"
done
python3 - "$dir/reads" <<'PY'
import json, os, sys
d = sys.argv[1]
bad = []
for name in sorted(os.listdir(d), key=int):
    ids = [r['id'] for r in map(json.loads, open(os.path.join(d, name)))
           if r.get('kind', 'story') == 'story']
    if len(ids) != len(set(ids)):
        bad.append(f'read {name}: {len(ids) - len(set(ids))} stories twice')
print(f'{len(os.listdir(d))} reads during ingests')
if len(os.listdir(d)) < 30:
    print('FAIL: too few reads overlapped the ingests to test anything')
    sys.exit(1)
for b in bad:
    print('FAIL:', b)
sys.exit(1 if bad else 0)
PY
echo "ok"
