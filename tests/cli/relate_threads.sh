#!/usr/bin/env bash
# Relate on one thread and on several gives the same archive: 1,200 generated
# pages (more stories than one batch of the resolution's parallel decoding,
# 512, which runs from 4 threads on: kBatchedThreads) ingested with
# --threads 1 and --threads 4, then related again from scratch (relate
# --full) on 3 threads (the readings and the second pass on several, the
# resolution's other passes on one); the three exports must be identical.
# usage: relate_threads.sh ANNALS WORKDIR GEN_SITE
set -euo pipefail
annals=$1 work=$2 gen=$3
rm -rf "$work" && mkdir -p "$work"
python3 "$gen" "$work/pages" -n 1200 --seed 5 --jobs 1 >/dev/null
"$annals" ingest -q --threads 1 --db "$work/one.db" "$work/pages"
"$annals" ingest -q --threads 4 --db "$work/many.db" "$work/pages"
"$annals" export --db "$work/one.db" >"$work/one.json"
"$annals" export --db "$work/many.db" >"$work/many.json"
"$annals" relate -q --full --threads 3 --db "$work/one.db"
"$annals" export --db "$work/one.db" >"$work/full.json"
# A real archive: stories, entities and facts were made.
python3 - "$work/one.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["stories"]) >= 1000, len(d["stories"])
assert len(d["entities"]) >= 20 and len(d["facts"]) >= 100, (len(d["entities"]), len(d["facts"]))
PY
cmp "$work/one.json" "$work/many.json"
cmp "$work/one.json" "$work/full.json"
echo "relate_threads: identical"
