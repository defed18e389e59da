// The casim command line as a user runs it: help and version, usage errors, and the calendar
// subcommands' output and messages (exit 0 on success, 2 on bad usage or input).
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "run_command.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_cli)

using casim::test::CommandResult;
using casim::test::contains;
using casim::test::run_casim;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_CASE(help_and_version_exit_zero) {
  const auto help = run_casim({"--help"});
  BOOST_TEST(help.exit_code == 0, describe(help));
  BOOST_TEST(contains(help.out, "calendar"), describe(help));
  BOOST_TEST(contains(help.out, "Business-day arithmetic"), describe(help));
  const auto version = run_casim({"--version"});
  BOOST_TEST(version.exit_code == 0, describe(version));
  BOOST_TEST(version.out.rfind("casim ", 0) == 0, describe(version));
  const auto calendar_help = run_casim({"calendar", "--help"});
  BOOST_TEST(calendar_help.exit_code == 0, describe(calendar_help));
  BOOST_TEST(contains(calendar_help.out, "add-business-days"), describe(calendar_help));
  const auto list_help = run_casim({"calendar", "list", "--help"});
  BOOST_TEST(list_help.exit_code == 0, describe(list_help));
  BOOST_TEST(contains(list_help.out, "--calendar-dir"), describe(list_help));
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_two_with_a_message) {
  const auto unknown_command = run_casim({"frobnicate"});
  BOOST_TEST(unknown_command.exit_code == 2, describe(unknown_command));
  BOOST_TEST(contains(unknown_command.err, "unknown command 'frobnicate'"), describe(unknown_command));
  BOOST_TEST(contains(unknown_command.err, "--help"), describe(unknown_command));
  const auto unknown_subcommand = run_casim({"calendar", "frobnicate"});
  BOOST_TEST(unknown_subcommand.exit_code == 2, describe(unknown_subcommand));
  BOOST_TEST(contains(unknown_subcommand.err, "unknown command 'frobnicate'"), describe(unknown_subcommand));
  const auto unknown_option = run_casim({"calendar", "list", "--calendar", "CN", "--year", "2026", "--bogus"});
  BOOST_TEST(unknown_option.exit_code == 2, describe(unknown_option));
  BOOST_TEST(contains(unknown_option.err, "bogus"), describe(unknown_option));
  BOOST_TEST(unknown_option.out.empty(), describe(unknown_option));
  const auto missing = run_casim({"calendar", "is-business-day", "--date", "2026-10-10"});
  BOOST_TEST(missing.exit_code == 2, describe(missing));
  BOOST_TEST(contains(missing.err, "missing required option --calendar"), describe(missing));
  const auto not_a_number = run_casim({"calendar", "add-business-days", "--calendar", "CN", "--from", "2026-09-30",
                                       "--days", "five"});
  BOOST_TEST(not_a_number.exit_code == 2, describe(not_a_number));
}

BOOST_AUTO_TEST_CASE(add_business_days_prints_the_date) {
  const auto national_day = run_casim({"calendar", "add-business-days", "--calendar", "CN", "--from", "2026-09-30",
                                       "--days", "5"});
  BOOST_TEST(national_day.exit_code == 0, describe(national_day));
  BOOST_TEST(national_day.out == "2026-10-13\n", describe(national_day));
  BOOST_TEST(national_day.err.empty(), describe(national_day));
  const auto back = run_casim({"calendar", "add-business-days", "--calendar", "CN", "--from", "2026-10-13",
                               "--days=-5"});
  BOOST_TEST(back.out == "2026-09-30\n", describe(back));
  const auto thanksgiving = run_casim({"calendar", "add-business-days", "--calendar", "US", "--from", "2026-11-25",
                                       "--days", "1"});
  BOOST_TEST(thanksgiving.out == "2026-11-27\n", describe(thanksgiving));
  const auto joint = run_casim({"calendar", "add-business-days", "--calendar", "CN+US", "--from", "2026-09-30",
                                "--days", "3"});
  BOOST_TEST(joint.out == "2026-10-13\n", describe(joint));
}

BOOST_AUTO_TEST_CASE(business_days_prints_the_count) {
  const auto forward = run_casim({"calendar", "business-days", "--calendar", "CN", "--from", "2026-09-30", "--to",
                                  "2026-10-12"});
  BOOST_TEST(forward.exit_code == 0, describe(forward));
  BOOST_TEST(forward.out == "4\n", describe(forward));
  const auto backward = run_casim({"calendar", "business-days", "--calendar", "CN", "--from", "2026-10-12", "--to",
                                   "2026-09-30"});
  BOOST_TEST(backward.out == "-4\n", describe(backward));
  const auto us = run_casim({"calendar", "business-days", "--calendar", "US", "--from", "2021-12-30", "--to",
                             "2022-01-03"});
  BOOST_TEST(us.out == "1\n", describe(us));
}

BOOST_AUTO_TEST_CASE(is_business_day_prints_true_or_false) {
  const auto worked_saturday = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2026-10-10"});
  BOOST_TEST(worked_saturday.exit_code == 0, describe(worked_saturday));
  BOOST_TEST(worked_saturday.out == "true\n", describe(worked_saturday));
  const auto holiday = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2026-10-05"});
  BOOST_TEST(holiday.out == "false\n", describe(holiday));
  const auto observed = run_casim({"calendar", "is-business-day", "--calendar", "US", "--date", "2021-12-31"});
  BOOST_TEST(observed.out == "false\n", describe(observed));
}

BOOST_AUTO_TEST_CASE(list_prints_a_readable_year) {
  const auto result = run_casim({"calendar", "list", "--calendar", "CN", "--year", "2026"});
  BOOST_TEST(result.exit_code == 0, describe(result));
  const auto lines = lines_of(result.out);
  BOOST_REQUIRE(lines.size() == 4u + 39u);
  BOOST_TEST(lines[0] == "CN 2026: China mainland (State Council holiday arrangements)");
  BOOST_TEST(lines[1] == "time zone Asia/Shanghai, business hours 09:00-18:00, 248 business days");
  BOOST_TEST(lines[3] == "date        day  kind     name");
  BOOST_TEST(lines[4] == "2026-01-01  Thu  holiday  New Year's Day");
  BOOST_TEST(contains(result.out, "2026-01-04  Sun  working  New Year's Day make-up working day\n"));
  BOOST_TEST(contains(result.out, "2026-02-15  Sun  holiday  Spring Festival\n"));
  BOOST_TEST(contains(result.out, "2026-10-10  Sat  working  National Day make-up working day\n"));
  BOOST_TEST(lines.back() == "2026-10-10  Sat  working  National Day make-up working day");
  const auto us = run_casim({"calendar", "list", "--calendar", "US", "--year", "2026"});
  BOOST_TEST(contains(us.out, "2026-07-03  Fri  holiday  Independence Day (observed)\n"), describe(us));
  BOOST_TEST(contains(us.out, "2026-11-26  Thu  holiday  Thanksgiving Day\n"), describe(us));
}

BOOST_AUTO_TEST_CASE(bad_input_exits_two_naming_the_problem) {
  const auto bad_date = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2026-02-30"});
  BOOST_TEST(bad_date.exit_code == 2, describe(bad_date));
  BOOST_TEST(contains(bad_date.err, "--date: '2026-02-30' is not a real calendar date"), describe(bad_date));
  const auto not_a_date = run_casim({"calendar", "business-days", "--calendar", "CN", "--from", "30/09/2026",
                                     "--to", "2026-10-12"});
  BOOST_TEST(not_a_date.exit_code == 2, describe(not_a_date));
  BOOST_TEST(contains(not_a_date.err, "--from: '30/09/2026' is not a date (expected YYYY-MM-DD)"), describe(not_a_date));
  const auto unknown = run_casim({"calendar", "is-business-day", "--calendar", "XX", "--date", "2026-10-10"});
  BOOST_TEST(unknown.exit_code == 2, describe(unknown));
  BOOST_TEST(contains(unknown.err, "unknown calendar 'XX' (available: CN, CN-provisional, US, none;"), describe(unknown));
  const auto no_data = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2027-01-04"});
  BOOST_TEST(no_data.exit_code == 2, describe(no_data));
  BOOST_TEST(contains(no_data.err, "calendar CN: no holiday data for 2027 (the calendar covers 2025, 2026)"),
             describe(no_data));
  BOOST_TEST(no_data.out.empty(), describe(no_data));
  const auto crossing = run_casim({"calendar", "add-business-days", "--calendar", "CN", "--from", "2026-12-30",
                                   "--days", "5"});
  BOOST_TEST(crossing.exit_code == 2, describe(crossing));
  BOOST_TEST(contains(crossing.err, "no holiday data for 2027"), describe(crossing));
  const auto list_2027 = run_casim({"calendar", "list", "--calendar", "CN", "--year", "2027"});
  BOOST_TEST(list_2027.exit_code == 2, describe(list_2027));
  BOOST_TEST(contains(list_2027.err, "no holiday data for 2027"), describe(list_2027));
  const auto bad_year = run_casim({"calendar", "list", "--calendar", "US", "--year", "20260"});
  BOOST_TEST(bad_year.exit_code == 2, describe(bad_year));
  BOOST_TEST(contains(bad_year.err, "--year"), describe(bad_year));
}

BOOST_AUTO_TEST_CASE(user_calendars_from_a_directory_or_the_environment) {
  const casim::test::TempDir dir;
  dir.write("CN.yaml", "time_zone: Asia/Shanghai\nbusiness_hours: 09:00-18:00\ncoverage: listed-years\n"
                       "years:\n  2027:\n    holidays:\n      - {date: 2027-01-01, name: New Year's Day}\n");
  const auto with_dir = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2027-01-04",
                                   "--calendar-dir", dir.path().string()});
  BOOST_TEST(with_dir.exit_code == 0, describe(with_dir));
  BOOST_TEST(with_dir.out == "true\n", describe(with_dir));
  const auto with_env = run_casim({"calendar", "is-business-day", "--calendar", "CN", "--date", "2027-01-01"},
                                  {"CASIM_CALENDAR_PATH=" + dir.path().string()});
  BOOST_TEST(with_env.exit_code == 0, describe(with_env));
  BOOST_TEST(with_env.out == "false\n", describe(with_env));
  dir.write("BAD.yaml", "time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nholidays: []\n");
  const auto bad = run_casim({"calendar", "list", "--calendar", "BAD", "--year", "2026", "--calendar-dir",
                              dir.path().string()});
  BOOST_TEST(bad.exit_code == 2, describe(bad));
  BOOST_TEST(contains(bad.err, "BAD.yaml:4:1: unknown key 'holidays'"), describe(bad));
  const auto missing_dir = run_casim({"calendar", "list", "--calendar", "CN", "--year", "2026", "--calendar-dir",
                                      (dir.path() / "nope").string()});
  BOOST_TEST(missing_dir.exit_code == 2, describe(missing_dir));
  BOOST_TEST(contains(missing_dir.err, "is not a directory"), describe(missing_dir));
}

BOOST_AUTO_TEST_SUITE_END()  // test_cli
