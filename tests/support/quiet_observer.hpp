// A RunObserver that shows nothing and never asks to stop, for tests that call casim_run directly.
#pragma once

#include <cstddef>

#include "casim/run/suite.hpp"

namespace casim::test {

class QuietObserver final : public run::RunObserver {
 public:
  void progress(std::size_t, std::size_t) override {}
  bool stop_requested() override { return false; }
};

}  // namespace casim::test
