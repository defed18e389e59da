// The malformed-scenario corpus (tests/scenario/data/malformed/): every file is refused with a
// diagnostic at the asserted line:column saying what was expected; problems are all collected.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

#include "casim/scenario/load.hpp"
#include "scenario_test_support.hpp"

BOOST_AUTO_TEST_SUITE(test_malformed)

namespace {

using namespace casim;

struct Case {
  const char* file;
  int line;
  int column;
  const char* fragment;
};

// One row per malformed file: where the (first matching) diagnostic points and what it says.
const Case kCases[] = {
    {"syntax-error.yaml", 4, 1, "not valid YAML: end of sequence flow not found"},
    {"unknown-key.yaml", 3, 1, "unknown key 'runz' (did you mean 'runs'?)"},
    {"unknown-nested-key.yaml", 6, 5, "orders[0]: unknown key 'publsh' (did you mean 'publish'?)"},
    {"wrong-type.yaml", 3, 7, "runs: 'many' is not a whole number"},
    {"wrong-shape.yaml", 4, 3, "orders: expected a list, found a mapping"},
    {"bad-duration.yaml", 5, 20, "ca.review.retry_spacing: '4x' is not a duration: unknown unit 'x'"},
    {"business-time-in-calendar-field.yaml", 6, 25, "is business time; this field takes calendar time"},
    {"bad-date.yaml", 8, 26, "'2020-02-30' is not a real calendar date"},
    {"instant-without-offset.yaml", 2, 8, "is not an instant with its offset"},
    {"unknown-calendar.yaml", 4, 11, "unknown calendar 'XX'"},
    {"unknown-reason.yaml", 7, 13, "unknown reason code 'DcvTxtNotFund' (did you mean 'DcvTxtNotFound'?)"},
    {"duplicate-ref.yaml", 6, 11, "order ref 'a' is used twice (first on line 4)"},
    {"duplicate-count-ref.yaml", 5, 11, "order ref 'web-00002' is used twice (first on line 4)"},
    {"unknown-order-expectation.yaml", 6, 13, "no order 'shp' in this scenario (did you mean 'shop'?)"},
    {"negative-count.yaml", 5, 12, "orders[0].count: -5 is out of range (expected 1 to 1000000)"},
    {"bad-name.yaml", 1, 7, "name: 'my scenario!' has characters outside A-Z a-z 0-9 . _ -"},
    {"bad-ref.yaml", 4, 11, "'shop/1' has characters outside A-Z a-z 0-9 . _ -"},
    {"missing-start.yaml", 2, 1, "missing required key 'start'"},
    {"unknown-level.yaml", 4, 21, "orders[0].level: unknown value 'XV'"},
    {"unknown-bad-csr.yaml", 6, 16, "unknown bad-CSR kind 'rsa-1023' (did you mean 'rsa-1024'?)"},
    {"missing-csr-file.yaml", 5, 17, "no-such.csr.pem' cannot be opened: No such file or directory"},
    {"record-outside-zone.yaml", 7, 9, "'www.example.org' lies in no declared zone"},
    {"call-back-without-time.yaml", 5, 42, "call_back needs a time"},
    {"unknown-organization.yaml", 7, 65, "no organization 'acne' in world.organizations (did you mean 'acme'?)"},
    {"key-given-twice.yaml", 4, 1, "key 'seed' given twice (first on line 3)"},
    {"not-a-mapping.yaml", 1, 1, "expected a mapping of scenario settings"},
    {"rate-out-of-range.yaml", 6, 33, "max: 5 is out of range (expected 0 to 1)"},
    {"bad-distribution.yaml", 5, 25, "uniform distribution: min 3h is greater than max 1h"},
    {"stage-range-inverted.yaml", 7, 46, "expect[0].stages.total_to_issue.max: 20h is less than min 25h"},
    {"aggregate-time-range-inverted.yaml", 6, 60, "expect_aggregate[0].max: 2bd is less than min 3bd"},
    {"aggregate-rate-range-inverted.yaml", 6, 42, "expect_aggregate[0].max: 0.5 is less than min 0.9"},
    {"publish-corrected-before-at.yaml", 6, 53, "orders[0].publish.corrected: 1h comes before at 2h"},
    {"calendar-additions.yaml", 8, 9, "calendars.review: calendar 'CN' has no data for 2027"},
    {"working-day-not-weekend.yaml", 7, 9, "2026-09-16 is already a business day on US"},
    {"empty-certificate-expectation.yaml", 6, 32,
     "expect[0].certificate: expected days, not_before, not_after, policy_oid, names, subject or key"},
    {"two-run-expectations.yaml", 7, 5, "expect[1]: a second run expectation; the first is at line 6"},
    {"unknown-run-stop.yaml", 6, 10, "expect[0].run: unknown value 'calendar_missing'"},
    {"joint-hours-of-one-calendar.yaml", 4, 35,
     "calendars.review.joint_hours: the base is one calendar; joint_hours chooses the hours of a joint calendar"},
    {"line-hours-malformed.yaml", 5, 87,
     "world.phones[0].hours.business_hours: expected business hours hh:mm-hh:mm such as 09:00-18:00, not '9-18'"},
    {"multi-unit-out-of-order.yaml", 5, 39, "'30m7d' is not a duration: units go from the largest to the smallest"},
};

std::string fmt_line(const std::string& file, int line, int column) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: ";
}

std::string listing(const std::vector<scenario::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += "  " + diagnostic.to_string() + "\n";
  return text;
}

BOOST_AUTO_TEST_CASE(each_malformed_file_is_reported_where_and_why) {
  for (const Case& c : kCases) {
    const auto file = scenario::test::data_dir() / "malformed" / c.file;
    BOOST_TEST_CONTEXT(c.file) {
      const auto diagnostics = scenario::lint_scenario(file);
      const std::string prefix = fmt_line(file.string(), c.line, c.column);
      const bool found = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const scenario::Diagnostic& d) {
        return d.where.file == file.string() && d.where.line == c.line && d.where.column == c.column &&
               d.message.find(c.fragment) != std::string::npos && d.to_string().starts_with(prefix);
      });
      BOOST_TEST(found, "expected " << prefix << " ... " << c.fragment << "\ngot:\n" << listing(diagnostics));
      BOOST_CHECK_THROW(scenario::load_scenario(file), scenario::ScenarioError);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_corpus_table_covers_every_malformed_file) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(scenario::test::data_dir() / "malformed")) {
    if (entry.path().filename() == "several-errors.yaml") continue;
    ++files;
    const auto name = entry.path().filename().string();
    BOOST_TEST(std::any_of(std::begin(kCases), std::end(kCases), [&](const Case& c) { return name == c.file; }),
               name << " has no row in kCases");
  }
  BOOST_TEST(files == std::size(kCases));
  BOOST_TEST(files >= 15u);
}

BOOST_AUTO_TEST_CASE(every_problem_of_a_file_is_collected_in_line_order) {
  const auto file = scenario::test::data_dir() / "malformed" / "several-errors.yaml";
  const auto diagnostics = scenario::lint_scenario(file);
  BOOST_TEST_REQUIRE(diagnostics.size() == 4u, listing(diagnostics));
  BOOST_TEST(diagnostics[0].where.line == 3);
  BOOST_TEST(diagnostics[0].message.find("runs: 0 is out of range") != std::string::npos);
  BOOST_TEST(diagnostics[1].where.line == 6);
  BOOST_TEST(diagnostics[1].message.find("'soon' is not a duration") != std::string::npos);
  BOOST_TEST(diagnostics[2].where.line == 8);
  BOOST_TEST(diagnostics[2].message.find("unknown value 'carrier-pigeon'; expected one of: dns, dns_auto, file") !=
             std::string::npos);
  BOOST_TEST(diagnostics[3].where.line == 10);
  BOOST_TEST(diagnostics[3].message.find("no order 'b'") != std::string::npos);
  try {
    scenario::load_scenario(file);
    BOOST_FAIL("load_scenario accepted a malformed file");
  } catch (const scenario::ScenarioError& error) {
    BOOST_TEST(error.diagnostics().size() == 4u);
    BOOST_TEST(std::string(error.what()).find(diagnostics[3].to_string()) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_a_diagnostic) {
  const auto file = scenario::test::data_dir() / "malformed" / "no-such-file.yaml";
  const auto diagnostics = scenario::lint_scenario(file);
  BOOST_TEST_REQUIRE(diagnostics.size() == 1u);
  BOOST_TEST(diagnostics[0].to_string() == file.string() + ": error: cannot read the file");
}

}  // namespace

BOOST_AUTO_TEST_SUITE_END()  // test_malformed
