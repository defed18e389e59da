// write_diff_markdown: diff.md, a pull-request comment — a headline with the counts, what was
// compared, a table of the regressions (scenario, what, BASE, NEW, why), the notes about the sets,
// and every change as write_diff_text prints it inside a collapsible <details> block.
#include <sstream>

#include <fmt/format.h>

#include "diff_parts.hpp"

namespace casim::report {
namespace {

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

void row(std::ostream& out, std::string_view scenario, std::string_view what, std::string_view base,
         std::string_view now, std::string_view why) {
  out << fmt::format("| {} | {} | {} | {} | {} |\n", cell(scenario), cell(what), cell(base), cell(now), cell(why));
}

void write_regressions(const ReportDiff& diff, std::ostream& out) {
  out << "| scenario | what | BASE | NEW | why |\n|---|---|---|---|---|\n";
  for (const ScenarioDiff& s : diff.scenarios) {
    if (s.verdict() == Verdict::Regression) row(out, s.name, "scenario", "passed", "failed", "");
    for (const auto& e : s.expectations) {
      if (e.verdict == Verdict::Regression) row(out, s.name, "expectation `" + e.id + "`", "passed", "failed", e.message);
    }
    for (const auto& line : detail::shift_lines(s.shifts)) {
      const Shift& shift = *line.shift;
      if (shift.verdict != Verdict::Regression) continue;
      row(out, s.name, line.name, detail::figure_value(shift, shift.base),
          detail::figure_value(shift, shift.now), fmt::format("{}, beyond {}", detail::relative_move(shift), shift.beyond));
    }
  }
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
  out << fmt::format("<details><summary>Every change ({} scenario{})</summary>\n\n```text\n{}```\n\n</details>\n",
                     diff.scenarios.size(), diff.scenarios.size() == 1 ? "" : "s", text.str());
}

}  // namespace casim::report
