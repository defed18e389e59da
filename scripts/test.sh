#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite through ctest.
#   scripts/test.sh          the Release build in build/
#   scripts/test.sh --asan   the same suite built with AddressSanitizer and UndefinedBehaviorSanitizer
#                            in build-asan/ (any sanitizer report fails the test that made it)
# Further arguments go to ctest (e.g. -R 'cli\.' for some tests: then build only their targets by
# naming them in CASIM_BUILD_TARGETS, as .ci/run does).
set -euo pipefail
CASIM_PRESET=release
if [ "${1:-}" = --asan ]; then
  CASIM_PRESET=asan
  shift
fi
export CASIM_PRESET
if [ "$CASIM_PRESET" = asan ]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
casim_install_node_sdk  # the `casim serve` tests drive the server with it: never skipped here
cd "$CASIM_ROOT"
ctest --preset "$CASIM_PRESET" --parallel "$(nproc)" --timeout 900 "$@"
