#!/usr/bin/env bash
# Prints a command of README.md's "Quick start" section, as a new user copies it:
#   quick-start  the first ```sh block after the "## Quick start" heading
#   tests        the second one
# .ci/run and scripts/fresh-check.sh run what this prints, so CI checks what the README
# says, not a copy of it. Exits 1 with a message when README.md no longer has the block.
# Usage: scripts/readme-command.sh quick-start|tests [README.md]
set -euo pipefail
case ${1:-} in
  quick-start) block=1 ordinal=first ;;
  tests) block=2 ordinal=second ;;
  *) echo "usage: $0 quick-start|tests [README.md]" >&2; exit 2 ;;
esac
readme=${2:-$(dirname "$0")/../README.md}
[ -r "$readme" ] || { echo "readme-command: cannot read $readme" >&2; exit 2; }

# Fences are tracked so that a "## " line inside a code block is not taken for a heading.
command=$(awk -v want="$block" '
  /^```/ {
    if (!fence) { fence = 1; if (section && $0 == "```sh") grab = (++n == want); next }
    fence = 0; if (grab) exit; next
  }
  fence { if (grab) print; next }
  /^## / { section = ($0 ~ /^## Quick start/) }
' "$readme")

if [ -z "$command" ]; then
  echo "readme-command: $readme has no $1 command: the $ordinal \`\`\`sh block after the '## Quick start' heading is missing or empty" >&2
  exit 1
fi
printf '%s\n' "$command"
