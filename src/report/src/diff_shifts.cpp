// The figures part of diff_reports: per validation level, the time to issue (min, P50, P90, P99,
// max of the level's aggregate) and each stage's P50 and P90 over the orders that went through it,
// in calendar seconds and business days, judged against --max-shift; and the failure counts by
// primary reason.
#include <chrono>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "diff_parts.hpp"
#include "measure.hpp"

namespace casim::report::detail {
namespace {

using Unit = scenario::TimeBound::Unit;

constexpr std::array kStagesTimed{order::Stage::PreReview, order::Stage::DomainValidation, order::Stage::Review,
                                  order::Stage::WaitingToIssue};

bool exceeds(const ShiftThreshold& threshold, double base, double now, double day_seconds) {
  const double move = std::abs(now - base);
  if (threshold.fraction) return base == 0 ? move > 0 : move / std::abs(base) > *threshold.fraction;
  const sim::DurationSpec& amount = *threshold.amount;
  switch (amount.unit) {
    case sim::DurationSpec::Unit::Calendar:
      return move > std::chrono::duration<double>(amount.as_calendar()).count();
    case sim::DurationSpec::Unit::BusinessDays: return move > amount.amount;
    case sim::DurationSpec::Unit::BusinessHours: return move * day_seconds / 3600.0 > amount.amount;
  }
  return false;
}

// The thresholds a move exceeds, joined ("5%, 30m"), when it exceeds every one that applies to the
// figure's unit; "" otherwise.
std::string beyond(const std::vector<ShiftThreshold>& thresholds, bool business, double base, double now,
                   double day_seconds) {
  std::vector<const ShiftThreshold*> applicable;
  for (const ShiftThreshold& t : thresholds) {
    if (t.fraction || t.amount->is_business() == business) applicable.push_back(&t);
  }
  static const ShiftThreshold kDefault = parse_shift_threshold("5%");
  if (applicable.empty()) applicable.push_back(&kDefault);
  std::string texts;
  for (const ShiftThreshold* t : applicable) {
    if (!exceeds(*t, base, now, day_seconds)) return "";
    texts += fmt::format("{}{}", texts.empty() ? "" : ", ", t->text);
  }
  return texts;
}

// One figure of one level on both sides, in calendar seconds and in business days.
struct FigurePair {
  std::string figure;
  std::optional<double> base_s, new_s, base_bd, new_bd;
};

void judge(mockca::ValidationLevel level, const FigurePair& pair, const DiffOptions& options, double day_seconds,
           ScenarioDiff& diff) {
  for (const bool business : {false, true}) {
    const auto& base = business ? pair.base_bd : pair.base_s;
    const auto& now = business ? pair.new_bd : pair.new_s;
    if (base == now) continue;
    Shift shift{level, pair.figure, business, base, now, Verdict::Change, ""};
    if (base && now) {
      shift.beyond = beyond(options.max_shift, business, *base, *now, day_seconds);
      if (!shift.beyond.empty()) shift.verdict = *now > *base ? Verdict::Regression : Verdict::Improvement;
    }
    diff.shifts.push_back(std::move(shift));
  }
}

std::vector<FigurePair> time_to_issue(const LevelAggregate& a, const LevelAggregate& b) {
  return {{"time to issue min", a.min_s, b.min_s, a.min_bd, b.min_bd},
          {"time to issue p50", a.p50_s, b.p50_s, a.p50_bd, b.p50_bd},
          {"time to issue p90", a.p90_s, b.p90_s, a.p90_bd, b.p90_bd},
          {"time to issue p99", a.p99_s, b.p99_s, a.p99_bd, b.p99_bd},
          {"time to issue max", a.max_s, b.max_s, a.max_bd, b.max_bd}};
}

// P50 and P90 of `stage` over the orders of `level` that went through it (left it).
std::array<std::optional<double>, 4> stage_figures(const ScenarioReport& report, mockca::ValidationLevel level,
                                                   order::Stage stage) {
  const double day_seconds = report.review_calendar.business_day_seconds();
  std::vector<double> seconds, days;
  for (const RunRecord& run : report.runs) {
    for (const order::OrderResult& o : run.orders) {
      const order::StageTiming& timing = o.timing(stage);
      if (o.level != level || !timing.entered() || timing.open) continue;
      seconds.push_back(*measure(timing, Unit::Calendar, day_seconds));
      if (const auto d = measure(timing, Unit::BusinessDays, day_seconds)) days.push_back(*d);
    }
  }
  std::array<std::optional<double>, 4> figures;  // p50 s, p90 s, p50 bd, p90 bd
  if (!seconds.empty()) figures[0] = nearest_rank_percentile(seconds, 50), figures[1] = nearest_rank_percentile(seconds, 90);
  if (!days.empty()) figures[2] = nearest_rank_percentile(days, 50), figures[3] = nearest_rank_percentile(days, 90);
  return figures;
}

void diff_failures(const LevelAggregate& a, const LevelAggregate& b, ScenarioDiff& diff) {
  std::map<mockca::Reason, std::pair<int, int>> counts;
  for (const auto& [reason, count] : a.failures_by_reason) counts[reason].first = count;
  for (const auto& [reason, count] : b.failures_by_reason) counts[reason].second = count;
  for (const auto& [reason, pair] : counts) {
    if (pair.first != pair.second) diff.failures.push_back({a.level, reason, pair.first, pair.second});
  }
}

const LevelAggregate* aggregate_of(const ScenarioReport& report, mockca::ValidationLevel level) {
  for (const LevelAggregate& a : report.aggregates) {
    if (a.level == level) return &a;
  }
  return nullptr;
}

}  // namespace

void diff_figures(const ScenarioReport& base, const ScenarioReport& now, const DiffOptions& options, ScenarioDiff& diff) {
  const double day_seconds = now.review_calendar.business_day_seconds();
  for (const mockca::ValidationLevel level : mockca::kValidationLevels) {
    const LevelAggregate* a = aggregate_of(base, level);
    const LevelAggregate* b = aggregate_of(now, level);
    if (a == nullptr && b == nullptr) continue;
    if (a == nullptr || b == nullptr) {
      diff.notes.push_back(fmt::format("{} orders in {} only ({}): no figures to compare them with",
                                       mockca::level_name(level), a ? "BASE" : "NEW", (a ? a : b)->orders));
      continue;
    }
    for (const FigurePair& pair : time_to_issue(*a, *b)) judge(level, pair, options, day_seconds, diff);
    for (const order::Stage stage : kStagesTimed) {
      const auto x = stage_figures(base, level, stage);
      const auto y = stage_figures(now, level, stage);
      const std::string name(order::stage_name(stage));
      judge(level, {name + " p50", x[0], y[0], x[2], y[2]}, options, day_seconds, diff);
      judge(level, {name + " p90", x[1], y[1], x[3], y[3]}, options, day_seconds, diff);
    }
    diff_failures(*a, *b, diff);
  }
}

}  // namespace casim::report::detail
