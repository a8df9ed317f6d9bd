"""Shared by the serve tests: ingest a site, start `annals serve` on a free
loopback port, fetch with urllib, stop the server. Every wait is bounded."""
import json
import os
import select
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request


def ingest(annals, db, *inputs):
    r = subprocess.run([annals, "ingest", "--db", db, "-q", *inputs], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, f"ingest failed: {r.stderr}"


def fresh_dir(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


class Server:
    """`annals serve --port 0`: the URL is read from its first line."""

    def __init__(self, annals, db, *extra):
        self.proc = subprocess.Popen([annals, "serve", "--db", db, "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 20
        self.lines = []
        while time.time() < deadline and not self.lines:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                # The server prints its two lines at once, then flushes.
                self.lines = [self.proc.stdout.readline().strip(),
                              self.proc.stdout.readline().strip()]
        if not self.lines or "http://" not in self.lines[0]:
            self.stop()
            raise AssertionError(f"serve did not start: {self.lines} {self.proc.stderr.read()}")
        address = self.lines[0][self.lines[0].index("http://"):]
        self.url, _, fragment = address.partition("/#")
        self.url = self.url.rstrip("/")
        self.token = fragment[len("token="):] if fragment.startswith("token=") else ""
        self.address = address

    def get(self, path, expect=200):
        """(status, headers, body bytes) of GET path; asserts the status."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=15) as r:
                status, headers, body = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, e.headers, e.read()
        assert status == expect, f"GET {path}: {status}, wanted {expect}: {body[:300]!r}"
        return status, headers, body

    def post(self, path, body, token, expect=200):
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        if token is not None:
            req.add_header("X-Annals-Token", token)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, data = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
        assert status == expect, f"POST {path}: {status}, wanted {expect}: {data[:300]!r}"
        return json.loads(data)

    def json(self, path, expect=200):
        return json.loads(self.get(path, expect)[2])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


# The browser tests' shared part: headless Chromium (Debian's chromium and
# chromium-driver, python3-selenium), started over a Server; the page sets
# document.body.dataset.ready when a view is built.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None


def skip_without_browser():
    """Exits 77 (skipped) when Chromium, chromedriver or selenium is absent."""
    missing = [n for n, ok in [("chromium", CHROMIUM), ("chromedriver", DRIVER),
                               ("selenium", webdriver)] if not ok]
    if missing:
        print("SKIP: the browser test needs chromium, chromium-driver and python3-selenium "
              "(scripts/install-deps.sh installs them); missing: " + ", ".join(missing))
        sys.exit(77)


class Browser:
    """Headless Chromium on `server`'s page: go() and click_and_wait() wait
    for the view to be built, shot() saves a screenshot in `shots`, check()
    records a failure and goes on; finish() quits and exits 1 on failures.
    Downloads go to `downloads` when given."""

    def __init__(self, server, shots, downloads=None):
        self.server = server
        self.shots = shots
        self.failures = []
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,1000", "--lang=en-US"]:
            opts.add_argument(a)
        if downloads:
            opts.add_experimental_option("prefs", {"download.default_directory": downloads,
                                                   "download.prompt_for_download": False})
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
        self.driver.set_page_load_timeout(20)
        self.driver.set_script_timeout(20)

    def check(self, cond, what):
        if not cond:
            self.failures.append(what)
            print("FAIL:", what)

    def wait_ready(self):
        WebDriverWait(self.driver, 15).until(
            lambda d: d.execute_script("return document.body.dataset.ready || ''") != "")
        time.sleep(0.3)  # charts draw after the view is built

    def open(self, address=None):
        """Opens the page (the server's address, or `address`: one with a token)."""
        self.driver.get(address or self.server.url + "/")
        self.wait_ready()

    def go(self, hash_):
        self.driver.execute_script("document.body.dataset.ready = ''")
        if self.driver.current_url == self.server.url + "/" + hash_:
            self.driver.refresh()  # the same address: no hashchange
        else:
            self.driver.get(self.server.url + "/" + hash_)
        self.wait_ready()

    def click_and_wait(self, el):
        self.driver.execute_script("document.body.dataset.ready = ''")
        self.driver.execute_script("arguments[0].scrollIntoView()", el)
        el.click()
        self.wait_ready()

    def shot(self, name):
        path = os.path.join(self.shots, name + ".png")
        self.driver.save_screenshot(path)
        print("screenshot:", path)

    def quit(self):
        self.driver.quit()

    def finish(self, name):
        """The verdict: exits 1 with the failures, else prints "NAME: ok"."""
        if self.failures:
            print(f"{len(self.failures)} failures")
            sys.exit(1)
        print(f"{name}: ok")
