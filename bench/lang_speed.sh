#!/usr/bin/env bash
# Russian pages against English pages of the same size (issue 25: Russian
# pages ingest at no less than 0.8 times the speed of English pages).
#
# Generates N English pages and as many Russian pages of the same site
# (bench/gen_site.py --lang) as weigh about the same MB, runs ingest_bench on each through bench/run.sh on one
# thread, with relate (the full ingest) and without it (stories only), and
# prints MB per CPU second for each and the ratio ru/en.
#
# usage: bench/lang_speed.sh [N] [text|html]     (default: 2000 text)
# env:   as bench/run.sh (ANNALS_BENCH_BUILD, BENCH_ARGS); on a busy machine
#        BENCH_ARGS=--benchmark_repetitions=3 gives the median of three runs.
set -euo pipefail

N=${1:-2000}
FORMAT=${2:-text}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANNALS_BENCH_BUILD:-$ROOT/build-bench}
WORK=$BUILD/bench-data

# A Russian page weighs more than an English one (two bytes a letter in the
# repeated teasers): the Russian site gets fewer pages, in the ratio of the
# sizes of 200 pages of each, so that both sites weigh about the same MB.
sample=$(mktemp -d)
trap 'rm -rf "$sample"' EXIT
for lang in en ru; do
  python3 "$ROOT/bench/gen_site.py" "$sample/$lang" -n 200 --seed 1 --format "$FORMAT" \
    --lang "$lang" 2>/dev/null
done
RU_N=$(python3 -c "import sys; print(round(int(sys.argv[1]) * int(sys.argv[2]) / int(sys.argv[3])))" \
  "$N" "$(du -sb --apparent-size "$sample/en" | cut -f1)" "$(du -sb --apparent-size "$sample/ru" | cut -f1)")

status=0
for run in "en $N" "ru $RU_N"; do
  set -- $run
  BENCH_ONLY=ingest BENCH_ARGS="--benchmark_filter=BM_Ingest/threads:1/ ${BENCH_ARGS:-}" \
    "$ROOT/bench/run.sh" "$2" "$FORMAT" "$1" || status=1
done

python3 - "$WORK" "$FORMAT" "$N" "$RU_N" <<'PY' || status=1
import json, os, sys
work, fmt, n, ru_n = sys.argv[1:]

def load(tag):
    """name -> its run; with --benchmark_repetitions, the run of the median MB_per_cpu_s."""
    with open(os.path.join(work, f'ingest_bench-{tag}.json')) as f:
        runs = {}
        for b in json.load(f).get('benchmarks', []):
            if b.get('run_type', 'iteration') == 'iteration':
                runs.setdefault(b['name'], []).append(b)
    out = {}
    for name, bs in runs.items():
        ok = sorted((b for b in bs if not b.get('error_occurred')), key=lambda b: b['MB_per_cpu_s'])
        out[name] = ok[len(ok) // 2] if ok else bs[0]
        out[name]['repetitions'] = len(bs)
    return out

en, ru = load(f'{fmt}-{n}'), load(f'ru-{fmt}-{ru_n}')
reps = max(b['repetitions'] for b in list(en.values()) + list(ru.values()))
print(f'\n== Russian against English: {n} English and {ru_n} Russian {fmt} pages, one thread'
      f'{f", median of {reps} runs" if reps > 1 else ""} ==')
print(f'{"run":30s}{"en MB":>8s}{"ru MB":>8s}{"en MB/cpu_s":>13s}{"ru MB/cpu_s":>13s}'
      f'{"ru/en":>8s}{"en stories/page":>17s}{"ru stories/page":>17s}')
failed = False
for relate, label in ((1, 'full ingest (relate)'), (0, 'stories only (no relate)')):
    name = f'BM_Ingest/threads:1/relate:{relate}/iterations:1/manual_time'
    e, r = en.get(name), ru.get(name)
    if not e or not r or e.get('error_occurred') or r.get('error_occurred'):
        print(f'{label:30s} FAILED')
        failed = True
        continue
    ratio = r['MB_per_cpu_s'] / e['MB_per_cpu_s']
    print(f'{label:30s}{e["MB"]:8.1f}{r["MB"]:8.1f}{e["MB_per_cpu_s"]:13.2f}'
          f'{r["MB_per_cpu_s"]:13.2f}{ratio:8.2f}{e["stories_per_page"]:17.2f}'
          f'{r["stories_per_page"]:17.2f}')
sys.exit(1 if failed else 0)
PY
exit $status
