// ServeClock (serve_clock.hpp): modes and the wall-to-simulated mapping.
#include "casim/serve/serve_clock.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace casim::serve {

std::string_view clock_mode_name(ClockMode mode) {
  switch (mode) {
    case ClockMode::Manual: return "manual";
    case ClockMode::Scaled: return "scaled";
    case ClockMode::Realtime: return "realtime";
  }
  throw std::logic_error("clock_mode_name: unknown mode");
}

std::optional<ClockMode> clock_mode_named(std::string_view name) {
  for (const ClockMode mode : {ClockMode::Manual, ClockMode::Scaled, ClockMode::Realtime}) {
    if (clock_mode_name(mode) == name) return mode;
  }
  return std::nullopt;
}

ServeClock::ServeClock(ClockMode mode, double speed) : mode_(mode), speed_(mode == ClockMode::Scaled ? speed : 1) {
  if (!std::isfinite(speed_) || speed_ <= 0) throw std::invalid_argument("the clock's speed must be a number above 0");
}

void ServeClock::anchor(sim::Instant at, WallTime wall) { anchor_.emplace(at, wall); }

std::optional<sim::Instant> ServeClock::instant_at(WallTime wall) const {
  if (mode_ == ClockMode::Manual || !anchor_) return std::nullopt;
  const auto wall_elapsed = std::chrono::duration<double, std::micro>(wall - anchor_->second).count();
  const auto simulated = static_cast<sim::Duration::rep>(std::max(0.0, wall_elapsed * speed_));
  return anchor_->first + sim::Duration(simulated);
}

}  // namespace casim::serve
