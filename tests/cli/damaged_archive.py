#!/usr/bin/env python3
"""A damaged archive is never read as a smaller one (issue 24).

usage: damaged_archive.py ANNALS GEN_SITE WORK_DIR

An archive of generated pages is damaged in copies, 4 KiB of random bytes
(fixed seeds) written at offsets around the middle of the file. On each
copy, `export` and `stories` either read everything (as many stories, with
as many sources each: random bytes inside a text cannot be told from text)
or exit 1 saying "the archive is damaged: FILE"; never exit 0 with
stories or their sources missing. `annals check` exits 0 saying ok on the
sound archive, and exits 1 on every copy a read found damaged, naming the
tables affected. Before the fix, reads stopped at the first SQLite error as
if the rows had ended, and exited 0.
"""
import json
import os
import random
import shutil
import subprocess
import sys


COPIES = 8  # damaged copies, 24 KiB apart around the middle of the file


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, errors='replace')


def stories_of(text):
    """How many stories, and their sources: what a read that stopped early
    loses. (Ids and texts are not compared: random bytes inside a text or an
    id can be told from neither, by SQLite or by us.)"""
    d = json.loads(text)
    stories = d['stories'] if isinstance(d, dict) else d
    return sorted(len(s['sources']) for s in stories)


def main():
    annals, gen_site, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    site = os.path.join(work, 'site')
    subprocess.run([sys.executable, gen_site, site, '-n', '300', '--jobs', '1'], check=True,
                   stdout=subprocess.DEVNULL)
    db = os.path.join(work, 'sound.db')
    subprocess.run([annals, 'ingest', '-q', '--db', db, site], check=True)
    failures = []
    r = run(annals, 'check', '--db', db)
    if r.returncode != 0 or 'ok' not in r.stdout:
        failures.append(f'check of a sound archive: {r.returncode} {r.stdout} {r.stderr}')
    want_export = stories_of(run(annals, 'export', '--db', db).stdout)
    want_list = stories_of(run(annals, 'stories', '--db', db, '--limit', '0', '--format',
                               'json').stdout)
    size = os.path.getsize(db)
    damaged_reads = 0
    for seed in range(COPIES):
        rng = random.Random(seed)
        copy = os.path.join(work, f'damaged{seed}.db')
        shutil.copy(db, copy)
        offset = size // 2 + (seed - COPIES // 2) * 24 * 1024
        with open(copy, 'r+b') as f:
            f.seek(offset)
            f.write(bytes(rng.randrange(256) for _ in range(4096)))
        read_damage = False
        for cmd, want in ((['export'], want_export),
                          (['stories', '--limit', '0', '--format', 'json'], want_list)):
            r = run(annals, *cmd, '--db', copy)
            what = f'{cmd[0]} of {os.path.basename(copy)} (4 KiB at {offset})'
            if r.returncode == 0:
                try:
                    got = stories_of(r.stdout)
                except (ValueError, KeyError) as e:
                    failures.append(f'{what}: exit 0 with unreadable output ({e})')
                    continue
                if got != want:
                    failures.append(f'{what}: exit 0 with {len(got)} stories, '
                                    f'{sum(got)} sources; the archive has '
                                    f'{len(want)}, {sum(want)}')
            elif r.returncode == 1 and 'annals: the archive is damaged: ' + copy in r.stderr:
                read_damage = True
            else:
                failures.append(f'{what}: exit {r.returncode}: {r.stderr.strip()[:300]}')
        if read_damage:
            damaged_reads += 1
            r = run(annals, 'check', '--db', copy)
            if r.returncode != 1 or 'affected: ' not in r.stdout + r.stderr and \
                    'the archive is damaged' not in r.stderr:
                failures.append(f'check of {os.path.basename(copy)}: exit {r.returncode}: '
                                f'{r.stdout.strip()[:300]} {r.stderr.strip()[:300]}')
    if damaged_reads == 0:
        failures.append('no damaged copy failed a read: the test damages nothing that is read')
    for f in failures:
        print('FAIL:', f)
    print(f'{damaged_reads} of {COPIES} damaged copies failed a read, saying so')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
