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
import random
import shutil
import subprocess
import sys
import time


def main():
    annals, gen_site, work = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 6
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 24)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    site = os.path.join(work, 'site')
    subprocess.run([sys.executable, gen_site, site, '-n', '200', '--jobs', '1'], check=True,
                   stdout=subprocess.DEVNULL)
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
    failures = []
    kills = 0
    # A round whose first run ends before its kill time kills nothing; on a
    # machine faster than when t_all was measured that can happen to every
    # round, so rounds go on (up to four times as many) until one kills.
    r = -1
    while r + 1 < rounds or (kills == 0 and r + 1 < 4 * rounds):
        r += 1
        db = os.path.join(work, f'killed{r}.db')
        history = []
        for attempt in range(8):
            at = (rng.uniform(t_pages, t_all) if rng.random() < 1 / 3
                  else rng.uniform(0, t_all))
            p = subprocess.Popen(ingest + ['--db', db, site], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
            try:
                p.wait(timeout=at)
                history.append(f'done before {at:.2f}s (exit {p.returncode})')
                if p.returncode != 0:
                    failures.append(f'round {r}: a resumed ingest failed: '
                                    f'{p.stderr.read().decode(errors="replace")}')
                break
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                kills += 1
                history.append(f'killed at {at:.2f}s')
        done = subprocess.run(ingest + ['--db', db, site], capture_output=True)
        if done.returncode != 0:
            failures.append(f'round {r}: the last ingest failed: {done.stderr.decode()}')
            continue
        got = subprocess.run([annals, 'export', '--db', db], capture_output=True).stdout
        if got != want:
            failures.append(f'round {r}: the export differs from a clean ingest\'s '
                            f'({"; ".join(history)})')
    if os.environ.get('VERBOSE'):
        print(history)
    print(f'{kills} kills in {r + 1} rounds (a clean ingest: {t_all:.2f}s, its pages '
          f'{t_pages:.2f}s)')
    if kills == 0:
        failures.append('no ingest was killed: the test tested nothing')
    for f in failures:
        print('FAIL:', f)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
