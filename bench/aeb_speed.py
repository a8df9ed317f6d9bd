#!/usr/bin/env python3
"""Article-extraction speed: annals against trafilatura, in one run.

usage: bench/aeb_speed.py ANNALS [AEB_DIR] [--repeat N]

AEB_DIR (default ../shared/data/article-extraction-benchmark) holds html/*.html.gz.
annals: `ANNALS extract --text --format jsonl PAGE...` over every page in one
process (gunzip, decoding, parsing and extraction included), N times (default
3); its pages/s is that of the median run, by wall clock and by the child's
CPU time (user + system). trafilatura: when the Python module can be
imported, `trafilatura.extract(html)` over the same pages in this process
(the pages gunzipped and decoded beforehand, the import not timed), N times,
the median. When it cannot be imported (Debian 12 has no package of it),
that is said and only annals is measured."""
import glob
import gzip
import os
import resource
import statistics
import subprocess
import sys
import time


def run_annals(annals, pages):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([annals, 'extract', '--text', '--format', 'jsonl'] + pages,
                   stdout=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run_trafilatura(trafilatura, htmls):
    start = time.monotonic()
    cpu0 = time.process_time()
    for h in htmls:
        trafilatura.extract(h)
    return time.monotonic() - start, time.process_time() - cpu0


def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    repeat = int(argv[argv.index('--repeat') + 1]) if '--repeat' in argv else 3
    if '--repeat' in argv:
        args.remove(str(repeat))
    if not args:
        sys.exit(__doc__)
    annals = args[0]
    folder = args[1] if len(args) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'data',
        'article-extraction-benchmark')
    pages = sorted(glob.glob(os.path.join(folder, 'html', '*.html.gz')))
    if not pages:
        sys.exit(f'no pages in {folder}/html')
    n = len(pages)
    runs = [run_annals(annals, pages) for _ in range(repeat)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(f'annals       {n} pages: {n / wall:7.1f} pages/s wall ({wall:.2f} s), '
          f'{n / cpu:7.1f} pages/s CPU ({cpu:.2f} s); median of {repeat}')
    try:
        import trafilatura  # noqa: PLC0415 (optional: not packaged in Debian 12)
    except ImportError:
        print('trafilatura  not installed (no Debian 12 package): not measured')
        return 0
    htmls = [gzip.open(p).read().decode('utf-8', errors='replace') for p in pages]
    truns = [run_trafilatura(trafilatura, htmls) for _ in range(repeat)]
    twall = statistics.median(r[0] for r in truns)
    tcpu = statistics.median(r[1] for r in truns)
    print(f'trafilatura  {n} pages: {n / twall:7.1f} pages/s wall ({twall:.2f} s), '
          f'{n / tcpu:7.1f} pages/s CPU ({tcpu:.2f} s); median of {repeat} '
          f'(version {getattr(trafilatura, "__version__", "?")})')
    print(f'annals / trafilatura: {twall / wall:.1f}x by wall clock, {tcpu / cpu:.1f}x by CPU')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
