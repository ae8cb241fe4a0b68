#!/usr/bin/env bash
# The README on a Debian 12 machine nobody touched. In a pristine root made by mmdebstrap:
#  1. clone the committed tree (HEAD; uncommitted changes are not seen), run the README's
#     quick-start command exactly as README.md writes it, as root from the clone's top
#     folder, then `cmake --install build`, the installed binaries and their man pages;
#  2. build the Debian package there (scripts/make-deb.sh);
#  3. in a second pristine root, `apt-get install ./recall_*.deb`, so apt must bring the
#     libraries the package names, and search the bundled corpus with it.
# Needs root (chroot and mounts), mmdebstrap and Debian's mirror. The pristine root is made
# once and kept in ${XDG_CACHE_HOME:-~/.cache}/recall/ for 30 days; delete it for a new one.
# Usage: sudo scripts/fresh-check.sh   (about 6 minutes on 2 cores; 2 more to make the root)
set -euo pipefail

say() { printf 'fresh-check: %s\n' "$*"; }
fail() { printf 'fresh-check: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || { echo "fresh-check: needs root for chroot and mounts: sudo $0" >&2; exit 2; }
for tool in mmdebstrap unshare chroot git; do
  command -v "$tool" >/dev/null || { echo "fresh-check: $tool is missing: run scripts/install-deps.sh" >&2; exit 2; }
done
# In a mount namespace of our own, the roots' mounts never show on the host and vanish with
# this script, however it ends.
if [ -z "${RECALL_FRESH_CHECK_NAMESPACE:-}" ]; then
  RECALL_FRESH_CHECK_NAMESPACE=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi

started=$SECONDS
source_dir=$(cd "$(dirname "$0")/.." && pwd)
head=$(git -C "$source_dir" rev-parse HEAD)
if [ -n "$(git -C "$source_dir" status --porcelain)" ]; then
  say "note: uncommitted changes are not checked; this checks HEAD $head"
fi
quick_start=$("$source_dir/scripts/readme-command.sh" quick-start "$source_dir/README.md")

cache=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/recall
root_tar=$cache/debian12-apt-git.tar
if [ -z "$(find "$root_tar" -mtime -30 2>/dev/null)" ]; then
  say "making a pristine Debian 12 root with mmdebstrap (kept in $root_tar)"
  mkdir -p "$cache"
  step=$SECONDS
  rm -f "$root_tar.new"
  mmdebstrap --quiet --variant=apt --include=ca-certificates,git --format=tar bookworm "$root_tar.new"
  mv "$root_tar.new" "$root_tar"
  say "root made in $((SECONDS - step)) s"
fi

work=$(mktemp -d /var/tmp/recall-fresh-check.XXXXXX)
mounts=()
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -R "${mounts[i]}" || true; done
  # Never delete through a mount that is still there: /dev of the host is bound inside.
  if grep -q " $work/" /proc/self/mountinfo; then
    echo "fresh-check: mounts left under $work; not deleting it" >&2
  else
    rm -rf --one-file-system "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

new_root() {  # DIR: a new unpack of the pristine root, ready to chroot into
  mkdir "$1"
  tar -xf "$root_tar" -C "$1"
  mount -t proc proc "$1/proc" && mounts+=("$1/proc")
  mount --rbind /dev "$1/dev" && mounts+=("$1/dev")
  rm -f "$1/etc/resolv.conf" && cp -L /etc/resolv.conf "$1/etc/resolv.conf"
}

in_root() {  # DIR SCRIPT: runs SCRIPT with bash, as root logged in on DIR, with no input
  chroot "$1" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -eo pipefail -c "$2" </dev/null
}

expect_hit() {  # LOG WHAT: fails unless LOG holds a hit (a path:line of a note)
  grep -Eq '\.md:[0-9]+$' "$1" || fail "$2 printed no hit (output in the lines above)"
}

# 1. The quick start, as the README writes it.
build_root=$work/build-root
new_root "$build_root"
git clone --quiet "$source_dir" "$build_root/root/recall"
git -C "$build_root/root/recall" checkout --quiet --detach "$head"
say "running the README's quick start in a pristine Debian 12 root, as root, in /root/recall:"
printf '    %s\n' "$quick_start"
step=$SECONDS
status=0
in_root "$build_root" "cd /root/recall
$quick_start" 2>&1 | tee "$work/quick-start.log" || status=$?
[ "$status" -eq 0 ] || fail "the README's quick-start command exited $status on a pristine Debian 12 root"
expect_hit "$work/quick-start.log" "the quick start's sample search"
say "quick start passed in $((SECONDS - step)) s"

step=$SECONDS
in_root "$build_root" 'cd /root/recall && cmake --install build' >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "cmake --install build failed"; }
in_root "$build_root" '
  [ "$(command -v recall)" = /usr/local/bin/recall ] && [ "$(command -v recall-index)" = /usr/local/bin/recall-index ]
  [ -f /usr/local/lib/systemd/user/recall-index.service ] || { echo "no recall-index.service in /usr/local/lib/systemd/user"; exit 1; }
  recall-index --quiet --vault /root/recall/corpus --index /root/installed-index 2>/root/index.log || { cat /root/index.log; exit 1; }
  recall -n 1 --index /root/installed-index blob support' 2>&1 | tee "$work/installed.log" \
  || fail "the binaries installed by cmake --install do not index and search the corpus"
expect_hit "$work/installed.log" "the installed recall"
man_pages=("$build_root"/root/recall/docs/man/*.scd)
if [ -e "${man_pages[0]}" ]; then
  in_root "$build_root" 'apt-get install -y -qq --no-install-recommends man-db >/dev/null'
  for page in "${man_pages[@]}"; do
    page=$(basename "$page" .scd)   # NAME.SECTION
    in_root "$build_root" "text=\$(man ${page##*.} ${page%.*}) && [ -n \"\$text\" ]" \
      || fail "man ${page##*.} ${page%.*} shows nothing after cmake --install"
  done
  say "man pages: ${#man_pages[@]} found by man"
fi
say "cmake --install and the installed binaries passed in $((SECONDS - step)) s"

# 2. The Debian package, built where the quick start built.
step=$SECONDS
in_root "$build_root" 'cd /root/recall && scripts/make-deb.sh build /root/package' >"$work/package.log" 2>&1 \
  || { cat "$work/package.log"; fail "scripts/make-deb.sh could not build a complete package"; }
debs=("$build_root"/root/package/*.deb)
cp "${debs[0]}" "$work/"
deb=$work/$(basename "${debs[0]}")
say "built $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB in $((SECONDS - step)) s"
say "Depends: $(dpkg-deb -f "$deb" Depends)"

# 3. The package on a machine that has nothing else.
step=$SECONDS
package_root=$work/package-root
new_root "$package_root"
cp "$deb" "$package_root/root/"
cp -a "$build_root/root/recall/corpus" "$package_root/root/corpus"
in_root "$package_root" "cd /root && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./$(basename "$deb") >/dev/null
  [ \"\$(command -v recall)\" = /usr/bin/recall ]
  [ -f /usr/lib/systemd/user/recall-index.timer ] || { echo 'no recall-index.timer in /usr/lib/systemd/user'; exit 1; }
  recall-index --quiet --vault /root/corpus --index /root/index 2>/root/index.log || { cat /root/index.log; exit 1; }
  recall -n 1 --index /root/index blob support" 2>&1 | tee "$work/package-search.log" \
  || fail "apt-get install ./$(basename "$deb") on a pristine root, or a search with it, failed"
expect_hit "$work/package-search.log" "recall from the package"
say "the package installs with apt and searches, in $((SECONDS - step)) s"

cleanup
trap - EXIT
say "passed in $((SECONDS - started)) s"
