#!/usr/bin/env bash
# A page that declares one charset but whose bytes are another's (issue 23:
# <meta charset="euc-kr"> over valid UTF-8) is read as what its bytes are,
# and the user is told: the ingest summary and `extract` name the file and
# both charsets. A page whose declaration is right gets no warning.
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/in"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
title = "위원회가 예산을 논의했다"
body = ("위원회는 월요일 수도에서 회의를 열고 내년 예산을 논의했으며 모든 위원이 참석하여 "
        "투표했다. 의장은 다음 주에 계획을 발표하겠다고 말했다.")
page = ("<html><head><meta charset=\"%s\"><title>%s</title></head><body><h1>%s</h1>"
        "<p>15.03.2024</p><p>%s</p></body></html>")
open(d + "/in/mislabelled.html", "wb").write((page % ("euc-kr", title, title, body)).encode("utf-8"))
open(d + "/in/labelled.html", "wb").write((page % (
    "utf-8", "Ministers visit the port", "Ministers visit the port",
    "The ministers visited the northern port on Tuesday and met the harbour authority to "
    "discuss the new terminal and its costs.")).encode("utf-8"))
PY
out=$("$annals" ingest --db "$dir/a.db" "$dir/in" 2>&1); rc=$?
echo "$out"
[ $rc -eq 0 ] || fail "ingest exited $rc"
grep -q "pages read: 2" <<<"$out" || fail "both pages should be read"
grep -Eq "warning .*in/mislabelled\.html: declared charset euc-kr but the bytes are UTF-8" <<<"$out" ||
  fail "the ingest summary does not warn about mislabelled.html, naming both charsets"
grep -q "labelled.html: " <<<"$(grep -v mislabelled <<<"$out")" && fail "a correctly labelled page is warned about"
grep -q "위원회가 예산을 논의했다\"" <<<"$("$annals" stories --db "$dir/a.db" --format json)" ||
  fail "the mislabelled page's title is not read as UTF-8"
err=$("$annals" extract "$dir/in/mislabelled.html" 2>&1 >/dev/null)
echo "$err"
grep -Eq "annals: warning .*mislabelled\.html: declared charset euc-kr but the bytes are UTF-8" <<<"$err" ||
  fail "extract does not warn about the mislabelled page on stderr"
echo "PASS"
