// Small things a new user meets (issue 16, item 7): an option given without its value is named in
// the message, in every command; the calendar messages point at what run and lint really read
// (CASIM_CALENDAR_PATH); a time range whose min exceeds its max is refused by run and lint; and
// --version names the libraries and the calendar data.
#include <boost/test/unit_test.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_small_things)

using namespace casim::test;

namespace {

// The first 12 hex digits of the SHA-256 of `text`.
std::string short_sha256(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  BOOST_REQUIRE(EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) == 1);
  std::string hex;
  for (unsigned int i = 0; i < 6; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

// A DV scenario on the CN calendar starting at `start`, with `pre_review` as the pre-review duration.
std::string cn_scenario(const std::string& start, const std::string& pre_review) {
  return fmt::format(
      "name: cn-year\nstart: {}\nissue_certificates: false\nlimits: {{horizon: 60d}}\n"
      "ca: {{pre_review: {{duration: {}}}}}\n"
      "world:\n  dns:\n    zones: [example.com]\n    records:\n      - {{name: www.example.com, type: A, value: 192.0.2.1}}\n"
      "orders:\n  - {{ref: dv, names: [www.example.com]}}\n",
      start, pre_review);
}

void expect_usage_error(const std::vector<std::string>& args, const std::string& message) {
  const auto result = run_casim(args);
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, message), describe(result));
  BOOST_TEST(!contains(result.err, "failed to parse"), describe(result));
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_option_without_its_value_is_named) {
  expect_usage_error({"run", "--seed", "--out", "x"}, "casim run: --seed needs a value (N); got '--out'");
  expect_usage_error({"run", "scenarios", "--seed=7", "--out"}, "casim run: --out needs a value (DIR); none given");
  expect_usage_error({"run", "--max-horizon", "--no-certs"}, "--max-horizon needs a value (DURATION); got '--no-certs'");
  expect_usage_error({"lint", "--paths", "--bogus"}, "casim lint: --paths needs a value (FILE|DIR); got '--bogus'");
  expect_usage_error({"calendar", "list", "--year", "--calendar", "CN"},
                     "casim calendar list: --year needs a value (YEAR); got '--calendar'");
  expect_usage_error({"serve", "--seed"}, "casim serve: --seed needs a value (N); none given");
  expect_usage_error({"merge", "a", "b", "--format", "--out", "c"}, "--format needs a value (LIST); got '--out'");
}

BOOST_AUTO_TEST_CASE(values_and_help_still_read_as_before) {
  const auto negative = run_casim({"calendar", "add-business-days", "--calendar", "US", "--from", "2026-11-30",
                                   "--days", "-3"});
  BOOST_TEST(negative.exit_code == 0, describe(negative));
  BOOST_TEST(negative.out == "2026-11-24\n", describe(negative));
  const auto help = run_casim({"run", "--seed", "--help"});
  BOOST_TEST(help.exit_code == 0, describe(help));
  BOOST_TEST(contains(help.out, "--seed N"), describe(help));
  const auto switch_then_option = run_casim({"csr", "check", "--json", "--max-names", "3", "/no/such.csr"});
  BOOST_TEST(!contains(switch_then_option.err, "needs a value"), describe(switch_then_option));
}

BOOST_AUTO_TEST_CASE(calendar_messages_point_at_what_run_and_lint_read) {
  const TempDir dir;
  const std::string out = (dir.path() / "out").string();
  const auto unknown = dir.write("unknown.yaml", "name: unknown\nstart: 2026-09-14T09:00:00+08:00\n"
                                                 "calendars: {review: XX}\norders:\n  - {ref: a, names: [a.example]}\n");
  const auto ran_unknown = run_casim({"run", unknown.string(), "--out", out});
  BOOST_TEST(ran_unknown.exit_code == 2, describe(ran_unknown));
  BOOST_TEST(contains(ran_unknown.err, "unknown.yaml:3:21: error: calendar: unknown calendar 'XX'"), describe(ran_unknown));
  BOOST_TEST(contains(ran_unknown.err, "add your own as <NAME>.yaml in a directory on CASIM_CALENDAR_PATH "
                                       "(colon-separated; `casim calendar` also takes --calendar-dir DIR)"),
             describe(ran_unknown));

  const auto early = dir.write("early.yaml", cn_scenario("2027-03-01T09:00:00+08:00", "4bh"));
  const auto linted = run_casim({"lint", early.string()});
  BOOST_TEST(linted.exit_code == 2, describe(linted));
  BOOST_TEST(contains(linted.out, "early.yaml:2:8: error: start: "), describe(linted));
  BOOST_TEST(contains(linted.out, "add the year's holidays in a calendar file in a directory on CASIM_CALENDAR_PATH"),
             describe(linted));

  // A run whose pre-review reaches 2027 stops there without the data …
  const auto late = dir.write("late.yaml", cn_scenario("2026-12-30T09:00:00+08:00", "5bd"));
  const auto ran_late = run_casim({"run", late.string(), "--out", out});
  BOOST_TEST(ran_late.exit_code == 1, describe(ran_late));
  BOOST_TEST(contains(ran_late.out, "RunCalendarDataMissing"), describe(ran_late));

  // … and what the messages say works for run and lint: a CN.yaml with 2027 on CASIM_CALENDAR_PATH.
  const TempDir calendars;
  calendars.write("CN.yaml", "time_zone: Asia/Shanghai\nbusiness_hours: 09:00-18:00\ncoverage: listed-years\n"
                             "years:\n  2026:\n    holidays: []\n"
                             "  2027:\n    holidays:\n      - {date: 2027-01-01, name: New Year's Day}\n");
  const std::string path = "CASIM_CALENDAR_PATH=" + calendars.path().string();
  const auto linted_with_path = run_casim({"lint", early.string()}, {path});
  BOOST_TEST(linted_with_path.exit_code == 0, describe(linted_with_path));
  const auto ran_with_path = run_casim({"run", late.string(), "--out", out}, {path});
  BOOST_TEST(ran_with_path.exit_code == 0, describe(ran_with_path));
}

BOOST_AUTO_TEST_CASE(run_and_lint_refuse_a_range_whose_min_exceeds_its_max) {
  const TempDir dir;
  const std::string file = source_path("tests/scenario/data/malformed/stage-range-inverted.yaml");
  const std::string where = file + ":7:46: error: expect[0].stages.total_to_issue.max: 20h is less than min 25h";
  const auto linted = run_casim({"lint", file});
  BOOST_TEST(linted.exit_code == 2, describe(linted));
  BOOST_TEST(contains(linted.out, where), describe(linted));
  const auto ran = run_casim({"run", file, "--out", (dir.path() / "out").string()});
  BOOST_TEST(ran.exit_code == 2, describe(ran));
  BOOST_TEST(contains(ran.err, where), describe(ran));
  BOOST_TEST(!std::filesystem::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(version_names_the_libraries_and_the_calendar_data) {
  const auto version = run_casim({"--version"});
  BOOST_TEST(version.exit_code == 0, describe(version));
  BOOST_TEST(version.out.starts_with("casim 0."), describe(version));
  BOOST_TEST(contains(version.out, fmt::format("\nOpenSSL: {} (built with OpenSSL 3.", OpenSSL_version(OPENSSL_VERSION))),
             describe(version));
  for (const std::string library : {"build: ", "Boost: 1.", "fmt: ", "yaml-cpp: 0.", "nlohmann_json: 3.",
                                    "cxxopts: 3.", "allocator: ", "tz database: "}) {
    BOOST_TEST(contains(version.out, "\n" + library), library << "\n" << describe(version));
  }
  const auto data = [](const std::string& name) { return short_sha256(read_text(source_path("sim/calendars/" + name))); };
  BOOST_TEST(contains(version.out, "\ncalendar CN: 2025–2026 (built in, data " + data("CN.yaml") + ")\n"),
             describe(version));
  BOOST_TEST(contains(version.out, "\ncalendar US: any year (built in, data " + data("US.yaml") + ")\n"),
             describe(version));
  BOOST_TEST(contains(version.out, "\ncalendar none: any year (built in, data " + data("none.yaml") + ")\n"),
             describe(version));
  BOOST_TEST(run_casim({"-V"}).out == version.out);
}

BOOST_AUTO_TEST_CASE(mimalloc_takes_large_os_pages_unless_the_environment_says_no) {
  const auto by_default = run_casim({"--version"});
  if (!contains(by_default.out, "\nallocator: mimalloc ")) {  // a build without it (CASIM_MIMALLOC off)
    BOOST_TEST(contains(by_default.out, "\nallocator: the C library's malloc\n"), describe(by_default));
    return;
  }
  BOOST_TEST(contains(by_default.out, ", large OS pages\n"), describe(by_default));
  const auto declined = run_casim({"--version"}, {"MIMALLOC_LARGE_OS_PAGES=0"});
  BOOST_TEST(declined.exit_code == 0, describe(declined));
  BOOST_TEST(!contains(declined.out, "large OS pages"), describe(declined));
  BOOST_TEST(contains(run_casim({"--version"}, {"MIMALLOC_LARGE_OS_PAGES=1"}).out, ", large OS pages\n"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_small_things
