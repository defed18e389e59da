// Clean stops of `casim run` and `casim merge` on SIGINT and SIGTERM: the signal handler only
// records which signal came; the command asks between steps and, once asked to stop, hands out
// no more work, publishes nothing and exits 128 + the signal (130 for SIGINT, 143 for SIGTERM).
#pragma once

#include <string>

namespace casim::cli {

// Catches SIGINT and SIGTERM while it lives and restores the previous handlers after. A second
// signal of the same kind ends casim at once (the handler resets itself when it first runs).
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  bool requested() const;
  // 128 + the signal received; only meaningful once requested().
  int exit_code() const;
  // Says on stderr that `what` (e.g. "the run") stopped and nothing was published; returns exit_code().
  int report(const std::string& what) const;
};

}  // namespace casim::cli
