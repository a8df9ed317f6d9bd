#!/usr/bin/env bash
# A Cyrillic initial and surname ("Т. Дервинов") is the person of the full
# name whose first name has that initial ("Тимур Дервинов"), not the other
# person of the same surname ("Олег Дервинов"), as Latin initials are
# (issue 25). Nor is the initial a person of its own. The names are invented.
set -euo pipefail
annals=$1 dir=$2
rm -rf "$dir" && mkdir -p "$dir"
cat > "$dir/a.txt" <<'PAGE'
Встреча в Бергене
15.03.2026

15 марта 2026 года в Бергене Генеральный секретарь Тимур Дервинов встретился с Министром обороны Норвегии Олегом Дервиновым. Стороны обсудили безопасность судоходства.
PAGE
cat > "$dir/b.txt" <<'PAGE'
Итоги встречи в Осло
20.03.2026

20 марта 2026 года в Осло Генеральный секретарь Т. Дервинов подвел итоги встречи. Министр обороны Норвегии О. Дервинов поддержал предложения.
PAGE
"$annals" ingest -q --db "$dir/a.db" "$dir/a.txt" "$dir/b.txt"
"$annals" export --db "$dir/a.db" > "$dir/export.json"
python3 - "$dir/export.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
people = [e for e in d['entities'] if e['type'] == 'person']
def names(e): return {e['name'], *e['aliases']}
def one(name):
    hits = [e for e in people if name in names(e)]
    if len(hits) != 1:
        sys.exit(f'FAIL: {name}: {len(hits)} people: {people}')
    return hits[0]
timur = one('Т. Дервинов')
if 'Тимур Дервинов' not in names(timur):
    sys.exit(f'FAIL: Т. Дервинов is not Тимур Дервинов: {names(timur)}')
oleg = one('О. Дервинов')
if oleg is timur or any(n.startswith('Олег') for n in names(timur)):
    sys.exit(f'FAIL: the two Дервиновы are one person: {names(timur)}')
if any(len(n) < 3 for e in people for n in names(e)):
    sys.exit(f'FAIL: a person named by an initial alone: {people}')
print('ok')
PY
