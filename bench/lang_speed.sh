#!/usr/bin/env bash
# Russian pages against English pages of the same size (issue 25: Russian
# pages ingest at no less than 0.8 times the speed of English pages).
#
# Generates N English and N Russian pages of the same site (bench/gen_site.py
# --lang; the Russian stories are sized in UTF-8 bytes, so both sites weigh
# about the same MB), runs ingest_bench on each through bench/run.sh on one
# thread, with relate (the full ingest) and without it (stories only), and
# prints MB per CPU second for each and the ratio ru/en.
#
# usage: bench/lang_speed.sh [N] [text|html]     (default: 2000 text)
# env:   as bench/run.sh (ANNALS_BENCH_BUILD, BENCH_ARGS)
set -euo pipefail

N=${1:-2000}
FORMAT=${2:-text}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${ANNALS_BENCH_BUILD:-$ROOT/build-bench}
WORK=$BUILD/bench-data

status=0
for lang in en ru; do
  BENCH_ONLY=ingest BENCH_ARGS="--benchmark_filter=BM_Ingest/threads:1/ ${BENCH_ARGS:-}" \
    "$ROOT/bench/run.sh" "$N" "$FORMAT" "$lang" || status=1
done

python3 - "$WORK" "$FORMAT" "$N" <<'PY' || status=1
import json, os, sys
work, fmt, n = sys.argv[1:]

def load(tag):
    with open(os.path.join(work, f'ingest_bench-{tag}.json')) as f:
        return {b['name']: b for b in json.load(f).get('benchmarks', [])}

en, ru = load(f'{fmt}-{n}'), load(f'ru-{fmt}-{n}')
print(f'\n== Russian against English: {n} {fmt} pages each, one thread ==')
print(f'{"run":30s}{"en MB":>8s}{"ru MB":>8s}{"en MB/cpu_s":>13s}{"ru MB/cpu_s":>13s}'
      f'{"ru/en":>8s}{"en stories":>12s}{"ru stories":>12s}')
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
          f'{r["MB_per_cpu_s"]:13.2f}{ratio:8.2f}{e["stories"]:12.0f}{r["stories"]:12.0f}')
sys.exit(1 if failed else 0)
PY
exit $status
