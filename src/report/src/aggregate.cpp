// Aggregates over every run of a scenario, per validation level: min/P50/P90/P99/max of the time
// to issue (calendar seconds and business days) and failures by reason. Percentiles use the
// nearest-rank method (nearest_rank_percentile), so every figure is a time some order took.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "measure.hpp"

namespace casim::report {

double nearest_rank_percentile(std::vector<double> values, double p) {
  if (values.empty()) throw std::invalid_argument("nearest_rank_percentile of no values");
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(values.size()));
  const auto index = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
  return values[std::min(index, values.size() - 1)];
}

namespace detail {

std::optional<double> measure(const order::StageTiming& timing, scenario::TimeBound::Unit unit,
                              double business_day_seconds) {
  using Seconds = std::chrono::duration<double>;
  switch (unit) {
    case scenario::TimeBound::Unit::Calendar: return Seconds(timing.calendar).count();
    case scenario::TimeBound::Unit::BusinessDays:
      if (!timing.business) return std::nullopt;
      return Seconds(*timing.business).count() / business_day_seconds;
    case scenario::TimeBound::Unit::BusinessHours:
      if (!timing.business) return std::nullopt;
      return Seconds(*timing.business).count() / 3600.0;
  }
  return std::nullopt;
}

std::string describe(double value, scenario::TimeBound::Unit unit) {
  switch (unit) {
    case scenario::TimeBound::Unit::BusinessDays: return fmt::format("{:.2f} business days", value);
    case scenario::TimeBound::Unit::BusinessHours: return fmt::format("{:.2f} business hours", value);
    case scenario::TimeBound::Unit::Calendar: break;
  }
  const auto seconds = static_cast<long long>(std::llround(value));
  if (seconds < 3600) return fmt::format("{} min {} s", seconds / 60, seconds % 60);
  if (seconds < 86400) return fmt::format("{} h {} min", seconds / 3600, seconds / 60 % 60);
  return fmt::format("{} d {} h {} min", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60);
}

namespace {

struct Figures {
  std::optional<double>*min, *p50, *p90, *p99, *max;
};

void fill(const std::vector<double>& values, Figures figures) {
  if (values.empty()) return;
  *figures.min = *std::min_element(values.begin(), values.end());
  *figures.p50 = nearest_rank_percentile(values, 50);
  *figures.p90 = nearest_rank_percentile(values, 90);
  *figures.p99 = nearest_rank_percentile(values, 99);
  *figures.max = *std::max_element(values.begin(), values.end());
}

}  // namespace

std::vector<LevelAggregate> level_aggregates(const ScenarioReport& report) {
  std::vector<LevelAggregate> aggregates;
  const double day_seconds = report.review_calendar.business_day_seconds();
  for (const mockca::ValidationLevel level : mockca::kValidationLevels) {
    LevelAggregate aggregate;
    aggregate.level = level;
    std::vector<double> seconds, business_days;
    std::map<mockca::Reason, int> failures;
    for (const RunRecord& run : report.runs) {
      for_each_order(run, [&](const OrderFacts& order) {
        if (order.level != level) return;
        ++aggregate.orders;
        if (order.outcome == order::Outcome::Issued) {
          ++aggregate.issued;
          seconds.push_back(*measure(order.total, scenario::TimeBound::Unit::Calendar, day_seconds));
          if (const auto days = measure(order.total, scenario::TimeBound::Unit::BusinessDays, day_seconds)) {
            business_days.push_back(*days);
          }
        } else if (order.primary_reason) {
          ++failures[*order.primary_reason];  // the primary reason: the CA's own comes first
        }
      });
    }
    if (aggregate.orders == 0) continue;
    fill(seconds, {&aggregate.min_s, &aggregate.p50_s, &aggregate.p90_s, &aggregate.p99_s, &aggregate.max_s});
    fill(business_days, {&aggregate.min_bd, &aggregate.p50_bd, &aggregate.p90_bd, &aggregate.p99_bd, &aggregate.max_bd});
    aggregate.failures_by_reason.assign(failures.begin(), failures.end());
    std::stable_sort(aggregate.failures_by_reason.begin(), aggregate.failures_by_reason.end(),
                     [](const auto& a, const auto& b) {
                       if (a.second != b.second) return a.second > b.second;
                       return mockca::info(a.first).code < mockca::info(b.first).code;
                     });
    aggregates.push_back(std::move(aggregate));
  }
  return aggregates;
}

}  // namespace detail
}  // namespace casim::report
