#!/usr/bin/env python3
"""The web page's pagers and calendar in headless Chromium, over a generated
site big enough to page (bench/gen_site.py: 80 pages, some 90 stories and
380 events): a search and the story listing paged forward and back by the
API's cursors (the pages differ, come back the same, and are the pages the
API gives by offset, with "N–M of T"); the calendar's month view holds the
events of its month (asked with since/until, not picked out of the first
page of events) and opens on the month of the latest event that matches the
filters; the entity page and the profile offer downloads of their events
and office holders, with their filter. Screenshots go to WORKDIR/screenshots.
Exits 77 (skipped) only when Chromium, chromedriver or selenium is absent.
Usage: web22_browser.py ANNALS GEN_SITE_PY WORKDIR"""
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Browser, Server, fresh_dir, ingest, skip_without_browser  # noqa: E402

skip_without_browser()
from selenium.webdriver.common.by import By  # noqa: E402

annals, gen_site, work = [os.path.abspath(a) for a in sys.argv[1:4]]
fresh_dir(work)
shots = fresh_dir(os.path.join(work, "screenshots"))
pages = os.path.join(work, "pages")
subprocess.run([sys.executable, gen_site, pages, "-n", "80", "--seed", "3", "--jobs", "1"],
               check=True, capture_output=True, timeout=120)
db = os.path.join(work, "a.db")
ingest(annals, db, pages)
server = Server(annals, db)
browser = driver = None


def check(cond, what):
    browser.check(cond, what)


def go(hash_):
    browser.go(hash_)


def click_and_wait(el):
    browser.click_and_wait(el)


def shot(name):
    browser.shot(name)


def shown_ids():
    return [a.get_attribute("href").split("#/story/")[1]
            for a in driver.find_elements(By.CSS_SELECTOR, "#main ol.results .story-link")]


def page_range():
    return driver.find_element(By.ID, "page-range").text.strip()


def check_paging(view, api_path, name):
    """Pages forward twice and back twice through `view`; each page is the
    API's page at its offset (paged there by offset, not by cursor)."""
    total = server.json(api_path + "&limit=1")["total"]
    check(total > 40, f"{name}: {total} items, too few to page")
    by_offset = [[s["id"] for s in server.json(f"{api_path}&limit=20&offset={o}")["items"]]
                 for o in (0, 20, 40)]
    go(view)
    seen = [shown_ids()]
    check(seen[0] == by_offset[0], f"{name}: page 1 {seen[0]} vs {by_offset[0]}")
    check(page_range() == f"1–20 of {total}", f"{name}: page 1 says {page_range()!r}")
    check(not driver.find_elements(By.ID, "prev"), f"{name}: page 1 has a previous link")
    for n in (2, 3):
        click_and_wait(driver.find_element(By.ID, "next"))
        check("cursor=" in driver.current_url and "offset=" not in driver.current_url,
              f"{name}: page {n} is not asked by cursor: {driver.current_url}")
        seen.append(shown_ids())
        check(seen[-1] == by_offset[n - 1], f"{name}: page {n} {seen[-1]} vs {by_offset[n - 1]}")
        check(page_range() == f"{20 * n - 19}–{20 * n} of {total}",
              f"{name}: page {n} says {page_range()!r}")
        check(not set(seen[-1]) & set(seen[-2]), f"{name}: pages {n - 1} and {n} overlap")
    shot(name + "-page3")
    for n in (2, 1):
        click_and_wait(driver.find_element(By.ID, "prev"))
        check("before=" in driver.current_url, f"{name}: back to {n} not by cursor")
        check(shown_ids() == seen[n - 1], f"{name}: back on page {n}: {shown_ids()} vs {seen[n - 1]}")
        check(page_range() == f"{20 * n - 19}–{20 * n} of {total}",
              f"{name}: back on page {n} says {page_range()!r}")
    check(not driver.find_elements(By.ID, "prev"), f"{name}: back on page 1, a previous link")


def month_events():
    return [a.get_attribute("title") for a in
            driver.find_elements(By.CSS_SELECTOR, "#month-grid .cal-event")]


def check_month(f, name):
    """The calendar opened with filters `f`: its month is that of the
    latest matching event dated to the day, and its grid holds every day-dated event of it."""
    q = urllib.parse.urlencode(f)
    total = server.json(f"/api/v1/events?limit=1&{q}")["total"]
    last_page = server.json(f"/api/v1/events?limit=100&offset={max(0, total - 100)}&{q}")
    latest = [e for e in last_page["items"] if len(e["date"] or "") == 10][-1]
    go("#/calendar" + ("?" + q if q else ""))
    month = driver.find_element(By.ID, "month-title").text.strip()
    check(month == latest["date"][:7], f"{name}: month {month}, latest event {latest['date']}")
    shot(name)
    # An earlier month with events of day dates: its grid holds them all.
    days = [e for e in server.json(f"/api/v1/events?limit=200&{q}")["items"]
            if len(e["date"] or "") == 10]
    target = days[len(days) // 2]["date"][:7]
    want = [e for e in server.json(f"/api/v1/events?limit=200&since={target}&until={target}&{q}")
            ["items"] if len(e["date"] or "") == 10]
    cells = 0
    for e in want:  # an event is in each cell of its days within the month
        first = max(e["date"], target + "-01")
        last = min(e["date_end"] or e["date"], target + "-31")
        cells += max(0, int(last[8:]) - int(first[8:]) + 1) if last >= first else 0
    go("#/calendar?" + urllib.parse.urlencode(dict(f, month=target)))
    got = month_events()
    check(len(got) == cells > 0, f"{name}: {target} shows {len(got)} events, {cells} wanted")
    return total


try:
    browser = Browser(server, shots)
    driver = browser.driver
    browser.open()
    # The story listing (no query) and a search, paged by cursor.
    check_paging("#/search", "/api/v1/stories?x=1", "stories")
    word = "fisheries"
    check_paging("#/search?q=" + word, "/api/v1/search?q=" + word, "search")

    # The calendar: more events than one page of the API holds.
    total = check_month({}, "calendar")
    check(total > 200, f"calendar: {total} events, too few to test its month")
    people = server.json("/api/v1/entities?type=country&limit=1")["items"]
    check_month({"entity": people[0]["name"]}, "calendar-participant")

    # Downloads of what the entity page and the profile show, with their
    # filter: the entity's events, the organization's office holders.
    def download(where, fmt):
        a = driver.find_element(By.XPATH, f"//div[@id='{where}']//a[text()='{fmt}']")
        path = a.get_attribute("href")[len(server.url):]
        return path, server.get(path)[2].decode()
    country = people[0]
    go(f"#/entity/{country['id']}")
    path, ics = download("entity-events-downloads", "ICS")
    want = server.json("/api/v1/events?limit=1&entity=" + urllib.parse.quote(country["name"]))
    check(ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == want["total"] > 0,
          f"entity events download {path}: {ics.count('BEGIN:VEVENT')} events, {want['total']} wanted")
    go("#/profile")
    org = server.json("/api/v1/entities?type=organization&limit=1")["items"][0]["name"]
    path, csv_text = download("holders-downloads", "CSV")
    holders = server.json("/api/v1/profile?organization=" + urllib.parse.quote(org))["office_holders"]
    check(len(csv_text.strip().splitlines()) == len(holders) + 1 and len(holders) > 1,
          f"office holders download {path}: {len(csv_text.splitlines())} lines, {len(holders)} holders")
    shot("profile")
finally:
    if browser is not None:
        browser.quit()
    server.stop()

browser.finish("web22 browser")
