#!/usr/bin/env bash
# Benchmarks, each printed beside the reference measured in the same run on this machine, with the
# ratio and the target: the kernel against SimPy's hold model, certificate issuance against
# `openssl speed` signatures, whole orders against their targets (with the profile-guided build of
# scripts/build-pgo.sh beside the default one), `casim serve` against its request rate target, and
# the peak memory of `casim run` on a million orders against its limit. Installs what is missing and
# builds the casim command in build/ (Release) first. Exit 0 when every target is met, 1 otherwise.
#   scripts/bench.sh [SECTION...]   sections: kernel issue pipeline pgo agents serve suite memory (default: all)
set -euo pipefail
sections=("$@")
[ $# -gt 0 ] || sections=(kernel issue pipeline pgo agents serve suite memory)
for section in "${sections[@]}"; do
  case "$section" in
    kernel | issue | pipeline | pgo | agents | serve | suite | memory) ;;
    *) echo "usage: scripts/bench.sh [kernel|issue|pipeline|pgo|agents|serve|suite|memory]..." >&2; exit 2 ;;
  esac
done
CASIM_BUILD_TARGETS=casim
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

casim="$CASIM_ROOT/build/casim"
shared="$CASIM_ROOT/../shared"
failures=0

# json_field JSON KEY: one field of a one-line JSON object.
json_field() { /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# best_of N COMMAND...: runs a JSON-printing benchmark N times and prints the fastest run's line,
# judged by FIELD (the environment variable BEST_FIELD).
best_of() {
  local runs="$1" best="" best_value=0 line value
  shift
  for _ in $(seq "$runs"); do
    line="$("$@")"
    value="$(json_field "$line" "$BEST_FIELD")"
    if [ -z "$best" ] || /usr/bin/python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > float(sys.argv[2]) else 1)' "$value" "$best_value"; then
      best="$line"; best_value="$value"
    fi
  done
  echo "$best"
}

# faster LINE_A LINE_B: of two `bench pipeline` JSON lines (the first may be empty), the one with
# more orders per second.
faster() {
  if [ -z "$1" ] || /usr/bin/python3 -c 'import json,sys; a, b = (json.loads(x)["orders_per_second"] for x in sys.argv[1:]); sys.exit(0 if b > a else 1)' "$1" "$2"; then
    echo "$2"
  else
    echo "$1"
  fi
}

# alternating_best N A B: runs the `bench pipeline` commands in the arrays named A and B (each a
# casim binary and its arguments) by turns, N times each, and sets best_a and best_b to each one's
# fastest JSON line. Runs taken by turns share the phases of a host whose speed drifts, so the ratio
# of the two compares like with like.
alternating_best() {
  local runs="$1" line
  local -n command_a="$2" command_b="$3"
  best_a=""
  best_b=""
  for _ in $(seq "$runs"); do
    line="$("${command_a[@]}" --json)"
    best_a="$(faster "$best_a" "$line")"
    line="$("${command_b[@]}" --json)"
    best_b="$(faster "$best_b" "$line")"
  done
}

# report NAME FIGURE REFERENCE_NAME REFERENCE TARGET_RATIO: prints one row and counts a miss.
report() {
  local name="$1" figure="$2" reference_name="$3" reference="$4" target="$5"
  local verdict
  verdict="$(/usr/bin/python3 - "$figure" "$reference" "$target" <<'PY'
import sys
figure, reference, target = map(float, sys.argv[1:])
ratio = figure / reference
print(f"{ratio:.3g} {'PASS' if ratio >= target else 'FAIL'}")
PY
)"
  printf '%-34s %14.0f   %-26s %14.0f   ratio %-8s target >= %-5s %s\n' \
    "$name" "$figure" "$reference_name" "$reference" "${verdict% *}" "$target" "${verdict#* }"
  [ "${verdict#* }" = PASS ] || failures=$((failures + 1))
}

bench_kernel() {
  local pending=1000 events=1000000 casim_line simpy_line simpy_rate
  [ -f "$shared/bench/simpy_hold.py" ] || { echo "casim bench: $shared/bench/simpy_hold.py not found (shared/ must sit beside the repository)" >&2; exit 2; }
  casim_install_packages python3-simpy
  echo "Kernel: hold model, $pending pending events, $events events (best of 3 runs each)"
  casim_line="$(BEST_FIELD=events_per_s best_of 3 "$casim" bench kernel --pending "$pending" --events "$events" --json)"
  simpy_rate=0
  for _ in 1 2 3; do
    simpy_line="$(/usr/bin/python3 "$shared/bench/simpy_hold.py" "$pending" "$events")"
    local rate="${simpy_line##*events_per_s=}"
    [ "$rate" -gt "$simpy_rate" ] && simpy_rate="$rate"
  done
  report "casim kernel events/s" "$(json_field "$casim_line" events_per_s)" "SimPy events/s" "$simpy_rate" 40
}

# openssl_sign_rate ALGORITHM: signatures per user-CPU-second from `openssl speed` (its
# machine-readable +F2/+F4 line: index, bits, sign/s, verify/s), the best of 3 runs like casim's.
openssl_sign_rate() {
  local best=0 rate
  for _ in 1 2 3; do
    rate="$(openssl speed -mr -seconds 3 "$1" 2>/dev/null | awk -F: '/^\+F[24]:/ {print $4; exit}')"
    [ -n "$rate" ] || { echo "casim bench: no result from openssl speed $1" >&2; exit 2; }
    best="$(/usr/bin/python3 -c 'import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))' "$best" "$rate")"
  done
  echo "$best"
}

bench_issue() {
  local count=20000 line
  echo
  echo "Issuance: $count DV certificates from prepared CSRs, per CPU-second (best of 3 runs each)"
  line="$(BEST_FIELD=certs_per_cpu_second best_of 3 "$casim" bench issue --ca-key ecdsa --count "$count" --json)"
  report "casim issue, ECDSA P-256 CA" "$(json_field "$line" certs_per_cpu_second)" \
    "openssl speed ecdsap256" "$(openssl_sign_rate ecdsap256)" 0.5
  line="$(BEST_FIELD=certs_per_cpu_second best_of 3 "$casim" bench issue --ca-key rsa --count 5000 --json)"
  report "casim issue, RSA-2048 CA" "$(json_field "$line" certs_per_cpu_second)" \
    "openssl speed rsa2048" "$(openssl_sign_rate rsa2048)" 0.8
}

# report_at_most NAME FIGURE LIMIT_NAME LIMIT: like report, for a figure that must stay at or under a limit.
report_at_most() {
  local name="$1" figure="$2" limit_name="$3" limit="$4"
  local verdict
  verdict="$(/usr/bin/python3 - "$figure" "$limit" <<'PY'
import sys
figure, limit = map(float, sys.argv[1:])
ratio = figure / limit
print(f"{ratio:.3g} {'PASS' if ratio <= 1 else 'FAIL'}")
PY
)"
  printf '%-34s %14.1f   %-26s %14.0f   ratio %-8s target <= %-5s %s\n' \
    "$name" "$figure" "$limit_name" "$limit" "${verdict% *}" 1 "${verdict#* }"
  [ "${verdict#* }" = PASS ] || failures=$((failures + 1))
}

# Whole orders (a DV/OV/EV mix, simulated end to end by `casim bench pipeline`): with certificates
# against the ECDSA P-256 sign rate, timing only against the kernel's hold-model events/s, growth
# from 100,000 to 1,000,000 orders (time and peak memory), and --jobs 2 against --jobs 1.
bench_pipeline() {
  local line kernel_line small large one two
  echo
  echo "Pipeline: whole orders per wall-clock second (best of 3 runs each unless said)"
  line="$(BEST_FIELD=orders_per_second best_of 3 "$casim" bench pipeline --orders 5000 --json)"
  report "casim orders/s, certificates" "$(json_field "$line" orders_per_second)" \
    "openssl speed ecdsap256" "$(openssl_sign_rate ecdsap256)" 0.1
  kernel_line="$(BEST_FIELD=events_per_s best_of 3 "$casim" bench kernel --json)"
  line="$(BEST_FIELD=orders_per_second best_of 3 "$casim" bench pipeline --orders 20000 --no-certs --json)"
  report "casim orders/s, timing only" "$(json_field "$line" orders_per_second)" \
    "kernel hold events/s" "$(json_field "$kernel_line" events_per_s)" 0.02
  report "casim orders/s, timing only" "$(json_field "$line" orders_per_second)" \
    "target orders/s per core" 100000 1

  # Time for 1,000,000 orders <= 11x the time for 100,000, i.e. the rate keeps >= 10/11 of itself.
  echo "Growth: timing only, 100,000 and 1,000,000 orders by turns (best of 2 runs each)"
  local small_run=("$casim" bench pipeline --orders 100000 --no-certs)
  local large_run=("$casim" bench pipeline --orders 1000000 --no-certs)
  alternating_best 2 small_run large_run
  small="$best_a"
  large="$best_b"
  report "orders/s at 1,000,000" "$(json_field "$large" orders_per_second)" \
    "orders/s at 100,000" "$(json_field "$small" orders_per_second)" 0.91
  report_at_most "peak RSS MiB at 1,000,000" \
    "$(/usr/bin/python3 -c 'import sys; print(int(sys.argv[1]) / 1048576)' "$(json_field "$large" peak_rss_bytes)")" \
    "limit MiB (1 GiB)" 1024

  echo "Parallel: timing only, 20,000 orders, --jobs 1 and --jobs 2 by turns (best of 3 runs each)"
  local one_job=("$casim" bench pipeline --orders 20000 --no-certs --jobs 1)
  local two_jobs=("$casim" bench pipeline --orders 20000 --no-certs --jobs 2)
  alternating_best 3 one_job two_jobs
  one="$best_a"
  two="$best_b"
  report "orders/s with --jobs 2" "$(json_field "$two" orders_per_second)" \
    "orders/s with --jobs 1" "$(json_field "$one" orders_per_second)" 1.8
}

# The profile-guided build (scripts/build-pgo.sh) beside the default one: how long it takes to build,
# a check that both write byte-identical reports of the bundled suite (timing only: certificates
# carry fresh keys), and the timing-only benchmark of both by turns, best of 3 runs each, the
# profile-guided build against the per-core target.
bench_pgo() {
  local dir start seconds pgo="$CASIM_ROOT/build-pgo/casim"
  dir="$(mktemp -d)"
  trap "rm -rf '$dir'" EXIT
  echo
  echo "Profile-guided build: scripts/build-pgo.sh (instrumented build, a run of the bundled suite, rebuild)"
  start="$EPOCHREALTIME"
  "$CASIM_ROOT/scripts/build-pgo.sh" >"$dir/build.log" 2>&1 ||
    { cat "$dir/build.log" >&2; echo "casim bench: scripts/build-pgo.sh failed" >&2; exit 2; }
  seconds="$(seconds_since "$start")"
  printf '%-34s %14.0f   (no target: scripts/run.sh builds the default one)\n' "profile-guided build wall-clock s" "$seconds"
  (cd "$CASIM_ROOT" && "$casim" run scenarios --no-certs --out "$dir/default" >/dev/null)
  (cd "$CASIM_ROOT" && "$pgo" run scenarios --no-certs --out "$dir/pgo" >/dev/null)
  if diff -r -q "$dir/default" "$dir/pgo" >"$dir/differences"; then
    printf '%-34s %14s\n' "reports of the bundled suite" "identical"
  else
    cat "$dir/differences"
    printf '%-34s %14s   FAIL\n' "reports of the bundled suite" "differ"
    failures=$((failures + 1))
  fi
  local default_run=("$casim" bench pipeline --orders 20000 --no-certs)
  local pgo_run=("$pgo" bench pipeline --orders 20000 --no-certs)
  alternating_best 3 default_run pgo_run
  printf '%-34s %14.0f   %-26s %14.0f   ratio %.3g\n' "profile-guided orders/s, timing" \
    "$(json_field "$best_b" orders_per_second)" "default build orders/s" "$(json_field "$best_a" orders_per_second)" \
    "$(/usr/bin/python3 -c 'import json, sys; a, b = (json.loads(x)["orders_per_second"] for x in sys.argv[1:]); print(b / a)' "$best_a" "$best_b")"
  report "profile-guided orders/s, timing" "$(json_field "$best_b" orders_per_second)" \
    "target orders/s per core" 100000 1
  rm -rf "$dir"
  trap - EXIT
}

# External agents (`casim run --agent`): casim's own CPU time per protocol message with an agent that
# only yields (target <= 20 µs), and the Python reference agent beside the built-in logic.
bench_agents() {
  local echo_line builtin reference
  echo
  echo "Agents: timing only, one run each: 10,000 orders with an agent that only yields, 2,000 with"
  echo "the Python reference agent beside the built-in logic"
  echo_line="$("$casim" bench pipeline --orders 10000 --no-certs --json \
    --agent "/usr/bin/python3 $CASIM_ROOT/scripts/bench_echo_agent.py")"
  report_at_most "casim CPU µs per message (echo)" "$(json_field "$echo_line" casim_cpu_us_per_message)" \
    "target µs" 20
  builtin="$("$casim" bench pipeline --orders 2000 --no-certs --json)"
  reference="$("$casim" bench pipeline --orders 2000 --no-certs --json \
    --agent "/usr/bin/python3 $CASIM_ROOT/examples/agents/python/reference_platform.py")"
  printf '%-34s %14.0f   %-26s %14.0f   (messages/s %0.f, casim CPU %.1f µs per message)\n' \
    "reference agent orders/s" "$(json_field "$reference" orders_per_second)" \
    "built-in orders/s" "$(json_field "$builtin" orders_per_second)" \
    "$(json_field "$reference" messages_per_second)" "$(json_field "$reference" casim_cpu_us_per_message)"
}

# cpu_seconds PID: the user and system CPU time the process has used so far.
cpu_seconds() { awk -v ticks="$(getconf CLK_TCK)" '{print ($14 + $15) / ticks}' "/proc/$1/stat"; }

# casim serve, the HTTP emulator, on loopback: DescribeCertificateDetail requests/s from wrk over
# keep-alive with one pre-signed request (bench_serve_sign.js, bench_describe.lua), best of 3 runs,
# against the target of 5,000, with the server's CPU time per request (to read beside the rate on
# a busy machine); then orders placed per second through the official Node.js SDK
# (bench_serve_orders.js: three calls an order), which has no target.
bench_serve() {
  local dir server endpoint="" answer best=0 fewest_us=0 rate count before us orders
  casim_install_packages wrk curl
  casim_install_node_sdk
  export NODE_PATH="$CASIM_ROOT/build/node/node_modules"
  dir="$(mktemp -d)"
  "$casim" serve "$CASIM_ROOT/tests/serve_sdk/data/world.yaml" --listen 127.0.0.1:0 --clock manual \
    --out "$dir/reports" >"$dir/serve.out" 2>"$dir/serve.err" &
  server=$!
  trap "kill $server 2>/dev/null; rm -rf '$dir'" EXIT
  for _ in $(seq 300); do
    endpoint="$(sed -n 's|^casim serve: listening on \(http://.*\)$|\1|p' "$dir/serve.out")"
    [ -n "$endpoint" ] && break
    sleep 0.1
  done
  [ -n "$endpoint" ] || { cat "$dir/serve.err" >&2; echo "casim bench: casim serve did not start" >&2; exit 2; }
  echo
  echo "Serve: casim serve on loopback, DescribeCertificateDetail from wrk (2 threads, 32 keep-alive"
  echo "connections, best of 3 runs of 5 s), then 2,000 orders through the Node.js SDK, 16 at a time"
  echo "(load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  node "$CASIM_ROOT/scripts/bench_serve_orders.js" "$endpoint" 1 1 >/dev/null  # cert-1, to describe
  eval "$(node "$CASIM_ROOT/scripts/bench_serve_sign.js" "$endpoint" DescribeCertificateDetail '{"CertificateId":"cert-1"}')"
  export CASIM_BENCH_BODY CASIM_BENCH_ACTION CASIM_BENCH_TIMESTAMP CASIM_BENCH_AUTHORIZATION
  answer="$(curl -sS "$endpoint/" -H "Content-Type: application/json" -H "X-TC-Action: $CASIM_BENCH_ACTION" \
    -H "X-TC-Version: 2019-12-05" -H "X-TC-Timestamp: $CASIM_BENCH_TIMESTAMP" \
    -H "Authorization: $CASIM_BENCH_AUTHORIZATION" --data "$CASIM_BENCH_BODY")"
  /usr/bin/python3 -c 'import json, sys; sys.exit("Error" in json.loads(sys.argv[1])["Response"])' "$answer" ||
    { echo "casim bench: casim serve refused the signed request: $answer" >&2; exit 2; }
  for _ in 1 2 3; do
    before="$(cpu_seconds "$server")"
    read -r rate count < <(wrk -t2 -c32 -d5s -s "$CASIM_ROOT/scripts/bench_describe.lua" "$endpoint/" |
      awk '/ requests in / {count = $1} /^Requests\/sec:/ {print $2, count}')
    us="$(/usr/bin/python3 -c 'import sys; a, b, n = map(float, sys.argv[1:]); print((b - a) / n * 1e6)' \
      "$before" "$(cpu_seconds "$server")" "$count")"
    best="$(/usr/bin/python3 -c 'import sys; print(max(map(float, sys.argv[1:])))' "$best" "$rate")"
    fewest_us="$(/usr/bin/python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print(min(a, b) if a else b)' "$fewest_us" "$us")"
  done
  report "serve describe requests/s (wrk)" "$best" "target requests/s" 5000 1
  printf '%-34s %14.1f   (%.0f requests per CPU-second of casim serve; fewest of the 3 runs)\n' \
    "serve CPU µs per describe" "$fewest_us" "$(/usr/bin/python3 -c 'import sys; print(1e6 / float(sys.argv[1]))' "$fewest_us")"
  before="$(cpu_seconds "$server")"
  orders="$(node "$CASIM_ROOT/scripts/bench_serve_orders.js" "$endpoint" 2000 16)"
  us="$(/usr/bin/python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print((b - a) / 2000 * 1e6)' "$before" "$(cpu_seconds "$server")")"
  printf '%-34s %14.0f   (%.0f SDK calls/s; casim serve CPU %.0f µs an order; no target)\n' \
    "serve orders/s (Node.js SDK)" "$(json_field "$orders" orders_per_second)" \
    "$(json_field "$orders" calls_per_second)" "$us"
  kill "$server"
  wait "$server" || true
  rm -rf "$dir"
  trap - EXIT
}

# seconds_since START: the wall-clock seconds since START (a $EPOCHREALTIME reading).
seconds_since() { /usr/bin/python3 -c 'import sys, time; print(time.time() - float(sys.argv[1]))' "$1"; }

# The bundled suite as scripts/run.sh runs it after the build (every format, run 0's certificates):
# wall-clock seconds, best of 3, against the target of 10 s.
bench_suite() {
  local dir best="" seconds start
  dir="$(mktemp -d)"
  trap "rm -rf '$dir'" EXIT
  echo
  echo "Suite: casim run scenarios/ (the bundled suite, every format), best of 3 runs"
  for run in 1 2 3; do
    start="$EPOCHREALTIME"
    "$casim" run "$CASIM_ROOT/scenarios" --out "$dir/out-$run" >/dev/null
    seconds="$(seconds_since "$start")"
    best="$(/usr/bin/python3 -c 'import sys; print(min(map(float, sys.argv[1:])))' $best "$seconds")"
  done
  report_at_most "bundled suite wall-clock s" "$best" "target s" 10
  rm -rf "$dir"
  trap - EXIT
}

# `casim run` on 1,000,000 timing-only orders (the bundled 10,000-order load scenario cut to 1,000
# orders, run 1,000 times, every run's orders in report.json and timings.csv): its peak RSS (GNU
# time's "Maximum resident set size", VmHWM) against the limit of 1 GiB, with the wall-clock time.
# It needs some 12 GB in the temporary folder (report.json is 5.6 GB, and the runs' files as much).
bench_memory() {
  local dir rss start seconds status=0
  casim_install_packages time
  dir="$(mktemp -d)"
  trap "rm -rf '$dir'" EXIT
  sed -e 's/^name: .*/name: million-orders/' -e 's/count: 10000/count: 1000/' \
    -e 's/spread: 30s/spread: 5m/' -e '/^expect:/,/^$/d' "$CASIM_ROOT/scenarios/load/ten-thousand-orders.yaml" \
    >"$dir/million-orders.yaml"
  printf 'runs: 1000\n' >>"$dir/million-orders.yaml"
  echo
  echo "Memory: casim run --no-certs of 1,000 orders x 1,000 runs (1,000,000 orders), one run"
  start="$EPOCHREALTIME"
  /usr/bin/time -f '%M' -o "$dir/rss" "$casim" run "$dir/million-orders.yaml" --no-certs --max-order-runs 1000000 \
    --out "$dir/out" >/dev/null || status=$?
  seconds="$(printf '%.0f' "$(seconds_since "$start")")"
  [ "$status" -le 1 ] || { echo "casim bench: casim run exited $status" >&2; exit 2; }
  rss="$(tail -1 "$dir/rss")"
  report_at_most "peak RSS MiB, 1,000,000 orders" "$((rss / 1024))" "limit MiB (1 GiB)" 1024
  printf '%-34s %14s   (report.json %s MiB, timings.csv %s MiB)\n' "wall-clock seconds" "$seconds" \
    "$(($(stat -c %s "$dir/out/report.json") / 1048576))" "$(($(stat -c %s "$dir/out/timings.csv") / 1048576))"
  rm -rf "$dir"
  trap - EXIT
}

for section in "${sections[@]}"; do "bench_$section"; done
echo
if [ "$failures" -eq 0 ]; then echo "bench: every target met"; else echo "bench: $failures target(s) missed"; exit 1; fi
