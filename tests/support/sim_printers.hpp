// How Boost.Test prints casim's simulated-time values in failed comparisons: instants as ISO 8601,
// durations as their scenario text.
#pragma once

#include <ostream>

#include "casim/sim/duration.hpp"
#include "casim/sim/time.hpp"

namespace casim::sim {

inline std::ostream& boost_test_print_type(std::ostream& out, Instant at) { return out << format_instant(at); }
inline std::ostream& boost_test_print_type(std::ostream& out, const DurationSpec& spec) {
  return out << format_duration(spec);
}

}  // namespace casim::sim
