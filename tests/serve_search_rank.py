#!/usr/bin/env python3
"""Search ranks as FTS5's bm25() ranks: on an archive of generated pages,
`annals search` (every match, in order, with its snippet) and the server's
/api/v1/search (first pages, totals, scores, snippets) give the stories in
the order of SQLite's own query, computed here with Python's sqlite3:
bm25(stories_fts, 5.0, 1.0), ties by rowid, snippet() for the text. The
queries are mostly phrases joined by AND (ranked in one call, FtsRank's
annals_rank_all) and some with OR / NOT (ranked a match at a time).
Usage: serve_search_rank.py ANNALS GEN_SITE WORKDIR"""
import json
import os
import sqlite3
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "cli"))
from serve_common import Server, fresh_dir  # noqa: E402

annals, gen_site, work = [os.path.abspath(a) for a in sys.argv[1:4]]
fresh_dir(work)
pages = os.path.join(work, "pages")
db = os.path.join(work, "a.db")
subprocess.run([sys.executable, gen_site, pages, "-n", "400", "--seed", "7"], check=True,
               capture_output=True, timeout=300)
r = subprocess.run([annals, "ingest", "--db", db, "-q", pages], capture_output=True, text=True,
                   timeout=600)
assert r.returncode == 0, r.stderr

# Lower case, so that the FTS5 expression is the query as typed (a
# capitalized word may be searched in Cyrillic too: fts_query.h).
QUERIES = ["fisheries", "cormorant", "\"undersea cables\"", "lighthouse*", "piracy AND dakar",
           "fisheries lighthouse*", "the", "\"the\" of", "piracy OR cormorant",
           "fisheries NOT piracy", "nosuchwordanywhere"]

con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def want(q):
    """(id, score, snippet) of every match, as SQLite ranks them."""
    return con.execute(
        "SELECT s.id, bm25(stories_fts, 5.0, 1.0) AS score, "
        "snippet(stories_fts, 1, '[', ']', '…', 24) FROM stories_fts "
        "JOIN stories s ON s.rowid = stories_fts.rowid WHERE stories_fts MATCH ?1 "
        "ORDER BY score, s.rowid", (q,)).fetchall()


def cli_all(q):
    r = subprocess.run([annals, "search", q, "--db", db, "--limit", "0", "--format", "jsonl"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"annals search {q}: {r.stderr}"
    return [json.loads(line) for line in r.stdout.splitlines()]


broad = 0
tied = 0
for q in QUERIES:
    w = want(q)
    broad = max(broad, len(w))
    tied += sum(1 for a, b in zip(w, w[1:]) if a[1] == b[1])
    got = cli_all(q)
    assert [g["id"] for g in got] == [x[0] for x in w], f"cli order differs for {q}"
    assert [g["snippet"] for g in got] == [x[2] for x in w], f"cli snippets differ for {q}"
    # The table's total ("20 of N").
    r = subprocess.run([annals, "search", q, "--db", db], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    if len(w) > 20:
        assert f"20 of {len(w)}" in r.stdout, (q, r.stdout[-300:])
assert broad > 200, broad  # some query matches most stories
assert tied > 0  # and some matches tie, so that the rowid order is checked too

server = Server(annals, db)
try:
    for q in QUERIES:
        w = want(q)
        for offset in (0, 20, 180):
            page = server.json(f"/api/v1/search?q={urllib.parse.quote(q)}&offset={offset}"
                               "&limit=20")
            assert page["total"] == len(w), (q, page["total"], len(w))
            exp = w[offset:offset + 20]
            assert [i["id"] for i in page["items"]] == [x[0] for x in exp], (q, offset)
            assert [i["score"] for i in page["items"]] == [x[1] for x in exp], (q, offset)
            assert [i["snippet"] for i in page["items"]] == [x[2] for x in exp], (q, offset)
finally:
    server.stop()
print(f"ok: {len(QUERIES)} queries, up to {broad} matches, {tied} ties")
