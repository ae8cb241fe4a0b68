#!/usr/bin/env bash
# Builds the Debian package from a configured and built tree with CPack, then checks that
# it is whole: a Depends line worked out by dpkg-shlibdeps, both binaries, the docs, and
# every man page and shell completion the source tree has. Prints the package's path.
# Usage: scripts/make-deb.sh [BUILD_DIR [OUT_DIR]]     (default: build, BUILD_DIR/package)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$(cd "${1:-build}" && pwd)
out_dir=${2:-$build_dir/package}

fail() { printf 'make-deb: %s\n' "$*" >&2; exit 1; }

rm -rf "$out_dir"
mkdir -p "$out_dir"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$out_dir" >"$out_dir/cpack.log" 2>&1 \
  || { cat "$out_dir/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$out_dir"/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made ${#debs[@]} packages in $out_dir, not one"
deb=${debs[0]}

depends=$(dpkg-deb -f "$deb" Depends)
for library in libc6 libstdc++6 libxapian30 libicu libyaml-cpp libmd4c0 libfmt; do
  [[ $depends == *"$library"* ]] || fail "$deb: Depends does not name $library (did dpkg-shlibdeps run?): $depends"
done

contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
expect() { grep -qxF "./usr/$1" <<<"$contents" || fail "$deb has no /usr/$1"; }
expect bin/recall
expect bin/recall-index
expect share/doc/recall/README.md
expect lib/systemd/user/recall-index.service
expect lib/systemd/user/recall-index.timer
for doc in "$source_dir"/docs/*.md; do expect "share/doc/recall/$(basename "$doc")"; done
for page in "$source_dir"/docs/man/*.scd; do
  [ -e "$page" ] || continue
  page=$(basename "$page" .scd)   # NAME.SECTION
  grep -qxE "\./usr/share/man/man${page##*.}/$page(\.gz)?" <<<"$contents" || fail "$deb has no man page $page"
done
for file in "$source_dir"/contrib/completions/bash/*; do
  [ -e "$file" ] || continue
  expect "share/bash-completion/completions/$(basename "$file")"
done
for file in "$source_dir"/contrib/completions/zsh/_*; do
  [ -e "$file" ] || continue
  expect "share/zsh/vendor-completions/$(basename "$file")"
done
for file in "$source_dir"/contrib/completions/fish/*.fish; do
  [ -e "$file" ] || continue
  expect "share/fish/vendor_completions.d/$(basename "$file")"
done
echo "$deb"
