// write_diff_text: what `casim diff` prints (and writes as diff.txt). A headline with the counts,
// the notes about the two sets, then per scenario that changed its pass/fail line and one line per
// item (figures alike but for the percentile on one line) — regressions first, then improvements, other changes and notes; order changes beyond the
// first kListedOrderChanges of a scenario are counted, not listed (diff.json has every one).
// "no changes" when nothing differs at all.
#include <fmt/format.h>

#include "diff_parts.hpp"

namespace casim::report {
namespace {

constexpr std::size_t kListedOrderChanges = 10;

std::string_view label(Verdict verdict) {
  switch (verdict) {
    case Verdict::Regression: return "REGRESSION ";
    case Verdict::Improvement: return "improvement";
    case Verdict::Change: break;
  }
  return "change     ";
}

std::string scenario_line(const ScenarioDiff& s) {
  if (!s.in_base) return fmt::format("{}: in NEW only ({})", s.name, s.new_passed ? "passed" : "failed");
  if (!s.in_new) return fmt::format("{}: in BASE only ({})", s.name, s.base_passed ? "passed" : "failed");
  if (s.pass_fail_changed()) {
    return fmt::format("{}: {} → {}", s.name, s.base_passed ? "passed" : "failed", s.new_passed ? "passed" : "failed");
  }
  return fmt::format("{}: {} on both sides", s.name, s.new_passed ? "passed" : "failed");
}

std::string expectation_line(const ExpectationChange& e) {
  return fmt::format("expectation \"{}\": {} → {} — {}", e.id, detail::verdict_word(e.base_passed),
                     detail::verdict_word(e.new_passed), e.message);
}

std::string shift_line(const detail::ShiftLine& line) {
  const Shift& s = *line.shift;
  const std::string judged = s.verdict == Verdict::Change
                                 ? (s.base && s.now ? ", within --max-shift" : "")
                                 : fmt::format(", beyond {}", s.beyond);
  return fmt::format("{}: {} → {} ({}{})", line.name, detail::figure_value(s, s.base),
                     detail::figure_value(s, s.now), detail::relative_move(s), judged);
}

void write_scenario(const ScenarioDiff& s, std::ostream& out) {
  out << "\n" << scenario_line(s) << "\n";
  const std::vector<detail::ShiftLine> shifts = detail::shift_lines(s.shifts);
  for (const Verdict verdict : {Verdict::Regression, Verdict::Improvement, Verdict::Change}) {
    for (const auto& e : s.expectations) {
      if (e.verdict == verdict) out << fmt::format("  {}  {}\n", label(verdict), expectation_line(e));
    }
    for (const auto& line : shifts) {
      if (line.shift->verdict == verdict) out << fmt::format("  {}  {}\n", label(verdict), shift_line(line));
    }
  }
  for (const auto& f : s.failures) out << fmt::format("  {}  {}\n", label(Verdict::Change), detail::failure_count_text(f));
  for (std::size_t i = 0; i < s.orders.size() && i < kListedOrderChanges; ++i) {
    out << fmt::format("  {}  {}\n", label(Verdict::Change), detail::order_headline(s.orders[i]));
    out << fmt::format("               {}\n", detail::order_parting(s.orders[i]));
  }
  if (s.orders.size() > kListedOrderChanges) {
    out << fmt::format("  {}  … and {} more order changes (--format json lists every one)\n", label(Verdict::Change),
                       s.orders.size() - kListedOrderChanges);
  }
  for (const auto& lone : s.lone_orders) out << fmt::format("  {}  {}\n", label(Verdict::Change), detail::lone_order_text(lone));
  for (const auto& note : s.notes) out << fmt::format("  note         {}\n", note);
}

}  // namespace

void write_diff_text(const ReportDiff& diff, std::ostream& out) {
  std::string thresholds;
  for (const auto& t : diff.max_shift) thresholds += fmt::format("{}{}", thresholds.empty() ? "" : " ", t);
  out << fmt::format("casim diff: BASE {} → NEW {} (--max-shift {})\n", diff.base_where, diff.new_where, thresholds);
  if (diff.empty()) {
    out << "no changes\n";
    return;
  }
  const int regressions = diff.count(Verdict::Regression);
  const int improvements = diff.count(Verdict::Improvement);
  out << fmt::format("{} regression{}, {} improvement{}, {} other change{}\n", regressions, regressions == 1 ? "" : "s",
                     improvements, improvements == 1 ? "" : "s", diff.count(Verdict::Change),
                     diff.count(Verdict::Change) == 1 ? "" : "s");
  for (const auto& note : diff.notes) out << "note: " << note << "\n";
  for (const ScenarioDiff& s : diff.scenarios) write_scenario(s, out);
}

}  // namespace casim::report
