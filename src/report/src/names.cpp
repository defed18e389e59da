// Enum names of report.json and their inverses: each inverse searches the enum's own name
// function, so a name written by one version of the writer is read by the same table.
#include "names.hpp"

#include <algorithm>

#include <array>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::report::detail {
namespace {

// The value of `values` whose name(value) is `text`; InputError listing every name otherwise.
template <typename Enum, typename Values, typename Name>
Enum find_named(const Values& values, Name name, std::string_view text, const std::string& where,
                std::string_view what) {
  std::string expected;
  for (const Enum value : values) {
    if (name(value) == text) return value;
    expected += fmt::format("{}'{}'", expected.empty() ? "" : ", ", name(value));
  }
  throw InputError(where, fmt::format("unknown {} '{}' (expected one of {})", what, text, expected));
}

constexpr std::array kOutcomes{order::Outcome::Unfinished, order::Outcome::Rejected, order::Outcome::Failed,
                               order::Outcome::Cancelled, order::Outcome::Issued, order::Outcome::NotPlaced};
constexpr std::array kOrigins{order::OrderOrigin::Placed, order::OrderOrigin::Reissue,
                              order::OrderOrigin::Renewal, order::OrderOrigin::MultiYear};
constexpr std::array kProducts{order::Product::Paid, order::Product::FreeDv};
constexpr std::array kStops{order::RunStop::Completed, order::RunStop::HorizonReached,
                            order::RunStop::EventLimitReached, order::RunStop::CalendarDataMissing,
                            order::RunStop::OrderingLogicFailed};
constexpr std::array kUnits{scenario::TimeBound::Unit::Calendar, scenario::TimeBound::Unit::BusinessDays,
                            scenario::TimeBound::Unit::BusinessHours};
constexpr std::array kKinds{scenario::AggregateExpectation::Kind::TimeToIssuePercentile,
                            scenario::AggregateExpectation::Kind::FailureRate,
                            scenario::AggregateExpectation::Kind::IssuedRate};

std::array<order::OrderEvent, order::kOrderEventCount> all_events() {
  std::array<order::OrderEvent, order::kOrderEventCount> events{};
  for (int i = 0; i < order::kOrderEventCount; ++i) events[static_cast<std::size_t>(i)] = static_cast<order::OrderEvent>(i);
  return events;
}

}  // namespace

std::string_view unit_name(scenario::TimeBound::Unit unit) {
  switch (unit) {
    case scenario::TimeBound::Unit::Calendar: return "calendar";
    case scenario::TimeBound::Unit::BusinessDays: return "business days";
    case scenario::TimeBound::Unit::BusinessHours: return "business hours";
  }
  return "calendar";
}

std::string_view kind_name(scenario::AggregateExpectation::Kind kind) {
  switch (kind) {
    case scenario::AggregateExpectation::Kind::TimeToIssuePercentile: return "time to issue percentile";
    case scenario::AggregateExpectation::Kind::FailureRate: return "failure rate";
    case scenario::AggregateExpectation::Kind::IssuedRate: return "issued rate";
  }
  return "failure rate";
}

std::string_view weekday_name(int weekday) {
  static constexpr std::array<std::string_view, 7> kNames{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                          "Thursday", "Friday", "Saturday"};
  return kNames[static_cast<std::size_t>(weekday)];
}

std::string status_text(mockca::Status status) {
  return fmt::format("{} ({})", mockca::code(status), mockca::status_name(status));
}

std::string order_status_text(const order::OrderResult& order) {
  return order.outcome == order::Outcome::NotPlaced ? "-" : status_text(order.status);
}

std::string product_label(const order::OrderResult& order) {
  const std::string level(mockca::level_name(order.level));
  return order.product == order::Product::FreeDv ? "free " + level : level;
}

std::string place_text(const scenario::SourceSpan& where) {
  if (where.line <= 0) return where.file;
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

order::Outcome parse_outcome(std::string_view text, const std::string& where) {
  return find_named<order::Outcome>(kOutcomes, order::outcome_name, text, where, "outcome");
}
order::Product parse_product(std::string_view text, const std::string& where) {
  return find_named<order::Product>(kProducts, order::product_name, text, where, "product");
}
order::OrderOrigin parse_origin(std::string_view text, const std::string& where) {
  return find_named<order::OrderOrigin>(kOrigins, order::origin_name, text, where, "origin");
}
order::Stage parse_stage(std::string_view text, const std::string& where) {
  std::string name(text);  // reports before casim spelt stages as scenario files do: "pre-review"
  std::replace_if(name.begin(), name.end(), [](char c) { return c == ' ' || c == '-'; }, '_');
  return find_named<order::Stage>(order::kStages, order::stage_name, name, where, "stage");
}
order::RunStop parse_stop(std::string_view text, const std::string& where) {
  return find_named<order::RunStop>(kStops, order::stop_name, text, where, "run stop");
}
order::OrderEvent parse_event(std::string_view text, const std::string& where) {
  return find_named<order::OrderEvent>(all_events(), order::event_name, text, where, "order event");
}
scenario::TimeBound::Unit parse_unit(std::string_view text, const std::string& where) {
  return find_named<scenario::TimeBound::Unit>(kUnits, unit_name, text, where, "time unit");
}
scenario::AggregateExpectation::Kind parse_kind(std::string_view text, const std::string& where) {
  return find_named<scenario::AggregateExpectation::Kind>(kKinds, kind_name, text, where, "aggregate kind");
}

int parse_weekday(std::string_view text, const std::string& where) {
  return find_named<int>(kWeekdaysFromMonday, weekday_name, text, where, "weekday");
}

mockca::Status parse_status(int code, const std::string& where) {
  if (const auto status = mockca::status_from_code(code)) return *status;
  throw InputError(where, fmt::format("unknown status code {} (expected 0 to {})", code, mockca::kStatusCount - 1));
}

mockca::Reason parse_reason(std::string_view code, const std::string& where) {
  if (const auto reason = mockca::reason_from_code(code)) return *reason;
  throw InputError(where, fmt::format("unknown reason code '{}' (see mockca/include/casim/mockca/reason.hpp)", code));
}

mockca::ValidationLevel parse_level_name(std::string_view text, const std::string& where) {
  return find_named<mockca::ValidationLevel>(mockca::kValidationLevels, mockca::level_name, text, where,
                                             "validation level");
}

}  // namespace casim::report::detail
