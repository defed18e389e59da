// junit.xml: the golden file of a fixed-seed simulation; it parses as XML (python3's minidom, as
// CI servers parse it) with the right counts of tests, failures and errors; a failure's text
// carries the expectation's message, its place and the reproduce command, and every testcase its
// properties; markup and control characters in names are escaped.
#include <regex>
#include <sstream>

#include "report_support.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_junit)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

std::string junit_of(const ReportSet& set) {
  std::ostringstream out;
  write_junit(set, out);
  return out.str();
}

// Parses `xml` with python3's minidom and prints "tests failures errors testcases" of the root
// and the number of <failure> and <error> elements; "" when it does not parse.
std::string parsed_counts(const std::string& xml) {
  const test::TempDir dir;
  const auto file = dir.write("junit.xml", xml);
  const auto result = dir.path() / "counts.txt";
  const std::string script =
      "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); r = d.documentElement; "
      "print(r.tagName, r.getAttribute('tests'), r.getAttribute('failures'), r.getAttribute('errors'), "
      "len(d.getElementsByTagName('testcase')), len(d.getElementsByTagName('failure')), "
      "len(d.getElementsByTagName('error')))";
  const std::string command = "python3 -c \"" + script + "\" '" + file.string() + "' > '" + result.string() + "' 2>&1";
  if (std::system(command.c_str()) != 0) return "parse failed: " + read_text(result);
  std::string text = read_text(result);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(junit_matches_the_golden_file) {
  check_golden("junit.xml", junit_of(set_of({simulate(golden_scenario(), {0, 1, 2, 3})})));
}

BOOST_AUTO_TEST_CASE(junit_parses_with_the_right_counts) {
  const ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3})});
  const std::size_t expectations = set.scenarios[0].results.size();
  // golden_scenario fails one expectation on purpose: dv-missing's outcome.
  BOOST_TEST(parsed_counts(junit_of(set)) ==
             "testsuites " + std::to_string(expectations) + " 1 0 " + std::to_string(expectations) + " 1 0");
  const std::string xml = junit_of(set);
  BOOST_TEST(xml.find("<testcase classname=\"golden-mixed\" name=\"order dv-missing: outcome\" time=\"0\">") != std::string::npos);
  BOOST_TEST(xml.find("<failure message=\"failed in 4 of 4 runs\" type=\"expectation\">expected outcome issued in every run, "
                      "found outcome failed in run 0") != std::string::npos);
  BOOST_TEST(xml.find("&#10;at scenarios/test/golden.yaml:18:5&#10;first failing run: 0&#10;reproduce: casim run "
                      "scenarios/test/golden.yaml --seed 42 --runs 4 --run 0 --trace dv-missing</failure>") != std::string::npos);
  BOOST_TEST(xml.find("type=\"expectation\"") != std::string::npos);
  BOOST_TEST(xml.find("<property name=\"OV time to issue p90 (business days)\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scenario_error_is_a_junit_error) {
  ScenarioReport broken = bare_report("broken");
  broken.error = "scenarios/broken.yaml:2:3: unknown key 'sed' (did you mean 'seed'?)";
  ScenarioReport fine = bare_report("fine");
  fine.runs.push_back(run_of(0, {issued("www", mockca::ValidationLevel::DV, sim::kHour, sim::kHour)}));
  const std::string xml = junit_of(set_of({broken, fine}));
  BOOST_TEST(parsed_counts(xml) == "testsuites 2 0 1 2 0 1");  // broken: 1 error; fine: run completes
  BOOST_TEST(xml.find("<error message=\"scenarios/broken.yaml:2:3: unknown key &apos;sed&apos;") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markup_and_control_characters_are_escaped) {
  ScenarioReport odd = bare_report("odd<&>\"name\"");
  odd.runs.push_back(run_of(0, {issued("www", mockca::ValidationLevel::DV, sim::kHour, sim::kHour)}));
  scenario::OrderExpectation expectation;
  expectation.order = std::string("a<b>&\"c\x01\x1f");
  expectation.outcome = order::Outcome::Issued;
  odd.order_expectations.push_back(expectation);
  const std::string xml = junit_of(set_of({odd}));
  BOOST_TEST(parsed_counts(xml) == "testsuites 2 1 0 2 1 0");
  BOOST_TEST(xml.find("name=\"order a&lt;b&gt;&amp;&quot;c[0x01][0x1F]: outcome\"") != std::string::npos, xml);
  BOOST_TEST(xml.find('\x01') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_testcase_has_the_properties_a_ci_reader_needs) {
  const std::string xml = junit_of(set_of({simulate(golden_scenario(), {0, 1, 2, 3})}));
  const std::string failed = xml.substr(xml.find("name=\"order dv-missing: outcome\""));
  for (const std::string property :
       {"scenario_file\" value=\"scenarios/test/golden.yaml\"", "seed\" value=\"42\"", "runs_planned\" value=\"4\"",
        "runs_checked\" value=\"4\"", "casim_version\" value=\"0.0.0-test\"", "first_failed_run\" value=\"0\"",
        "reproduce\" value=\"casim run scenarios/test/golden.yaml --seed 42 --runs 4 --run 0 --trace dv-missing\"",
        "order\" value=\"dv-missing\"", "order_issued_runs\" value=\"0\""}) {
    BOOST_TEST(failed.find("<property name=\"" + property + "/>") < failed.find("</testcase>"), property);
  }
  // A passing case about an order: its simulated time to issue (P50 and P90 over the runs), no reproduce command.
  const std::string shop = xml.substr(xml.find("name=\"order dv-shop: outcome\""));
  const std::string shop_case = shop.substr(0, shop.find("</testcase>"));
  BOOST_TEST(shop_case.find("<property name=\"time_to_issue_p50_s\" value=\"14520\"/>") != std::string::npos, shop_case);
  BOOST_TEST(shop_case.find("<property name=\"time_to_issue_p90_bd\" value=\"0.448") != std::string::npos, shop_case);
  BOOST_TEST(shop_case.find("reproduce") == std::string::npos);
  BOOST_TEST(xml.find("time=\"0\"") != std::string::npos);
  BOOST_TEST(std::regex_search(xml, std::regex("time=\"[^0]")) == false, "wall time is not written");
}

BOOST_AUTO_TEST_SUITE_END()  // test_junit
