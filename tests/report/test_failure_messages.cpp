// A failed expectation's message is written once in each format — the text summary, junit.xml and
// report.html — and a percentile bounded from both sides in one unit says its figure once.
#include <sstream>

#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_failure_messages)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// Ten DV orders of 2 business days each, against a P90 between 3 and 5 business days.
ReportSet failing_percentile() {
  ScenarioReport report = bare_report("percentile");
  std::vector<order::OrderResult> orders;
  for (int i = 0; i < 10; ++i) orders.push_back(issued("dv-" + std::to_string(i), mockca::ValidationLevel::DV, 2 * sim::kDay, 16h));
  report.runs.push_back(run_of(0, orders));
  scenario::AggregateExpectation p90;
  p90.where = {"scenarios/hand-made.yaml", 9, 5};
  p90.kind = scenario::AggregateExpectation::Kind::TimeToIssuePercentile;
  p90.percentile = 90;
  p90.min_time = business_days(3, "3bd");
  p90.max_time = business_days(5, "5bd");
  report.aggregate_expectations.push_back(p90);
  return set_of({report});
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_percentile_bounded_in_one_unit_says_its_figure_once) {
  const ReportSet set = failing_percentile();
  const ExpectationResult& result = set.scenarios[0].results.back();
  BOOST_TEST(!result.passed);
  BOOST_TEST(result.message == "expected p90 of time to issue ≥ 3bd and ≤ 5bd, found 2.00 business days over 10 issued orders");
}

BOOST_AUTO_TEST_CASE(a_percentile_bounded_in_two_units_says_both_figures) {
  ReportSet set = failing_percentile();
  set.scenarios[0].aggregate_expectations[0].min_time = scenario::TimeBound{scenario::TimeBound::Unit::Calendar, 3600, "1h"};
  evaluate(set);
  BOOST_TEST(set.scenarios[0].results.back().message ==
             "expected p90 of time to issue ≥ 1h and ≤ 5bd, found 2 d 0 h 0 min over 10 issued orders; "
             "2.00 business days over 10 issued orders");
}

BOOST_AUTO_TEST_CASE(each_failure_message_is_written_once_in_text_junit_and_html) {
  const ReportSet set = failing_percentile();
  const std::string message = set.scenarios[0].results.back().message;
  std::ostringstream text, junit, html;
  write_text(set, text);
  write_junit(set, junit);
  write_html(set, html);
  BOOST_TEST(count_of(text.str(), message) == 1u, text.str());
  BOOST_TEST(count_of(junit.str(), message) == 1u, junit.str());
  BOOST_TEST(count_of(html.str(), message) == 1u);
  for (const std::string& out : {text.str(), junit.str(), html.str()}) {
    BOOST_TEST(count_of(out, "business days over 10 issued orders") == 1u);
  }
  // The failure list at the top of report.html links to the row that holds the message, with the
  // command that reproduces the failure.
  BOOST_TEST(count_of(html.str(), R"(<a href="#scenario-0-result-1">)") == 1u);
  BOOST_TEST(count_of(html.str(), R"(<tr id="scenario-0-result-1">)") == 1u);
  BOOST_TEST(count_of(html.str(), R"(<code class="reproduce">casim run scenarios/hand-made.yaml --seed 0 --runs 0</code>)") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()  // test_failure_messages
