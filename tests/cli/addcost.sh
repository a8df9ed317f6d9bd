#!/usr/bin/env bash
# An ingest that adds a few pages to many checks again only the stored pages
# that the index of recorded lookups lists under a key whose answer the new
# pages change (docs/split-invariance.md, "The check through the index"),
# and the archive is still what one ingest makes.
#
#   addcost.sh ANNALS WORKDIR SITE
#
# Two generated sites (invented text) where one page turns a short line's
# answer: on site `to-template` "Lisbon office bulletin" is on 14 of 24
# stored pages (not template: under 60%), and the added page makes it 15 of
# 25 (template: the 14 stored pages lose the line); on site `from-template`
# it is on 14 of 23 stored pages (template), and an added page without it
# makes it 14 of 24 (not template: the 14 stored pages get it back, with no
# count of the line changing). Then SITE (a dev site of 20 pages or more),
# each 8th page added last. Each time `ingest --stories-only` of every page
# but the held ones, then of the site, must export exactly what one ingest
# of the site exports; and pages 3.., then 2, then 1.
set -euo pipefail
annals=$1 dir=$2 dev_site=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }

gen() {  # gen DIR PAGES LINE_PAGES: LINE_PAGES of them have the short line
  local d=$1 n=$2 c=$3 i
  mkdir -p "$d"
  for ((i = 1; i <= n; i++)); do
    {
      printf 'Harbour works in Prague, part %d\n\n' "$i"
      printf '%02d.03.2024\n\n' "$((i % 28 + 1))"
      printf 'The city council of Prague reviewed stage %d of the harbour works on the northern\n' "$i"
      printf 'bank, where crews from Lisbon and Helsinki have laid %d metres of new quay.\n\n' \
        "$((i * 37))"
      [ "$i" -le "$c" ] && printf 'Lisbon office bulletin\n\n'
      printf 'Engineers said the next stage, number %d, would open the western basin to\n' \
        "$((i + 1))"
      printf 'ferries once the dredging of %d cubic metres is finished.\n' "$((i * 113))"
    } >"$d/page$(printf %02d "$i").txt"
  done
}

check_site() {  # check_site NAME SITE HELD...: all but HELD (indices), then SITE
  local name=$1 site=$2
  shift 2
  local files=("$site"/*) keep=() i h held
  for i in "${!files[@]}"; do
    held=0
    for h in "$@"; do [ "$i" -eq "$h" ] && held=1; done
    [ $held -eq 0 ] && keep+=("${files[$i]}")
  done
  if [ ! -f "$dir/$name-one.json" ]; then
    "$annals" ingest -q --stories-only --db "$dir/$name-one.db" "$site"
    "$annals" export --db "$dir/$name-one.db" 2>>"$dir/export.err" >"$dir/$name-one.json"
  fi
  rm -f "$dir/split.db"*
  "$annals" ingest -q --stories-only --db "$dir/split.db" "${keep[@]}"
  "$annals" ingest -q --stories-only --db "$dir/split.db" "$site"
  "$annals" export --db "$dir/split.db" 2>>"$dir/export.err" >"$dir/$name-but$1.json"
  cmp -s "$dir/$name-one.json" "$dir/$name-but$1.json" ||
    fail "$name: all pages but $*, then the site, differ from one ingest"
}

gen "$dir/to-template" 25 15
check_site to-template "$dir/to-template" 14
grep -q "Lisbon office bulletin" "$dir/to-template-one.json" &&
  fail "to-template: the line should be template in one ingest (the case tests nothing)"
gen "$dir/from-template" 24 14
check_site from-template "$dir/from-template" 23
grep -q "Lisbon office bulletin" "$dir/from-template-one.json" ||
  fail "from-template: the line should be text in one ingest (the case tests nothing)"

files=("$dev_site"/*)
n=${#files[@]}
[ "$n" -ge 20 ] || fail "$dev_site: $n pages, the check needs 20 or more"
for ((p = 0; p < n; p += 8)); do check_site dev "$dev_site" "$p"; done
check_site dev "$dev_site" $((n - 3)) $((n - 2)) $((n - 1))
# One page, then another, then the site: the second ingest's check relies
# on the first having left every kept page's answers those of the counts.
rm -f "$dir/steps.db"*
"$annals" ingest -q --stories-only --db "$dir/steps.db" "${files[@]:2}"
"$annals" ingest -q --stories-only --db "$dir/steps.db" "${files[1]}"
"$annals" ingest -q --stories-only --db "$dir/steps.db" "$dev_site"
"$annals" export --db "$dir/steps.db" 2>>"$dir/export.err" >"$dir/steps.json"
cmp -s "$dir/dev-one.json" "$dir/steps.json" || fail "dev: pages 3.., then 2, then 1 differ from one ingest"
echo ok
