#!/usr/bin/env bash
# The cost of adding a few pages to a large archive (issue 21), in CPU
# seconds: ingests N generated pages (--seed 1), then ADD new pages (--seed 7)
# into a copy of that archive, and runs `relate --full` on another copy;
# prints each one's user+sys CPU seconds, peak memory and stage line. With two
# binaries, alternates them (the archive each adds to is its own: a reading
# kept by one build is not used by another).
# With RELATE_ADD_PERF=1, then records the add of the first binary with
# `perf record --call-graph dwarf` and prints the CPU seconds spent under each
# stage of relate (inclusive: a stage's callees count in it; the texts read
# from SQLite count in StoryTexts and in the pass that reads them).
# usage: bench/relate_add.sh N [ADD] [THREADS] ANNALS [ANNALS2]
# e.g.   bench/relate_add.sh 10000 50 1 build/src/cli/annals /tmp/annals-base
set -euo pipefail
n=$1 add=${2:-50} threads=${3:-1}
shift 3
work=${RELATE_ADD_WORK:-/tmp/relate-add-$n}
gen=$(dirname "$0")/gen_site.py
mkdir -p "$work"
[ -d "$work/pages" ] || python3 "$gen" "$work/pages" -n "$n" --seed 1 --jobs 2 >/dev/null
[ -d "$work/add-$add" ] || python3 "$gen" "$work/add-$add" -n "$add" --seed 7 --jobs 1 >/dev/null
run() {  # label binary args...
  local label=$1
  shift
  /usr/bin/time -f "%U %S %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1
  read -r user sys kb <"$work/time.txt"
  printf '%-28s %6.2f CPU-s %6d MiB  %s\n' "$label" "$(echo "$user + $sys" | bc)" \
    $((kb / 1024)) "$(grep -h 'time:' "$work/out.txt" || true)"
}
i=0
for bin in "$@"; do
  i=$((i + 1))
  db=$work/archive-$i.db
  [ -f "$db" ] || run "[$i] ingest $n" "$bin" ingest --threads "$threads" --db "$db" "$work/pages"
  cp "$db" "$work/copy.db"
  run "[$i] add $add" "$bin" ingest --threads "$threads" --db "$work/copy.db" "$work/add-$add"
  cp "$db" "$work/copy.db"
  run "[$i] relate --full" "$bin" relate --full --threads "$threads" --db "$work/copy.db"
done
if [ "${RELATE_ADD_PERF:-0}" = 1 ]; then
  cp "$work/archive-1.db" "$work/copy.db"
  perf record -q -F 499 --call-graph dwarf,32768 -o "$work/perf.data" \
    "$1" ingest --threads "$threads" --db "$work/copy.db" "$work/add-$add" >/dev/null 2>&1
  perf report -i "$work/perf.data" --children --sort symbol --stdio -g none 2>/dev/null |
    python3 -c '
import re, sys
stages = [  # label, a word of the symbol (a stage is its largest match)
  ("the whole relate (Rerelate)", "pipeline::Rerelate"),
  ("gazetteer load", "Gazetteer::Load"),
  ("stories heads (SQLite)", "StoryStore::StoryHeads"),
  ("stories texts (SQLite, every pass)", "StoryStore::StoryTexts"),
  ("stories titles (SQLite, events pass)", "StoryStore::StoryTitles"),
  ("reading: find kept readings", "StoryStore::Reading"),
  ("reading: decode kept readings", "extract::DecodeReading"),
  ("reading: ReadStory (new stories)", "extract::ReadStory"),
  ("resolve: Add (nodes, log)", "extract::Resolution::Add"),
  ("resolve: Run (all steps)", "resolve_internal::Resolver::Run"),
  ("  joins (aliases..word orders)", None),
  ("  BuildEntities", "Resolver::BuildEntities"),
  ("  SecondPass", "Resolver::SecondPass"),
  ("    of which Tokenize", "extract::Tokenize"),
  ("  BuildFacts", "Resolver::BuildFacts"),
  ("  Output", "Resolver::Output"),
  ("events: ReadReports", "events::ReadReports"),
  ("events: MergeReports (with Event writes)", "events::MergeReports"),
  ("store: UpdateKnowledge", "StoryStore::UpdateKnowledge"),
  ("store: write stories rows", "KnowledgeWriter::Story"),
  ("store: write events", "KnowledgeWriter::Event"),
  ("store: Finish", "KnowledgeWriter::Finish"),
  ("store: readings Save", "StoredReadings::Save"),
  ("store: Commit", "StoryStore::Commit"),
]
joins = ["ExplicitAliases", "AlignedStories", "Persons", "Acronyms", "ExpandedAcronyms",
         "ResolveAnaphors", "Bodies", "WordOrders", "ShortDocumentNames"]
total, pct = 0, {}
for line in sys.stdin:
  m = re.match(r"# Event count \(approx.\): (\d+)", line)
  if m: total = int(m.group(1)) / 1e9
  m = re.match(r"\s+([\d.]+)%\s+[\d.]+%\s+\[.\]\s+(.*?)\s*(?:-\s+-)?\s*$", line)
  if m: pct.setdefault(m.group(2), float(m.group(1)))
def best(word):
  return max([v for k, v in pct.items() if k.endswith(word) or word + "(" in k] or [0])
print(f"perf: {total:.2f} CPU-s sampled; seconds under each stage:")
for label, word in stages:
  v = sum(best("Resolver::" + j) for j in joins) if word is None else best(word)
  print(f"  {label:44s} {v * total / 100:6.2f}")
'
fi
rm -f "$work/copy.db" "$work/copy.db-lock"
