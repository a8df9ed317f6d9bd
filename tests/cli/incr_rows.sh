#!/usr/bin/env bash
# Relate writes only the derived rows that changed (issue 21): an archive
# built by ingests in several batches, each relating and writing only the
# rows of the stories, entities and events that differ from those stored,
# holds the same rows as the same archive related with `annals relate
# --full` (every row written again), and exports exactly what it and one
# ingest of all the pages export; the last batch keeps most rows as they
# were; a rename has the facts that name the entity written again.
set -euo pipefail
annals=$1 seeds=$2 example_site=$3 dev_pages=$4 dir=$5
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL: $*"; exit 1; }

# The derived rows of archive $1, each table in an order that does not
# depend on the order they were written in (mentions and facts of a story
# in the order written, which is theirs), and the digests kept.
rows() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ["SELECT * FROM entities ORDER BY id",
          "SELECT story_id, entity_id, begin, end FROM mentions ORDER BY story_id, rowid",
          "SELECT * FROM facts ORDER BY story_id, rowid",
          "SELECT * FROM events ORDER BY id",
          "SELECT story_id, hex(mentions), hex(facts) FROM knowledge_digests ORDER BY story_id"]:
    print(q)
    for r in c.execute(q):
        print(r)
PY
}
# Each story's digest row names the rowids of exactly its mention and fact rows.
ranges() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for table in ["mentions", "facts"]:
    total = 0
    for sid, first, count in c.execute(
            f"SELECT story_id, {table}_first, {table}_count FROM knowledge_digests"):
        got = c.execute(f"SELECT count(*), coalesce(min(story_id = ?), 1) FROM {table} "
                        "WHERE rowid BETWEEN ? AND ?", (sid, first, first + count - 1)).fetchone()
        assert got == (count, 1), (table, sid, first, count, got)
        total += count
    assert total == c.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table
PY
}
sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"; }

source "$(dirname "$0")/relate_lib.sh"
# $1 (related in batches) against a copy related with --full: the same rows
# and export; and the export of $2 (one ingest of all the pages).
same_rows_as_full() {
  local db=$1 one=$2 what=$3
  same_as_full "$db" "$what"
  rows "$db" > "$dir/inc.rows"
  rows "$dir/full.db" > "$dir/full.rows"
  cmp -s "$dir/inc.rows" "$dir/full.rows" || fail "$what: rows differ from relate --full's"
  ranges "$db" || fail "$what: the rowids kept are not the story's rows"
  if [ -n "$one" ]; then
    "$annals" export --db "$one" > "$dir/one.json"
    cmp -s "$dir/inc.json" "$dir/one.json" || fail "$what: export differs from one ingest's"
  fi
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['entities'] and d['facts'] and d['events'], sys.argv[1]" \
    "$dir/inc.json" || fail "$what: nothing related"
  [ "$(sql "$db" 'SELECT count(*) FROM knowledge_digests')" = \
    "$(sql "$db" 'SELECT count(*) FROM stories')" ] || fail "$what: not a digest a story"
}

n=0
for site in "$seeds" "$example_site" "$dev_pages"; do
  n=$((n + 1))
  db="$dir/site$n.db" one="$dir/one$n.db"
  pages=("$site"/*)
  count=${#pages[@]}
  "$annals" ingest -q --db "$one" "${pages[@]}"
  # Four batches (or one a page), each related with what the earlier wrote.
  part=$(( (count + 3) / 4 ))
  for ((at = 0; at < count; at += part)); do
    kept=0
    [ -f "$db" ] && kept=$(sql "$db" 'SELECT coalesce(max(rowid), 0) FROM mentions')
    "$annals" ingest -q --db "$db" "${pages[@]:at:part}"
  done
  same_rows_as_full "$db" "$one" "$site in batches"
  # The last batch kept the mentions of stories it did not change.
  if [ "$count" -ge 8 ]; then
    [ "$(sql "$db" "SELECT count(*) FROM mentions WHERE rowid <= $kept")" -gt 0 ] ||
      fail "$site: the last batch wrote every mention again"
  fi
done

# A correction renames an entity that facts name: the stories whose facts
# name it keep their ids and have their fact rows written again, the others
# keep theirs.
db="$dir/changed.db"
"$annals" ingest -q --db "$db" "$example_site"
name=$("$annals" export --db "$db" | python3 -c "
import json, sys
facts = json.load(sys.stdin)['facts']
print(next(f['person'] if f['type'] == 'holds_post' else f['organization'] for f in facts
           if f['type'] == 'holds_post' or f['organization']))")
[ -n "$name" ] || fail "no fact names an entity"
sql "$db" "SELECT group_concat(story_id || hex(facts), ' ') FROM knowledge_digests" > "$dir/before"
kept=$(sql "$db" 'SELECT max(rowid) FROM facts')
"$annals" entity rename --db "$db" "$name" "Helsinki Renamed" > /dev/null
sql "$db" "SELECT group_concat(story_id || hex(facts), ' ') FROM knowledge_digests" > "$dir/after"
python3 - "$dir/before" "$dir/after" <<'PY' || fail "the rename changed no stored story's facts"
import sys
before = dict((w[:-32], w[-32:]) for w in open(sys.argv[1]).read().split())
after = dict((w[:-32], w[-32:]) for w in open(sys.argv[2]).read().split())
assert before.keys() == after.keys()
sys.exit(0 if any(after[s] != d for s, d in before.items()) else 1)
PY
[ "$(sql "$db" "SELECT count(*) FROM facts WHERE person='Helsinki Renamed' OR organization='Helsinki Renamed'")" -gt 0 ] ||
  fail "no fact names the entity renamed"
[ "$(sql "$db" "SELECT count(*) FROM facts WHERE rowid <= $kept")" -gt 0 ] ||
  fail "a rename wrote every fact again"
same_rows_as_full "$db" "" "a rename"

# An archive of schema version 10 (no digests) opens,
# and its next relate writes every row and keeps the digests.
db="$dir/old.db"
"$annals" ingest -q --db "$db" "$seeds"
python3 -c "
import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
c.execute('DROP TABLE knowledge_digests')
c.execute(\"UPDATE meta SET value='10' WHERE key='schema_version'\")
c.commit()" "$db"
"$annals" ingest -q --db "$db" "$example_site"
[ "$(sql "$db" "SELECT value FROM meta WHERE key='schema_version'")" -gt 10 ] || fail "not migrated"
same_rows_as_full "$db" "" "an archive of schema version 10"
echo ok
