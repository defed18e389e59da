// The instants a run can reach, checked before it runs: from `start` to the horizon, and the
// validity of a certificate issued at the horizon, must lie within the years casim handles, and the
// year it starts in within those its calendars have data for.
#include <fmt/format.h>

#include "casim/mockca/validity_policy.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

// The last year a run may reach, its certificates' validity included. Dates go up to 9999; that
// year is kept for what looks past a run's end (local times ahead of UTC, the next business day).
constexpr int kLastReachableYear = 9998;

std::string duration_text(sim::Duration duration) { return sim::format_duration(sim::DurationSpec::calendar(duration)); }

// A listed-years calendar must have data for the year a run starts in (in its own time zone): every
// order starts there. Later years are not required: most runs end long before their horizon (400
// days by default), and one still going when the data ends stops there (docs/scenario-format.md).
void check_start_year(Reader& reader, const YAML::Node& start_node, const std::string& key,
                      const sim::Calendar& calendar, sim::Instant start) {
  const auto covered = calendar.covered_years();
  const int year = calendar.time_zone().to_local(start).date.year();
  if (!covered || covered->count(year) != 0) return;
  reader.error(start_node, fmt::format("start: {} is in {} in the time zone of {} calendar '{}', which has no data "
                                       "for {} (it covers {}); start in a year it covers or add the year's holidays in a "
                                       "calendar file in {} (sim/calendars/README.md)",
                                       sim::format_instant(start), year, key, calendar.name(), year,
                                       sim::format_years(*covered), sim::kUserCalendarPlaces));
}

}  // namespace

void check_reachable(Reader& reader, const Section& top, const order::RunConfig& config) {
  const YAML::Node start_node = top.get("start");
  const auto& pre_review = config.ca.pre_review_calendar;
  const auto& review = config.ca.review_calendar;
  if (pre_review) check_start_year(reader, start_node, "the pre-review", *pre_review, config.start);
  if (review && !(pre_review && pre_review->name() == review->name())) {
    check_start_year(reader, start_node, "the review", *review, config.start);
  }
  const sim::Duration validity = sim::kDay * mockca::max_validity_days(config.start);
  const sim::Instant last_allowed = sim::start_of_day_utc(sim::Date(kLastReachableYear + 1, 1, 1)) - sim::kSecond;
  if (config.start + config.limits.horizon + validity <= last_allowed) return;
  const sim::Instant latest_start = last_allowed - config.limits.horizon - validity;
  reader.error(start_node,
               fmt::format("start: {} plus the horizon ({}) and the validity of a certificate issued then ({}) "
                           "reaches past {}, the last year a run may reach (casim's dates end in 9999); start by "
                           "{} or shorten limits.horizon",
                           sim::format_instant(config.start), duration_text(config.limits.horizon),
                           duration_text(validity), kLastReachableYear, sim::format_instant(latest_start)));
}

}  // namespace casim::scenario::detail
