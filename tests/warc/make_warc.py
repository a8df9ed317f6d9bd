#!/usr/bin/env python3
"""Writes a small crawl of HTML pages as a WARC.gz, the way crawlers do.

usage: make_warc.py OUT.warc.gz PAGE.html...

Each page becomes a request, a response (HTTP/1.1 200, its canonical URL as
WARC-Target-URI; the body gzip-encoded and chunked for every other page, as
servers send it) and a metadata record; around them a warcinfo record, a
non-HTML response (an image), a redirect, a revisit record, and at the end a
response record cut short (the crawl was interrupted while writing it).
Every record is its own gzip member (WARC 1.0 annex D.2)."""
import gzip
import re
import sys
import uuid


def record(kind, uri, content_type, content, declared=None):
    head = [f'WARC/1.0', f'WARC-Type: {kind}']
    if uri:
        head.append(f'WARC-Target-URI: {uri}')
    head += ['WARC-Date: 2025-06-05T10:00:00Z',
             f'WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri)}>']
    if content_type:
        head.append(f'Content-Type: {content_type}')
    head.append(f'Content-Length: {len(content) if declared is None else declared}')
    return ('\r\n'.join(head) + '\r\n\r\n').encode() + content + b'\r\n\r\n'


def chunked(body, size=700):
    out = b''
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b'%x\r\n' % len(part) + part + b'\r\n'
    return out + b'0\r\n\r\n'


def http_response(status, headers, body):
    lines = [f'HTTP/1.1 {status}'] + [f'{k}: {v}' for k, v in headers]
    return ('\r\n'.join(lines) + '\r\n\r\n').encode() + body


def canonical(html):
    m = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return m.group(1) if m else None


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    out, pages = argv[1], sorted(argv[2:])
    HTTP = 'application/http; msgtype=response'
    records = [record('warcinfo', '', 'application/warc-fields',
                      b'software: annals test crawl\r\nformat: WARC File Format 1.0\r\n')]
    first_uri = None
    for i, path in enumerate(pages):
        html = open(path, encoding='utf-8').read()
        uri = canonical(html) or f'https://example.org/page/{i}/'
        first_uri = first_uri or uri
        path_part = re.sub(r'^https?://[^/]+', '', uri) or '/'
        records.append(record('request', uri, 'application/http; msgtype=request',
                              f'GET {path_part} HTTP/1.1\r\nHost: example.org\r\n\r\n'.encode()))
        body = html.encode('utf-8')
        headers = [('Content-Type', 'text/html; charset=UTF-8')]
        if i % 2 == 0:
            body = chunked(gzip.compress(body))
            headers += [('Content-Encoding', 'gzip'), ('Transfer-Encoding', 'chunked')]
        else:
            headers.append(('Content-Length', str(len(body))))
        records.append(record('response', uri, HTTP, http_response('200 OK', headers, body)))
        records.append(record('metadata', uri, 'application/warc-fields',
                              f'via: {uri}\r\nhopsFromSeed: L\r\n'.encode()))
    records.append(record('response', 'https://en.odkb-csto.org/upload/logo.png', HTTP,
                          http_response('200 OK', [('Content-Type', 'image/png')],
                                        b'\x89PNG\r\n\x1a\n' + bytes(64))))
    records.append(record('response', 'https://en.odkb-csto.org/news/old/', HTTP,
                          http_response('301 Moved Permanently',
                                        [('Location', first_uri), ('Content-Length', '0')], b'')))
    records.append(record('revisit', first_uri, HTTP,
                          http_response('200 OK', [('Content-Type', 'text/html')], b'')))
    cut = record('response', 'https://en.odkb-csto.org/news/cut-short/', HTTP,
                 http_response('200 OK', [('Content-Type', 'text/html; charset=UTF-8')],
                               b'<html><body><p>' + b'words ' * 500 + b'</p></body></html>'))
    records.append(cut[:len(cut) // 2])
    with open(out, 'wb') as f:
        for r in records:
            f.write(gzip.compress(r))


if __name__ == '__main__':
    main(sys.argv)
