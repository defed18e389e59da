#!/usr/bin/env bash
# Fuzzes casim with libFuzzer: installs clang when missing, configures and builds build-fuzz
# (clang, -DCASIM_FUZZ=ON: the whole project instrumented, with ASan and UBSan), then runs each
# target of tests/fuzz one after the other, on one core, for SECONDS each (default 600).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# The targets work on a scratch copy of tests/fuzz/corpus/<target> (build-fuzz/corpus/<target>,
# kept between runs); what they find is written to build-fuzz/findings/<target>/ and the script
# exits 1. Logs: build-fuzz/fuzz-logs/<target>.log.
set -euo pipefail

CASIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CASIM_ROOT}/build-fuzz"
ALL_TARGETS=(fuzz_csr_intake fuzz_chain_check fuzz_scenario fuzz_calendar_file fuzz_time_parsers
  fuzz_report_merge)

seconds="${1:-600}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: SECONDS must be a positive whole number, got '${seconds}'" >&2
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: ${ALL_TARGETS[*]})" >&2
  exit 2
fi
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${ALL_TARGETS[@]}")
for target in "${targets[@]}"; do
  if [[ ! " ${ALL_TARGETS[*]} " == *" ${target} "* ]]; then
    echo "fuzz.sh: unknown target '${target}' (targets: ${ALL_TARGETS[*]})" >&2
    exit 2
  fi
done

# The longest input each target is given: a CSR, a certificate bundle, a scenario, a calendar file,
# a time value, a shard's report.json.
max_len_of() {
  case "$1" in
    fuzz_csr_intake) echo 8192 ;;
    fuzz_chain_check | fuzz_scenario) echo 16384 ;;
    fuzz_calendar_file) echo 16384 ;;
    fuzz_time_parsers) echo 128 ;;
    fuzz_report_merge) echo 65536 ;;
  esac
}

# casim_install_packages from setup.sh (sourcing all of it would also configure and build casim).
eval "$(sed -n '/^casim_install_packages() {/,/^}/p' "${CASIM_ROOT}/scripts/setup.sh")"
declare -F casim_install_packages >/dev/null ||
  { echo "fuzz.sh: scripts/setup.sh no longer defines casim_install_packages" >&2; exit 2; }
casim_install_packages clang libclang-rt-dev cmake make libboost-test-dev libboost-date-time-dev libssl-dev \
  libcxxopts-dev libfmt-dev libyaml-cpp-dev nlohmann-json3-dev libpsl-dev publicsuffix libicu-dev

launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# RelWithDebInfo at -O1 without NDEBUG: fast enough to fuzz, with assertions and line numbers.
cmake -S "$CASIM_ROOT" -B "$BUILD_DIR" -DCMAKE_CXX_COMPILER=clang++ -DCASIM_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" --parallel 2 --target "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "${BUILD_DIR}/fuzz-logs"
found_any=0
summary=()
for target in "${targets[@]}"; do
  corpus="${BUILD_DIR}/corpus/${target}"
  findings="${BUILD_DIR}/findings/${target}"
  log="${BUILD_DIR}/fuzz-logs/${target}.log"
  mkdir -p "$corpus" "$findings"
  cp -f "${CASIM_ROOT}/tests/fuzz/corpus/${target}/"* "$corpus/"
  dict=()
  [ -f "${CASIM_ROOT}/tests/fuzz/dict/${target}.dict" ] && dict=("-dict=${CASIM_ROOT}/tests/fuzz/dict/${target}.dict")
  before="$(ls -A "$findings" | wc -l)"
  echo "fuzz.sh: ${target} for ${seconds}s (log: ${log})"
  start=$SECONDS
  status=0
  "${BUILD_DIR}/fuzz/${target}" "$corpus" "${dict[@]}" -max_total_time="$seconds" -max_len="$(max_len_of "$target")" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="${findings}/" >"$log" 2>&1 || status=$?
  elapsed=$((SECONDS - start))
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  after="$(ls -A "$findings" | wc -l)"
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    found_any=1
    result="FOUND something (exit ${status}; $((after - before)) new file(s) in ${findings})"
  else
    result="nothing found"
  fi
  summary+=("$(printf '%-18s %12s execs %6ss  %s' "$target" "${execs:-?}" "$elapsed" "$result")")
done

echo
echo "fuzz.sh: summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit "$found_any"
