#!/usr/bin/env python3
"""annals serve: the JSON API answers what the CLI answers, pages with
totals, refuses bad requests, never reads outside its embedded files, and
sees an ingest made while it runs.
Usage: serve_api.py ANNALS SITE_DIR WORKDIR"""
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server, fresh_dir, ingest  # noqa: E402

annals, site, work = [os.path.abspath(a) for a in sys.argv[1:4]]
fresh_dir(work)
db = os.path.join(work, "a.db")
pages = os.path.join(work, "pages")
os.makedirs(pages)
for f in sorted(os.listdir(site)):
    shutil.copy(os.path.join(site, f), pages)
ingest(annals, db, pages)


def cli(*args):
    r = subprocess.run([annals, *args, "--db", db], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"annals {args}: {r.stderr}"
    return r.stdout


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json"))


q = urllib.parse.quote
server = Server(annals, db)
try:
    assert "loopback" in server.lines[1], server.lines
    assert server.url.startswith("http://127.0.0.1:"), server.url

    # Every answer carries the Content-Security-Policy.
    _, h, _ = server.get("/api/v1/status")
    assert "default-src 'none'" in h["Content-Security-Policy"], h
    _, h, body = server.get("/")
    assert "script-src 'self'" in h["Content-Security-Policy"] and b"<html" in body

    # stories: the CLI's list, in pages, with the total.
    want = [s["id"] for s in cli_json("stories", "--limit", "0")]
    st = server.json("/api/v1/status")
    assert st["stories"] == len(want) and st["read_only"], st
    got = []
    for off in range(0, len(want), 4):
        page = server.json(f"/api/v1/stories?offset={off}&limit=4")
        assert page["total"] == len(want) and page["offset"] == off, page
        got += [s["id"] for s in page["items"]]
    assert got == want, (got, want)
    dated = [s for s in cli_json("stories", "--limit", "0", "--since", "2025-01-01")]
    page = server.json("/api/v1/stories?since=2025-01-01&limit=200")
    assert [s["id"] for s in page["items"]] == [s["id"] for s in dated]
    assert page["total"] == len(dated)

    # search: the CLI's hits, facets that add up, narrowing by a facet.
    word = "exercise"
    want = [s["id"] for s in cli_json("search", word, "--limit", "0")]
    assert len(want) >= 3, want
    res = server.json(f"/api/v1/search?q={word}&limit=200")
    assert [h["id"] for h in res["items"]] == want
    # Ranked apart from the stories (the snapshot gives each match's story):
    # the same snippets, titles, dates and page counts as the CLI's.
    cli_hits = cli_json("search", word, "--limit", "0")
    for h, c in zip(res["items"], cli_hits):
        assert (h["snippet"], h["title"], h["date"], h["pages"]) == \
            (c["snippet"], c["title"], c["date"], len(c["sources"])), (h, c)
    # Bounded by dates (undated stories left out), as the CLI bounds them.
    for since, until in (("2025-01-01", ""), ("", "2024-12-31"), ("2024-06-01", "2025-06-30")):
        args = (["--since", since] if since else []) + (["--until", until] if until else [])
        want_d = [s["id"] for s in cli_json("search", word, "--limit", "0", *args)]
        got_d = server.json(f"/api/v1/search?q={word}&limit=200&since={since}&until={until}")
        assert [h["id"] for h in got_d["items"]] == want_d and got_d["total"] == len(want_d), \
            (since, until, got_d, want_d)
        assert all(h["date"] and (not since or h["date"] >= since) and
                   (not until or h["date"] <= until) for h in got_d["items"]), got_d
    assert res["total"] == len(want)
    assert sum(f["count"] for f in res["facets"]["year"]) == len(want), res["facets"]
    hit = res["items"][0]
    assert any(p["match"] and p["text"].lower().startswith(word) for p in hit["snippet_parts"]), hit
    year = res["facets"]["year"][0]
    narrowed = server.json(f"/api/v1/search?q={word}&year={year['value']}&limit=200")
    assert narrowed["total"] == year["count"] > 0
    assert all((h["date"] or "undated").startswith(year["value"]) for h in narrowed["items"])
    ent = res["facets"]["entity"][0]
    narrowed = server.json(f"/api/v1/search?q={word}&entity={ent['value']}&limit=200")
    assert narrowed["total"] == ent["count"] > 0
    for h in narrowed["items"]:
        story = server.json(f"/api/v1/story/{h['id']}")
        assert any(m["entity"] == ent["value"] for m in story["mentions"]), h
    p1 = server.json(f"/api/v1/search?q={word}&limit=2&offset=1")
    assert [h["id"] for h in p1["items"]] == want[1:3] and p1["total"] == len(want)

    # Keyset paging: cursor=next_cursor walks every listing, page by page,
    # through the same items as one long page, and the last page has none.
    def walk(path, limit=3):
        sep = "&" if "?" in path else "?"
        items, cursor, n_pages = [], None, 0
        while True:
            page = server.json(f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
            assert page["offset"] == len(items), (path, page["offset"], len(items))
            items += page["items"]
            n_pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                assert len(items) == page["total"], (path, len(items), page["total"])
                return items, n_pages
    for path in ["/api/v1/stories", "/api/v1/stories?since=2025-01-01",
                 "/api/v1/stories?until=2024-12-31", f"/api/v1/search?q={word}",
                 f"/api/v1/search?q={word}&year={year['value']}", "/api/v1/entities",
                 "/api/v1/entities?type=person", "/api/v1/posts", "/api/v1/events",
                 "/api/v1/events?type=meeting"]:
        sep = "&" if "?" in path else "?"
        whole = server.json(f"{path}{sep}limit=200")
        assert whole["total"] <= 200 and whole["next_cursor"] is None, path
        walked, n_pages = walk(path)
        assert walked == whole["items"], path
        assert n_pages == max(1, -(-whole["total"] // 3)), (path, n_pages, whole["total"])
    assert walk("/api/v1/stories")[1] > 2
    # A cursor is the key of a page's last item: not a number, not with offset.
    first = server.json("/api/v1/stories?limit=2")
    server.json(f"/api/v1/stories?limit=2&offset=2&cursor={first['next_cursor']}", 400)
    for bad in ["zz", "abc", "%00"]:
        server.json(f"/api/v1/stories?cursor={bad}", 400)

    # story: the CLI's story; each mention's UTF-16 span is its UTF-8 span.
    checked = facts_seen = 0
    for sid in want:
        story = server.json(f"/api/v1/story/{sid}")
        shown = cli_json("show", sid)
        assert story["text"] == shown["text"] and story["sources"] == shown["sources"]
        raw, u16 = story["text"].encode("utf-8"), story["text"].encode("utf-16-le")
        for m in story["mentions"]:
            a, b = m["utf16"]
            assert u16[2 * a:2 * b].decode("utf-16-le") == raw[m["begin"]:m["end"]].decode(), m
            checked += 1
        for f in story["facts"]:
            a, b = f["sentence_utf16"]
            s0, s1 = f["sentence"]
            assert u16[2 * a:2 * b].decode("utf-16-le") == raw[s0:s1].decode()
            # The evidence, as the export gives it: the story, its page, the sentence.
            assert f["evidence"] == {"story": sid, "page": story["sources"][0]["page"],
                                     "sentence": raw[s0:s1].decode()}, f
            facts_seen += 1
        for e in story["events"]:
            assert e["evidence"]["story"] == e["story"], e
    assert checked > 0 and facts_seen > 0

    # entities, entity, posts, events, profile: what the CLI says.
    ents = cli_json("entities")
    page = server.json("/api/v1/entities?limit=200")
    assert page["total"] == len(ents) and [e["id"] for e in page["items"]] == [e["id"] for e in ents]
    person = next(e for e in ents if e["type"] == "person")
    prof = server.json(f"/api/v1/entity/{person['id']}")
    shown = cli_json("entity", person["name"])
    for key in ("name", "aliases", "stories", "co_mentioned"):
        assert prof[key] == shown[key], key
    # Posts and events with their evidence, which the CLI leaves out.
    assert [{k: v for k, v in x.items() if k != "evidence"} for x in prof["posts"]] == \
        shown["posts"]
    export = {}
    for x in json.loads(server.get("/api/v1/export")[2])["facts"]:
        if x["type"] == "holds_post" and x["evidence"]["sentence"]:
            export.setdefault(x["story"], []).append(x["evidence"])
    assert prof["posts"], prof
    for x in prof["posts"]:
        assert x["evidence"]["story"] == x["first_story"], x
        assert x["evidence"] in export[x["first_story"]], x
    assert all(x["evidence"]["story"] == x["story"] for x in prof["events"])
    assert sum(m["mentions"] for m in prof["mentions_by_month"]) + prof["undated_mentions"] == \
        person["mentions"], prof
    assert server.json(f"/api/v1/entity?name={q(person['name'])}")["id"] == person["id"]
    server.get("/api/v1/entity/nosuchentity", 404)
    # Lookup by name folds case and accents, takes a surname or the start of
    # a name, and answers 409 with the candidates when a name may mean several.
    assert server.json(f"/api/v1/entity?name={q('marta kovacic')}")["name"] == "Marta Kovačič"
    assert server.json(f"/api/v1/entity?name={q('Kovacic')}")["name"] == "Marta Kovačič"
    assert server.json(f"/api/v1/entity?name={q('Marta Kov')}")["name"] == "Marta Kovačič"
    many = server.json(f"/api/v1/entity?name={q('Republic of')}", 409)
    names = [c["name"] for c in many["candidates"]]
    assert "Austria" in names and "Croatia" in names and many["total"] == len(names), many
    server.get(f"/api/v1/entity?name={q('Nobody Atall')}", 404)
    # Every profile against a count made here from each story's mentions.
    stories_of, dates = {}, {}
    for sid in [x["id"] for x in cli_json("stories", "--limit", "0")]:
        st_ = server.json(f"/api/v1/story/{sid}")
        dates[sid] = st_["date"] or ""
        for m in st_["mentions"]:
            stories_of.setdefault(m["entity"], {}).setdefault(sid, 0)
            stories_of[m["entity"]][sid] += 1
    for e in ents:
        prof = server.json(f"/api/v1/entity/{e['id']}")
        mine = stories_of.get(e["id"], {})
        assert sorted(x["id"] for x in prof["stories"]) == sorted(mine), e["name"]
        got_dates = [x["date"] or "" for x in prof["stories"]]
        # Newest first, undated last.
        assert all((b == "" or (a != "" and a >= b)) for a, b in zip(got_dates, got_dates[1:])), \
            got_dates
        months = {}
        for sid, n in mine.items():
            if len(dates[sid]) >= 7:
                months[dates[sid][:7]] = months.get(dates[sid][:7], 0) + n
        assert {m["month"]: m["mentions"] for m in prof["mentions_by_month"]} == months, e["name"]
        shared = {}
        for other, theirs in stories_of.items():
            if other != e["id"] and set(theirs) & set(mine):
                shared[other] = len(set(theirs) & set(mine))
        want_counts = sorted(shared.values(), reverse=True)[:10]
        assert [c["stories"] for c in prof["co_mentioned"]] == want_counts, (e["name"], prof["co_mentioned"])
        assert all(shared[c["id"]] == c["stories"] for c in prof["co_mentioned"])
    posts = cli_json("posts", "--evidence")
    assert server.json("/api/v1/posts?limit=200")["items"] == posts
    assert any(x["evidence"]["sentence"] for x in posts), posts
    evs = cli_json("events", "--limit", "0", "--evidence")
    page = server.json("/api/v1/events?limit=200")
    assert page["total"] == len(evs) and [e["id"] for e in page["items"]] == [e["id"] for e in evs]
    assert [e["evidence"] for e in page["items"]] == [e["evidence"] for e in evs]
    assert any(e["evidence"]["sentence"] for e in evs), evs
    org = ents[0]
    assert org["type"] == "organization", org
    prof = server.json(f"/api/v1/profile?organization={q(org['aliases'][0] if org['aliases'] else org['name'])}")
    assert prof["organization"]["id"] == org["id"]
    assert prof["office_holders"] == cli_json("posts", "--organization", org["name"], "--evidence")
    cli_prof = cli_json("profile", org["name"], "--evidence")
    assert [s["title"] for s in prof["sections"]] == [s["title"] for s in cli_prof["sections"]]
    assert [[l["evidence"] for l in s["lines"]] for s in prof["sections"]] == \
        [[l["evidence"] for l in s["lines"]] for s in cli_prof["sections"]]
    assert any(l["evidence"]["sentence"] for s in prof["sections"] for l in s["lines"])
    assert prof["chairs"], prof
    for c in prof["chairs"]:
        assert c["evidence"]["story"] == c["stories"][0] and c["evidence"]["sentence"], c

    # downloads: every match, with the filters, as a file.
    _, h, body = server.get(f"/api/v1/events?format=ics&type=meeting")
    assert "attachment" in h["Content-Disposition"] and body.startswith(b"BEGIN:VCALENDAR")
    assert body.count(b"BEGIN:VEVENT") == len([e for e in evs if e["type"] == "meeting"])
    _, h, body = server.get(f"/api/v1/search?q={word}&format=csv")
    lines = body.decode().strip().split("\r\n")
    assert lines[0] == "id,date,title,snippet,score,pages" and len(lines) == len(want) + 1
    _, h, body = server.get("/api/v1/entities?format=jsonl")
    assert len(body.decode().strip().split("\n")) == len(ents)
    exported = json.loads(server.get("/api/v1/export")[2])
    assert sorted(s["id"] for s in exported["stories"]) == sorted(s["id"] for s in cli_json("stories", "--limit", "0"))

    # Bad requests: a clear 400 or 404, never a crash.
    for path in ["/api/v1/stories?limit=0", "/api/v1/stories?limit=abc",
                 "/api/v1/stories?offset=-1", "/api/v1/stories?limit=201",
                 "/api/v1/stories?since=last-week", "/api/v1/search?q=" + "a" * 1001,
                 "/api/v1/search?q=" + q('"unclosed'), "/api/v1/search?q=",
                 "/api/v1/events?type=party", "/api/v1/entities?format=xml",
                 "/api/v1/search?q=x&event_type=party", "/api/v1/profile"]:
        body = server.json(path, 400)
        assert body["error"], path
    server.json("/api/v1/nothing", 404)
    server.json("/api/v1/story/nosuchstory", 404)
    server.json("/api/v1/profile?organization=Nosuch%20Thing", 404)
    # Nothing outside the embedded files.
    for path in ["/static/../CMakeLists.txt", "/static/%2e%2e/CMakeLists.txt",
                 "/static/..%2fCMakeLists.txt", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                 "/static/web/app.js", "/static//etc/passwd", "/static/..%5capp.js",
                 "/../../etc/passwd", "/static/app.js%00.txt", "/static/"]:
        _, _, body = server.get(path, 404)
        assert b"root:" not in body and b"cmake_minimum_required" not in body, path
    server.get("/static/app.js")
    server.get("/static/chart.min.js")

    # An ingest while the server runs: the server keeps answering and sees it.
    before = server.json("/api/v1/status")["stories"]
    first = server.json("/api/v1/stories?limit=2")
    with open(os.path.join(pages, "late.txt"), "w") as f:
        f.write("Quarterly report on the river gauges published\n\n20.07.2025\n\n"
                "On 19 July 2025, the secretariat published its quarterly report on the river "
                "gauges of the basin. The report lists forty new stations.\n")
    ingest(annals, db, pages)
    after = server.json("/api/v1/status")
    assert after["stories"] > before, (before, after)
    now = [x["id"] for x in cli_json("stories", "--limit", "0")]
    assert after["stories"] == len(now)
    # The page after a cursor is the page after its item, though a newer
    # story now comes before that item (offset=2 would show one again).
    late = server.json(f"/api/v1/stories?limit=3&cursor={first['next_cursor']}")
    last = first["items"][-1]["id"]
    assert [x["id"] for x in late["items"]] == now[now.index(last) + 1:now.index(last) + 4], late
    assert now.index(last) == 2 and late["offset"] == 3, (now.index(last), late["offset"])
    assert server.proc.poll() is None
    # A read-only server refuses every edit.
    body = server.post("/api/v1/corrections", {"kind": "rename", "a": "x", "b": "y"}, "t" * 32, 403)
    assert "--allow-edits" in body["error"]
finally:
    server.stop()

# --allow-edits: an edit needs the token; it is stored, applied, and kept
# after a later ingest that relates again.
editor = Server(annals, db, "--allow-edits")
try:
    assert editor.token and len(editor.token) >= 32, editor.lines
    assert "loopback" in editor.lines[1], editor.lines
    people = [e for e in cli_json("entities", "--type", "person")]
    keep, fold = people[0], people[-1]
    change = {"kind": "merge", "a": keep["name"], "b": fold["name"]}
    editor.post("/api/v1/corrections", change, None, 403)
    editor.post("/api/v1/corrections", change, editor.token[:-1] + ("1" if editor.token.endswith("0") else "0"), 403)
    editor.post("/api/v1/corrections", {"kind": "merge", "a": keep["name"], "b": "Nobody Atall"},
                editor.token, 404)
    editor.post("/api/v1/corrections", {"kind": "paint", "a": "x", "b": "y"}, editor.token, 400)
    assert cli_json("entity", keep["name"])["aliases"] == keep["aliases"]  # nothing changed yet
    editor.post("/api/v1/corrections", change, editor.token)
    assert fold["name"] in editor.json(f"/api/v1/entity?name={q(keep['name'])}")["aliases"]
    stored = editor.json("/api/v1/corrections")["items"][-1]
    assert {k: stored[k] for k in change} == change and stored["number"] >= 1, stored
    # A merge across types is refused (409, needs_force) unless forced; undo
    # takes a correction back out by its number.
    country = cli_json("entities", "--type", "country")[0]
    across = {"kind": "merge", "a": keep["name"], "b": country["name"]}
    body = editor.post("/api/v1/corrections", across, editor.token, 409)
    assert body["needs_force"] is True and "different types" in body["error"], body
    editor.post("/api/v1/corrections", dict(across, force=True), editor.token)
    forced = editor.json("/api/v1/corrections")["items"][-1]
    assert forced["kind"] == "merge" and forced["b"] == country["name"], forced
    assert editor.json(f"/api/v1/entity?name={q(country['name'])}")["name"] == keep["name"]
    editor.post("/api/v1/corrections", {"kind": "undo", "number": forced["number"]}, editor.token)
    assert editor.json(f"/api/v1/entity?name={q(country['name'])}")["name"] == country["name"]
    editor.post("/api/v1/corrections", {"kind": "undo", "number": forced["number"]},
                editor.token, 404)
    editor.post("/api/v1/corrections", {"kind": "undo"}, editor.token, 400)
    # retype, then undo it.
    place = cli_json("entities", "--type", "place")[0]
    editor.post("/api/v1/corrections", {"kind": "retype", "a": place["name"], "b": "country"},
                editor.token)
    assert editor.json(f"/api/v1/entity?name={q(place['name'])}")["type"] == "country"
    editor.post("/api/v1/corrections", {"kind": "retype", "a": place["name"], "b": "planet"},
                editor.token, 400)
    retyped = editor.json("/api/v1/corrections")["items"][-1]
    assert retyped["kind"] == "retype", retyped
    editor.post("/api/v1/corrections", {"kind": "undo", "number": retyped["number"]}, editor.token)
    assert editor.json(f"/api/v1/entity?name={q(place['name'])}")["type"] == "place"
    assert [c["kind"] for c in editor.json("/api/v1/corrections")["items"]] == ["merge"]
finally:
    editor.stop()
with open(os.path.join(pages, "later.txt"), "w") as f:
    f.write("Annual report of the secretariat published\n\n22.07.2025\n\n"
            "On 21 July 2025, the secretariat published its annual report on the work of "
            "the rescue teams.\n")
ingest(annals, db, pages)
assert fold["name"] in cli_json("entity", keep["name"])["aliases"], "the merge did not last"

# A story whose rowid is far above the others' (SQLite gives one past 2^63 - 1,
# or when told to): its matches are found as any other's.
far = os.path.join(work, "far.db")
import sqlite3  # noqa: E402
src = sqlite3.connect(db)
src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
src.backup(dst := sqlite3.connect(far))
src.close()
moved = dst.execute("SELECT rowid, id FROM stories ORDER BY rowid LIMIT 1").fetchone()
dst.execute("UPDATE stories SET rowid = 9000000000000 WHERE rowid = ?", (moved[0],))
dst.execute("UPDATE sources SET story = 9000000000000 WHERE story = ?", (moved[0],))
dst.execute("INSERT INTO stories_fts(stories_fts) VALUES ('rebuild')")
dst.commit()
dst.close()
word = next(w for w in cli("show", moved[1]).split() if w.isalpha() and len(w) > 6)
want = [x["id"] for x in json.loads(subprocess.run(
    [annals, "search", word, "--limit", "0", "--format", "json", "--db", far],
    capture_output=True, text=True, timeout=60).stdout)]
assert moved[1] in want, (moved, word, want)
server = Server(annals, far)
try:
    got = server.json(f"/api/v1/search?q={word}&limit=200")
    assert [x["id"] for x in got["items"]] == want, (got, want)
finally:
    server.stop()

# The server does not start on an archive that is not there, and creates none.
r = subprocess.run([annals, "serve", "--db", os.path.join(work, "none.db"), "--port", "0"],
                   capture_output=True, text=True, timeout=30)
assert r.returncode == 1 and "no archive at" in r.stderr, r.stderr
assert not os.path.exists(os.path.join(work, "none.db"))
print("serve API: ok")
