#!/usr/bin/env bash
# The cost of adding a few pages to a large archive (issue 21), in CPU
# seconds: ingests N generated pages (--seed 1), then ADD new pages (--seed 7)
# into a copy of that archive, and runs `relate --full` on another copy;
# prints each one's user+sys CPU seconds, peak memory and stage line. With two
# binaries, alternates them (the archive each adds to is its own: a reading
# kept by one build is not used by another).
# usage: bench/relate_add.sh N [ADD] [THREADS] ANNALS [ANNALS2]
# e.g.   bench/relate_add.sh 10000 50 1 build/src/cli/annals /tmp/annals-base
set -euo pipefail
n=$1 add=${2:-50} threads=${3:-1}
shift 3
work=${RELATE_ADD_WORK:-/tmp/relate-add-$n}
gen=$(dirname "$0")/gen_site.py
mkdir -p "$work"
[ -d "$work/pages" ] || python3 "$gen" "$work/pages" -n "$n" --seed 1 --jobs 2 >/dev/null
[ -d "$work/add-$add" ] || python3 "$gen" "$work/add-$add" -n "$add" --seed 7 --jobs 1 >/dev/null
run() {  # label binary args...
  local label=$1
  shift
  /usr/bin/time -f "%U %S %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1
  read -r user sys kb <"$work/time.txt"
  printf '%-28s %6.2f CPU-s %6d MiB  %s\n' "$label" "$(echo "$user + $sys" | bc)" \
    $((kb / 1024)) "$(grep -h 'time:' "$work/out.txt" || true)"
}
i=0
for bin in "$@"; do
  i=$((i + 1))
  db=$work/archive-$i.db
  [ -f "$db" ] || run "[$i] ingest $n" "$bin" ingest --threads "$threads" --db "$db" "$work/pages"
  cp "$db" "$work/copy.db"
  run "[$i] add $add" "$bin" ingest --threads "$threads" --db "$work/copy.db" "$work/add-$add"
  cp "$db" "$work/copy.db"
  run "[$i] relate --full" "$bin" relate --full --threads "$threads" --db "$work/copy.db"
done
rm -f "$work/copy.db" "$work/copy.db-lock"
