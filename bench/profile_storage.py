#!/usr/bin/env python3
"""What persisting the crawl profile and the pages' texts would cost (issue 24,
split invariance): for a folder of pages, prints
  - the pages' bytes, and the bytes of each page's text compressed alone
    with zlib (level 6), as a `pages.text` BLOB column would hold them;
  - the rows of the crawl profile's counts (SiteProfile: distinct short lines,
    the long lines' keys among each page's first 12 and last 4 long lines)
    and the size of a SQLite file holding them as
    `profile_lines(key INTEGER PRIMARY KEY, pages, tail_pages) WITHOUT ROWID`;
  - for the first K pages ingested alone, then the rest: how many short lines
    change their template decision (share >= 0.6 and >= 3 pages) between the
    first ingest's profile and the whole site's, and on how many of the first
    K pages they are (the pages that would be segmented again).
Approximations, said here: lines are split on '\\n' and trimmed; date lines
are not set apart from the short lines (the count of short lines is an upper
bound); keys are Python hashes, as the program's are 64-bit hashes.
Usage: bench/profile_storage.py DIR [K ...]
"""
import os
import sqlite3
import sys
import tempfile
import zlib

MAX_WORDS, HEAD, TAIL = 8, 12, 4
SHARE, MIN_PAGES = 0.6, 3


def page_lines(text):
    short, long_keys = set(), []
    for line in text.split("\n"):
        line = line.strip(" \t\r")
        if not line:
            continue
        if len(line.split()) > MAX_WORDS:
            long_keys.append(hash(line[:80]))
        else:
            short.add(line.casefold())
    seen_long = {k for i, k in enumerate(long_keys) if i < HEAD or i + TAIL >= len(long_keys)}
    return short, seen_long


def template(count, pages):
    return pages >= MIN_PAGES and count >= MIN_PAGES and count >= SHARE * pages


def main():
    folder = sys.argv[1]
    splits = [int(k) for k in sys.argv[2:]] or [5, 50]
    names = sorted(os.listdir(folder))
    raw = packed = 0
    shorts, short_count, long_count = [], {}, {}
    for name in names:
        data = open(os.path.join(folder, name), "rb").read()
        raw += len(data)
        packed += len(zlib.compress(data, 6))
        short, seen_long = page_lines(data.decode("utf-8", "replace"))
        shorts.append(short)
        for s in short:
            short_count[s] = short_count.get(s, 0) + 1
        for k in seen_long:
            long_count[k] = long_count.get(k, 0) + 1
    print(f"pages: {len(names)}, bytes: {raw / 1e6:.2f} MB, "
          f"texts zlib-compressed one by one: {packed / 1e6:.2f} MB ({packed / raw:.0%})")
    rows = len(short_count) + len(long_count)
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(os.path.join(tmp, "p.db"))
        db.execute("CREATE TABLE profile_lines(key INTEGER PRIMARY KEY, pages INTEGER, "
                   "tail_pages INTEGER) WITHOUT ROWID")
        keys = {}
        for s, n in short_count.items():
            keys[hash(("s", s)) & 0x7FFFFFFFFFFFFFFF] = (n, 0)
        for k, n in long_count.items():
            keys[hash(("l", k)) & 0x7FFFFFFFFFFFFFFF] = (n, 0)
        db.executemany("INSERT INTO profile_lines VALUES (?, ?, ?)",
                       [(k, n, t) for k, (n, t) in keys.items()])
        db.commit()
        db.execute("VACUUM")
        db.close()
        size = os.path.getsize(os.path.join(tmp, "p.db"))
    print(f"profile rows: {rows} ({len(short_count)} short lines, {len(long_count)} long-line "
          f"keys; singletons {sum(1 for n in short_count.values() if n == 1)} + "
          f"{sum(1 for n in long_count.values() if n == 1)}), in SQLite: {size / 1e6:.2f} MB")
    for k in splits:
        first = {}
        for short in shorts[:k]:
            for s in short:
                first[s] = first.get(s, 0) + 1
        flipped = {s for s in first
                   if template(first[s], k) != template(short_count[s], len(names))}
        pages = sum(1 for short in shorts[:k] if short & flipped)
        print(f"first {k} pages alone, then the rest: {len(flipped)} short lines change their "
              f"template decision, on {pages} of the {k} pages")


if __name__ == "__main__":
    main()
