#!/usr/bin/env bash
# Read commands work on an archive in a read-only folder (issue 24), and a
# failure to open names its real cause: a folder given as --db, a missing
# folder, no permission to write. As root (whom permissions do not stop) the
# commands run as user nobody.
set -uo pipefail
annals=$1 dir=$2
fail() { echo "FAIL: $*"; exit 1; }
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || fail "running as root, and no setpriv to run as nobody"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # The build folder may be out of nobody's reach (a checkout under /root):
  # the binary and the archive go to a folder of their own under /tmp.
  dir=$(mktemp -d /tmp/annals_read_only.XXXXXX) && chmod 755 "$dir"
  cp "$annals" "$dir/annals" && annals=$dir/annals
  trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
else
  chmod -R u+w "$dir" 2>/dev/null; rm -rf "$dir"
  trap 'chmod -R u+w "$dir"' EXIT
fi
mkdir -p "$dir/in" "$dir/ro"
printf '12.03.2024\n\nThe Council met in the capital\n\nThe Council met in the capital and adopted a plan of work for the year.\n' > "$dir/in/a.txt"
"$annals" ingest -q --db "$dir/ro/a.db" "$dir/in" || fail "ingest"
chmod 755 "$dir" "$dir/in" && chmod 444 "$dir/ro/a.db" "$dir/in/a.txt" && chmod 555 "$dir/ro"
db="$dir/ro/a.db"
for cmd in "stories" "search Council" "export" "entities" "events" "timeline" "posts"; do
  # shellcheck disable=SC2086
  out=$("${as_user[@]}" "$annals" $cmd --db "$db" 2>&1) || fail "'$cmd' in a read-only folder: $out"
done
n=$("${as_user[@]}" "$annals" stories --db "$db" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 1 ] || fail "stories read $n stories"
[ ! -e "$dir/ro/a.db-wal" ] || fail "a read left a -wal file"
expect() {  # expect PATTERN ARGS...: exit 1 (or 2) and PATTERN in the message
  local pat=$1; shift
  err=$("${as_user[@]}" "$annals" "$@" 2>&1 >/dev/null) && fail "'$*' succeeded"
  grep -q -- "$pat" <<<"$err" || fail "'$*': the message does not say '$pat': $err"
  echo "$* -> $err"
}
expect "is a folder" stories --db "$dir/ro"
expect "no folder" ingest --db "$dir/nowhere/a.db" "$dir/in"
expect "cannot write.*Permission denied" ingest --db "$db" "$dir/in"
expect "cannot write in .*ro.*Permission denied" ingest --db "$dir/ro/new.db" "$dir/in"
expect "cannot write.*Permission denied" entity rename Council Assembly --db "$db"
echo ok
