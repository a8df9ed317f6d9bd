#!/usr/bin/env bash
# The cost of pages changed in place (issue 24): each binary ingests PAGES
# into an archive of its own (a build re-reads what another build kept), then
# CHANGED of the pages (one in each PAGES/CHANGED, in name order) are edited,
# and each binary ingests the pages again into a fresh copy of its archive,
# ROUNDS times, the binaries alternated. Prints the CPU seconds (user+sys),
# wall seconds and peak memory of each of those ingests, and whether the two
# binaries' exports after them are identical.
#   bench/changed_pages.sh PAGES BASE NEW [ROUNDS=3] [CHANGED=10] [EDIT=line] [MODE=stories]
# EDIT: `line` appends a paragraph to each page (its stories change: their
# group is built again); `crlf` gives it CRLF line ends (the same stories).
# MODE: `stories` (--stories-only) or `full` (relate too). Work files go to
# $CHANGED_PAGES_WORK (default /tmp/changed_pages); PAGES is not modified.
set -euo pipefail
pages=$1 base=$2 new=$3 rounds=${4:-3} changed=${5:-10} edit=${6:-line} mode=${7:-stories}
work=${CHANGED_PAGES_WORK:-/tmp/changed_pages}
rm -rf "$work" && mkdir -p "$work" && cp -r "$pages" "$work/site"
opt=(--threads 1)
[[ $mode == stories ]] && opt+=(--stories-only)
"$base" ingest -q "${opt[@]}" --db "$work/base.db" "$work/site"
"$new" ingest -q "${opt[@]}" --db "$work/new.db" "$work/site"
mapfile -t files < <(find "$work/site" -type f | sort)
step=$(( ${#files[@]} / changed ))
for ((i = step / 2; i < ${#files[@]} && changed > 0; i += step, changed--)); do
  f=${files[$i]}
  if [[ $edit == crlf ]]; then
    sed -i 's/$/\r/' "$f"
  else
    printf '\n\nA line added to the page when it changed, long enough to be kept as a paragraph of its story.\n' >> "$f"
  fi
done
for ((r = 1; r <= rounds; r++)); do
  for v in base new; do
    bin=$base
    [[ $v == new ]] && bin=$new
    cp "$work/$v.db" "$work/r.db"
    rm -f "$work/r.db-wal" "$work/r.db-shm"
    sync
    /usr/bin/time -f "$v round $r: %U %S CPU-s (user, sys), %e s wall, %M KB peak" \
      "$bin" ingest -q "${opt[@]}" --db "$work/r.db" "$work/site" 2>&1 | grep "CPU-s"
    if ((r == 1)); then "$bin" export --db "$work/r.db" > "$work/$v.json"; fi
  done
done
if cmp -s "$work/base.json" "$work/new.json"; then
  echo "exports identical"
else
  echo "exports differ"
fi
