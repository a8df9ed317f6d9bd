#!/usr/bin/env python3
"""Seed pages rendered as HTML must give the stories of the text pages.

usage: html_seeds_gate.py ANNALS SCORE_PY KEY PAGE_DIR OUT_DIR [score.py bounds...]

Runs `annals extract --stories-only PAGE_DIR`, rewrites the answer key's page
names from NAME.txt to NAME.html (the HTML renderings keep the text pages'
names), and scores the result with score.py and the given bounds."""
import json
import os
import re
import subprocess
import sys


def main(argv):
    if len(argv) < 6:
        sys.exit(__doc__)
    annals, score, key, pages, out_dir = argv[1:6]
    bounds = argv[6:]
    os.makedirs(out_dir, exist_ok=True)
    pred = os.path.join(out_dir, 'html_seeds.json')
    with open(pred, 'w', encoding='utf-8') as f:
        run = subprocess.run([annals, 'extract', '--stories-only', pages], stdout=f)
    if run.returncode != 0:
        print(f'FAIL: annals extract exited with {run.returncode}')
        return 1
    gold = json.load(open(key, encoding='utf-8'))
    rename = lambda p: re.sub(r'\.txt$', '.html', p)
    gold['pages'] = [rename(p) for p in gold.get('pages', [])]
    for s in gold.get('stories', []):
        for src in s['sources']:
            src['page'] = rename(src['page'])
    mapped = os.path.join(out_dir, 'html_seeds_key.json')
    json.dump(gold, open(mapped, 'w', encoding='utf-8'), ensure_ascii=False)
    return subprocess.run([sys.executable, score, mapped, pred] + bounds).returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv))
