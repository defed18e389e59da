// The words of a diff the text and Markdown writers share: figure names and values, order changes,
// parting points, lone orders and failure counts.
#include <cmath>

#include <fmt/format.h>

#include "diff_parts.hpp"
#include "measure.hpp"
#include "names.hpp"

namespace casim::report::detail {

std::string figure_value(const Shift& shift, const std::optional<double>& value) {
  if (!value) return "none";
  if (!shift.business) return describe(*value, scenario::TimeBound::Unit::Calendar);
  // Below a business day, three significant digits: a few minutes are 0.00741, not 0.01.
  return std::abs(*value) >= 1 || *value == 0 ? describe(*value, scenario::TimeBound::Unit::BusinessDays)
                                              : fmt::format("{:.3g} business days", *value);
}

std::string relative_move(const Shift& shift) {
  if (!shift.base) return "new";
  if (!shift.now) return "gone";
  if (*shift.base == 0) return fmt::format("+{}", figure_value(shift, *shift.now));
  return fmt::format("{:+.1f}%", (*shift.now - *shift.base) / std::abs(*shift.base) * 100.0);
}

std::vector<ShiftLine> shift_lines(const std::vector<Shift>& shifts) {
  std::vector<ShiftLine> lines;
  std::vector<std::string> prefixes;
  for (const Shift& shift : shifts) {
    const std::size_t space = shift.figure.rfind(' ');
    const std::string prefix = shift.figure.substr(0, space);
    const std::string percentile = shift.figure.substr(space + 1);
    std::size_t i = 0;
    for (; i < lines.size(); ++i) {
      const Shift& first = *lines[i].shift;
      if (prefixes[i] == prefix && first.level == shift.level && first.business == shift.business &&
          first.base == shift.base && first.now == shift.now && first.verdict == shift.verdict && first.beyond == shift.beyond) {
        break;
      }
    }
    if (i == lines.size()) {
      lines.push_back({&shift, fmt::format("{} {} {}", mockca::level_name(shift.level), prefix, percentile)});
      prefixes.push_back(prefix);
    } else {
      lines[i].name += "/" + percentile;
    }
  }
  for (ShiftLine& line : lines) line.name += line.shift->business ? " (business days)" : " (calendar)";
  return lines;
}

std::string verdict_word(const std::optional<bool>& passed) {
  if (!passed) return "absent";
  return *passed ? "passed" : "failed";
}

std::string order_end(order::Outcome outcome, mockca::Status status, const std::vector<mockca::Reason>& reasons) {
  std::string text = fmt::format("{}, {}", order::outcome_name(outcome), status_text(status));
  if (reasons.empty()) return text;
  std::string codes;
  for (const mockca::Reason reason : reasons) codes += fmt::format("{}{}", codes.empty() ? "" : ", ", mockca::info(reason).code);
  return text + " [" + codes + "]";
}

std::string order_headline(const OrderChange& change) {
  const std::string base_end = order_end(change.base_outcome, change.base_status, change.base_reasons);
  if (!change.ended_differently()) {
    return fmt::format("run {}, order {}: ended the same ({}) by another path", change.run_index, change.ref, base_end);
  }
  return fmt::format("run {}, order {}: {} → {}", change.run_index, change.ref, base_end,
                     order_end(change.new_outcome, change.new_status, change.new_reasons));
}

namespace {

std::string entry_text(const std::optional<PartingEntry>& entry) {
  if (!entry) return "(no further entry)";
  std::string text = entry->at;
  for (const std::string* part : {&entry->stage, &entry->event, &entry->status}) {
    if (!part->empty()) text += " " + *part;
  }
  if (!entry->detail.empty()) text += fmt::format(" \"{}\"", entry->detail);
  return text;
}

}  // namespace

std::string order_parting(const OrderChange& change) {
  std::string text;
  if (change.parted_at) {
    text = fmt::format("first parts at {} entry {}: BASE {} | NEW {}", parting_source_name(change.parted_in),
                       *change.parted_at + 1, entry_text(change.base_entry), entry_text(change.new_entry));
  } else {
    text = "the status histories agree";
  }
  if (!change.trace_note.empty()) text += "; " + change.trace_note;
  return text;
}

std::string lone_order_text(const LoneOrder& lone) {
  return fmt::format("run {}, order {}: in {} only", lone.run_index, lone.ref, lone.in_new ? "NEW" : "BASE");
}

std::string failure_count_text(const FailureCountChange& change) {
  return fmt::format("{} orders not issued for {}: {} → {}", mockca::level_name(change.level),
                     mockca::info(change.reason).code, change.base, change.now);
}

}  // namespace casim::report::detail
