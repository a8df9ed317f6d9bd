#!/usr/bin/env bash
# Input that used to be lost or passed over in silence (issue 24): UTF-16
# without a byte order mark is read, not skipped as binary; a FIFO and a
# symbolic link loop in a directory are reported; garbage between WARC
# records costs only the garbage; file names and WARC addresses carrying
# terminal escapes are printed escaped.
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/in" "$dir/odd"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
text = "12.03.2024\n\nThe Council met in the capital\n\nThe Council met in the capital and adopted a plan of work for the year.\n"
open(d + "/in/utf16le.txt", "wb").write(text.encode("utf-16-le"))
ru = "14.03.2024\n\nСовет министров собрался в столице\n\nСовет министров собрался в столице и принял план работы на год.\n"
open(d + "/in/utf16be.txt", "wb").write(ru.encode("utf-16-be"))
def record(uri, body):
    http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
            % len(body)).encode() + body
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (uri, len(http))).encode()
    return head + http + b"\r\n\r\n"
page = lambda t: ("<html><body><h1>%s</h1><p>15.03.2024</p><p>%s and the delegations agreed on the next steps of the joint work.</p></body></html>" % (t, t)).encode()
warc = (record("https://e.org/one", page("Ministers met in the north"))
        + b"\x00\x01\x02 garbage between the records \xff\xfe\r\n\r\n"
        + record("https://e.org/two", page("Delegates visited the port"))
        + record("https://e.org/\x1b[31mred\x1b[0m", page("Navies held an exercise at sea")))
open(d + "/in/crawl.warc", "wb").write(warc)
open(d + "/in/name\x1b]0;pwned\x07.pdf", "wb").write(b"%PDF-1.7\n\x00\x01")
PY
mkfifo "$dir/odd/fifo"
ln -s loop_b "$dir/odd/loop_a" && ln -s loop_a "$dir/odd/loop_b"
cp "$dir/in/utf16le.txt" "$dir/odd/page.txt"
out=$(timeout 60 "$annals" ingest --db "$dir/a.db" "$dir/in" "$dir/odd" 2>&1); rc=$?
[ $rc -ne 124 ] || fail "the ingest hung (on the FIFO?)"
echo "$out" | cat -v
[ $rc -eq 0 ] || fail "ingest exited $rc"
grep -q "utf16" <<<"$out" && fail "a UTF-16 page was skipped"
grep -q "skipped .*odd/fifo: .*FIFO" <<<"$out" || fail "the FIFO is not reported"
grep -q "skipped .*odd/loop_a: .*loop" <<<"$out" || fail "the symbolic link loop is not reported"
grep -q "bytes that are no WARC record" <<<"$out" || fail "the WARC garbage is not reported"
[[ "$out" == *$'\e'* || "$out" == *$'\a'* ]] && fail "a terminal escape reached the output"
grep -qF 'name\x1b]0;pwned\x07.pdf' <<<"$out" || fail "the file name is not shown escaped"
titles=$("$annals" stories --db "$dir/a.db" --format json | python3 -c '
import json, sys
print("\n".join(sorted(s["title"] or "" for s in json.load(sys.stdin))))')
echo "$titles"
for t in "The Council met in the capital" "Совет министров собрался в столице" \
         "Ministers met in the north" "Delegates visited the port" "Navies held an exercise at sea"; do
  grep -qF "$t" <<<"$titles" || fail "story '$t' missing"
done
# The page address with escapes is shown escaped by `show` too.
id=$("$annals" search --db "$dir/a.db" --format json 'Navies' | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
shown=$("$annals" show --db "$dir/a.db" "$id")
[[ "$shown" == *$'\e'* ]] && fail "show printed a terminal escape"
grep -qF 'https://e.org/\x1b[31mred\x1b[0m' <<<"$shown" || fail "show: the address is not escaped: $shown"
echo ok
