#!/usr/bin/env python3
"""An ingest of pages that changed, killed with SIGKILL at random points and
run again, ends with the archive one clean ingest of the changed pages makes
(issue 24, docs/split-invariance.md).

usage: changed_kill.py ANNALS GEN_SITE WORK_DIR [ROUNDS] [SEED]

A generated site is ingested, a tenth of its pages are changed in place (a
line dropped, a line added), and each round ingests the site into a copy of
that archive (batches of 4 pages: many commits), killed at a random moment
of that ingest, then run again until it completes; the export must equal a
clean ingest's of the changed site, byte for byte. A killed ingest may stop
after the groups of the changed pages were rebuilt without them, before their
new content is stored: the next ingest reads them as new pages.
"""
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_rounds import finish, kill_rounds, start  # noqa: E402


def main():
    annals, work, site, rounds, rng = start(5, 7, 120)
    ingest = [annals, 'ingest', '-q', '--batch', '4']
    before = os.path.join(work, 'before.db')
    subprocess.run(ingest + ['--db', before, site], check=True)
    files = sorted(os.listdir(site))
    for name in files[::10]:
        path = os.path.join(site, name)
        lines = open(path, encoding='utf-8').read().split('\n')
        full = [i for i, line in enumerate(lines) if line.strip()]
        i = full[len(full) // 2]
        lines = lines[:i] + lines[i + 1:] + ['', 'The page was changed after it was first read.', '']
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
    clean = os.path.join(work, 'clean.db')
    subprocess.run([annals, 'ingest', '-q', '--db', clean, site], check=True)
    want = subprocess.run([annals, 'export', '--db', clean], check=True,
                          capture_output=True).stdout

    def copy_before(db):
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(before + suffix):
                shutil.copyfile(before + suffix, db + suffix)

    # The shorter of two runs: kill times past a run's end would kill nothing.
    times = []
    for i in range(2):
        db = os.path.join(work, f'timed{i}.db')
        copy_before(db)
        t0 = time.monotonic()
        run = subprocess.run(ingest[:2] + ['--batch', '4', '--db', db, site], check=True,
                             capture_output=True, text=True)
        times.append(time.monotonic() - t0)
        if f'{len(files[::10])} pages changed' not in run.stdout:
            print('FAIL: the changed pages were not reported:', run.stdout)
            sys.exit(1)
    t_all = min(times)

    def new_db(r):
        db = os.path.join(work, f'killed{r}.db')
        copy_before(db)
        return db

    kills, run, failures, _ = kill_rounds(annals, ingest, site, want, rounds,
                                          lambda: rng.uniform(0, t_all), new_db)
    finish(f'{kills} kills in {run} rounds (an ingest of the changed site: {t_all:.2f}s)',
           failures)


if __name__ == '__main__':
    main()
