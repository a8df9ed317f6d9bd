#!/usr/bin/env python3
"""Bad input never crashes annals: pages cut, corrupted and spliced at random.

usage: mutated_pages.py ANNALS WORKDIR COUNT SEED SOURCE...

SOURCE: files or folders of real pages (text, HTML, gzipped HTML, WARC).
Writes COUNT mutants of them (the same bytes for the same SEED): cut short,
bytes overwritten, markup, dates and odd characters spliced in, pieces
repeated or deleted, some gzipped and some of those cut. Then:

- `annals extract` on them, a few at a time: each run ends by itself with
  exit code 0 or 1 (1 only with a message naming a file), never by a signal
  or a sanitizer's report, and what it writes on success is archive JSON;
- `annals ingest` of all of them into one archive, then `annals export`
  (valid JSON, as many stories as the archive lists) and a second ingest
  of the same files, which changes nothing.

A failure prints the command and the mutant files it read, which stay in
WORKDIR to rerun by hand."""
import gzip
import json
import os
import random
import shutil
import subprocess
import sys

# Pieces that parsers of pages, dates, charsets and WARC records treat
# specially, spliced in at random places.
SPLICES = [
    b'\x00', b'\xff\xfe', b'\xfe\xff', b'\xef\xbb\xbf', b'\xc3', b'\xe2\x80', b'\xf4\x90\x80\x80',
    b'<div>' * 50, b'</p></div></body>', b'<![CDATA[', b'<!--', b'&#x110000;', b'&#0;', b'&amp',
    b'<script>', b'<table><tr><td>' * 40, b'<meta charset="windows-1251">',
    b'\n\n', b'\r', b'\t' * 100, b'A' * 5000, b'. ' * 300, b'"' * 40, b'(' * 200,
    b'31.02.2024 ', b'2032-13-45', b'29 February 2023', b'Dec. 99, 2024', b'0000-00-00',
    b'Download document x.docx\n', b'image.jpg\n', b'Go back\n',
    'Заседание Совета 12.03.2024'.encode(), 'Ž. Š. Đ.'.encode(), b'\x1b[31m',
    b'WARC/1.0\r\n', b'Content-Length: 99999999999999999999\r\n', b'Content-Length: -5\r\n',
    b'Transfer-Encoding: chunked\r\n', b'ffffffffffff\r\n', b'Content-Encoding: gzip\r\n',
    b'\r\n\r\n',
]
LINES = ['1 January 2024', 'Go back', 'Secretary General John Smith', 'HL',
         'the Council of Ministers', '* item', '12.03.2023', 'Read more', '']


def sources(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names]
        elif os.path.isfile(p):
            files.append(p)
    return sorted(f for f in files if os.path.getsize(f) < 4_000_000)


def crawl(work, files):
    """A WARC.gz of some of the HTML sources (tests/warc/make_warc.py) and
    the same WARC uncompressed, to mutate as the other pages."""
    html = [f for f in files if f.endswith(('.html', '.html.gz'))][:6]
    if not html:
        return []
    plain = []
    for i, f in enumerate(html):
        data = open(f, 'rb').read()
        if f.endswith('.gz'):
            data = gzip.decompress(data)
        plain.append(os.path.join(work, f'warc-page{i}.html'))
        with open(plain[-1], 'wb') as out:
            out.write(data.decode('utf-8', 'replace').encode())
    warc = os.path.join(work, 'crawl.warc.gz')
    make = os.path.join(os.path.dirname(__file__), '..', 'warc', 'make_warc.py')
    subprocess.run([sys.executable, make, warc] + plain, check=True)
    with open(warc[:-3], 'wb') as out:
        out.write(gzip.decompress(open(warc, 'rb').read()))
    return [warc, warc[:-3]]


def mutate(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            data = bytearray(b'x')
        at = rng.randrange(len(data))
        op = rng.randrange(7)
        if op == 0:
            del data[at:]
        elif op == 1:
            for _ in range(rng.randint(1, 50)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 2:
            data[at:at] = rng.choice(SPLICES) * rng.randint(1, 20)
        elif op == 3:
            b = rng.randrange(len(data))
            data[at:at] = data[b:b + rng.randint(1, 4000)]
        elif op == 4:
            del data[at:at + rng.randint(1, 4000)]
        elif op == 5:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        else:
            data[at:at] = '\n'.join(rng.choice(LINES) for _ in range(30)).encode()
    return bytes(data)


def main(argv):
    annals, work, count, seed = argv[1], argv[2], int(argv[3]), int(argv[4])
    files = sources(argv[5:])
    if not files:
        sys.exit(f'no source pages in {argv[5:]}')
    rng = random.Random(seed)
    shutil.rmtree(work, ignore_errors=True)
    pages = os.path.join(work, 'pages')
    os.makedirs(pages)
    files += crawl(work, files)
    # A kind of page first, then a page of it: the HTML sources, which are
    # many, do not crowd out the text pages and the WARC.
    kinds = {}
    for f in files:
        kind = 'warc' if '.warc' in f else 'html' if '.htm' in f else 'text'
        kinds.setdefault(kind, []).append(f)
    mutants = []
    for i in range(count):
        src = rng.choice(kinds[rng.choice(sorted(kinds))])
        data = open(src, 'rb').read()
        if src.endswith('.gz') and rng.random() < 0.7:
            try:
                data = gzip.decompress(data)  # mutate what is inside, most times
                src = src[:-3]
            except (OSError, EOFError):
                pass
        data = mutate(data, rng)
        name = f'm{i:04d}-' + os.path.basename(src)
        if rng.random() < 0.1:
            data = gzip.compress(data, mtime=0)
            if rng.random() < 0.5:
                data = data[:rng.randrange(1, len(data) + 1)]
            name += '.gz'
        path = os.path.join(pages, name)
        with open(path, 'wb') as f:
            f.write(data)
        mutants.append(path)

    failures = []

    def run(args, what):
        try:
            p = subprocess.run([annals] + args, capture_output=True, timeout=120)
        except subprocess.TimeoutExpired:
            failures.append(f'{what}: no end after 120 s')
            return None
        err = p.stderr.decode('utf-8', 'replace')
        if p.returncode not in (0, 1):
            failures.append(f'{what}: exit code {p.returncode}\n{err[-2000:]}')
        elif 'Sanitizer' in err or 'runtime error:' in err:
            failures.append(f'{what}: a sanitizer reported\n{err[-2000:]}')
        elif p.returncode == 1 and not any(os.path.basename(m) in err for m in args):
            failures.append(f'{what}: exit code 1 without naming a file: {err[-500:]}')
        return p

    for at in range(0, len(mutants), 4):
        batch = mutants[at:at + 4]
        p = run(['extract'] + batch, 'annals extract ' + ' '.join(batch))
        if p is not None and p.returncode == 0:
            try:
                doc = json.loads(p.stdout)
                assert isinstance(doc.get('stories'), list)
            except (ValueError, AssertionError) as e:
                failures.append(f'annals extract {" ".join(batch)}: not archive JSON ({e})')

    db = os.path.join(work, 'a.db')
    first = run(['ingest', '--db', db, pages], f'annals ingest --db {db} {pages}')
    if first is not None and first.returncode == 0:
        p = run(['export', '--db', db], f'annals export --db {db}')
        listed = run(['stories', '--db', db, '--format', 'jsonl', '--limit', '1000000'],
                     f'annals stories --db {db}')
        if p is not None and p.returncode == 0 and listed is not None:
            exported = json.loads(p.stdout)['stories']
            n = len([l for l in listed.stdout.splitlines() if l.strip()])
            if len(exported) != n or n == 0:
                failures.append(f'export has {len(exported)} stories, the archive lists {n}')
        again = run(['ingest', '--db', db, pages], f'annals ingest --db {db} {pages} (again)')
        if again is not None and (b'stories new: 0,' not in again.stdout
                                  or b'updated: 0' not in again.stdout):
            failures.append('the second ingest of the same mutants changed the archive:\n'
                            + again.stdout.decode('utf-8', 'replace')[-800:])
    elif first is not None:
        failures.append('no mutant could be read at all')

    for f in failures:
        print('FAIL:', f)
    print(f'{len(mutants)} mutants of {len(files)} pages, seed {seed}: '
          f'{len(failures)} failures')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main(sys.argv)
