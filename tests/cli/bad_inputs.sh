#!/usr/bin/env bash
# Bad input is reported (file and reason) and skipped; the run goes on; the
# exit code is non-zero only when nothing could be read; stored data survives.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/in"
fail() { echo "FAIL: $*"; exit 1; }
: > "$dir/in/empty.txt"
printf '%%PDF-1.7\n\x00\x01\x02binary' > "$dir/in/doc.pdf"
head -c 3000 /dev/urandom > "$dir/in/noise.bin"
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00' > "$dir/in/cut.txt.gz"
printf '12.03.2024\n\nThe Council met in the capital and adopted a plan of work for the year ahead.\n' > "$dir/in/good.txt"
db="$dir/a.db"
out=$("$annals" ingest --db "$db" "$dir/in" "$dir/missing.txt" 2>&1) || fail "a run with one good page must exit 0: $out"
echo "$out"
grep -q "pages read: 1" <<<"$out" || fail "the good page was not read"
for f in empty.txt doc.pdf noise.bin cut.txt.gz missing.txt; do
  grep -q "skipped .*$f: " <<<"$out" || fail "$f not reported"
done
# Nothing readable at all: non-zero exit, and the archive keeps what it had.
if "$annals" ingest --db "$db" "$dir/in/empty.txt" "$dir/in/doc.pdf" >/dev/null 2>&1; then
  fail "a run that read nothing must exit non-zero"
fi
"$annals" stories --db "$db" --format json | python3 -c "import json,sys; assert len(json.load(sys.stdin)) == 1"
# A file that is not an archive is refused with a message, not clobbered.
echo "not a database" > "$dir/other.db"
if "$annals" stories --db "$dir/other.db" 2>"$dir/err.txt"; then fail "opened a non-archive"; fi
grep -q "other.db" "$dir/err.txt" || fail "the error does not name the file"
grep -q "not a database" "$dir/other.db" || fail "the file was changed"
echo ok
