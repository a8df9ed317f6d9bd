#!/usr/bin/env bash
# A city named in Latin and in Cyrillic letters is one place (issue 25):
# libgeonames' English and Russian catalogs share GeoNames ids, so "Moscow"
# in an English story and "в Москве" in a Russian one give one entity with
# aliases in both scripts. The pages are invented.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
cat > "$dir/en.txt" <<'PAGE'
Experts met in Moscow
16.03.2026

On 16 March 2026, more than twenty experts met in Moscow to discuss the safety of shipping.
PAGE
cat > "$dir/ru.txt" <<'PAGE'
Встреча экспертов в Москве
17.03.2026

17 марта 2026 года в Москве прошла встреча экспертов по безопасности судоходства.
PAGE
"$annals" ingest -q --db "$dir/a.db" "$dir/en.txt" "$dir/ru.txt"
"$annals" export --db "$dir/a.db" > "$dir/export.json"
python3 - "$dir/export.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
places = [e for e in d['entities'] if e['type'] == 'place'
          and {'Moscow', 'Москва', 'Москве'} & ({e['name']} | set(e['aliases']))]
if len(places) != 1:
    sys.exit(f'FAIL: Moscow and Москва are {len(places)} places: {places}')
names = {places[0]['name'], *places[0]['aliases']}
if not {'Moscow', 'Москве'} <= names or places[0]['mentions'] < 2:
    sys.exit(f'FAIL: the place: {places[0]}')
print('ok')
PY
