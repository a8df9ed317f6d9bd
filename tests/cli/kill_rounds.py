"""Rounds of an ingest killed (SIGKILL) at random moments and run again, for
the kill tests (kill_resume.py, changed_kill.py; issue 24)."""
import os
import random
import shutil
import subprocess
import sys


def start(default_rounds, default_seed, pages):
    """The arguments of a kill test (ANNALS GEN_SITE WORK_DIR [ROUNDS] [SEED]):
    WORK_DIR made anew, with a site of `pages` generated pages in WORK_DIR/site.
    Returns (annals, work, site, rounds, rng)."""
    annals, gen_site, work = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else default_rounds
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else default_seed)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    site = os.path.join(work, 'site')
    subprocess.run([sys.executable, gen_site, site, '-n', str(pages), '--jobs', '1'],
                   check=True, stdout=subprocess.DEVNULL)
    return annals, work, site, rounds, rng


def finish(summary, failures):
    """Prints the summary and each failure; exits 1 if any."""
    print(summary)
    for f in failures:
        print('FAIL:', f)
    sys.exit(1 if failures else 0)


def kill_rounds(annals, ingest, site, want, rounds, kill_at, new_db):
    """Each round runs `ingest` (a command without --db) into the archive
    new_db(r) gives, killing it at kill_at() seconds, up to 8 times, then runs
    it to its end; its export must be `want`, byte for byte. A round whose
    first run ends before its kill time kills nothing; on a machine faster
    than when the times were measured that can happen to every round, so
    rounds go on (up to four times as many) until one kills.
    Returns (kills, rounds run, failures, the last round's history)."""
    failures = []
    kills = 0
    history = []
    r = -1
    while r + 1 < rounds or (kills == 0 and r + 1 < 4 * rounds):
        r += 1
        db = new_db(r)
        history = []
        for _ in range(8):
            at = kill_at()
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
    if kills == 0:
        failures.append('no ingest was killed: the test tested nothing')
    return kills, r + 1, failures, history
