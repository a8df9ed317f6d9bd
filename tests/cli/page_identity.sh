#!/usr/bin/env bash
# A page is one page however its path is written (issue 24): `ingest site`,
# `./site/` and the absolute path are the same pages; pages piped to
# `ingest -` are different pages when their contents differ; `ingest .`
# does not read the archive's own files (annals.db, -wal, -shm, -lock).
# In one ingest, a page named twice (the folder twice, the folder and one of
# its files, a symbolic link and its file) is read once.
set -euo pipefail
annals=$(realpath "$1") src=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir/work/site"
fail() { echo "FAIL: $*"; exit 1; }
files=("$src"/*)  # in name order
cp "${files[@]:0:6}" "$dir/work/site/"
cd "$dir/work"
"$annals" ingest -q --db once.db site
"$annals" export --db once.db > once.json
for path in site ./site/ "$PWD/site" "site/../site"; do
  out=$("$annals" ingest --db many.db "$path")
done
grep -q "pages read: 0 .*unchanged: 6" <<<"$out" || fail "the same pages by another path were read again: $out"
"$annals" export --db many.db > many.json
cmp -s once.json many.json || fail "one site ingested by four paths differs from one ingest"

# One page named twice in one ingest is read once. Read twice, it was
# counted twice into the crawl profile: three invented pages, two of them
# ending with one short line, which on 2 pages of 3 is text (template needs
# 3 pages), but counted as 4 pages of 6 it was taken for template.
mkdir -p "$dir/twice/p" "$dir/twice/links" && cd "$dir/twice"
for n in north south east; do
  {
    printf 'Harbour board meets on the %s quay\n\n12.03.2025\n\n' "$n"
    printf 'The harbour board met on the %s quay on Tuesday to discuss the ferry timetable ' "$n"
    printf 'for the summer and the repairs of the old pier.\n\n'
    printf 'Members agreed that the works on the %s quay would begin in April and end ' "$n"
    printf 'before the festival in June.\n\n'
    [ "$n" = east ] || printf 'Follow the board\n'
  } > "p/$n.txt"
  ln -s "../p/$n.txt" "links/$n.txt"
done
"$annals" ingest -q --stories-only --db once.db p
"$annals" export --db once.db > once.json
[ "$(grep -c 'Follow the board' once.json)" = 2 ] || fail "one ingest: the line on 2 pages of 3 is not kept"
for inputs in "p p" "p ./p/north.txt" "links" "links p" "p links/south.txt"; do
  rm -f twice.db*
  # shellcheck disable=SC2086  # the inputs are split on purpose
  out=$("$annals" ingest --stories-only --db twice.db $inputs 2>&1)
  "$annals" export --db twice.db > twice.json
  cmp -s once.json twice.json || fail "ingest $inputs differs from one ingest of p: $out"
done
grep -q "named more than once" <<<"$out" || fail "a page named twice is not reported: $out"
cd "$dir/work"

# Standard input: two different pages are two pages; the same one again is unchanged.
p1=$(ls site/* | sort | sed -n 1p) p2=$(ls site/* | sort | sed -n 2p)
"$annals" ingest -q --db stdin.db - < "$p1"
"$annals" ingest -q --db stdin.db - < "$p2"
out=$("$annals" ingest --db stdin.db - < "$p1")
grep -q "unchanged: 1" <<<"$out" || fail "the same page piped again is not unchanged: $out"
n=$("$annals" export --db stdin.db | python3 -c "
import json, sys
d = json.load(sys.stdin)
print(len({s['page'] for st in d['stories'] for s in st['sources']}))")
[ "$n" = 2 ] || fail "two pages from standard input are $n pages"

# ingest . with the archive in the folder, twice (the second sees its files).
mkdir -p "$dir/here" && cp site/* "$dir/here/" && cd "$dir/here"
"$annals" ingest -q --db annals.db .
"$annals" ingest --db annals.db . > out.txt
grep -q 'annals\.db' <<<"$("$annals" export --db annals.db)" && fail "the archive's own files are sources"
if grep "skipped .*annals\.db" out.txt | grep -v -q "the archive itself"; then
  fail "ingest . tried to read the archive's own files: $(cat out.txt)"
fi
grep -q "pages read: 0 .*unchanged: 6" out.txt || fail "ingest . again: $(cat out.txt)"
echo "ok"
