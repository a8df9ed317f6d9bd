#!/usr/bin/env python3
"""Article-extraction benchmark gate.

usage: aeb_gate.py ANNALS AEB_SCORE_PY GROUND_TRUTH OUT_JSONL MIN_F1 PAGE...

Runs `annals extract --text --format jsonl PAGE...` into OUT_JSONL, scores it
with aeb_score.py (--json, no bootstrap) and fails when F1 < MIN_F1. Prints
F1, precision, recall and the pages/s of the extraction either way."""
import json
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 7:
        sys.exit(__doc__)
    annals, scorer, truth, out, min_f1 = argv[1:6]
    pages = argv[6:]
    start = time.monotonic()
    with open(out, 'w', encoding='utf-8') as f:
        run = subprocess.run([annals, 'extract', '--text', '--format', 'jsonl'] + pages, stdout=f)
    seconds = time.monotonic() - start
    if run.returncode != 0:
        print(f'FAIL: annals extract exited with {run.returncode}')
        return 1
    scored = subprocess.run([sys.executable, scorer, truth, out, '--json', '--n-bootstrap', '0'],
                            capture_output=True, text=True, check=True)
    res = json.loads(scored.stdout)[out]
    print(f'F1 {res["f1"]:.3f}  precision {res["precision"]:.3f}  recall {res["recall"]:.3f}  '
          f'accuracy {res["accuracy"]:.3f}  pages {res["pages"]} missing {res["missing"]} '
          f'empty {res["empty"]}  ({len(pages) / seconds:.0f} pages/s, wall clock)')
    if res['f1'] < float(min_f1):
        print(f'FAIL: F1 {res["f1"]:.3f} < {min_f1}')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
