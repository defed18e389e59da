#!/usr/bin/env bash
# Installs what is missing, builds the casim command in build/ (Release), and runs the bundled suite
# (scenarios/, every topic folder) through `casim run`, which prints the summary and writes every
# report format and the issued certificates to reports/latest/ — replaced only once the run is
# complete, so the previous report stays until then. Extra arguments go to `casim run`
# (e.g. --jobs 2, --runs 10). Exit code: casim run's — 0 when every expectation holds, 1 when any
# fails, 2 on bad input.
set -euo pipefail
CASIM_BUILD_TARGETS=casim  # the test executables are test.sh's to build
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

"$CASIM_ROOT/build/casim" run "$CASIM_ROOT/scenarios" --out "$CASIM_ROOT/reports/latest" "$@"
