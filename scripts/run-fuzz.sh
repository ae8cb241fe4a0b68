#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build folder and runs each for a
# while: the note parser seeded with the sample vault and YAML alias notes, file names in a
# vault, the query side with sample queries.
# Crashes are saved under BUILD_DIR/fuzz-artifacts/ (turn each into a regression test).
# Usage: scripts/run-fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]
set -euo pipefail
seconds=${1:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$src/build-fuzz}
command -v clang++ >/dev/null || { echo "run-fuzz: clang++ is not installed (scripts/install-deps.sh)"; exit 1; }
cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRECALL_FUZZ=ON -DRECALL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target fuzz_note_parser fuzz_vault_files fuzz_query -j2 >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/notes" "$work/names" "$work/queries" "$build/fuzz-artifacts"
find "$src/corpus" -type f -exec cp {} "$work/notes/" \;
cp "$src"/tests/fuzz/note-seeds/* "$work/notes/"
cp "$src"/tests/fuzz/name-seeds/* "$work/names/"
cp "$src"/tests/fuzz/query-seeds/* "$work/queries/"
for target in fuzz_note_parser fuzz_vault_files fuzz_query; do
  seeds=$work/notes options=-dict="$src/tests/fuzz/yaml.dict"
  [ "$target" = fuzz_vault_files ] && seeds=$work/names options=-max_len=4096
  [ "$target" = fuzz_query ] && seeds=$work/queries options=
  echo "== $target"
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 $options "$seeds" 2>&1 | grep -E "^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|ERROR|INFO: Running)" || true
done
