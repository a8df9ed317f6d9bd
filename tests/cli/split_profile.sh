#!/usr/bin/env bash
# The crawl profile (what repeats across a site's pages: a short line on 60%
# of the pages is template, not text) counts every page of the archive, not
# only those of the current ingest (issue 24): its counts are stored with the
# pages. Ten pages, a short line on six of them (the first three and three
# later): one ingest finds it template on all six. Before, `ingest
# --stories-only` of the first three, then `ingest` of all ten, counted it on
# 3 of the 7 new pages only, and kept it as text in their three stories.
# Still open (see the issue): pages stored before are not segmented again
# when the counts change (the first ingest here has the line on all of its
# pages, as the whole site's counts have it template).
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/site"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$dir/site" <<'PY'
import sys
topics = ["water supply", "road building", "school meals", "rail freight", "solar power",
          "forest care", "port works", "bridge repair", "grain exports", "flood defence"]
for i, t in enumerate(topics):
    lines = [f"{10 + i:02d}.03.2024", f"Ministers agree on {t} plan", "",
             f"The ministers of the member states agreed on a joint plan for {t} at their "
             "meeting in the capital on Tuesday, and asked the secretariat to report on "
             "progress by the end of the year."]
    if i in (0, 1, 2, 6, 7, 8):
        lines.append("Follow the news of the Council daily.")
    lines.append(f"The plan for {t} will be financed from the common budget, the chair of "
                 "the meeting said after the talks.")
    open(f"{sys.argv[1]}/{i:02d}.txt", "w").write("\n".join(lines) + "\n")
PY
with_line() {
  python3 -c 'import json, sys
print(sum("Follow the news" in s["text"] for s in json.load(sys.stdin)["stories"]))'
}
"$annals" ingest -q --db "$dir/one.db" "$dir/site"
"$annals" export --db "$dir/one.db" > "$dir/one.json"
n=$(with_line < "$dir/one.json")
[ "$n" = 0 ] || fail "one ingest kept the template line in $n stories"
"$annals" ingest -q --stories-only --db "$dir/split.db" "$dir/site/00.txt" "$dir/site/01.txt" \
  "$dir/site/02.txt"
"$annals" ingest -q --db "$dir/split.db" "$dir/site"
"$annals" export --db "$dir/split.db" > "$dir/split.json"
n=$(with_line < "$dir/split.json")
[ "$n" = 0 ] || fail "three pages, then all: the template line is text in $n stories"
cmp -s "$dir/one.json" "$dir/split.json" || fail "three pages, then all, differ from one ingest"
echo ok
