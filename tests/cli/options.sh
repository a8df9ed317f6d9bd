#!/usr/bin/env bash
# One validation for every option and one exit-code map for the whole CLI
# (README "Exit codes": 0 done, 1 failed, 2 usage), issue 24: a value out of
# range, a date that is no date, or a number that is no number is a usage
# error (2) with a message naming the option, never CLI11's own codes (104
# for --limit 99999999999), "error: stoull", or 0 results with exit 0.
set -uo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir/in"
fail() { echo "FAIL: $*"; exit 1; }
printf '12.03.2024\n\nThe Council met\n\nThe Council met in the capital and adopted a plan of work.\n' > "$dir/in/a.txt"
db="$dir/a.db"
"$annals" ingest -q --db "$db" "$dir/in" || fail "ingest"
expect() {  # expect CODE OPTION-NAMED-IN-MESSAGE ARGS...
  local code=$1 name=$2; shift 2
  err=$("$annals" "$@" 2>&1 >/dev/null); rc=$?
  [ $rc -eq "$code" ] || fail "'$*' exited $rc, not $code: $err"
  if [ -n "$name" ]; then
    grep -q -- "$name" <<<"$err" || fail "'$*': the message does not name $name: $err"
    [ "$(wc -l <<<"$err")" -le 2 ] || fail "'$*': a long message: $err"
  fi
  echo "$code <- $*: ${err%%$'\n'*}"
}
for cmd in stories search; do
  q=(); [ $cmd = search ] && q=(Council)
  expect 2 --limit $cmd "${q[@]}" --db "$db" --limit -1
  expect 2 --limit $cmd "${q[@]}" --db "$db" --limit 99999999999
  expect 2 --limit $cmd "${q[@]}" --db "$db" --limit 1e3
  expect 2 --since $cmd "${q[@]}" --db "$db" --since 2024-13-45
  expect 2 --since $cmd "${q[@]}" --db "$db" --since notadate
  expect 2 --until $cmd "${q[@]}" --db "$db" --until 2023-02-29
  expect 0 "" $cmd "${q[@]}" --db "$db" --since 2024-02-29 --until 2024-12-31 --limit 0
done
expect 2 --since events --db "$db" --since 2024-00
expect 2 --until timeline --db "$db" --until 20245
expect 0 "" events --db "$db" --since 2024 --until 2024-03
expect 2 --limit events --db "$db" --limit -3
expect 2 --top entities --db "$db" --top -1
expect 2 --latest profile Council --db "$db" --latest x
for cmd in ingest extract; do
  expect 2 --max-page-mb $cmd "$dir/in" --db "$db" --max-page-mb abc
  expect 2 --max-page-mb $cmd "$dir/in" --db "$db" --max-page-mb 0
  expect 2 --max-page-mb $cmd "$dir/in" --db "$db" --max-page-mb 18446744073709551617
  expect 2 --max-page-mb $cmd "$dir/in" --db "$db" --max-page-mb 4096
  expect 2 --threads $cmd "$dir/in" --db "$db" --threads -2
  expect 2 --batch $cmd "$dir/in" --db "$db" --batch 0
done
expect 2 --threads relate --db "$db" --threads many
expect 2 --format stories --db "$db" --format xml
expect 2 --bogus stories --db "$db" --bogus
expect 2 "" nosuchcommand
expect 2 "" search --db "$db"
# Help and version are not errors.
expect 0 "" --help
expect 0 "" stories --help
expect 0 "" --version
# A value within range works: a page over --max-page-mb 1 is skipped as too large.
head -c 1500000 /dev/zero | tr '\0' 'a' > "$dir/big.txt"
out=$("$annals" ingest --db "$db" --max-page-mb 1 "$dir/big.txt" 2>&1)
grep -q "larger than the page limit of 1 MB" <<<"$out" || fail "--max-page-mb 1: $out"
echo ok
