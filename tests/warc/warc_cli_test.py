#!/usr/bin/env python3
"""End-to-end WARC test: `annals ingest` of a WARC.gz, then `annals export`.

usage: warc_cli_test.py ANNALS PAGE_DIR WORK_DIR

Builds a WARC.gz of the HTML pages of PAGE_DIR (make_warc.py: request,
response, metadata records, a non-HTML response, a redirect, a revisit and a
truncated last record), ingests it into a fresh archive and checks that
  - the summary reads the five pages and says why the other records were skipped,
    the truncated record included;
  - every stored story names the WARC-Target-URI of its pages as source page,
    and each page's own article is stored with that URI;
  - a second crawl of the same URIs, one page changed since the first, reads
    that page alone, and ingesting both crawls again reads nothing (each
    capture is known: neither is taken for a change of the other)."""
import json
import os
import re
import subprocess
import sys


def fail(msg):
    print('FAIL:', msg)
    sys.exit(1)


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    annals, pages_dir, work = argv[1:]
    os.makedirs(work, exist_ok=True)
    pages = sorted(os.path.join(pages_dir, p) for p in os.listdir(pages_dir) if p.endswith('.html'))
    warc = os.path.join(work, 'crawl.warc.gz')
    db = os.path.join(work, 'archive.db')
    if os.path.exists(db):
        os.remove(db)
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, 'make_warc.py'), warc] + pages, check=True)
    uris = {}
    for p in pages:
        m = re.search(r'<link rel="canonical" href="([^"]+)"', open(p, encoding='utf-8').read())
        uris[m.group(1)] = p

    def ingest_summary(*files):
        run = subprocess.run([annals, 'ingest', '--db', db, *files], capture_output=True, text=True)
        if run.returncode != 0:
            fail('ingest failed: ' + run.stderr)
        return run.stdout + run.stderr

    report = ingest_summary(warc)
    print(report)
    if f'pages read: {len(pages)}' not in report:
        fail(f'ingest should read {len(pages)} pages')
    for reason in ('request record', 'metadata record', 'warcinfo record', 'non-HTML payload',
                   'HTTP status 3xx', 'revisit record', 'truncated record'):
        if reason not in report:
            fail(f'the ingest summary does not count "{reason}"')

    export = subprocess.run([annals, 'export', '--db', db], capture_output=True, text=True)
    if export.returncode != 0:
        fail('export failed: ' + export.stderr)
    stories = json.loads(export.stdout)['stories']
    if not stories:
        fail('no stories stored')
    articles = {}
    for s in stories:
        for src in s['sources']:
            if src['page'] not in uris:
                fail(f'source page {src["page"]!r} is not a WARC-Target-URI')
            if src['role'] == 'article':
                articles[src['page']] = s
    missing = set(uris) - set(articles)
    if missing:
        fail(f'no article stored for {sorted(missing)}')

    # The recrawl: the same pages, the first with a paragraph added.
    changed_dir = os.path.join(work, 'recrawl')
    os.makedirs(changed_dir, exist_ok=True)
    changed = []
    for i, p in enumerate(pages):
        html = open(p, encoding='utf-8').read()
        if i == 0:
            at = html.index('<p>')
            html = (html[:at] + '<p>The page was updated after the first crawl with a new '
                    'paragraph on the outcome of the meeting and its next steps.</p>' + html[at:])
        changed.append(os.path.join(changed_dir, os.path.basename(p)))
        with open(changed[-1], 'w', encoding='utf-8') as f:
            f.write(html)
    warc2 = os.path.join(work, 'recrawl.warc.gz')
    subprocess.run([sys.executable, os.path.join(here, 'make_warc.py'), warc2] + changed, check=True)

    second = ingest_summary(warc2)
    if f'pages read: 1 ' not in second or f'unchanged: {len(pages) - 1},' not in second:
        fail('the recrawl should read its one changed page alone:\n' + second)
    again = ingest_summary(warc, warc2)
    if 'pages read: 0 ' not in again or f'unchanged: {2 * len(pages)},' not in again:
        fail('both crawls ingested again should read nothing:\n' + again)
    if 'updated: 0' not in again or 'stories new: 0,' not in again:
        fail('both crawls ingested again changed stories:\n' + again)
    print(f'ok: {len(stories)} stories, {len(articles)} articles under their WARC-Target-URI; '
          'a recrawl read its changed page alone, and nothing was read again')


if __name__ == '__main__':
    main(sys.argv)
