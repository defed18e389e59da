#!/usr/bin/env bash
# Installs what is missing, builds build/ in Release, and runs the whole test suite through ctest.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$CASIM_ROOT/build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
