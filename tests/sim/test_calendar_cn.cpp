// The built-in China mainland calendar against the State Council's 2025 and 2026 arrangements:
// every holiday off, every make-up working weekend on, and business-day walks across the long
// holidays.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "casim/sim/calendar_library.hpp"

BOOST_AUTO_TEST_SUITE(test_calendar_cn)

using namespace casim::sim;
using boost::gregorian::days;

namespace {

Date day(const char* text) { return parse_date(text); }

const Calendar& china() {
  static const Calendar calendar = CalendarLibrary().load("CN");
  return calendar;
}

std::vector<Date> span(const char* first, const char* last) {
  std::vector<Date> dates;
  for (Date d = day(first); d <= day(last); d += days(1)) dates.push_back(d);
  return dates;
}

struct Arrangement {
  std::vector<std::pair<const char*, const char*>> holidays;  // inclusive spans
  std::vector<const char*> working_weekends;
};

// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
const Arrangement k2026{
    {{"2026-01-01", "2026-01-03"},
     {"2026-02-15", "2026-02-23"},
     {"2026-04-04", "2026-04-06"},
     {"2026-05-01", "2026-05-05"},
     {"2026-06-19", "2026-06-21"},
     {"2026-09-25", "2026-09-27"},
     {"2026-10-01", "2026-10-07"}},
    {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}};

// 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12).
const Arrangement k2025{
    {{"2025-01-01", "2025-01-01"},
     {"2025-01-28", "2025-02-04"},
     {"2025-04-04", "2025-04-06"},
     {"2025-05-01", "2025-05-05"},
     {"2025-05-31", "2025-06-02"},
     {"2025-10-01", "2025-10-08"}},
    {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}};

// Every day of the year: off on holidays and ordinary weekends, on on working weekends and
// ordinary weekdays.
void check_year(int year, const Arrangement& arrangement) {
  std::set<Date> holidays;
  for (const auto& [first, last] : arrangement.holidays) {
    for (const Date d : span(first, last)) holidays.insert(d);
  }
  std::set<Date> working;
  for (const char* d : arrangement.working_weekends) {
    working.insert(day(d));
    const auto weekday = day(d).day_of_week();
    BOOST_TEST((weekday == boost::gregorian::Saturday || weekday == boost::gregorian::Sunday), d);
  }
  const Date first(static_cast<unsigned short>(year), 1, 1);
  const Date last(static_cast<unsigned short>(year), 12, 31);
  for (Date d = first; d <= last; d += days(1)) {
    const bool weekend = d.day_of_week() == boost::gregorian::Saturday || d.day_of_week() == boost::gregorian::Sunday;
    const bool expected = working.count(d) != 0 || (!weekend && holidays.count(d) == 0);
    BOOST_TEST(china().is_business_day(d) == expected, format_date(d));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(calendar_settings) {
  BOOST_TEST(china().name() == "CN");
  BOOST_TEST(china().time_zone().name() == "Asia/Shanghai");
  BOOST_TEST((china().business_hours().open == std::chrono::hours{9}));
  BOOST_TEST((china().business_hours().close == std::chrono::hours{18}));
  BOOST_TEST((china().business_day_length() == std::chrono::hours{9}));
}

BOOST_AUTO_TEST_CASE(official_2026_arrangement_day_by_day) { check_year(2026, k2026); }

BOOST_AUTO_TEST_CASE(official_2025_arrangement_day_by_day) { check_year(2025, k2025); }

BOOST_AUTO_TEST_CASE(business_days_per_year) {
  // 261 weekdays − 19 weekday holidays + 6 working weekends in 2026; 261 − 18 + 5 in 2025.
  BOOST_TEST(china().business_days_between(day("2025-12-31"), day("2026-12-31")) == 248);
  BOOST_TEST(china().business_days_between(day("2024-12-31"), day("2025-12-31")) == 248);
}

BOOST_AUTO_TEST_CASE(across_national_day_2026) {
  // Oct 1–7 off, Oct 10 (Saturday) worked, Oct 11 (Sunday) off.
  BOOST_TEST(format_date(china().add_business_days(day("2026-09-30"), 1)) == "2026-10-08");
  BOOST_TEST(format_date(china().add_business_days(day("2026-09-30"), 3)) == "2026-10-10");
  BOOST_TEST(format_date(china().add_business_days(day("2026-09-30"), 4)) == "2026-10-12");
  BOOST_TEST(format_date(china().add_business_days(day("2026-09-30"), 5)) == "2026-10-13");
  BOOST_TEST(china().business_days_between(day("2026-09-30"), day("2026-10-12")) == 4);
  BOOST_TEST(china().business_days_between(day("2026-10-12"), day("2026-09-30")) == -4);
  BOOST_TEST(format_date(china().add_business_days(day("2026-10-12"), -4)) == "2026-09-30");
  BOOST_TEST(format_date(china().add_business_days(day("2026-10-08"), -1)) == "2026-09-30");
  // The make-up Sunday before it is the next business day after a Saturday.
  BOOST_TEST(format_date(china().add_business_days(day("2026-09-19"), 1)) == "2026-09-20");
  // Starting on a holiday: the day itself never counts.
  BOOST_TEST(format_date(china().add_business_days(day("2026-10-03"), 1)) == "2026-10-08");
  BOOST_TEST(format_date(china().add_business_days(day("2026-10-03"), 0)) == "2026-10-03");
  BOOST_TEST(format_date(china().add_business_days(day("2026-10-03"), -1)) == "2026-09-30");
}

BOOST_AUTO_TEST_CASE(across_spring_festival_2026) {
  // Friday Feb 13 → Saturday Feb 14 (worked) → Feb 15–23 off → Tuesday Feb 24.
  BOOST_TEST(format_date(china().add_business_days(day("2026-02-13"), 1)) == "2026-02-14");
  BOOST_TEST(format_date(china().add_business_days(day("2026-02-13"), 2)) == "2026-02-24");
  BOOST_TEST(china().business_days_between(day("2026-02-13"), day("2026-02-24")) == 2);
  // Saturday Feb 28 is worked as well: Feb 24–27 and 28 are five business days.
  BOOST_TEST(china().business_days_between(day("2026-02-23"), day("2026-02-28")) == 5);
  BOOST_TEST(format_date(china().add_business_days(day("2026-02-27"), 1)) == "2026-02-28");
  BOOST_TEST(format_date(china().add_business_days(day("2026-02-28"), 1)) == "2026-03-02");
}

BOOST_AUTO_TEST_CASE(across_the_2025_holidays) {
  BOOST_TEST(format_date(china().add_business_days(day("2025-09-30"), 5)) == "2025-10-14");
  BOOST_TEST(format_date(china().add_business_days(day("2025-09-27"), 1)) == "2025-09-28");
  BOOST_TEST(format_date(china().add_business_days(day("2025-01-27"), 1)) == "2025-02-05");
  // Jan 26 (Sun) and Feb 8 (Sat) worked: Jan 26, 27, Feb 5, 6, 7, 8, 10.
  BOOST_TEST(china().business_days_between(day("2025-01-24"), day("2025-02-10")) == 7);
  // New Year 2026 spans the turn of the year: Dec 31 → Jan 4 (a worked Sunday).
  BOOST_TEST(format_date(china().add_business_days(day("2025-12-31"), 1)) == "2026-01-04");
}

BOOST_AUTO_TEST_CASE(long_walks_skip_whole_years) {
  BOOST_TEST(format_date(china().add_business_days(day("2025-01-01"), 248)) == "2025-12-31");
  BOOST_TEST(format_date(china().add_business_days(day("2025-01-01"), 496)) == "2026-12-31");
  BOOST_TEST(format_date(china().add_business_days(day("2026-12-31"), -495)) == "2025-01-02");
}

BOOST_AUTO_TEST_CASE(between_is_the_inverse_of_add) {
  for (Date d = day("2025-02-15"); d <= day("2026-11-30"); d += days(1)) {
    for (int n = -20; n <= 20; ++n) {
      BOOST_TEST(china().business_days_between(d, china().add_business_days(d, n)) == n,
                 format_date(d) << " " << n);
    }
  }
}

BOOST_AUTO_TEST_CASE(special_days_of_2026) {
  const auto special = china().special_days(2026);
  BOOST_TEST(special.size() == 33u + 6u);
  BOOST_TEST(format_date(special.front().date) == "2026-01-01");
  BOOST_TEST(special.front().name == "New Year's Day");
  BOOST_TEST((special.front().kind == SpecialDay::Kind::Holiday));
  const auto national_day_makeup =
      std::find_if(special.begin(), special.end(), [](const SpecialDay& d) { return format_date(d.date) == "2026-10-10"; });
  BOOST_REQUIRE(national_day_makeup != special.end());
  BOOST_TEST((national_day_makeup->kind == SpecialDay::Kind::WorkingDay));
  BOOST_TEST(national_day_makeup->name == "National Day make-up working day");
  BOOST_TEST(std::is_sorted(special.begin(), special.end(),
                            [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; }));
}

BOOST_AUTO_TEST_SUITE_END()  // test_calendar_cn
