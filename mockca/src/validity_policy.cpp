// The Baseline Requirements' validity and reuse schedules (BR v2.2.6 §6.3.2 and §4.2.1) and the
// EV Guidelines' age of EV data (§11.14.3).
#include "casim/mockca/validity_policy.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <stdexcept>

namespace casim::mockca {
namespace {

using sim::Date;

// One step of a limit that tightens over time: from `from` (00:00 UTC) on, at most `days` days.
struct PolicyStep {
  Date from;
  int days;
};

constexpr auto kFarPast = boost::gregorian::min_date_time;

const std::array kMaxValidity{
    PolicyStep{Date(kFarPast), 825},
    PolicyStep{Date(2020, 9, 1), 398},
    PolicyStep{Date(2026, 3, 15), 200},
    PolicyStep{Date(2027, 3, 15), 100},
    PolicyStep{Date(2029, 3, 15), 47},
};

const std::array kDomainReuse{
    PolicyStep{Date(kFarPast), 398},
    PolicyStep{Date(2026, 3, 15), 200},
    PolicyStep{Date(2027, 3, 15), 100},
    PolicyStep{Date(2029, 3, 15), 10},
};

const std::array kOrganizationReuse{
    PolicyStep{Date(kFarPast), 825},
    PolicyStep{Date(2026, 3, 15), 398},
};

constexpr int kEvDataReuseDays = 398;

int days_at(std::span<const PolicyStep> steps, sim::Instant at) {
  int days = steps.front().days;
  for (const auto& step : steps) {
    if (at >= sim::start_of_day_utc(step.from)) days = step.days;
  }
  return days;
}

}  // namespace

int max_validity_days(sim::Instant issued_at) { return days_at(kMaxValidity, issued_at); }
int domain_reuse_days(sim::Instant at) { return days_at(kDomainReuse, at); }
int organization_reuse_days(sim::Instant at, ValidationLevel level) {
  const int br = days_at(kOrganizationReuse, at);
  return level == ValidationLevel::EV ? std::min(br, kEvDataReuseDays) : br;
}

sim::Instant validity_end(sim::Instant not_before, int days) {
  if (days <= 0) throw std::invalid_argument("validity_end: days must be positive");
  return not_before + sim::kDay * days - sim::kSecond;
}

}  // namespace casim::mockca
