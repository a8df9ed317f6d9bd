"""Shared by the serve tests: ingest a site, start `annals serve` on a free
loopback port, fetch with urllib, stop the server. Every wait is bounded."""
import json
import os
import select
import shutil
import subprocess
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
