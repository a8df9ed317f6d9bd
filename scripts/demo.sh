#!/usr/bin/env bash
# The main job on the sample site: ingest examples/site into a fresh archive
# and show what the archive holds.
set -euo pipefail
cd "$(dirname "$0")/.."
A=build/src/cli/annals
DB=${DB:-build/demo.db}
rm -f "$DB" "$DB-wal" "$DB-shm"
$A ingest --db "$DB" examples/site
echo; echo "== the newest stories"; $A stories --db "$DB" --limit 8
echo; echo "== who and what"; $A entities --db "$DB" --top 12
echo; echo "== who held which post"; $A posts --db "$DB"
echo; echo "== the calendar"; $A timeline --db "$DB" --limit 12
