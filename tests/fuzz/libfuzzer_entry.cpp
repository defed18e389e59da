// libFuzzer's entry point for one fuzz target, chosen at build time by CASIM_FUZZ_TARGET. As in
// test_fuzz_regressions.cpp, casim's InputError is bad input refused the documented way; anything
// else escaping reaches libFuzzer as a crash.
#include "casim/sim/error.hpp"
#include "fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    return casim::fuzz::CASIM_FUZZ_TARGET(data, size);
  } catch (const casim::InputError&) {
    return 0;
  }
}
