#!/usr/bin/env python3
"""The API's paging back (before=prev_cursor) and its search facets, over
the sample site: every listing walked back from its last page by
prev_cursor gives the pages walked forward by next_cursor, in reverse; and
the facets of a search (year, entity, event type) are the counts over the
stories it matches, recounted here story by story from /api/v1/story, for a
word in most stories (counted by the server as the archive less the rest),
a word in a few, and a narrowed search; snippets kept from one page and
read for another are the CLI's.
Usage: web22_api.py ANNALS SITE_DIR WORKDIR"""
import collections
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, fresh_dir, ingest  # noqa: E402

annals, site, work = [os.path.abspath(a) for a in sys.argv[1:4]]
fresh_dir(work)
db = os.path.join(work, "a.db")
ingest(annals, db, site)
server = Server(annals, db)
try:
    # Forward by next_cursor, back by prev_cursor: the same pages.
    for path in ("/api/v1/stories?", "/api/v1/entities?", "/api/v1/events?",
                 "/api/v1/search?q=the&", "/api/v1/posts?"):
        whole = server.json(path + "limit=200")
        forward, page = [], server.json(path + "limit=3")
        assert page["prev_cursor"] is None, (path, page)
        while True:
            forward.append(page)
            if page["next_cursor"] is None:
                break
            page = server.json(path + "limit=3&cursor=" + page["next_cursor"])
        assert len(forward) > 2, (path, len(forward))
        ids = [json.dumps(i, sort_keys=True) for p in forward for i in p["items"]]
        assert ids == [json.dumps(i, sort_keys=True) for i in whole["items"]], path
        back = [page]
        while page["prev_cursor"] is not None:
            page = server.json(path + "limit=3&before=" + page["prev_cursor"])
            back.append(page)
        assert [(p["offset"], p["items"]) for p in back] == \
            [(p["offset"], p["items"]) for p in reversed(forward)], path
        assert all(p["total"] == whole["total"] for p in back), path
    server.json("/api/v1/stories?before=zz", 400)
    first = server.json("/api/v1/stories?limit=2")
    server.json(f"/api/v1/stories?limit=2&before={first['next_cursor']}&cursor={first['next_cursor']}", 400)

    # Facets recounted from each matching story.
    total = server.json("/api/v1/stories?limit=1")["total"]
    stories = {}

    def story(sid):
        if sid not in stories:
            stories[sid] = server.json(f"/api/v1/story/{sid}")
        return stories[sid]

    broad = 0
    for q in ("the", "exercise", "the&year=2025", "the&event_type=meeting"):
        res = server.json(f"/api/v1/search?q={q}&limit=200")
        hits = [h["id"] for h in res["items"]]
        assert len(hits) == res["total"] > 0, q
        broad += 2 * len(hits) > total
        years, ents, types = collections.Counter(), collections.Counter(), collections.Counter()
        for sid in hits:
            s = story(sid)
            years[(s["date"] or "undated")[:4] if s["date"] else "undated"] += 1
            ents.update({m["entity"] for m in s["mentions"]})
            types.update({e["type"] for e in s["events"]})
        f = res["facets"]
        assert {x["value"]: x["count"] for x in f["year"]} == dict(years), (q, f["year"], years)
        assert {x["value"]: x["count"] for x in f["event_type"]} == dict(types), (q, f["event_type"])
        top = sorted(ents.items(), key=lambda e: -e[1])
        assert len(f["entity"]) == min(15, len(top)), q
        for x in f["entity"]:
            assert ents[x["value"]] == x["count"], (q, x, ents[x["value"]])
        assert [x["count"] for x in f["entity"]] == [n for _, n in top[:len(f["entity"])]], q
    assert broad >= 2, "no search matched most stories"

    # Snippets kept from one page and read for the next are the CLI's, in
    # order: pages 3-5, then 1-8 (three kept, five read), then 1-8 again.
    cli = subprocess.run([annals, "search", "--db", db, "the", "--limit", "8", "--format", "json"],
                         capture_output=True, text=True, check=True)
    want = [(h["id"], h["snippet"]) for h in json.loads(cli.stdout)]
    assert len(want) == 8, want
    part = server.json("/api/v1/search?q=the&limit=3&offset=2")["items"]
    assert [(h["id"], h["snippet"]) for h in part] == want[2:5]
    for _ in range(2):
        got = server.json("/api/v1/search?q=the&limit=8")["items"]
        assert [(h["id"], h["snippet"]) for h in got] == want, (got, want)
finally:
    server.stop()
print("web22 api: ok")
