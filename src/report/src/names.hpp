// Text names of the enums the report writes, and their inverses for reading report.json back.
// Every parse_* throws InputError naming `where` and listing what was expected.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/order/result.hpp"
#include "casim/mockca/status.hpp"
#include "casim/order/transition.hpp"
#include "casim/scenario/scenario.hpp"

namespace casim::report::detail {

std::string_view unit_name(scenario::TimeBound::Unit unit);  // "calendar", "business days", …
std::string_view kind_name(scenario::AggregateExpectation::Kind kind);  // "time to issue percentile", …
// "1 (issued)".
std::string status_text(mockca::Status status);
// The order's last status as status_text, "-" for an order never placed (it had none).
std::string order_status_text(const order::OrderResult& order);
// What the order is, as the summary and report.html label it: "free DV", or the level ("OV").
std::string product_label(const order::OrderResult& order);
// "file:line:col", or the file alone for a place without a line (the implicit `run completes`).
std::string place_text(const scenario::SourceSpan& where);
// The weekdays as numbers (0 = Sunday), Monday first: the order report.json lists a weekend in.
inline constexpr std::array<int, 7> kWeekdaysFromMonday{1, 2, 3, 4, 5, 6, 0};
std::string_view weekday_name(int weekday);  // "Sunday" for 0 … "Saturday" for 6

order::Outcome parse_outcome(std::string_view text, const std::string& where);
order::OrderOrigin parse_origin(std::string_view text, const std::string& where);
order::Product parse_product(std::string_view text, const std::string& where);
order::Stage parse_stage(std::string_view text, const std::string& where);
order::RunStop parse_stop(std::string_view text, const std::string& where);
order::OrderEvent parse_event(std::string_view text, const std::string& where);
mockca::Status parse_status(int code, const std::string& where);
mockca::Reason parse_reason(std::string_view code, const std::string& where);
mockca::ValidationLevel parse_level_name(std::string_view text, const std::string& where);
scenario::TimeBound::Unit parse_unit(std::string_view text, const std::string& where);
scenario::AggregateExpectation::Kind parse_kind(std::string_view text, const std::string& where);
int parse_weekday(std::string_view text, const std::string& where);

}  // namespace casim::report::detail
