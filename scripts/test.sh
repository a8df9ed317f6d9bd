#!/usr/bin/env bash
# Builds annals and runs the fast test suite (ctest; slow cases are labelled
# "slow" and left out: run them with `ctest --test-dir build -L slow`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh "$@"
ctest --test-dir build --output-on-failure -j"$(nproc)" -LE slow
