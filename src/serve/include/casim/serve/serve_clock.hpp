// ServeClock: how `casim serve`'s simulated time follows the wall clock — not at all (manual: only
// the management API moves it) or scaled (one wall second = `speed` simulated seconds; realtime is
// speed 1).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "casim/sim/time.hpp"

namespace casim::serve {

enum class ClockMode { Manual, Scaled, Realtime };
std::string_view clock_mode_name(ClockMode mode);  // "manual", "scaled", "realtime"
std::optional<ClockMode> clock_mode_named(std::string_view name);

class ServeClock {
 public:
  using WallTime = std::chrono::steady_clock::time_point;

  ServeClock() = default;
  // Only Scaled takes `speed` (a finite number > 0, else std::invalid_argument); the others run at 1.
  ServeClock(ClockMode mode, double speed);

  ClockMode mode() const { return mode_; }
  double speed() const { return speed_; }
  // From now on, simulated time `at` stands for `wall` (after the session starts or the clock
  // was moved by hand).
  void anchor(sim::Instant at, WallTime wall);
  // The simulated instant `wall` stands for; none in manual mode or before anchoring.
  std::optional<sim::Instant> instant_at(WallTime wall) const;

 private:
  ClockMode mode_ = ClockMode::Manual;
  double speed_ = 1;
  std::optional<std::pair<sim::Instant, WallTime>> anchor_;
};

}  // namespace casim::serve
