// Loading calendars: years without data (CalendarDataMissing, covers()), user directories and
// CASIM_CALENDAR_PATH overriding or adding, malformed files reported at file:line:column, and
// unknown names listing what is available.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>

#include "casim/sim/calendar_library.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_calendar_library)

using namespace casim::sim;
using casim::test::TempDir;

namespace {

Date day(const char* text) { return parse_date(text); }

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const casim::InputError& error) {
    return error.what();
  }
  return "(no error)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

constexpr const char* kAcme = R"(description: ACME Corp, closed on Fridays too
time_zone: Asia/Tokyo
business_hours: 10:00-16:00
weekend: [Friday, Saturday, Sunday]
coverage: any-year
)";

constexpr const char* kChina2027 = R"(time_zone: Asia/Shanghai
business_hours: 09:00-18:00
coverage: listed-years
years:
  2027:
    holidays:
      - {date: 2027-01-01, name: New Year's Day}
)";

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) { setenv(name, value.c_str(), 1); }
  ~ScopedEnv() { unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(every_builtin_file_loads) {
  const CalendarLibrary library;
  const auto names = library.available();
  BOOST_TEST((names == std::vector<std::string>{"CN", "CN-provisional", "US", "none"}));
  for (const auto& name : names) BOOST_TEST(library.load(name).name() == name);
  const Calendar none = library.load("none");
  BOOST_TEST(none.time_zone().name() == "UTC");
  BOOST_TEST(!none.is_business_day(day("2026-01-03")));
  BOOST_TEST(none.is_business_day(day("2026-12-25")));
}

BOOST_AUTO_TEST_CASE(a_year_without_data_is_never_guessed) {
  const Calendar china = CalendarLibrary().load("CN");
  BOOST_TEST(china.covers(2025));
  BOOST_TEST(china.covers(2026));
  BOOST_TEST(!china.covers(2024));
  BOOST_TEST(!china.covers(2027));
  BOOST_TEST((china.covered_years() == std::set<int>{2025, 2026}));
  try {
    china.is_business_day(day("2027-01-04"));
    BOOST_FAIL("2027 should have no data");
  } catch (const CalendarDataMissing& error) {
    BOOST_TEST(error.calendar() == "CN");
    BOOST_TEST(error.year() == 2027);
    BOOST_TEST((error.covered_years() == std::set<int>{2025, 2026}));
    const std::string message = error.what();
    BOOST_TEST(contains(message, "calendar CN: no holiday data for 2027 (the calendar covers 2025, 2026)"), message);
    BOOST_TEST(contains(message, "CASIM_CALENDAR_PATH"), message);
    BOOST_TEST(contains(message, "in a CN.yaml in a directory on CASIM_CALENDAR_PATH"), message);
  }
  // Every operation that needs the missing year says so, and it is an InputError.
  BOOST_CHECK_THROW(china.add_business_days(day("2026-12-30"), 5), CalendarDataMissing);
  BOOST_CHECK_THROW(china.add_business_days(day("2025-01-03"), -5), CalendarDataMissing);
  BOOST_CHECK_THROW(china.business_days_between(day("2026-12-01"), day("2027-01-10")), CalendarDataMissing);
  BOOST_CHECK_THROW(china.special_days(2027), casim::InputError);
  BOOST_CHECK_THROW(china.next_business_instant(parse_instant("2026-12-31T11:00:00Z")), CalendarDataMissing);
  BOOST_CHECK_THROW(china.is_business_time(parse_instant("2027-03-01T03:00:00Z")), CalendarDataMissing);
  // Operations that stay within covered years work up to the last day.
  BOOST_TEST(format_date(china.add_business_days(day("2026-12-30"), 1)) == "2026-12-31");
  BOOST_TEST(china.business_days_between(day("2026-12-01"), day("2026-12-31")) == 22);
  // A joint calendar names the member that lacks the data.
  BOOST_TEST(contains(error_of([] { CalendarLibrary().load("US+CN").is_business_day(day("2027-01-04")); }),
                      "calendar CN: no holiday data for 2027"));
}

BOOST_AUTO_TEST_CASE(years_as_text) {
  BOOST_TEST(format_years({}) == "none");
  BOOST_TEST(format_years({2025, 2026}) == "2025, 2026");
  BOOST_TEST(format_years({2008, 2009, 2010, 2012, 2014, 2015}) == "2008–2010, 2012, 2014, 2015");
}

BOOST_AUTO_TEST_CASE(user_directories_add_and_override) {
  const TempDir first;
  const TempDir second;
  first.write("ACME.yaml", kAcme);
  first.write("CN.yaml", kChina2027);
  second.write("CN.yaml", "coverage: [not valid here\n");
  second.write("notes.txt", "not a calendar");
  const CalendarLibrary library({first.path(), second.path()});
  const auto names = library.available();
  BOOST_TEST((names == std::vector<std::string>{"ACME", "CN", "CN-provisional", "US", "none"}));
  // The first directory wins over the second and over the built-in CN.
  const Calendar china = library.load("CN");
  BOOST_TEST(china.covers(2027));
  BOOST_TEST(!china.covers(2026));
  BOOST_TEST(!china.is_business_day(day("2027-01-01")));
  const Calendar acme = library.load("ACME");
  BOOST_TEST(acme.description() == "ACME Corp, closed on Fridays too");
  BOOST_TEST(!acme.is_business_day(day("2026-03-06")));  // a Friday
  BOOST_TEST(acme.is_business_day(day("2026-03-05")));
  BOOST_TEST((acme.business_day_length() == std::chrono::hours{6}));
  // A user calendar joins a built-in one.
  BOOST_TEST(!library.load("ACME+US").is_business_day(day("2026-11-26")));
  // A directory that does not exist is an error, not an empty search.
  const std::string missing = error_of([&] { CalendarLibrary({first.path() / "nope"}); });
  BOOST_TEST(contains(missing, "is not a directory"), missing);
}

BOOST_AUTO_TEST_CASE(any_zone_of_the_tz_database_can_be_a_calendars_time_zone) {
  const TempDir dir;
  dir.write("ES.yaml", "time_zone: Europe/Madrid\nbusiness_hours: 09:00-17:00\ncoverage: any-year\n");
  const Calendar spain = CalendarLibrary({dir.path()}).load("ES");
  BOOST_TEST(spain.time_zone().name() == "Europe/Madrid");
  // Monday 2026-03-30, the day after the switch to CEST: 09:00 in Madrid is 07:00 UTC.
  BOOST_TEST(format_instant(spain.next_business_instant(parse_instant("2026-03-29T12:00:00Z"))) ==
             "2026-03-30T07:00:00Z");
}

BOOST_AUTO_TEST_CASE(casim_calendar_path_is_searched_after_the_callers_directories) {
  const TempDir from_env;
  const TempDir from_caller;
  from_env.write("ACME.yaml", kAcme);
  from_env.write("CN.yaml", "this: is not read\n");
  from_caller.write("CN.yaml", kChina2027);
  const ScopedEnv env("CASIM_CALENDAR_PATH", "::" + from_env.path().string() + ":");
  BOOST_TEST(CalendarLibrary::with_environment().load("ACME").time_zone().name() == "Asia/Tokyo");
  BOOST_TEST(CalendarLibrary::with_environment({from_caller.path()}).load("CN").covers(2027));
  // Without the environment the plain library knows only the built-in calendars.
  BOOST_TEST(contains(error_of([] { CalendarLibrary().load("ACME"); }), "unknown calendar 'ACME'"));
  const ScopedEnv broken("CASIM_CALENDAR_PATH", "/no/such/casim/dir");
  BOOST_TEST(contains(error_of([] { CalendarLibrary::with_environment(); }), "CASIM_CALENDAR_PATH: '/no/such/casim/dir'"));
}

BOOST_AUTO_TEST_CASE(malformed_files_name_file_line_and_column) {
  const std::vector<std::pair<std::string, std::string>> cases{
      // {file text, expected start of the message}
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\nwekend: [Saturday]\ncoverage: any-year\n",
       "T.yaml:3:1: unknown key 'wekend' (expected one of: description, time_zone, business_hours, weekend, "
       "coverage, rules, years)"},
      {"time_zone: [UTC\n", "T.yaml:2:1: not valid YAML"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\n", "T.yaml:1:1: missing key 'coverage'"},
      {"time_zone: Asia/Shangai\nbusiness_hours: 09:00-17:00\ncoverage: any-year\n",
       "T.yaml:1:12: 'Asia/Shangai' is neither a time zone of the tz database"},
      {"time_zone: UTC\nbusiness_hours: 9-17\ncoverage: any-year\n",
       "T.yaml:2:17: expected business hours hh:mm-hh:mm such as 09:00-18:00, not '9-17'"},
      {"time_zone: UTC\nbusiness_hours: 18:00-09:00\ncoverage: any-year\n", "T.yaml:2:17: business hours '18:00-09:00' close before they open"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\nweekend: [Caturday]\ncoverage: any-year\n",
       "T.yaml:3:11: expected a weekday (Monday … Sunday), not 'Caturday'"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: sometimes\n", "T.yaml:3:11: coverage is 'any-year'"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\n",
       "T.yaml:3:11: coverage listed-years needs at least one year"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n    holidays:\n"
       "      - {date: 2026-02-30, name: Nope}\n",
       "T.yaml:7:16: '2026-02-30' is not a real calendar date"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n    holidays:\n"
       "      - {date: 2025-12-31, name: Wrong year}\n",
       "T.yaml:7:16: 2025-12-31 is not in 2026, the year it is listed under"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n    working_days:\n"
       "      - {date: 2026-10-12, name: A Monday}\n",
       "T.yaml:7:16: 2026-10-12 is a Monday, not a weekend day"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n    holidays:\n"
       "      - {from: 2026-10-07, to: 2026-10-01, name: Backwards}\n",
       "T.yaml:7:32: the holiday ends (2026-10-01) before it starts"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n    holidays:\n"
       "      - {date: 2026-10-01, nmae: Typo}\n",
       "T.yaml:7:28: unknown key 'nmae' (expected one of: date, from, to, name)"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nrules:\n"
       "  - {name: Odd, month: Smarch, day: 1}\n",
       "T.yaml:5:24: expected a month (January … December or 1 … 12), not 'Smarch'"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nrules:\n"
       "  - {name: Odd, month: 2, day: 30}\n",
       "T.yaml:5:32: day 30 does not exist in February"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nrules:\n"
       "  - {name: Odd, month: 5, weekday: Monday, nth: 5}\n",
       "T.yaml:5:49: expected 1, 2, 3, 4 or last"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nrules:\n"
       "  - {name: Odd, month: 5, day: 1, weekday: Monday}\n",
       "T.yaml:5:5: holiday rule 'Odd' needs either `day`"},
      {"time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nrules:\n"
       "  - {name: Odd, month: 5, weekday: Monday, nth: 1, observed: nearest-weekday}\n",
       "T.yaml:5:62: only a fixed date can be observed on another day"},
      {"- just\n- a list\n", "T.yaml:1:1: expected a mapping of calendar settings"},
  };
  for (const auto& [text, expected] : cases) {
    const std::string message = error_of([&] { parse_calendar(text, "T", "T.yaml"); });
    BOOST_TEST(message.find(expected) == 0, "got: " << message << "\nexpected: " << expected);
  }
}

BOOST_AUTO_TEST_CASE(malformed_user_file_names_its_path) {
  const TempDir dir;
  const auto path = dir.write("BAD.yaml", "time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: any-year\nextra: 1\n");
  const std::string message = error_of([&] { CalendarLibrary({dir.path()}).load("BAD"); });
  BOOST_TEST(message.find(path.string() + ":4:1: unknown key 'extra'") == 0, message);
}

BOOST_AUTO_TEST_CASE(unknown_names_list_the_available_ones) {
  const std::string message = error_of([] { CalendarLibrary().load("XX"); });
  BOOST_TEST(contains(message, "unknown calendar 'XX' (available: CN, CN-provisional, US, none;"), message);
  BOOST_TEST(contains(message, "a directory on CASIM_CALENDAR_PATH"), message);
  BOOST_TEST(contains(message, "`casim calendar` also takes --calendar-dir DIR"), message);
  BOOST_TEST(contains(error_of([] { CalendarLibrary().load("CN+XX"); }), "unknown calendar 'XX'"));
  BOOST_TEST(contains(error_of([] { CalendarLibrary().load("CN+"); }), "'CN+' has an empty member"));
  BOOST_TEST(contains(error_of([] { CalendarLibrary().load("../etc/CN"); }), "unknown calendar '../etc/CN'"));
}

// Holidays are spans, not days: a span of 8,000 years is one entry, found by binary search, and
// business-day walks over it skip whole years (before, listed days were kept one by one, and a
// scenario's span to 9999 took 6.6 GB).
BOOST_AUTO_TEST_CASE(holiday_spans_are_kept_as_spans) {
  HolidayList list;
  BOOST_TEST(list.add(day("2026-10-01"), day("9999-12-31"), "closed"));
  BOOST_TEST(list.span_count() == 1u);
  BOOST_TEST(!list.add(day("2026-09-30"), day("2026-10-01"), "overlaps"), "a span may not overlap a listed day");
  BOOST_TEST(list.find(day("5000-06-01"))->name == "closed");
  BOOST_TEST(list.find(day("2026-09-30")) == nullptr);
  // add_unlisted fills only the gaps around listed spans: 09-01..09-30 here, nothing after.
  list.add_unlisted(day("2026-09-01"), day("2027-01-01"), "company");
  BOOST_TEST(list.span_count() == 2u);
  BOOST_TEST(list.find(day("2026-09-30"))->name == "company");
  BOOST_TEST(list.find(day("2026-10-01"))->name == "closed");

  CalendarDefinition definition;
  definition.name = "closed";
  definition.holidays = list;
  const Calendar calendar(std::move(definition));
  BOOST_TEST(!calendar.is_business_day(day("7000-03-01")));
  BOOST_TEST((calendar.add_business_days(day("2026-08-28"), 1) == day("2026-08-31")));
  // No business day is left after 2026-08-31: the walk reaches the end of casim's years.
  BOOST_CHECK_THROW(calendar.add_business_days(day("2026-08-31"), 1), casim::InputError);
  BOOST_TEST(calendar.business_days_between(day("2026-08-31"), day("9999-12-31")) == 0);
}

BOOST_AUTO_TEST_CASE(overlapping_spans_in_a_file_name_the_first_day_listed_twice) {
  const std::string text = "time_zone: UTC\nbusiness_hours: 09:00-17:00\ncoverage: listed-years\nyears:\n  2026:\n"
                           "    holidays:\n      - {from: 2026-05-01, to: 2026-05-10, name: a}\n"
                           "      - {from: 2026-05-08, to: 2026-05-12, name: b}\n";
  const std::string error = error_of([&] { parse_calendar(text, "X", "X.yaml"); });
  BOOST_TEST(contains(error, "X.yaml:8:9"), error);
  BOOST_TEST(contains(error, "2026-05-08 is already listed as a holiday"), error);
}

BOOST_AUTO_TEST_SUITE_END()  // test_calendar_library
