// Fuzz target: the duration, date and instant parsers (sim::parse_duration, parse_date,
// parse_instant) on arbitrary text; each value read must read back the same from its text form.
#include <stdexcept>
#include <string>
#include <string_view>

#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/time.hpp"
#include "fuzz_targets.hpp"

namespace casim::fuzz {
namespace {

// Runs `check`; casim's InputError is how a parser refuses bad text, so it is a normal outcome.
template <typename Check>
void refusing_bad_text(Check check) {
  try {
    check();
  } catch (const InputError&) {
  }
}

void require_round_trip(bool same, std::string_view what, std::string_view text, const std::string& formatted) {
  if (!same) {
    throw std::logic_error(std::string(what) + ": '" + std::string(text) + "' formats as '" + formatted +
                           "', which reads back differently");
  }
}

}  // namespace

int fuzz_time_parsers(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  refusing_bad_text([&] {
    const auto spec = sim::parse_duration(text);
    const auto formatted = sim::format_duration(spec);
    require_round_trip(sim::parse_duration(formatted) == spec, "parse_duration", text, formatted);
  });
  refusing_bad_text([&] {
    const auto date = sim::parse_date(text);
    const auto formatted = sim::format_date(date);
    require_round_trip(sim::parse_date(formatted) == date, "parse_date", text, formatted);
  });
  refusing_bad_text([&] {
    const auto instant = sim::parse_instant(text);
    const auto formatted = sim::format_instant(instant);
    require_round_trip(sim::parse_instant(formatted) == instant, "parse_instant", text, formatted);
  });
  return 0;
}

}  // namespace casim::fuzz
