// The text summary: PASS/FAIL per scenario with counts, the orders of the first run with outcome,
// status and time to issue (and how many runs issued them), each failed expectation with its
// message and place, the totals line, then the list of failures with where each is and the command
// that reproduces it; no colour codes. write_formats writes the chosen files.
#include <sstream>

#include <fmt/format.h>

#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_text)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

BOOST_AUTO_TEST_CASE(the_summary_shows_verdicts_orders_and_failures) {
  ScenarioReport broken = bare_report("broken");
  broken.error = "scenarios/broken.yaml:2:3: unknown key 'sed'";
  const ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3}), broken});
  std::ostringstream out;
  write_text(set, out);
  const std::string text = out.str();
  BOOST_TEST_MESSAGE(text);
  BOOST_TEST(text.find("FAIL  broken  0 runs, 0 expectations, 0 failed\n    error: scenarios/broken.yaml:2:3: unknown key 'sed'\n") !=
             std::string::npos);
  BOOST_TEST(text.find("FAIL  golden-mixed  4 runs, ") != std::string::npos);
  // Columns: order, outcome, final status, time to issue (calendar, business days), runs, reason.
  BOOST_TEST(text.find("    orders of run 0:\n"
                       "    dv-shop     issued  3 (expired)        4 h 2 min (0.45 business days)       issued in 4 of 4 runs\n"
                       "    ov-www      issued  3 (expired)        2 d 4 h 54 min (2.54 business days)  issued in 4 of 4 runs\n"
                       "    dv-missing  failed  2 (review failed)  -                                    issued in 0 of 4 runs  DcvTimedOut\n") !=
             std::string::npos);
  BOOST_TEST(text.find("    FAILED order dv-missing: outcome (scenarios/test/golden.yaml:18:5): expected outcome issued") !=
             std::string::npos);
  BOOST_TEST(text.find("order dv-shop: outcome") == std::string::npos);  // passed: not listed
  BOOST_TEST(text.ends_with("2 scenarios: 0 passed, 2 failed\n"
                            "\n"
                            "failures (2):\n"
                            "  broken: could not run (scenarios/hand-made.yaml)\n"
                            "  golden-mixed: order dv-missing: outcome at scenarios/test/golden.yaml:18:5\n"
                            "    casim run scenarios/test/golden.yaml --seed 42 --runs 4 --run 0 --trace dv-missing\n"),
             text);
  BOOST_TEST(text.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_passing_scenario) {
  ScenarioReport fine = bare_report("fine");
  fine.runs.push_back(run_of(0, {issued("www", mockca::ValidationLevel::DV, 2 * sim::kHour, sim::kHour)}));
  std::ostringstream out;
  write_text(set_of({fine}), out);
  BOOST_TEST(out.str() == "PASS  fine  1 run, 1 expectations, 0 failed\n"
                          "    orders of run 0:\n"
                          "    www  issued  1 (issued)  2 h 0 min (0.12 business days)\n"
                          "1 scenario: 1 passed, 0 failed\n");
}

BOOST_AUTO_TEST_CASE(a_load_scenario_lists_25_orders_and_sums_up_the_rest) {
  ScenarioReport load = bare_report("load");
  std::vector<order::OrderResult> orders;
  for (int i = 1; i <= 30; ++i) {
    const std::string ref = fmt::format("load-{:05}", i);
    orders.push_back(i == 30 ? failed(ref, mockca::ValidationLevel::DV, mockca::Reason::DcvTimedOut)
                             : issued(ref, mockca::ValidationLevel::DV, sim::kHour, sim::kHour));
  }
  load.runs.push_back(run_of(0, std::move(orders)));
  std::ostringstream out;
  write_text(set_of({load}), out);
  const std::string text = out.str();
  BOOST_TEST(text.find("load-00025") != std::string::npos);
  BOOST_TEST(text.find("load-00026") == std::string::npos);
  BOOST_TEST(text.find("… and 5 more orders: 4 issued, 1 not issued") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(write_formats_puts_each_chosen_file_in_the_staging_folder) {
  ScenarioReport fine = bare_report("fine");
  fine.runs.push_back(run_of(0, {issued("www", mockca::ValidationLevel::DV, 2 * sim::kHour, sim::kHour)}));
  const ReportSet set = set_of({fine});
  const casim::test::TempDir dir;
  const auto staging = dir.path() / "staging";
  write_formats(set, parse_formats("text,json,junit,csv"), staging);
  std::ostringstream text, json, junit, csv;
  write_text(set, text);
  write_json(set, json);
  write_junit(set, junit);
  write_csv(set, csv);
  BOOST_TEST(read_text(staging / "summary.txt") == text.str());
  BOOST_TEST(read_text(staging / "report.json") == json.str());
  BOOST_TEST(read_text(staging / "junit.xml") == junit.str());
  BOOST_TEST(read_text(staging / "timings.csv") == csv.str());
  BOOST_TEST(!std::filesystem::exists(staging / "report.html"));  // not chosen

  const auto only_json = dir.path() / "only-json";
  write_formats(set, parse_formats("json"), only_json);
  BOOST_TEST(std::distance(std::filesystem::directory_iterator(only_json), std::filesystem::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_SUITE_END()  // test_text
