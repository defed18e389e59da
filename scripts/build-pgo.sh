#!/usr/bin/env bash
# Builds a profile-guided casim in build-pgo/ for long Monte Carlo runs: casim instrumented, run once
# on the bundled suite (scenarios/, as scripts/run.sh runs it) to count which code is hot, then
# compiled again with those counts (CASIM_PGO in cmake/CasimTargets.cmake). The same code, the same
# reports, faster; it takes some 2.5 times as long as the default build, which is why scripts/run.sh
# does not build it. Installs what is missing first, like run.sh. Prints the built command's path.
set -euo pipefail
CASIM_PRESET=pgo
CASIM_BUILD_TARGETS=casim
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Counts of an earlier build would be added to this training's, or refused as stale.
[ ! -d "$root/build-pgo" ] || find "$root/build-pgo" -name '*.gcda' -delete
source "$root/scripts/setup.sh"  # the instrumented build (the preset's CASIM_PGO=generate)

training="$(mktemp -d)"
trap "rm -rf '$training'" EXIT
status=0
"$CASIM_ROOT/build-pgo/casim" run "$CASIM_ROOT/scenarios" --out "$training/reports" >/dev/null || status=$?
if [ "$status" -gt 1 ]; then
  echo "casim build-pgo: the training run (casim run scenarios/) exited $status" >&2
  exit 2
fi
if ! find "$CASIM_ROOT/build-pgo" -name '*.gcda' | grep -q .; then
  echo "casim build-pgo: the training run wrote no profile (.gcda) under build-pgo/" >&2
  exit 2
fi

(cd "$CASIM_ROOT" && cmake --preset pgo -DCASIM_PGO=use >/dev/null &&
  cmake --build --preset pgo --parallel "$(nproc)" --target casim)
echo "$CASIM_ROOT/build-pgo/casim"
