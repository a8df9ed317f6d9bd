#!/usr/bin/env bash
# Writes are checked (issue 24): `stories`, `search` and `export` to a full
# disk (/dev/full) exit 1 and say so; `export -o` that fails (a file size
# limit stands in for a full disk) exits 1 and leaves the file it would
# have replaced as it was, with no partial file beside it.
set -euo pipefail
annals=$1 gen_site=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }
python3 "$gen_site" "$dir/site" -n 150 --jobs 1 > /dev/null
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$dir/site"

for cmd in "stories --limit 0" "search the" "export"; do
  if "$annals" $cmd --db "$db" > /dev/full 2> "$dir/err"; then
    fail "$cmd > /dev/full exited 0"
  fi
  grep -q "cannot write" "$dir/err" || fail "$cmd > /dev/full says: $(cat "$dir/err")"
done

# The whole export is larger than the limit below (64 KiB).
"$annals" export --db "$db" -o "$dir/full.json"
[ "$(stat -c %s "$dir/full.json")" -gt 200000 ] || fail "the export is too small for the test"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$dir/full.json" ||
  fail "export -o wrote no valid JSON"

echo "an older export" > "$dir/out.json"
set +e
(trap '' XFSZ; ulimit -f 64; exec "$annals" export --db "$db" -o "$dir/out.json") 2> "$dir/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "export -o past the file size limit exited $rc: $(cat "$dir/err")"
grep -q "cannot write" "$dir/err" || fail "export -o failure says: $(cat "$dir/err")"
[ "$(cat "$dir/out.json")" = "an older export" ] || fail "a failed export -o replaced the file"
leftover=$(ls "$dir" | grep -c '^out\.json.' || true)
[ "$leftover" = 0 ] || fail "a failed export -o left files: $(ls "$dir")"
echo "ok"
