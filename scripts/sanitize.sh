#!/usr/bin/env bash
# Builds annals with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ and runs the unit tests and the mutated-pages test under them:
# any memory error, leak or undefined behaviour fails the run.
#   scripts/sanitize.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANNALS_SANITIZE=ON \
  -DANNALS_BUILD_BENCHMARKS=OFF "$@" >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE slow -R '_test$|^cli_mutated_pages$'
