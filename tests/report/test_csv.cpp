// timings.csv: one row per order per run with the header a spreadsheet shows (snake_case, the
// unit last), RFC 4180 quoting (CRLF, quotes doubled, fields with commas quoted), empty cells for
// stages never entered and an empty time to issue for every order that was not issued.
#include <sstream>

#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_csv)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    BOOST_TEST_REQUIRE(end != std::string::npos, "a line does not end with CRLF");
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string csv_of(const ReportSet& set) {
  std::ostringstream out;
  write_csv(set, out);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_row_per_order_per_run_with_the_stage_columns) {
  const ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3})});
  const auto lines = lines_of(csv_of(set));
  BOOST_TEST_REQUIRE(lines.size() == 1u + 4 * 3);
  BOOST_TEST(lines[0] ==
             "scenario,run,seed,order,origin,level,method,outcome,status_code,reasons,submitted_at,issued_at,"
             "time_to_issue_s,time_to_issue_bd,pre_review_s,pre_review_bd,domain_validation_s,domain_validation_bd,"
             "review_s,review_bd,waiting_to_issue_s,waiting_to_issue_bd,serial,provisional_calendar");
  const RunRecord& run0 = set.scenarios[0].runs[0];
  const std::string serial = run0.orders[0].certificate->serial;
  BOOST_TEST(lines[1] == "golden-mixed,0,42,dv-shop,placed,DV,DNS,issued,3,,2026-09-14T01:00:00Z,2026-09-14T05:02:00Z,"
                         "14520,0.4481,14400,0.4444,0,0.0000,,,120,0.0037," + serial + ",");  // DNS passed at once, no review
  // Failed: no time to issue (not 0), and the days domain validation ran until it timed out.
  BOOST_TEST(lines[3].find("golden-mixed,0,42,dv-missing,placed,DV,DNS,failed,2,DcvTimedOut;DcvTxtNotFound,2026-09-14T01:00:00Z,,,,"
                         "14400,0.4444,259200,3.0000,,,,,") == 0u,
             lines[3]);
  BOOST_TEST(lines[4].find("golden-mixed,1,42,dv-shop,") == 0u, lines[4]);
}

// Issue 17: times counted on a calendar of computed holidays name it in every row.
BOOST_AUTO_TEST_CASE(rows_on_a_provisional_calendar_name_it) {
  ReportSet set = set_of({simulate(golden_scenario(), {0})});
  set.scenarios[0].review_calendar.provisional = true;
  set.scenarios[0].review_calendar.name = "CN-provisional";
  const auto lines = lines_of(csv_of(set));
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  for (std::size_t i = 1; i < lines.size(); ++i) BOOST_TEST(lines[i].ends_with(",CN-provisional"), lines[i]);
}

BOOST_AUTO_TEST_CASE(fields_are_quoted_as_rfc_4180_says) {
  ScenarioReport report = bare_report("q");
  order::OrderResult o = issued("a,\"b\"\nc", mockca::ValidationLevel::DV, sim::kHour + sim::Duration{500000}, sim::kHour);
  o.reasons = {mockca::Reason::DcvTxtNotFound, mockca::Reason::DcvTimedOut};
  report.runs.push_back(run_of(0, {o}));
  const std::string csv = csv_of(set_of({report}));
  BOOST_TEST(csv.find("q,0,1,\"a,\"\"b\"\"\nc\",placed,DV,DNS,issued,1,DcvTxtNotFound;DcvTimedOut,") != std::string::npos, csv);
  BOOST_TEST(csv.find(",3600.500000,0.1250,") != std::string::npos, csv);
}

BOOST_AUTO_TEST_CASE(orders_not_issued_have_an_empty_time_to_issue_whatever_their_outcome) {
  ScenarioReport report = bare_report("not-issued");
  std::vector<order::OrderResult> orders;
  for (const order::Outcome outcome :
       {order::Outcome::Failed, order::Outcome::Cancelled, order::Outcome::Rejected, order::Outcome::Unfinished}) {
    order::OrderResult o = issued(std::string(order::outcome_name(outcome)), mockca::ValidationLevel::DV, sim::kHour, sim::kHour);
    o.outcome = outcome;  // the total-to-issue timing is still filled in: it must not be shown
    orders.push_back(o);
  }
  report.runs.push_back(run_of(0, orders));
  const auto lines = lines_of(csv_of(set_of({report})));
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    // …,submitted_at,issued_at,time_to_issue_s,time_to_issue_bd,pre_review_s: issued_at and both times empty.
    BOOST_TEST(lines[i].find(",2026-09-14T01:00:00Z,,,,") != std::string::npos, lines[i]);
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_csv
