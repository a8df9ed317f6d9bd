#!/usr/bin/env bash
# Generates N synthetic pages (cached), builds and runs the benchmarks, and
# prints a summary with the ratios against the baselines.
#
# usage: bench/run.sh [N] [text|html] [en|ru]     (default: 2000 text en)
# env:   ANNALS_BENCH_BUILD  build folder (default: build-bench in the checkout)
#        BENCH_ARGS          extra Google Benchmark flags for every binary
#        BENCH_ONLY          space-separated subset of: ingest search dedup serve
set -euo pipefail

N=${1:-2000}
FORMAT=${2:-text}
PAGE_LANG=${3:-en}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANNALS_BENCH_BUILD:-$ROOT/build-bench}
WORK=$BUILD/bench-data
# TAG names the pages and the results: "text-2000", "ru-text-2000".
TAG=$FORMAT-$N
[ "$PAGE_LANG" = en ] || TAG=$PAGE_LANG-$TAG
PAGES=$WORK/pages-$TAG
ONLY=${BENCH_ONLY:-ingest search dedup}
mkdir -p "$WORK"

if [ ! -f "$PAGES.done" ]; then
  rm -rf "$PAGES"
  echo "generating $N $FORMAT pages ($PAGE_LANG) in $PAGES" >&2
  python3 "$ROOT/bench/gen_site.py" "$PAGES" -n "$N" --seed 1 --format "$FORMAT" \
    --lang "$PAGE_LANG" --manifest "$PAGES.manifest.json"
  touch "$PAGES.done"
fi

cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DANNALS_BUILD_BENCHMARKS=ON \
  -DANNALS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target ingest_bench search_bench dedup_bench serve_bench >/dev/null

status=0
run() {  # run NAME ARGS...: one benchmark binary, JSON results in $WORK/NAME-$TAG.json
  local name=$1
  shift
  local out=$WORK/$name-$TAG.json
  rm -f "$out"
  "$BUILD/bench/$name" "$@" --benchmark_out="$out" --benchmark_out_format=json \
    ${BENCH_ARGS:-} || status=1
}
for b in $ONLY; do
  case $b in
    ingest) run ingest_bench --pages="$PAGES" --workdir="$WORK" ;;
    search) run search_bench --pages="$PAGES" --db="$WORK/search-$TAG.db" ;;
    dedup) run dedup_bench --pages="$PAGES" ;;
    serve) run serve_bench --pages="$PAGES" --db="$WORK/serve-$TAG.db" ;;
    *) echo "unknown benchmark: $b" >&2; exit 2 ;;
  esac
done

python3 - "$WORK" "$FORMAT" "$N" "$TAG" <<'PY'
import json, os, sys
work, fmt, n, tag = sys.argv[1:]

def load(name):
    p = os.path.join(work, f'{name}-{tag}.json')
    if not os.path.exists(p):
        return {}
    with open(p) as f:
        return {b['name']: b for b in json.load(f).get('benchmarks', [])}

def secs(b, key='cpu_time'):
    # Search and dedup run on one thread: CPU time, steadier than wall time
    # on a shared machine. Ingest uses the child's wall time (real_time).
    scale = {'ns': 1e-9, 'us': 1e-6, 'ms': 1e-3, 's': 1.0}[b.get('time_unit', 'ns')]
    return b[key] * scale

print(f'\n== summary: {n} {fmt} pages ({tag}) ==')
ing = load('ingest_bench')
if ing:
    print('\ningest (fresh archive; time = first ingest, end to end)')
    cols = ['pages_per_s', 'MB_per_s', 'MB_per_s_per_core', 'MB_per_cpu_s', 'peak_rss_MiB',
            'stories',
            'stories_per_page', 'read_s', 'parse_s', 'dedup_s', 'store_s', 'relate_s',
            'events_s', 'wall_s', 'reingest_s']
    print(f'{"run":28s}' + ''.join(f'{c:>18s}' for c in cols))
    for name, b in ing.items():
        if not name.startswith('BM_Ingest/'):
            continue
        if b.get('error_occurred'):
            print(f'{name:28s} FAILED: {b.get("error_message")}')
            continue
        print(f'{name:28s}' + ''.join(f'{b.get(c, float("nan")):18.2f}' for c in cols))
    adds = {k: b for k, b in ing.items() if k.startswith('BM_AddPages/')}
    if adds:
        print('\nadd 50 pages to an archive of the others (time = the add, end to end; '
              'then relate --full)')
        cols = ['base_stories', 'add_cpu_s', 'store_s', 'relate_s', 'events_s', 'wall_s',
                'full_relate_s', 'full_relate_cpu_s', 'peak_rss_MiB']
        print(f'{"run":28s}' + ''.join(f'{c:>18s}' for c in cols))
        for name, b in adds.items():
            if b.get('error_occurred'):
                print(f'{name:28s} FAILED: {b.get("error_message")}')
                continue
            print(f'{name:28s}' + ''.join(f'{b.get(c, float("nan")):18.2f}' for c in cols))
    runs = [b for b in ing.values() if not b.get('error_occurred')]
    for relate in (1, 0):
        one = ing.get(f'BM_Ingest/threads:1/relate:{relate}/iterations:1/manual_time')
        for name, b in ing.items():
            if b is not one and one and f'/relate:{relate}/' in name \
                    and not b.get('error_occurred') and not one.get('error_occurred'):
                print(f'speed-up with all cores, relate {"on" if relate else "off"}: '
                      f'{one["real_time"] / b["real_time"]:.2f}x')
se = load('search_bench')
if se:
    print('\nsearch: FTS5 MATCH vs LIKE scan '
          '(CPU ms per query; like/fts = times faster with the index)')
    print(f'{"query":13s}{"top20 fts":>11s}{"like":>9s}{"like/fts":>9s}'
          f'{"count fts":>11s}{"like":>9s}{"like/fts":>9s}{"matches fts":>13s}{"like":>7s}')
    ok = lambda b: b is not None and not b.get('error_occurred')
    for q in sorted({k.split('/')[-1] for k in se}):
        f, l = se.get(f'BM_Search/fts/{q}'), se.get(f'BM_Search/like/{q}')
        fc, lc = se.get(f'BM_Search/fts_count/{q}'), se.get(f'BM_Search/like_count/{q}')
        if not all(ok(b) for b in (f, l, fc, lc)):
            print(f'{q:13s} FAILED')
            continue
        print(f'{q:13s}{secs(f) * 1e3:11.3f}{secs(l) * 1e3:9.3f}{secs(l) / secs(f):9.1f}'
              f'{secs(fc) * 1e3:11.3f}{secs(lc) * 1e3:9.3f}{secs(lc) / secs(fc):9.1f}'
              f'{fc.get("hits", 0):13.0f}{lc.get("hits", 0):7.0f}')
de = load('dedup_bench')
if de:
    print('\ndedup: near-duplicates (containment + SimHash) vs exact hashing')
    e, nr = de.get('BM_Dedup/exact'), de.get('BM_Dedup/near')
    if e and nr and not e.get('error_occurred') and not nr.get('error_occurred'):
        print(f'  deduplicator  exact {secs(e) * 1e3:9.1f} ms  {e["stories"]:8.0f} stories '
              f'({e["stories_per_page"]:.2f}/page)')
        print(f'                near  {secs(nr) * 1e3:9.1f} ms  {nr["stories"]:8.0f} stories '
              f'({nr["stories_per_page"]:.2f}/page)'
              f'  time near/exact {secs(nr) / secs(e):.2f}x')
    e, s = de.get('BM_Lookup/exact'), de.get('BM_Lookup/simhash')
    if e and s and not e.get('error_occurred') and not s.get('error_occurred'):
        print(f'  lookup        exact {secs(e) * 1e3:9.1f} ms  {e["matched"]:8.0f} matched')
        print(f'                simhash {secs(s) * 1e3:7.1f} ms  {s["matched"]:8.0f} matched'
              f'  time simhash/exact {secs(s) / secs(e):.2f}x')
PY
exit $status
