#!/usr/bin/env bash
# CPU seconds (user+sys) of the story stages of two annals binaries,
# alternated run by run: `ingest -q --stories-only --threads 1` of a page
# directory into a new archive, then (on a copy of that archive) of a few
# more pages. Prints one line per run: binary, stage, CPU s, MB per CPU s,
# peak KB.
#
#   bench/story_cpu.sh BASE NEW PAGES ADD [RUNS]
#
# PAGES: e.g. python3 bench/gen_site.py /tmp/bp10 -n 10000 --seed 1 --jobs 1
# ADD:   e.g. python3 bench/gen_site.py /tmp/add50 -n 50 --seed 7 --jobs 1
set -euo pipefail
base=$1 new=$2 pages=$3 add=$4 runs=${5:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mb=$(du -sb "$pages" | awk '{printf "%.1f", $1 / 1e6}')
cpu() {  # cpu OUT CMD...: runs CMD, appends "user sys maxKB" to OUT
  /usr/bin/time -f "%U %S %M" -o "$1" -a "${@:2}" >/dev/null
}
for run in $(seq "$runs"); do
  for which in base new; do
    bin=$base
    [ "$which" = new ] && bin=$new
    db=$work/$which.db
    rm -f "$db"* "$work/t"
    cpu "$work/t" "$bin" ingest -q --stories-only --threads 1 --db "$db" "$pages"
    read -r u s m <"$work/t"
    awk -v w="$which" -v r="$run" -v u="$u" -v s="$s" -v m="$m" -v mb="$mb" \
      'BEGIN { c = u + s; printf "%s run %s ingest %s MB: %.2f s CPU, %.1f MB/CPU-s, %d KB\n", w, r, mb, c, mb / c, m }'
    for f in "$db"*; do cp "$f" "$work/copy.db${f#"$db"}"; done
    rm -f "$work/t"
    cpu "$work/t" "$bin" ingest -q --stories-only --threads 1 --db "$work/copy.db" "$add"
    read -r u s m <"$work/t"
    awk -v w="$which" -v r="$run" -v u="$u" -v s="$s" -v m="$m" \
      'BEGIN { printf "%s run %s add: %.2f s CPU, %d KB\n", w, r, u + s, m }'
    rm -f "$work/copy.db"*
  done
done
