// The histograms of report.html: time to issue (business days and calendar days) over the Monte
// Carlo runs, per validation level and per order, with P50 and P90 (nearest rank) marked.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "html_parts.hpp"
#include "measure.hpp"

namespace casim::report::html {
namespace {

constexpr double kWidth = 470;
constexpr double kHeight = 230;
constexpr double kLeft = 46;
constexpr double kRight = 14;
constexpr double kTop = 26;
constexpr double kBottom = 44;
constexpr std::size_t kMaxBins = 20;
constexpr std::size_t kMaxOrderCharts = 12;

// Times to issue of a set of issued orders, in both units.
struct Sample {
  std::vector<double> calendar_days;
  std::vector<double> business_days;
};

void add(Sample& sample, const OrderFacts& order, const CalendarView& calendar) {
  const auto& total = order.total;
  if (order.outcome != order::Outcome::Issued || !total.entered() || total.open) return;
  sample.calendar_days.push_back(std::chrono::duration<double>(total.calendar).count() / 86400);
  if (total.business) sample.business_days.push_back(calendar.business_days(*total.business));
}

double nearest_rank(const std::vector<double>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

struct Bins {
  double low = 0;
  double width = 1;
  std::vector<int> counts;
};

Bins bin(const std::vector<double>& sorted) {
  Bins bins;
  bins.low = sorted.front();
  const double span = sorted.back() - sorted.front();
  const std::size_t count = span < 1e-9 ? 1 : std::min(kMaxBins, std::max<std::size_t>(sorted.size() / 2, 5));
  bins.width = span < 1e-9 ? std::max(0.5, std::abs(bins.low) * 0.1) : span / static_cast<double>(count);
  if (span < 1e-9) bins.low -= bins.width / 2;
  bins.counts.assign(count, 0);
  for (const double value : sorted) {
    const auto index = static_cast<std::size_t>((value - bins.low) / bins.width);
    ++bins.counts[std::min(index, count - 1)];
  }
  return bins;
}

// A dashed line at `x`; its label goes left of the line near the right edge, right of it elsewhere.
void write_percentile(const char* label, double value, double x, double dy, std::ostream& out) {
  const bool near_right = x > kWidth - kRight - 70;
  out << fmt::format(R"(<line class="pct" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/><text class="pct-label{3}" x="{4}" y="{5}">{6} {7}</text>)",
                     number(x), number(kTop - 4), number(kHeight - kBottom), near_right ? " end" : "", number(near_right ? x - 3 : x + 3),
                     number(kTop + dy), label, number(value))
      << '\n';
}

void write_axes(const Bins& bins, int top_count, const std::string& unit, std::string_view counted, std::ostream& out) {
  const double bottom = kHeight - kBottom;
  const double high = bins.low + bins.width * static_cast<double>(bins.counts.size());
  out << fmt::format(R"(<line class="axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/><line class="axis" x1="{0}" y1="{3}" x2="{0}" y2="{1}"/>)",
                     number(kLeft), number(bottom), number(kWidth - kRight), number(kTop))
      << fmt::format(R"(<text class="tick-label" x="{}" y="{}">{}</text>)", number(kLeft), number(bottom + 14), number(bins.low))
      << fmt::format(R"(<text class="tick-label end" x="{}" y="{}">{}</text>)", number(kWidth - kRight), number(bottom + 14), number(high))
      << fmt::format(R"(<text class="tick-label end" x="{}" y="{}">{}</text>)", number(kLeft - 4), number(kTop + 4), top_count)
      << fmt::format(R"(<text class="tick-label end" x="{}" y="{}">0</text>)", number(kLeft - 4), number(bottom))
      << fmt::format(R"(<text class="axis-label" x="{}" y="{}">{}</text>)", number((kLeft + kWidth - kRight) / 2), number(kHeight - 8), unit)
      << fmt::format(R"svg(<text class="axis-label" transform="rotate(-90)" x="{}" y="14">{}</text>)svg", number(-(kTop + bottom) / 2), counted)
      << '\n';
}

void write_histogram(const std::string& title, std::vector<double> values, const std::string& unit, std::ostream& out) {
  out << R"(<figure class="histogram">)" << fmt::format("<figcaption>{}</figcaption>", escape(title));
  if (values.empty()) {
    out << R"(<p class="note">No issued order to chart.</p></figure>)" << '\n';
    return;
  }
  std::sort(values.begin(), values.end());
  const Bins bins = bin(values);
  const int top_count = *std::max_element(bins.counts.begin(), bins.counts.end());
  const double plot_width = kWidth - kLeft - kRight;
  const double plot_height = kHeight - kTop - kBottom;
  const double bar_width = plot_width / static_cast<double>(bins.counts.size());
  out << fmt::format(R"(<svg class="histogram" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img">)", number(kWidth), number(kHeight)) << '\n';
  for (std::size_t i = 0; i < bins.counts.size(); ++i) {
    const double h = plot_height * bins.counts[i] / top_count;
    const double x = kLeft + bar_width * static_cast<double>(i);
    const double from = bins.low + bins.width * static_cast<double>(i);
    out << fmt::format(R"(<rect class="hbar" x="{}" y="{}" width="{}" height="{}"><title>{}–{} {}: {}</title></rect>)", number(x + 1),
                       number(kTop + plot_height - h), number(std::max(1.0, bar_width - 2)), number(h), number(from),
                       number(from + bins.width), unit, bins.counts[i]);
    if (bins.counts[i] > 0) {
      out << fmt::format(R"(<text class="count" x="{}" y="{}">{}</text>)", number(x + bar_width / 2), number(kTop + plot_height - h - 3), bins.counts[i]);
    }
    out << '\n';
  }
  const auto x_of = [&](double value) { return kLeft + plot_width * (value - bins.low) / (bins.width * static_cast<double>(bins.counts.size())); };
  const double p50 = nearest_rank(values, 50);
  const double p90 = nearest_rank(values, 90);
  write_percentile("P50", p50, x_of(p50), 0, out);
  write_percentile("P90", p90, x_of(p90), 12, out);
  write_axes(bins, top_count, unit, "orders", out);
  out << fmt::format("</svg><p class=\"note\">{} issued · min {} · P50 {} · P90 {} · max {}</p></figure>", values.size(), number(values.front()),
                     number(p50), number(p90), number(values.back()))
      << '\n';
}

void write_pair(const std::string& title, const Sample& sample, std::ostream& out) {
  out << R"(<div class="histograms">)" << '\n';
  write_histogram(title + " — business days", sample.business_days, "business days to issue", out);
  write_histogram(title + " — calendar days", sample.calendar_days, "calendar days to issue", out);
  out << "</div>\n";
}

// The refs of the orders in their order of first appearance.
std::vector<std::string> refs_of(const ScenarioReport& scenario) {
  std::vector<std::string> refs;
  std::set<std::string> seen;
  for (const auto& run : scenario.runs) {
    detail::for_each_order(run, [&](const OrderFacts& order) {
      if (seen.insert(order.ref).second) refs.push_back(order.ref);
    });
  }
  return refs;
}

void write_per_order(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out) {
  const std::vector<std::string> refs = refs_of(scenario);
  const std::size_t shown = std::min(refs.size(), kMaxOrderCharts);
  out << fmt::format("<details><summary>Per order ({} of {})</summary>\n", shown, refs.size());
  for (std::size_t i = 0; i < shown; ++i) {
    Sample sample;
    for (const auto& run : scenario.runs) {
      detail::for_each_order(run, [&](const OrderFacts& order) {
        if (order.ref == refs[i]) add(sample, order, calendar);
      });
    }
    write_pair("Order " + refs[i], sample, out);
  }
  if (refs.size() > shown) out << fmt::format(R"(<p class="note">{} more orders are left out.</p>)", refs.size() - shown) << '\n';
  out << "</details>\n";
}

}  // namespace

void write_histograms(const ScenarioReport& scenario, const CalendarView& calendar, std::ostream& out) {
  if (scenario.runs.size() < 2) return;
  out << fmt::format("<h3>Time to issue over {} runs</h3>\n", scenario.runs.size());
  for (const auto level : {mockca::ValidationLevel::DV, mockca::ValidationLevel::OV, mockca::ValidationLevel::EV}) {
    Sample sample;
    bool present = false;
    for (const auto& run : scenario.runs) {
      detail::for_each_order(run, [&](const OrderFacts& order) {
        if (order.level != level) return;
        present = true;
        add(sample, order, calendar);
      });
    }
    if (present) write_pair(std::string(mockca::level_name(level)) + " orders", sample, out);
  }
  write_per_order(scenario, calendar, out);
}

}  // namespace casim::report::html
