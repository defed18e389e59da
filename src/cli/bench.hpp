// The subcommands of `casim bench`, one per bench_<name>.cpp, listed in cmd_bench.cpp.
#pragma once

#include <chrono>

#include "cli_support.hpp"

namespace casim::cli {

int run_bench_kernel(const Args& args);  // bench_kernel.cpp
int run_bench_issue(const Args& args);  // bench_issue.cpp
int run_bench_pipeline(const Args& args);  // bench_pipeline.cpp

// Seconds on the steady clock, for a benchmark's wall time.
inline double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace casim::cli
