#!/usr/bin/env bash
# Builds the parser's libFuzzer target with clang in its own build folder and runs it for a
# while, seeded with the sample vault. Usage: scripts/run-fuzz.sh [SECONDS] [BUILD_DIR]
set -euo pipefail
seconds=${1:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$src/build-fuzz}
command -v clang++ >/dev/null || { echo "run-fuzz: clang++ is not installed (scripts/install-deps.sh)"; exit 1; }
cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRECALL_FUZZ=ON -DRECALL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target fuzz_note_parser -j2 >/dev/null
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
find "$src/corpus" -type f -exec cp {} "$seeds/" \;
mkdir -p "$build/fuzz-artifacts"
"$build/tests/fuzz/fuzz_note_parser" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$seeds" 2>&1 | tail -n 12
