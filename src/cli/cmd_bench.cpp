// `casim bench`: benchmarks of casim's engines against reference tools, one subcommand each.
#include <vector>

#include "bench.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

// One line per benchmark, in the order --help lists them.
const std::vector<Subcommand> kBenchmarks{
    Subcommand{"kernel", "The event kernel on the hold model (peer: shared/bench/simpy_hold.py)", run_bench_kernel},
    Subcommand{"issue", "Certificates per second from prepared CSRs (peer: openssl speed ecdsap256 / rsa2048)", run_bench_issue},
    Subcommand{"pipeline", "Whole orders per second, DV/OV/EV mix end to end (peers: openssl speed, bench kernel)", run_bench_pipeline},
};

}  // namespace

int run_bench(const Args& args) {
  return dispatch(args, "casim bench — benchmarks of casim's engines against reference tools", kBenchmarks);
}

}  // namespace casim::cli
