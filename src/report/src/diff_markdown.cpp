// write_diff_markdown: diff.md, a pull-request comment — a headline with the counts, what was
// compared, a table of the regressions (scenario, what, BASE, NEW, why; the first kMaxRows), the
// notes about the sets, and every change as write_diff_text prints it inside a collapsible
// <details> block (cut at kMaxDetails bytes, saying so).
#include <sstream>

#include <fmt/format.h>

#include "diff_parts.hpp"

namespace casim::report {
namespace {

// The most bytes of the details block: GitHub takes comments of up to 65,536 characters, and the
// headline and the table need room too.
constexpr std::size_t kMaxDetails = 40'000;

// Text as one table cell: pipes escaped, line breaks as spaces.
std::string cell(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '|') escaped += "\\|";
    else if (c == '\n' || c == '\r') escaped += ' ';
    else escaped += c;
  }
  return escaped;
}

// The table's rows, one per regression, at most kMaxRows (then a last row says how many more).
class RegressionTable {
 public:
  explicit RegressionTable(std::ostream& out) : out_(out) {
    out_ << "| scenario | what | BASE | NEW | why |\n|---|---|---|---|---|\n";
  }
  void row(std::string_view scenario, std::string_view what, std::string_view base, std::string_view now,
           std::string_view why) {
    if (rows_++ >= kMaxRows) return;
    out_ << fmt::format("| {} | {} | {} | {} | {} |\n", cell(scenario), cell(what), cell(base), cell(now), cell(why));
  }
  // The last row, when rows were left out.
  void finish() {
    if (rows_ > kMaxRows) out_ << fmt::format("| … | {} more regressions: see diff.txt | | | |\n", rows_ - kMaxRows);
  }

 private:
  static constexpr std::size_t kMaxRows = 100;
  std::ostream& out_;
  std::size_t rows_ = 0;
};

void write_regressions(const ReportDiff& diff, std::ostream& out) {
  RegressionTable table(out);
  for (const ScenarioDiff& s : diff.scenarios) {
    if (s.verdict() == Verdict::Regression) table.row(s.name, "scenario", "passed", "failed", "");
    for (const auto& e : s.expectations) {
      if (e.verdict == Verdict::Regression) table.row(s.name, "expectation `" + e.id + "`", "passed", "failed", e.message);
    }
    for (const auto& line : detail::shift_lines(s.shifts)) {
      const Shift& shift = *line.shift;
      if (shift.verdict != Verdict::Regression) continue;
      table.row(s.name, line.name, detail::figure_value(shift, shift.base), detail::figure_value(shift, shift.now),
                fmt::format("{}, beyond {}", detail::relative_move(shift), shift.beyond));
    }
  }
  table.finish();
}

}  // namespace

void write_diff_markdown(const ReportDiff& diff, std::ostream& out) {
  const int regressions = diff.count(Verdict::Regression);
  const int improvements = diff.count(Verdict::Improvement);
  const int changes = diff.count(Verdict::Change);
  if (diff.empty()) {
    out << "### casim diff: no changes\n\n";
  } else {
    out << fmt::format("### casim diff: {} {}, {} improvement{}, {} other change{}\n\n",
                       regressions == 0 ? "✅" : "❌", regressions == 1 ? "1 regression" : fmt::format("{} regressions", regressions),
                       improvements, improvements == 1 ? "" : "s", changes, changes == 1 ? "" : "s");
  }
  std::string thresholds;
  for (const auto& t : diff.max_shift) thresholds += fmt::format("{}{}", thresholds.empty() ? "" : " ", t);
  out << fmt::format("BASE `{}` (casim {}, {}) → NEW `{}` (casim {}, {}); `--max-shift {}`\n\n", diff.base_where,
                     diff.base_version, diff.base_logic, diff.new_where, diff.new_version, diff.new_logic, thresholds);
  if (diff.empty()) return;
  if (regressions > 0) {
    write_regressions(diff, out);
    out << "\n";
  } else {
    out << "No regressions.\n\n";
  }
  for (const auto& note : diff.notes) out << "> **Note:** " << note << "\n>\n";
  if (!diff.notes.empty()) out << "\n";
  std::ostringstream text;
  write_diff_text(diff, text);
  std::string details = text.str();
  if (details.size() > kMaxDetails) {
    details.resize(details.rfind('\n', kMaxDetails) + 1);
    details += "… cut here to fit a comment: diff.txt has every change\n";
  }
  out << fmt::format("<details><summary>Every change ({} scenario{})</summary>\n\n```text\n{}```\n\n</details>\n",
                     diff.scenarios.size(), diff.scenarios.size() == 1 ? "" : "s", details);
}

}  // namespace casim::report
