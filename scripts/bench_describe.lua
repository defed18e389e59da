-- wrk script of scripts/bench.sh: the same pre-signed reseller API request over and over (keep-alive),
-- from the CASIM_BENCH_* variables that bench_serve_sign.js prints.
wrk.method = "POST"
wrk.body = os.getenv("CASIM_BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-TC-Action"] = os.getenv("CASIM_BENCH_ACTION")
wrk.headers["X-TC-Version"] = "2019-12-05"
wrk.headers["X-TC-Timestamp"] = os.getenv("CASIM_BENCH_TIMESTAMP")
wrk.headers["Authorization"] = os.getenv("CASIM_BENCH_AUTHORIZATION")
