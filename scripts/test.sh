#!/usr/bin/env bash
# The whole test suite, twice: the normal build (unit and integration tests, and a short
# libFuzzer run of the parser and the query side), then the same tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer, the binaries they run included.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
cmake -S . -B build
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
cmake -S . -B build-asan -DRECALL_SANITIZE=ON
cmake --build build-asan -j"$jobs"
ctest --test-dir build-asan --output-on-failure -j"$jobs" -E '^fuzz\.'
