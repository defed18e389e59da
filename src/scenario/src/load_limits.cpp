// `limits:` (when a run stops) and `platform:` (the reseller's own rules).
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

// A run may overshoot its event limit by one slice's events: keep slices short.
constexpr sim::Duration kMaxSlice = sim::kDay;

}  // namespace

void load_limits(Context& context, const YAML::Node& node, order::RunLimits& limits) {
  Reader& reader = context.reader;
  const Section s(reader, node, "limits", "limits");
  if (const auto v = s.get("horizon")) {
    const auto horizon = read_duration(reader, v, s.path("horizon"));
    if (horizon && *horizon <= sim::Duration::zero()) reader.error(v, s.path("horizon") + ": must be longer than 0s");
    if (horizon && *horizon > sim::Duration::zero()) limits.horizon = *horizon;
  }
  if (const auto v = s.get("max_events")) {
    if (const auto n = read_integer(reader, v, s.path("max_events"), 1, INT64_MAX))
      limits.max_events = static_cast<std::uint64_t>(*n);
  }
  if (const auto v = s.get("slice")) {
    const auto slice = read_duration(reader, v, s.path("slice"));
    const bool fits = slice && *slice > sim::Duration::zero() && *slice <= kMaxSlice;
    if (slice && !fits) {
      reader.error(v, s.path("slice") + ": must be longer than 0s and at most 1d (the event limit is checked "
                                        "between slices)");
    }
    if (fits) limits.slice = *slice;
  }
}

void load_platform(Context& context, const YAML::Node& node, order::PlatformSettings& settings) {
  Reader& reader = context.reader;
  const Section s(reader, node, "platform", "platform");
  if (const auto v = s.get("expiry_notice_days")) {
    std::vector<int> days;
    for_each_item(reader, v, s.path("expiry_notice_days"), [&](const YAML::Node& item, const std::string& path) {
      if (const auto n = read_integer(reader, item, path, 0, 3650)) days.push_back(static_cast<int>(*n));
    });
    settings.expiry_notice_days = std::move(days);
  }
  if (const auto v = s.get("renewal_window")) {
    if (const auto d = read_duration(reader, v, s.path("renewal_window"))) settings.renewal_window = *d;
  }
  if (const auto v = s.get("multi_year_lead")) {
    if (const auto d = read_duration(reader, v, s.path("multi_year_lead"))) settings.multi_year_lead = *d;
  }
}

}  // namespace casim::scenario::detail
