# Sourced by the relate tests; they set $annals and $dir and define fail().

# Relates a copy of archive $1 with --full ($dir/full.db), exports both
# ($dir/inc.json, $dir/full.json), and fails with "$2: ..." unless the two
# exports are the same, showing the start of their difference.
same_as_full() {
  local db=$1 what=$2
  rm -f "$dir/full.db"*
  cp "$db" "$dir/full.db"
  "$annals" relate -q --full --db "$dir/full.db"
  "$annals" export --db "$db" > "$dir/inc.json"
  "$annals" export --db "$dir/full.db" > "$dir/full.json"
  cmp -s "$dir/inc.json" "$dir/full.json" ||
    { diff <(python3 -m json.tool "$dir/inc.json") <(python3 -m json.tool "$dir/full.json") | head -20 || true;
      fail "$what: the export differs from relate --full's"; }
}
