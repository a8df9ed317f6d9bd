#!/usr/bin/env bash
# A malformed query gets a one-line explanation and exit 1, never a crash.
set -uo pipefail
annals=$1 seeds=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
"$annals" ingest -q --db "$dir/a.db" "$seeds" || exit 1
for q in 'AND OR (' '"unclosed' 'NOT' '*' ')'; do
  err=$("$annals" search --db "$dir/a.db" "$q" 2>&1 >/dev/null)
  rc=$?
  [ $rc -eq 1 ] || { echo "FAIL: '$q' exited $rc"; exit 1; }
  [ "$(wc -l <<<"$err")" -eq 1 ] || { echo "FAIL: '$q' printed: $err"; exit 1; }
  echo "$q -> $err"
done
# Prefix and boolean queries work.
"$annals" search --db "$dir/a.db" 'Secretar* AND NOT Almaty' --format json |
  python3 -c "import json,sys; h=json.load(sys.stdin); assert h and all('Almaty' not in s['text'] for s in h)" ||
  { echo "FAIL: prefix/NOT query"; exit 1; }
echo ok
