#!/usr/bin/env bash
# Shared set-up for run.sh, test.sh and bench.sh: installs the Debian packages casim needs when
# any is missing (non-interactively, as root or through sudo), then configures and builds the
# CMake preset named by CASIM_PRESET (default "release": build/ in Release; "asan": build-asan/):
# every target, or only those named in CASIM_BUILD_TARGETS (run.sh and bench.sh build casim alone).
# casim_install_node_sdk (called by test.sh and bench.sh, not by run.sh) adds the official Node.js
# SDK of the reseller's API that the `casim serve` tests and benchmark drive.
# Idempotent: a second call installs nothing and rebuilds only what changed.
set -euo pipefail

CASIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CASIM_ROOT

# Packages for building, testing and benchmarking; the tools that cross-check issued certificates
# (openssl, certtool, python3-cryptography), the SimPy peer of the kernel benchmark, and what the
# agent tests run (python3-jsonschema checks transcripts and, with python3-yaml, scenario files
# against their schema; nodejs runs the Node.js example). libzip's
# CMake package checks that its command-line tools exist, which Debian 12 ships apart: zipcmp,
# zipmerge and ziptool are needed for find_package(libzip) only. `casim probe` asks DNS with ldns and
# HTTP(S) with libcurl; its tests serve DNS on loopback with Knot (knot). The casim executable
# allocates with mimalloc (libmimalloc-dev). String-keyed tables hash with XXH3 (libxxhash-dev).
CASIM_PACKAGES=(
  g++ cmake ninja-build make pkg-config git ca-certificates
  libboost-test-dev libboost-date-time-dev libssl-dev openssl
  libcxxopts-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libpsl-dev libidn2-dev publicsuffix
  libhowardhinnant-date-dev tzdata libzip-dev zipcmp zipmerge ziptool libicu-dev
  libldns-dev libcurl4-openssl-dev knot libmimalloc-dev libxxhash-dev
  python3 python3-cryptography python3-simpy python3-jsonschema python3-yaml gnutls-bin nodejs
)

casim_install_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "casim: installing missing packages: ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "casim: need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The build folder of the preset named by CASIM_PRESET (CMakePresets.json).
casim_build_dir() {
  if [ "${CASIM_PRESET:-release}" = release ]; then echo "$CASIM_ROOT/build"; else echo "$CASIM_ROOT/build-$CASIM_PRESET"; fi
}

# The official Node.js SDK, pinned, installed with npm into <build dir>/node/node_modules, where
# the tests (NODE_PATH, set by CTest) and bench.sh find it. npm comes with the nodejs package of
# some sources (NodeSource) and not with Debian's: Debian's npm is installed only when the command
# is missing. Nothing is fetched when that version is already there.
CASIM_NODE_SDK="tencentcloud-sdk-nodejs@4.1.313"

casim_install_node_sdk() {
  local prefix="$(casim_build_dir)/node"
  local installed="$prefix/node_modules/${CASIM_NODE_SDK%@*}/package.json"
  if [ -f "$installed" ] && [ "$(node -p 'require(process.argv[1]).version' "$installed")" = "${CASIM_NODE_SDK##*@}" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || casim_install_packages npm
  echo "casim: installing $CASIM_NODE_SDK into $prefix" >&2
  mkdir -p "$prefix"
  local log
  log="$(mktemp)"
  if ! npm install --prefix "$prefix" --no-audit --no-fund --save-exact "$CASIM_NODE_SDK" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "casim: could not install $CASIM_NODE_SDK with npm (is the npm registry reachable?)" >&2
    exit 2
  fi
  rm -f "$log"
}

casim_build() {
  # A build folder an older casim configured for make is configured afresh for Ninja (CMake
  # refuses to switch generators in place); what it built is rebuilt.
  local cache="$(casim_build_dir)/CMakeCache.txt"
  if [ -f "$cache" ] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache"; then
    echo "casim: $(casim_build_dir) was configured for another generator: configuring it afresh for Ninja" >&2
    rm -rf "$cache" "$(casim_build_dir)/CMakeFiles"
  fi
  local targets=()
  [ -z "${CASIM_BUILD_TARGETS:-}" ] || read -r -a targets <<<"--target $CASIM_BUILD_TARGETS"
  (cd "$CASIM_ROOT" && cmake --preset "${CASIM_PRESET:-release}" >/dev/null &&
    cmake --build --preset "${CASIM_PRESET:-release}" --parallel "$(nproc)" "${targets[@]}")
}

casim_install_packages "${CASIM_PACKAGES[@]}"
casim_build
