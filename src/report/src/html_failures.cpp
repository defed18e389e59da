// The failure tables of report.html: every order of every run that was not issued, with the
// reseller's status code and name, the reason codes with their meaning and the hint from the
// reason catalogue, the reseller's failure text and error code; then every earlier attempt of a
// resubmitted order.
#include <fmt/format.h>

#include "casim/report/spill.hpp"
#include "html_parts.hpp"
#include "measure.hpp"

namespace casim::report::html {
namespace {

using order::OrderResult;

constexpr std::size_t kMaxRows = kListedRows;  // what a spilled run keeps in full (spill.hpp)

// The reseller's failure text: the last non-empty text of the status history.
std::string failure_text(const OrderResult& order) {
  for (auto change = order.history.rbegin(); change != order.history.rend(); ++change) {
    if (!change->text.empty()) return change->text;
  }
  return "";
}

std::string error_codes(const OrderResult& order) {
  if (!order.error_code.empty()) return escape(order.error_code);
  std::string codes;
  for (const auto reason : order.reasons) {
    const auto code = mockca::info(reason).reseller_code;
    if (code.empty() || codes.find(code) != std::string::npos) continue;
    codes += (codes.empty() ? "" : "<br>") + escape(code);
  }
  return codes.empty() ? "—" : codes;
}

// The reason, message and hint cells of a failure: the codes, the reseller's text then each
// reason's meaning, and each reason's hint ("—" when empty).
struct ReasonCells {
  std::string codes;
  std::string messages;
  std::string hints;
};

ReasonCells reason_cells(const std::vector<mockca::Reason>& reasons, const std::string& text) {
  ReasonCells cells;
  if (!text.empty()) cells.messages = fmt::format("<div class=\"reseller-text\">{}</div>", escape(text));
  for (const auto reason : reasons) {
    const auto& info = mockca::info(reason);
    cells.codes += fmt::format("<code>{}</code><br>", escape(info.code));
    cells.messages += fmt::format("<div>{}</div>", escape(info.meaning));
    cells.hints += fmt::format("<div>{}</div>", escape(info.hint));
  }
  for (std::string* cell : {&cells.codes, &cells.messages, &cells.hints}) {
    if (cell->empty()) *cell = "—";
  }
  return cells;
}

void write_row(const OrderResult& order, std::uint64_t run, std::ostream& out) {
  const ReasonCells cells = reason_cells(order.reasons, failure_text(order));
  const std::string status = order.outcome == order::Outcome::NotPlaced
                                 ? "never created"
                                 : fmt::format("{} {}", mockca::code(order.status), mockca::status_name(order.status));
  out << fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td><span class="badge {}">{}</span> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                     escape(order.ref), run, order::outcome_name(order.outcome), order::outcome_name(order.outcome),
                     escape(status), cells.codes, cells.messages, cells.hints, error_codes(order))
      << '\n';
}

}  // namespace

void write_failures(const ScenarioReport& scenario, std::ostream& out) {
  std::size_t failures = 0;
  for (const auto& run : scenario.runs) {
    detail::for_each_order(run, [&](const OrderFacts& order) { failures += order.outcome != order::Outcome::Issued ? 1 : 0; });
  }
  out << fmt::format("<h3>Orders not issued ({})</h3>\n", failures);
  if (failures == 0) {
    out << R"(<p class="note">Every order of every run was issued.</p>)" << '\n';
    return;
  }
  out << R"(<div class="table-wrap"><table class="failures"><thead><tr><th>Order</th><th>Run</th><th>Outcome and status</th>)"
      << R"(<th>Reason</th><th>Message</th><th>What to fix</th><th>Error code</th></tr></thead><tbody>)" << '\n';
  std::size_t written = 0;
  for (const auto& run : scenario.runs) {
    for (const auto& order : run.orders) {
      if (order.outcome == order::Outcome::Issued || written == kMaxRows) continue;
      write_row(order, run.run_index, out);
      ++written;
    }
  }
  out << "</tbody></table></div>\n";
  if (failures > written) {
    out << fmt::format(R"(<p class="note">Showing the first {} of {} orders not issued; {} more are left out (see report.json).</p>)",
                       written, failures, failures - written)
        << '\n';
  }
}

void write_earlier_attempts(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out) {
  std::size_t attempts = 0;
  for (const auto& run : scenario.runs) {
    detail::for_each_order(run, [&](const OrderFacts& order) { attempts += order.earlier_attempts; });
  }
  if (attempts == 0) return;
  out << fmt::format("<h3>Earlier attempts of resubmitted orders ({})</h3>\n", attempts);
  out << R"(<div class="table-wrap"><table class="failures"><thead><tr><th>Order</th><th>Run</th><th>Attempt</th>)"
      << R"(<th>Ended</th><th>Status</th><th>Reason</th><th>Message</th><th>Resubmitted</th></tr></thead><tbody>)" << '\n';
  std::size_t written = 0;
  for (const auto& run : scenario.runs) {
    for (const auto& order : run.orders) {
      for (std::size_t i = 0; i < order.earlier_attempts.size() && written < kMaxRows; ++i, ++written) {
        const order::Attempt& attempt = order.earlier_attempts[i];
        const ReasonCells cells = reason_cells(attempt.reasons, attempt.text);
        out << fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
                           escape(order.ref), run.run_index, i + 1, escape(calendar.local_time(attempt.ended_at)),
                           mockca::code(attempt.status), mockca::status_name(attempt.status),
                           cells.codes, cells.messages, escape(calendar.local_time(attempt.resubmitted_at)))
            << '\n';
      }
    }
  }
  out << "</tbody></table></div>\n";
  if (attempts > written) {
    out << fmt::format(R"(<p class="note">Showing the first {} of {} earlier attempts (see report.json).</p>)", written,
                       attempts)
        << '\n';
  }
}

}  // namespace casim::report::html
