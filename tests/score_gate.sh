#!/usr/bin/env bash
# score_gate.sh ANNALS SCORE_PY KEY OUT_JSON PAGE_DIR [score.py bounds...]
# Runs `annals extract` over the pages of PAGE_DIR into OUT_JSON and checks
# score.py's bounds; prints the scores either way.
set -euo pipefail
annals=$1 score=$2 key=$3 out=$4 pages=$5
shift 5
"$annals" extract "$pages" > "$out"
python3 "$score" "$key" "$out" "$@"
