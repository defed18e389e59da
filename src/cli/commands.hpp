// The top-level casim commands; each lives in its own cmd_<name>.cpp.
#pragma once

#include "cli_support.hpp"

namespace casim::cli {

int run_calendar(const Args& args);  // cmd_calendar.cpp
int run_bench(const Args& args);  // cmd_bench.cpp
int run_csr(const Args& args);  // cmd_csr.cpp
int run_ca(const Args& args);  // cmd_ca.cpp
int run_chain(const Args& args);  // cmd_chain.cpp
int run_run(const Args& args);  // cmd_run.cpp
int run_merge(const Args& args);  // cmd_merge.cpp
int run_diff(const Args& args);  // cmd_diff.cpp
int run_lint(const Args& args);  // cmd_lint.cpp
int run_serve(const Args& args);  // cmd_serve.cpp
int run_probe(const Args& args);  // cmd_probe.cpp

}  // namespace casim::cli
