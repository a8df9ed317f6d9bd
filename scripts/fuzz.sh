#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) into build-fuzz/ and runs
# each for SECONDS (default 60), seeded from the test data; a crash leaves its
# input in build-fuzz/findings/TARGET/ and fails the script.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
command -v clang++ >/dev/null || { echo "fuzz.sh needs clang (Debian: apt-get install clang)"; exit 1; }
shared=${ANNALS_SHARED_DIR:-$(cd .. && pwd)/shared}
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DANNALS_FUZZ=ON -DANNALS_BUILD_TESTS=OFF -DANNALS_BUILD_BENCHMARKS=OFF >/dev/null
targets=(decode_fuzz html_doc_fuzz warc_fuzz date_expr_fuzz fts_query_fuzz page_fuzz)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{pages,html,warc,text,query}
# Pages of every kind the repository and ../shared hold (small ones).
# (`head` may close the pipe early: not a failure.)
seed() {  # seed DIR: copies the files named on stdin, 200 at most
  head -200 | while read -r f; do cp "$f" "$1/$(echo "$f" | md5sum | cut -c1-16)"; done
}
{ find examples/site tests/golden "$shared/data/seeds" -type f -size -64k 2>/dev/null || true; } |
  seed "$seeds/pages"
{ find examples/site tests/golden "$shared/data" \( -name '*.html' -o -name '*.htm' \) \
    -size -64k 2>/dev/null || true; } | seed "$seeds/html"
# A WARC of the sample site's HTML pages, unzipped (mutations of compressed
# bytes reach little past the gzip reader), and a small hand-written one.
python3 tests/warc/make_warc.py "$seeds/site.warc.gz" examples/site/*.html >/dev/null
zcat "$seeds/site.warc.gz" > "$seeds/warc/site.warc" && rm "$seeds/site.warc.gz"
printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.org/\r\nContent-Length: 61\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Some text.</p>\r\n\r\n' \
  > "$seeds/warc/one.warc"
# Sentences with dates, from the seed pages.
{ cat "$shared/data/seeds"/*.txt 2>/dev/null || true; } | { grep -E '[0-9]{4}' || true; } |
  head -300 | split -l 1 - "$seeds/text/line_"
i=0
for q in 'council' '"Security Council" AND meet*' 'Secretar* AND NOT Almaty' 'Kyrgyz-Russian' \
         "CSTO's" 'Mr. Guterres' 'U.S.' '(a OR b) NOT c' 'NEAR(a b)' '"unclosed' 'title:x ^y'; do
  printf '%s' "$q" > "$seeds/query/q$((i++))"
done
corpus() {
  case $1 in
    decode_fuzz | page_fuzz) echo "$seeds/pages" ;;
    html_doc_fuzz) echo "$seeds/html" ;;
    warc_fuzz) echo "$seeds/warc" ;;
    date_expr_fuzz) echo "$seeds/text" ;;
    fts_query_fuzz) echo "$seeds/query" ;;
  esac
}
failed=0
for t in "${targets[@]}"; do
  bin=$(find build-fuzz/src -name "$t" -type f -perm -u+x | head -1)
  work=build-fuzz/corpus/$t findings=build-fuzz/findings/$t
  mkdir -p "$work" "$findings"
  echo "== $t: $secs s"
  if ! "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="$findings/" -print_final_stats=1 "$work" "$(corpus "$t")" \
      >"build-fuzz/$t.log" 2>&1; then
    echo "   FOUND a failure: $(ls "$findings" | head -3); see build-fuzz/$t.log"
    failed=1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "build-fuzz/$t.log" | sed 's/^/   /'
done
exit $failed
