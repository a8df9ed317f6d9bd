#!/usr/bin/env python3
"""The web page of `annals serve`, driven in headless Chromium as a person
would: search, facets, a story with its highlighted evidence, an entity and
its chart, the profile's Gantt chart, the calendar and a download; and a page
whose title and text hold markup and a javascript: name, which must show as
text and run nothing. Screenshots of each view go to WORKDIR/screenshots.
Exits 77 (skipped) only when Chromium, chromedriver or selenium is absent.
Usage: serve_browser.py ANNALS SITE_DIR WORKDIR"""
import os
import shutil
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Browser, Server, fresh_dir, ingest, skip_without_browser  # noqa: E402

skip_without_browser()
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

annals, site, work = [os.path.abspath(a) for a in sys.argv[1:4]]
fresh_dir(work)
shots = fresh_dir(os.path.join(work, "screenshots"))
downloads = fresh_dir(os.path.join(work, "downloads"))
db = os.path.join(work, "a.db")
pages = fresh_dir(os.path.join(work, "pages"))
for f in os.listdir(site):
    shutil.copy(os.path.join(site, f), pages)
# The hostile page: markup in its title and text, javascript: links, and a
# file name that is a javascript: URL (the story's source).
HOSTILE_TITLE = '<script>window.__xss=1</script>"><img src=x onerror=window.__xss=2> Harbour notice'
hostile_name = "javascript:window.__xss=7.html"
with open(os.path.join(pages, hostile_name), "w") as f:
    f.write("""<!doctype html><html><head><meta charset="utf-8"><title>Notice</title></head>
<body><div class="content"><h1>&lt;script&gt;window.__xss=1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=window.__xss=2&gt; Harbour notice</h1>
<p class="date">21.07.2025</p>
<p>On 20 July 2025, the harbour office wrote &lt;script&gt;window.__xss=3&lt;/script&gt; into its notice, and &quot;&gt;&lt;img src=x onerror=window.__xss=4&gt; after it, to see what a reader shows.</p>
<p>The notice also links <a href="javascript:window.__xss=5">a javascript: link</a> and <a href="javascript:window.__xss=6">report.pdf</a> for the curious.</p>
<p>The office said the notice is a test of the archive and nothing more, and it will publish the usual schedule next week.</p>
</div></body></html>""")
cwd = os.getcwd()
os.chdir(pages)  # so that the hostile page's source is its bare name
ingest(annals, db, *sorted(os.listdir(".")))
os.chdir(cwd)

server = Server(annals, db)
browser = driver = None


def check(cond, what):
    browser.check(cond, what)


def go(hash_):
    browser.go(hash_)


def wait_ready():
    browser.wait_ready()


def click_and_wait(el):
    browser.click_and_wait(el)


def shot(name):
    browser.shot(name)


def api(path):
    return server.json(path)


def check_evidence(where, wanted):
    """The evidence lines under `where` are those of `wanted` (the API's
    evidence objects, in order, those with a sentence), closed until clicked;
    the first, opened, shows its sentence and links its story."""
    wanted = [e for e in wanted if e and e["sentence"]]
    lines = driver.find_elements(By.CSS_SELECTOR, f"{where} details.evidence-line")
    check(len(lines) == len(wanted) > 0, f"{where}: {len(lines)} evidence lines, {len(wanted)} wanted")
    if not lines or not wanted:
        return
    quote = lines[0].find_element(By.CSS_SELECTOR, "blockquote")
    check(not quote.is_displayed(), f"{where}: the evidence is closed at first")
    driver.execute_script("arguments[0].scrollIntoView()", lines[0])
    lines[0].find_element(By.TAG_NAME, "summary").click()
    check(quote.is_displayed() and quote.text.split() == wanted[0]["sentence"].split(),
          f"{where}: evidence {quote.text!r} vs {wanted[0]['sentence']!r}")
    link = lines[0].find_element(By.CSS_SELECTOR, "a.story-link").get_attribute("href")
    check(link.endswith("#/story/" + wanted[0]["story"]), f"{where}: evidence story link {link}")


def xss_ran():
    return driver.execute_script("return window.__xss === undefined ? null : window.__xss")


try:
    browser = Browser(server, shots, downloads=downloads)
    driver = browser.driver
    browser.open()

    # Search: the box, the total, highlighted snippets, facets.
    box = driver.find_element(By.ID, "q")
    box.send_keys("exercise")
    driver.execute_script("document.body.dataset.ready = ''")
    box.submit()
    wait_ready()
    want = api("/api/v1/search?q=exercise&limit=200")
    total = driver.find_element(By.ID, "total").text
    check(total.startswith(f"{want['total']} stories"), f"search total: {total!r} vs {want['total']}")
    marks = driver.find_elements(By.CSS_SELECTOR, "#results .snippet mark")
    check(marks and all(m.text.lower().startswith("exercise") for m in marks),
          f"highlighted snippets: {[m.text for m in marks]}")
    shown = len(driver.find_elements(By.CSS_SELECTOR, "#results > li"))
    check(shown == min(20, want["total"]), f"results shown {shown}")
    shot("search")
    year = want["facets"]["year"][-1]
    link = driver.find_element(By.XPATH, f"//div[@id='facet-year']//a[text()='{year['value']}']")
    click_and_wait(link)
    total = driver.find_element(By.ID, "total").text
    check(total.startswith(f"{year['count']} stor"), f"year facet: {total!r} vs {year}")

    # A story: entities marked and linked, evidence highlighted on request.
    go("#/search?q=exercise")
    click_and_wait(driver.find_element(By.CSS_SELECTOR, "#results .story-link"))
    sid = driver.current_url.split("#/story/")[1].split("?")[0]
    story = api(f"/api/v1/story/{sid}")
    check(driver.find_element(By.ID, "story-title").text == (story["title"] or "(untitled)"),
          "story title")
    ent_links = driver.find_elements(By.CSS_SELECTOR, "#story-text a.ent")
    check(len(ent_links) == len([m for m in story["mentions"] if m["utf16"][1] > m["utf16"][0]]),
          f"entity links {len(ent_links)} vs mentions {len(story['mentions'])}")
    check(driver.find_element(By.ID, "story-text").text.split() == story["text"].split(),
          "the story's text is shown whole")
    evidence = driver.find_elements(By.CSS_SELECTOR, "#facts .evidence-link, #events .evidence-link")
    check(evidence, "the story lists evidence")
    if evidence:
        click_and_wait(evidence[0])
        hl = driver.current_url.split("hl=")[1].split("-")
        u16 = story["text"].encode("utf-16-le")
        sentence = u16[2 * int(hl[0]):2 * int(hl[1])].decode("utf-16-le")
        mark = driver.find_element(By.ID, "evidence")
        check(mark.text.split() == sentence.split(), f"evidence {mark.text!r} vs {sentence!r}")
    shot("story")

    # An entity from the story: its chart of mentions over time.
    person = next((m for m in story["mentions"] if m["type"] == "person"), story["mentions"][0])
    link = driver.find_element(By.CSS_SELECTOR, f"#story-text a.ent[href='#/entity/{person['entity']}']")
    click_and_wait(link)
    ent = api(f"/api/v1/entity/{person['entity']}")
    check(driver.find_element(By.ID, "entity-name").text == ent["name"], "entity name")
    bars = driver.execute_script(
        "const c = Chart.getChart('mentions-chart');"
        "return c ? c.data.labels.map((l, i) => [l, c.data.datasets[0].data[i]]) : null")
    check(bars and [[m["month"], m["mentions"]] for m in ent["mentions_by_month"]] ==
          [b for b in bars if b[1]], f"mentions chart {bars}")
    if ent["posts"]:
        check(driver.execute_script("return !!Chart.getChart('posts-chart')"), "posts chart")
    shot("entity")

    # The profile: the Gantt chart of office holders, the chairs per year.
    go("#/profile")
    orgs = api("/api/v1/entities?type=organization&limit=1")["items"]
    prof = api("/api/v1/profile?organization=" + urllib.parse.quote(orgs[0]["name"]))
    dated = [h for h in prof["office_holders"] if h["first"]]
    # A chart per post, in the order the posts come, a bar per dated holder.
    gantt = driver.execute_script(
        "return [...document.querySelectorAll('#gantt .gantt-post')].map(d => "
        "[d.dataset.post, Chart.getChart(d.querySelector('canvas')).data.labels])")
    posts = {}
    for h in dated:
        posts.setdefault(h["post"], []).append(h["person"])
    check(gantt == [[p, people] for p, people in posts.items()] and len(gantt) > 1,
          f"gantt charts {gantt} vs {posts}")
    rows = driver.find_elements(By.CSS_SELECTOR, "#chairs tr")
    check(len(rows) == len(prof["chairs"]) + 1, f"chairs table rows {len(rows)}")
    # Each office holder's evidence: a line that opens on its sentence.
    check_evidence("#holders", [h["evidence"] for h in prof["office_holders"]])
    check_evidence("#chairs", [c["evidence"] for c in prof["chairs"]])
    shot("profile")

    # The calendar: timeline, month view, a filter, a download.
    go("#/calendar")
    evs = api("/api/v1/events?limit=200")
    check(driver.execute_script("return !!Chart.getChart('timeline-chart')"), "timeline chart")
    check(driver.find_elements(By.CSS_SELECTOR, "#month-grid .cal-event"), "month view events")
    check_evidence("#event-list", [e["evidence"] for e in evs["items"]])
    shot("calendar")
    driver.find_element(By.CSS_SELECTOR, "#type option[value='meeting']").click()
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.ID, "entity").submit()
    wait_ready()
    meetings = api("/api/v1/events?type=meeting&limit=200")
    total = driver.find_element(By.ID, "total").text
    check(total.startswith(f"{meetings['total']} event"), f"filtered calendar {total!r}")
    ics = driver.find_element(By.XPATH, "//a[@class='download' and text()='ICS']")
    ics.click()
    deadline = time.time() + 15
    got = []
    while time.time() < deadline:
        got = [f for f in os.listdir(downloads) if f.endswith(".ics")]
        if got:
            break
        time.sleep(0.2)
    check(got, "the ICS download arrived")
    if got:
        with open(os.path.join(downloads, got[0]), encoding="utf-8") as f:
            body = f.read()
        check(body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == meetings["total"],
              "the download holds the filtered events")

    # The hostile page: its markup shows as text and runs nothing.
    go("#/search?q=harbour")
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#results .story-link")]
    check(HOSTILE_TITLE in titles, f"hostile title shown as text: {titles}")
    check(xss_ran() is None, f"script ran on search: {xss_ran()}")
    check(not driver.find_elements(By.CSS_SELECTOR, "main img"), "an <img> was made from text")
    shot("xss-search")
    hostile = next((a for a in driver.find_elements(By.CSS_SELECTOR, "#results .story-link")
                    if a.text == HOSTILE_TITLE), None)
    check(hostile is not None, "the hostile story is listed under its title")
    if hostile is None:
        raise SystemExit(f"FAIL: {browser.failures}")
    click_and_wait(hostile)
    check(driver.find_element(By.ID, "story-title").text == HOSTILE_TITLE, "hostile story title")
    text = driver.find_element(By.ID, "story-text").text
    check("<script>window.__xss=3</script>" in text and '"><img src=x onerror=window.__xss=4>' in text,
          f"hostile text shown as text: {text!r}")
    check(hostile_name in driver.find_element(By.CSS_SELECTOR, ".sources").text, "source shown")
    hrefs = driver.execute_script(
        "return [...document.querySelectorAll('a')].map(a => a.getAttribute('href') || '')")
    check(not any(h.strip().lower().startswith("javascript:") for h in hrefs),
          f"javascript: hrefs: {[h for h in hrefs if 'javascript' in h.lower()]}")
    for a in driver.find_elements(By.CSS_SELECTOR, ".sources a"):
        a.click()
    time.sleep(0.5)
    check(xss_ran() is None, f"script ran on the story: {xss_ran()}")
    check(not driver.find_elements(By.CSS_SELECTOR, "main img"), "an <img> was made from text")
    shot("xss-story")

    # No page error, no refused resource (a CSP violation is logged as SEVERE).
    logs = [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE"]
    check(not logs, f"browser console errors: {logs}")

    # Curation: with --allow-edits and its token, a merge from the entity
    # page; it is still there after an ingest that relates again.
    server.stop()
    server = Server(annals, db, "--allow-edits")
    browser.server = server
    people = api("/api/v1/entities?type=person&limit=200")["items"]
    keep, fold = people[0], people[-1]
    browser.open(server.address)  # the address with the token
    go(f"#/entity/{keep['id']}")
    driver.find_element(By.ID, "merge-other").send_keys(fold["name"])
    shot("curate")
    driver.execute_script("document.body.dataset.ready = ''")
    driver.find_element(By.CSS_SELECTOR, "#merge-form button").click()
    wait_ready()
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.dataset.edited || ''") == "merge")
    wait_ready()
    aliases = driver.find_element(By.CSS_SELECTOR, ".aliases").text
    check(fold["name"] in aliases, f"merged name among the aliases: {aliases!r}")
    with open(os.path.join(pages, "later.txt"), "w") as f:
        f.write("Annual report of the secretariat published\n\n22.07.2025\n\n"
                "On 21 July 2025, the secretariat published its annual report on the work "
                "of the rescue teams.\n")
    ingest(annals, db, pages)
    go(f"#/entity?name={urllib.parse.quote(keep['name'])}")
    aliases = driver.find_element(By.CSS_SELECTOR, ".aliases").text
    check(fold["name"] in aliases, f"the merge lasts after an ingest: {aliases!r}")
    if api(f"/api/v1/entity?name={urllib.parse.quote(keep['name'])}")["posts"]:
        check(driver.execute_script("return !!Chart.getChart('posts-chart')"),
              "posts chart on the curated entity")
    shot("curated")
    # Retype a place from its page, then undo that correction from the list.
    place = api("/api/v1/entities?type=place&limit=1")["items"][0]
    go(f"#/entity/{place['id']}")
    Select(driver.find_element(By.ID, "retype-to")).select_by_value("country")
    driver.execute_script("document.body.dataset.ready = ''; document.body.dataset.edited = ''")
    driver.find_element(By.CSS_SELECTOR, "#retype-form button").click()
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.dataset.edited || ''") == "retype")
    wait_ready()
    check(api(f"/api/v1/entity?name={urllib.parse.quote(place['name'])}")["type"] == "country",
          "retype from the page")
    driver.execute_script("document.querySelector('#corrections-stored').open = true")
    shot("retyped")
    undo = driver.find_elements(By.CSS_SELECTOR, "#corrections-stored button.undo")
    check(len(undo) == 2, f"an undo button per correction: {len(undo)}")
    driver.execute_script("document.body.dataset.ready = ''; document.body.dataset.edited = ''")
    undo[-1].click()
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.body.dataset.edited || ''") == "undo")
    wait_ready()
    check(api(f"/api/v1/entity?name={urllib.parse.quote(place['name'])}")["type"] == "place",
          "undo from the page")
    check([c["kind"] for c in api("/api/v1/corrections")["items"]] == ["merge"],
          "undo removed the retype only")
finally:
    if browser is not None:
        browser.quit()
    server.stop()

browser.finish("serve browser")
