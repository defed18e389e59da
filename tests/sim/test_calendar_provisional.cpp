// CN-provisional, the opt-in China mainland calendar computed with ICU: its lunar and solar-term
// dates against an ephemeris for every year it covers, its rules before and after the 2025
// revision, its 2025 and 2026 days off against the State Council's, and the provisional flag.
#include <boost/test/unit_test.hpp>

#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "casim/sim/calendar_library.hpp"

BOOST_AUTO_TEST_SUITE(test_calendar_provisional)

using namespace casim::sim;
using boost::gregorian::days;

namespace {

Date day(const std::string& text) { return parse_date(text); }

const Calendar& provisional() {
  static const Calendar calendar = CalendarLibrary().load("CN-provisional");
  return calendar;
}

const Calendar& china() {
  static const Calendar calendar = CalendarLibrary().load("CN");
  return calendar;
}

bool is_weekend(Date date) {
  return date.day_of_week() == boost::gregorian::Saturday || date.day_of_week() == boost::gregorian::Sunday;
}

// The holidays of a year by date, with their names.
std::map<Date, std::string> holidays(const Calendar& calendar, int year) {
  std::map<Date, std::string> named;
  for (const SpecialDay& special : calendar.special_days(year)) {
    if (special.kind == SpecialDay::Kind::Holiday) named.emplace(special.date, special.name);
  }
  return named;
}

template <typename Map>
std::set<Date> dates_of(const Map& by_date) {
  std::set<Date> dates;
  for (const auto& entry : by_date) dates.insert(entry.first);
  return dates;
}

std::string holiday_on(const std::string& date) {
  const auto named = holidays(provisional(), day(date).year());
  const auto it = named.find(day(date));
  return it == named.end() ? "" : it->second;
}

// Lunar New Year, Dragon Boat (5/5) and Mid-Autumn (8/15), 2008–2099, in China time, from an
// independent computation: the rules of GB/T 33661-2017 applied to PyEphem's (VSOP87, ELP2000) new
// moons and solar terms. ICU 72 alone puts New Year 2027 on 02-07 and 2030 on 02-02.
constexpr std::array<const char*, 92> kLunarFestivals{
    "2008-02-07 06-08 09-14", "2009-01-26 05-28 10-03", "2010-02-14 06-16 09-22",
    "2011-02-03 06-06 09-12", "2012-01-23 06-23 09-30", "2013-02-10 06-12 09-19",
    "2014-01-31 06-02 09-08", "2015-02-19 06-20 09-27", "2016-02-08 06-09 09-15",
    "2017-01-28 05-30 10-04", "2018-02-16 06-18 09-24", "2019-02-05 06-07 09-13",
    "2020-01-25 06-25 10-01", "2021-02-12 06-14 09-21", "2022-02-01 06-03 09-10",
    "2023-01-22 06-22 09-29", "2024-02-10 06-10 09-17", "2025-01-29 05-31 10-06",
    "2026-02-17 06-19 09-25", "2027-02-06 06-09 09-15", "2028-01-26 05-28 10-03",
    "2029-02-13 06-16 09-22", "2030-02-03 06-05 09-12", "2031-01-23 06-24 10-01",
    "2032-02-11 06-12 09-19", "2033-01-31 06-01 09-08", "2034-02-19 06-20 09-27",
    "2035-02-08 06-10 09-16", "2036-01-28 05-30 10-04", "2037-02-15 06-18 09-24",
    "2038-02-04 06-07 09-13", "2039-01-24 05-27 10-02", "2040-02-12 06-14 09-20",
    "2041-02-01 06-03 09-10", "2042-01-22 06-22 09-28", "2043-02-10 06-11 09-17",
    "2044-01-30 05-31 10-05", "2045-02-17 06-19 09-25", "2046-02-06 06-08 09-15",
    "2047-01-26 05-29 10-04", "2048-02-14 06-15 09-22", "2049-02-02 06-04 09-11",
    "2050-01-23 06-23 09-30", "2051-02-11 06-13 09-19", "2052-02-01 06-01 09-07",
    "2053-02-19 06-20 09-26", "2054-02-08 06-10 09-16", "2055-01-28 05-30 10-05",
    "2056-02-15 06-17 09-24", "2057-02-04 06-06 09-13", "2058-01-24 06-25 10-02",
    "2059-02-12 06-14 09-21", "2060-02-02 06-03 09-09", "2061-01-21 06-22 09-28",
    "2062-02-09 06-11 09-17", "2063-01-29 06-01 10-06", "2064-02-17 06-19 09-25",
    "2065-02-05 06-08 09-15", "2066-01-26 05-28 10-03", "2067-02-14 06-16 09-23",
    "2068-02-03 06-04 09-11", "2069-01-23 06-23 09-29", "2070-02-11 06-13 09-19",
    "2071-01-31 06-02 09-08", "2072-02-19 06-20 09-26", "2073-02-07 06-10 09-16",
    "2074-01-27 05-30 10-05", "2075-02-15 06-17 09-24", "2076-02-05 06-06 09-12",
    "2077-01-24 06-24 10-01", "2078-02-12 06-14 09-20", "2079-02-02 06-04 09-10",
    "2080-01-22 06-22 09-28", "2081-02-09 06-11 09-17", "2082-01-29 06-01 10-06",
    "2083-02-17 06-19 09-26", "2084-02-06 06-07 09-14", "2085-01-26 05-27 10-03",
    "2086-02-14 06-15 09-22", "2087-02-03 06-05 09-11", "2088-01-24 06-23 09-29",
    "2089-02-10 06-13 09-18", "2090-01-30 06-02 09-08", "2091-02-18 06-21 09-27",
    "2092-02-07 06-09 09-16", "2093-01-27 05-29 10-05", "2094-02-15 06-17 09-24",
    "2095-02-05 06-06 09-13", "2096-01-25 06-24 09-30", "2097-02-12 06-14 09-20",
    "2098-02-01 06-04 09-09", "2099-01-21 06-23 09-29"};

// The April day of Qingming, 2008–2099: the sun at 15° by PyEphem, in China time.
constexpr std::string_view kQingmingDays =
    "44554455445544554455445544554455444544454445444544454445444544454444444444444444444444444444";

// Every statutory day of `year` by the rules in force that year, named after its holiday.
std::multimap<Date, std::string> expected_statutory_days(int year, const std::string& lunar) {
  const std::string y = std::to_string(year);
  const Date new_year = day(lunar.substr(0, 10));
  std::multimap<Date, std::string> expected{{day(y + "-01-01"), "New Year's Day"},
                                            {day(y + "-05-01"), "Labour Day"},
                                            {day(y + "-" + lunar.substr(11, 5)), "Dragon Boat Festival"},
                                            {day(y + "-" + lunar.substr(17, 5)), "Mid-Autumn Festival"}};
  for (int i = 0; i < 3; ++i) expected.emplace(new_year + days(i), "Spring Festival");
  for (const char* october : {"-10-01", "-10-02", "-10-03"}) expected.emplace(day(y + october), "National Day");
  expected.emplace(day(y + "-04-0" + kQingmingDays[static_cast<std::size_t>(year - 2008)]), "Qingming Festival");
  if (year >= 2025) {
    expected.emplace(new_year - days(1), "Spring Festival");
    expected.emplace(day(y + "-05-02"), "Labour Day");
  }
  return expected;
}

// 2025 and 2026 against the State Council's arrangements. A weekday CN gives off that CN-provisional
// works is either a bridging day, paid back by a make-up working day, or the weekday in lieu of a
// statutory day that fell on a weekend (article 6 of the rules: 补假), paid back by nothing.
void compare_with_official(int year, int make_up_days, int days_in_lieu) {
  int make_up_listed = 0;
  for (const auto& special : china().special_days(year)) {
    if (special.kind == SpecialDay::Kind::WorkingDay) ++make_up_listed;
  }
  BOOST_TEST(make_up_listed == make_up_days);
  int statutory_on_weekends = 0;
  for (const auto& [date, name] : holidays(provisional(), year)) {
    BOOST_TEST(!china().is_business_day(date), format_date(date) << " " << name);
    if (is_weekend(date)) ++statutory_on_weekends;
  }
  BOOST_TEST(statutory_on_weekends == days_in_lieu);
  int weekdays_off_in_china_only = 0;
  const Date first(static_cast<unsigned short>(year), 1, 1);
  for (Date date = first; date.year() == year; date += days(1)) {
    if (!is_weekend(date) && !china().is_business_day(date) && provisional().is_business_day(date)) {
      ++weekdays_off_in_china_only;
    }
  }
  BOOST_TEST(weekdays_off_in_china_only == make_up_days + days_in_lieu);
}

}  // namespace

BOOST_AUTO_TEST_CASE(calendar_settings_and_name) {
  BOOST_TEST(provisional().name() == "CN-provisional");
  BOOST_TEST(provisional().time_zone().name() == "Asia/Shanghai");
  BOOST_TEST((provisional().business_hours().open == std::chrono::hours{9}));
  BOOST_TEST((provisional().business_hours().close == std::chrono::hours{18}));
  const auto names = CalendarLibrary().available();
  BOOST_TEST((names == std::vector<std::string>{"CN", "CN-provisional", "US", "none"}));
}

BOOST_AUTO_TEST_CASE(the_provisional_flag) {
  const CalendarLibrary library;
  BOOST_TEST(provisional().provisional());
  BOOST_TEST(library.load("CN-provisional+US").provisional());
  BOOST_TEST(library.load("US+CN-provisional").provisional());
  BOOST_TEST(provisional().with_days({}, {}).provisional());
  BOOST_TEST(!china().provisional());
  BOOST_TEST(!library.load("CN+US").provisional());
  BOOST_TEST(!library.load("US").provisional());
  BOOST_TEST(!library.load("none").with_days({}, {}).provisional());
}

BOOST_AUTO_TEST_CASE(every_covered_year_against_the_ephemeris) {
  for (std::size_t i = 0; i < kLunarFestivals.size(); ++i) {
    const int year = 2008 + static_cast<int>(i);
    const auto expected = expected_statutory_days(year, kLunarFestivals[i]);
    const auto listed = holidays(provisional(), year);
    BOOST_TEST((dates_of(listed) == dates_of(expected)), year);
    for (const auto& [date, name] : expected) {
      BOOST_TEST_CONTEXT(format_date(date) << " " << name) {
        const auto it = listed.find(date);
        BOOST_REQUIRE(it != listed.end());
        BOOST_TEST(it->second.find(name) != std::string::npos, it->second);
        BOOST_TEST(it->second.ends_with(" (provisional)"), it->second);
        BOOST_TEST(!provisional().is_business_day(date));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(lunar_dates_of_2025_to_2027) {
  // Spring Festival 2026: the eve (12th month, 29th day) and lunar 1/1–1/3.
  BOOST_TEST(holiday_on("2026-02-15") == "");
  for (const char* date : {"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"}) {
    BOOST_TEST(holiday_on(date) == "Spring Festival (provisional)", date);
  }
  BOOST_TEST(holiday_on("2026-02-20") == "");
  BOOST_TEST(holiday_on("2026-09-25") == "Mid-Autumn Festival (provisional)");
  BOOST_TEST(holiday_on("2026-06-19") == "Dragon Boat Festival (provisional)");
  BOOST_TEST(holiday_on("2026-04-05") == "Qingming Festival (provisional)");
  BOOST_TEST(holiday_on("2025-01-28") == "Spring Festival (provisional)");  // the eve, a 12th month's 29th
  BOOST_TEST(holiday_on("2025-05-31") == "Dragon Boat Festival (provisional)");
  BOOST_TEST(holiday_on("2025-04-04") == "Qingming Festival (provisional)");
  // 2027: New Year on 02-06 (a Saturday: the new moon is at 23:56 China time, which ICU 72 puts
  // after midnight), its eve 02-05; a Thursday before it is followed by the Tuesday after.
  BOOST_TEST(holiday_on("2027-02-04") == "");
  for (const char* date : {"2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"}) {
    BOOST_TEST(holiday_on(date) == "Spring Festival (provisional)", date);
  }
  BOOST_TEST(holiday_on("2027-02-09") == "");
  BOOST_TEST(format_date(provisional().add_business_days(day("2027-02-04"), 1)) == "2027-02-09");
  BOOST_TEST(holiday_on("2027-09-15") == "Mid-Autumn Festival (provisional)");
}

BOOST_AUTO_TEST_CASE(years_with_a_leap_month) {
  // 2023 has a leap 2nd month, 2025 a leap 6th, 2033 a leap 11th (after Mid-Autumn, which a
  // calendar that put the leap month after the 7th would move to October).
  BOOST_TEST(holiday_on("2023-06-22") == "Dragon Boat Festival (provisional)");
  BOOST_TEST(holiday_on("2023-09-29") == "Mid-Autumn Festival (provisional)");
  BOOST_TEST(holiday_on("2025-10-06") == "Mid-Autumn Festival (provisional)");
  BOOST_TEST(holiday_on("2033-09-08") == "Mid-Autumn Festival (provisional)");
}

BOOST_AUTO_TEST_CASE(rules_before_the_2025_revision) {
  // 2024: no New Year's Eve (Friday 02-09) and 1 May only (Thursday 05-02 is worked).
  BOOST_TEST(provisional().is_business_day(day("2024-02-09")));
  BOOST_TEST(!provisional().is_business_day(day("2024-02-12")));
  BOOST_TEST(provisional().is_business_day(day("2024-02-13")));
  BOOST_TEST(!provisional().is_business_day(day("2024-05-01")));
  BOOST_TEST(provisional().is_business_day(day("2024-05-02")));
  // 2020: Mid-Autumn on National Day, one day off named after both.
  BOOST_TEST(holiday_on("2020-10-01") == "National Day and Mid-Autumn Festival (provisional)");
  BOOST_TEST(holiday_on("2020-10-02") == "National Day (provisional)");
  // Qingming on the days the State Council gave it.
  for (const char* date : {"2008-04-04", "2015-04-05", "2019-04-05", "2020-04-04", "2023-04-05", "2024-04-04"}) {
    BOOST_TEST(holiday_on(date) == "Qingming Festival (provisional)", date);
  }
}

BOOST_AUTO_TEST_CASE(covered_years_only) {
  BOOST_TEST(provisional().covers(2008));
  BOOST_TEST(provisional().covers(2099));
  BOOST_TEST(!provisional().covers(2007));
  BOOST_TEST(!provisional().covers(2100));
  BOOST_TEST(provisional().covered_years()->size() == 92u);
  try {
    provisional().is_business_day(day("2100-01-04"));
    BOOST_FAIL("2100 is not covered");
  } catch (const CalendarDataMissing& error) {
    const std::string message = error.what();
    BOOST_TEST(message.find("no holiday data for 2100 (the calendar covers 2008–2099)") != std::string::npos,
               message);
  }
  BOOST_CHECK_THROW(provisional().is_business_day(day("2007-12-31")), CalendarDataMissing);
  BOOST_CHECK_THROW(provisional().add_business_days(day("2099-12-30"), 5), CalendarDataMissing);
  BOOST_TEST(CalendarLibrary().load("CN-provisional+US").covers(2099));
}

BOOST_AUTO_TEST_CASE(official_2025_days_off_make_up_days_aside) {
  compare_with_official(2025, 5, 1);  // Dragon Boat on Saturday 05-31
}

BOOST_AUTO_TEST_CASE(official_2026_days_off_make_up_days_aside) {
  compare_with_official(2026, 6, 3);  // Qingming on Sunday 04-05, 05-02 and 10-03 on Saturdays
}

BOOST_AUTO_TEST_SUITE_END()  // test_calendar_provisional
