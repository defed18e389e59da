// Shared by evaluate.cpp, aggregate.cpp and the writers: a stage's duration in the unit of a time
// bound, the per-level aggregates of a scenario's runs, and every order's facts of a run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "casim/report/report.hpp"

namespace casim::report::detail {

// The stage's duration in `unit`: calendar seconds, business days (business time ÷ the length of
// a business day) or business hours; none when its business time is unknown.
std::optional<double> measure(const order::StageTiming& timing, scenario::TimeBound::Unit unit,
                              double business_day_seconds);
// "3.25 business days", "2 h 5 min" (calendar), "4.5 business hours".
std::string describe(double value, scenario::TimeBound::Unit unit);

std::vector<LevelAggregate> level_aggregates(const ScenarioReport& report);

// Calls visit(facts) for every order of `run`, in order: its spilled facts, or those of its orders.
template <typename Visit>
void for_each_order(const RunRecord& run, Visit visit) {
  if (run.spilled) {
    for (const OrderFacts& facts : run.spilled->facts) visit(facts);
  } else {
    for (const order::OrderResult& order : run.orders) visit(facts_of(order));
  }
}

}  // namespace casim::report::detail
