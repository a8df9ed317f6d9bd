#!/usr/bin/env python3
"""Ingests killed with SIGKILL at random points, then run again, end with the
archive one clean ingest makes (issue 24).

usage: kill_resume.py ANNALS GEN_SITE WORK_DIR [ROUNDS] [SEED]

Each round kills `annals ingest` (batches of 16 pages, so that there are
many commits; the clean ingest reads them in one batch) at random moments, from its start to its end, a third of the
kills in its relate (after the pages, measured with --stories-only), and
runs it again until it completes; the export must equal a clean ingest's,
byte for byte. The times come from a seeded generator; what the kill hits
still varies with the machine's speed, so a failure prints the kill times.
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_rounds import finish, kill_rounds, start  # noqa: E402


def main():
    annals, work, site, rounds, rng = start(6, 24, 200)
    ingest = [annals, 'ingest', '-q', '--batch', '16']

    def timed(db, *extra):
        t0 = time.monotonic()
        subprocess.run(ingest + ['--db', db, *extra, site], check=True)
        return time.monotonic() - t0

    # The shorter of two runs: kill times past a run's end would kill nothing.
    t_all = min(timed(os.path.join(work, f'clean{i}.db')) for i in range(2))
    t_pages = timed(os.path.join(work, 'pages.db'), '--stories-only')
    # The reference: one ingest with the default batch, whose pages are read
    # together, not 16 at a time.
    clean = os.path.join(work, 'clean.db')
    subprocess.run([annals, 'ingest', '-q', '--db', clean, site], check=True)
    want = subprocess.run([annals, 'export', '--db', clean], check=True,
                          capture_output=True).stdout
    kills, run, failures, history = kill_rounds(
        annals, ingest, site, want, rounds,
        lambda: (rng.uniform(t_pages, t_all) if rng.random() < 1 / 3 else rng.uniform(0, t_all)),
        lambda r: os.path.join(work, f'killed{r}.db'))
    if os.environ.get('VERBOSE'):
        print(history)
    finish(f'{kills} kills in {run} rounds (a clean ingest: {t_all:.2f}s, its pages '
           f'{t_pages:.2f}s)', failures)


if __name__ == '__main__':
    main()
