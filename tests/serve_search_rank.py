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
    # A page by offset ranks only the best offset + limit (at least 200) in
    # order (the rest unordered); a page past them, a page by cursor and a
    # narrowing by a facet sort the rest. Each check's first request is the
    # first of its query as the server keys it (the query with leading
    # spaces, the same FTS5 expression), so that it is the one that ranks:
    # pages that end or start inside a run of tied scores, at the 200th
    # place and past it, then pages by cursor, and a year's matches.
    dates = dict(con.execute("SELECT id, date FROM stories"))
    fresh = 0
    boundary_checks = 0
    deep_ties = 0

    def fresh_q(q):
        global fresh
        fresh += 1
        return " " * fresh + q

    def check(q, path, exp, total):
        page = server.json(path)
        assert page["total"] == total, (q, path, page["total"], total)
        assert [i["id"] for i in page["items"]] == [x[0] for x in exp], (q, path)
        assert [i["score"] for i in page["items"]] == [x[1] for x in exp], (q, path)
        return page

    for q in QUERIES:
        if " OR " in q or " NOT " in q:
            continue
        w = want(q)
        ties = [t for t in range(1, len(w)) if w[t - 1][1] == w[t][1]]
        for t in ties:
            lim = min(20, t)
            fq = urllib.parse.quote(fresh_q(q))
            # Ends just before the tie's second row: ranked with the best
            # max(t, 200) in order, the tie cut at the t-th place when t >= 200.
            check(q, f"/api/v1/search?q={fq}&offset={t - lim}&limit={lim}", w[t - lim:t], len(w))
            # Starts at it (past the rows in order when t >= 181: sorted then).
            check(q, f"/api/v1/search?q={fq}&offset={t}&limit=20", w[t:t + 20], len(w))
            check(q, f"/api/v1/search?q={fq}&offset={t - 1}&limit=2", w[t - 1:t + 1], len(w))
            boundary_checks += 1
            deep_ties += t >= 200
        if len(w) > 40:
            # By cursor from the first page (ranked for offset 0), and from a
            # first request by cursor's own ranking (all sorted).
            for first_offset in (True, False):
                fq = urllib.parse.quote(fresh_q(q))
                at, cursor = 0, None
                if first_offset:
                    check(q, f"/api/v1/search?q={fq}&offset=0&limit=5", w[:5], len(w))
                else:
                    # A download ranks every match: its first rows.
                    jl = server.get(f"/api/v1/search?q={fq}&format=jsonl")[2]
                    got = [json.loads(x)["id"] for x in jl.decode().splitlines()]
                    assert got == [x[0] for x in w[:len(got)]], q
                while at < min(len(w), 260):
                    path = f"/api/v1/search?q={fq}&limit=37"
                    if cursor is not None:
                        path += "&cursor=" + cursor
                    page = check(q, path, w[at:at + 37], len(w))
                    at += 37
                    cursor = page["next_cursor"]
                    if cursor is None:
                        break
            # The newest year's matches, best first, at 0 and 190.
            fq = urllib.parse.quote(fresh_q(q))
            first = server.json(f"/api/v1/search?q={fq}&limit=20")
            year = first["facets"]["year"][0]["value"]
            wy = [x for x in w if (dates[x[0]] or "undated")[:4] == year
                  or (year == "undated" and not dates[x[0]])]
            for off in (0, 190):
                check(q, f"/api/v1/search?q={fq}&year={year}&offset={off}&limit=20",
                      wy[off:off + 20], len(wy))
    assert boundary_checks > 20, boundary_checks
    assert deep_ties > 5, deep_ties  # ties cut at the 200th place or past it
finally:
    server.stop()
print(f"ok: {len(QUERIES)} queries, up to {broad} matches, {tied} ties, "
      f"{boundary_checks} ties at a page's edge")
