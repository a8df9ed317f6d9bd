#!/usr/bin/env python3
"""Labels the lines of keyed pages with their roles, for fitting the line model.

usage: line_labels.py ANNALS SITES_ROOT [SITE ...] [--root ROOT ...] [--site NAME PAGES_DIR KEY ...]
       > labelled.tsv

For each site (SITES_ROOT/SITE/pages/*, SITES_ROOT/SITE/key.json; all sites when
none is named; --root adds every site of another such tree; --site adds a folder of pages with its key, e.g. the seed pages
and ../shared/eval/gold/seeds.json) runs `ANNALS extract --dump-lines` over its pages as one crawl and
prints its rows (TSV: site, label, then the dump's columns) with the label each
line has by the key (../shared/eval/SCHEMA.md):
  title  the line is the headline of a story the page shows (printed whole, cut
         short, or with its date after it)
  date   the line is a date line (the dump's kind 'date')
  body   the line's words are in the text of a story the page shows
  other  anything else: navigation, pagers, menus, labels, footers
The words of the pages are only used here to align lines with the key; the
model is fitted on the dump's features, never on words."""
import json, os, re, subprocess, sys

WORD = re.compile(r'\w+', re.UNICODE)


def norm(s):
    return ' '.join(WORD.findall((s or '').lower()))


def label(kind, text, stories):
    if kind == 'date':
        return 'date'
    t = norm(text)
    if not t:
        return 'other'
    for s in stories:
        title = norm(s.get('title'))
        if not title:
            continue
        if t == title:
            return 'title'
        # "Headline 07.02.2025 ...": the headline with its date after it.
        if t.startswith(title + ' ') and len(t) - len(title) <= 40 and re.search(r'\d', t[len(title):]):
            return 'title'
        # The headline printed again, cut short (or cut by the site).
        if len(t) >= 20 and (title.startswith(t) or (t.startswith(title) and len(t) <= len(title) + 12)):
            return 'title'
    padded = ' ' + t + ' '
    for s in stories:
        if padded in ' ' + norm(s.get('text')) + ' ':
            return 'body'
    # A line of several sentences the key keeps with small edits: most of its
    # word pairs in one story's text.
    words = t.split()
    if len(words) >= 8:
        pairs = set(zip(words, words[1:]))
        for s in stories:
            tw = norm(s.get('text')).split()
            if len(pairs & set(zip(tw, tw[1:]))) >= 0.8 * len(pairs):
                return 'body'
    return 'other'


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    annals, root = argv[0], argv[1]
    extra, named, rest = [], [], argv[2:]
    while rest:
        if rest[0] == '--root' and len(rest) >= 2:
            r = rest[1]
            extra += [(s, os.path.join(r, s, 'pages'), os.path.join(r, s, 'key.json')) for s in sorted(os.listdir(r))
                      if os.path.isdir(os.path.join(r, s, 'pages'))]
            rest = rest[2:]
        elif rest[0] == '--site' and len(rest) >= 4:
            extra.append((rest[1], rest[2], rest[3]))
            rest = rest[4:]
        else:
            named.append(rest[0])
            rest = rest[1:]
    sites = named or sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d, 'pages')))
    runs = [(s, os.path.join(root, s, 'pages'), os.path.join(root, s, 'key.json')) for s in sites] + extra
    header_done = False
    for site, pages_dir, key_path in runs:
        pages = sorted(os.path.join(pages_dir, f) for f in os.listdir(pages_dir))
        key = json.load(open(key_path, encoding='utf-8'))
        by_page = {}
        for s in key.get('stories', []):
            for src in s.get('sources', []):
                by_page.setdefault(os.path.basename(src['page']), []).append(s)
        r = subprocess.run([annals, 'extract', '--dump-lines', *pages], capture_output=True, text=True,
                           check=True)
        lines = r.stdout.splitlines()
        if not header_done:
            print('site\tlabel\t' + lines[0])
            header_done = True
        for row in lines[1:]:
            cols = row.split('\t')
            page, kind, text = os.path.basename(cols[0]), cols[2], cols[3]
            print(f'{site}\t{label(kind, text, by_page.get(page, []))}\t{row}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
