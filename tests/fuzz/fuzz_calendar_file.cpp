// Fuzz target: the calendar file reader (sim/calendars/README.md's format). parse_calendar takes
// the text directly; a calendar it accepts is then used for a year's listing, business days and
// business time, so what the reader lets through must not break the arithmetic either.
#include <string_view>

#include "casim/sim/calendar_library.hpp"
#include "fuzz_targets.hpp"

namespace casim::fuzz {

int fuzz_calendar_file(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sim::Calendar calendar = sim::parse_calendar(text, "FUZZ", "FUZZ.yaml");
  const auto years = calendar.covered_years();
  const int year = years ? *years->begin() : 2026;
  const sim::Date first(static_cast<unsigned short>(year), 1, 1);
  calendar.special_days(year);
  if (!calendar.covers(year + 1)) return 0;  // the walks below may step into the next year
  calendar.add_business_days(first, 20);
  calendar.business_days_between(first, first + boost::gregorian::days(300));
  const sim::Instant from = calendar.time_zone().to_utc(first, sim::kHour * 10);
  const sim::Instant until = calendar.add_business_time(from, sim::kHour * 100);
  if (calendar.business_time_between(from, until) != sim::kHour * 100) {
    throw std::logic_error("business_time_between does not undo add_business_time");
  }
  return 0;
}

}  // namespace casim::fuzz
