#!/usr/bin/env bash
# Installs everything recall needs to build, test and benchmark, from Debian 12 packages.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libxapian-dev zlib1g-dev libyaml-cpp-dev libmd4c-dev libcli11-dev doctest-dev
  nlohmann-json3-dev libfmt-dev libicu-dev
  liblingua-stopwords-perl   # the Snowball stopword lists, compiled in (core/stopwords.hpp)
  libcld2-dev                # language detection of each note
  scdoc                      # man pages
  xapian-tools               # xapian-tcpsrv, xapian-progsrv: recall serve, --index ssh:, their tests
  dpkg-dev file              # the Debian package (cpack -G DEB): dpkg-shlibdeps and file work out its Depends
  mmdebstrap                 # scripts/fresh-check.sh: a pristine Debian 12 root
  clang libclang-rt-14-dev   # libFuzzer target of the parser
  fzf zsh fish                   # tests: recall -i drives fzf; zsh and fish read the completions
  ripgrep sqlite3 python3 python3-yaml time   # benchmarks compare against these, under GNU time
  gnuplot-nox                # bench/plot_costs.py draws the cost curves
)
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
