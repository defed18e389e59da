// The built-in US federal calendar against the observed holidays OPM publishes for 2021–2027,
// including Saturday holidays kept on Friday (New Year's Day 2022 on 2021-12-31).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "casim/sim/calendar_library.hpp"

BOOST_AUTO_TEST_SUITE(test_calendar_us)

using namespace casim::sim;
using boost::gregorian::days;

namespace {

Date day(const char* text) { return parse_date(text); }

const Calendar& us() {
  static const Calendar calendar = CalendarLibrary().load("US");
  return calendar;
}

// The weekdays off, year by year, as federal employees observe them.
const std::map<int, std::vector<const char*>> kObserved{
    {2021, {"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06",
            "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"}},
    {2022, {"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10",
            "2022-11-11", "2022-11-24", "2022-12-26"}},
    {2023, {"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04",
            "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25"}},
    {2024, {"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02",
            "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"}},
    {2025, {"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01",
            "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"}},
    {2026, {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
            "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"}},
    {2027, {"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06",
            "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31"}},
};

bool is_weekend(Date d) {
  return d.day_of_week() == boost::gregorian::Saturday || d.day_of_week() == boost::gregorian::Sunday;
}

}  // namespace

BOOST_AUTO_TEST_CASE(calendar_settings) {
  BOOST_TEST(us().time_zone().name() == "America/New_York");
  BOOST_TEST((us().business_day_length() == std::chrono::hours{8}));
  BOOST_TEST(!us().covered_years().has_value());
  BOOST_TEST(us().covers(2027));
  BOOST_TEST(us().covers(2300));
}

BOOST_AUTO_TEST_CASE(observed_holidays_2021_to_2027_day_by_day) {
  for (const auto& [year, dates] : kObserved) {
    std::set<Date> off;
    for (const char* d : dates) off.insert(day(d));
    const Date first(static_cast<unsigned short>(year), 1, 1);
    const Date last(static_cast<unsigned short>(year), 12, 31);
    for (Date d = first; d <= last; d += days(1)) {
      BOOST_TEST(us().is_business_day(d) == (!is_weekend(d) && off.count(d) == 0), format_date(d));
    }
  }
}

BOOST_AUTO_TEST_CASE(saturday_new_year_is_kept_on_the_friday_before) {
  // 2022-01-01 was a Saturday: observed on Friday 2021-12-31, which 2021's listing carries.
  BOOST_TEST(!us().is_business_day(day("2021-12-31")));
  BOOST_TEST(us().is_business_day(day("2022-01-03")));
  const auto list_2021 = us().special_days(2021);
  BOOST_TEST(format_date(list_2021.back().date) == "2021-12-31");
  BOOST_TEST(list_2021.back().name == "New Year's Day (observed)");
  const auto list_2022 = us().special_days(2022);
  BOOST_TEST(list_2022.front().name == "Birthday of Martin Luther King Jr.");
  BOOST_TEST(list_2022.size() == 10u);
  BOOST_TEST(format_date(us().add_business_days(day("2021-12-30"), 1)) == "2022-01-03");
  BOOST_TEST(us().business_days_between(day("2021-12-30"), day("2022-01-03")) == 1);
}

BOOST_AUTO_TEST_CASE(thanksgiving_2026_is_november_26) {
  const auto list = us().special_days(2026);
  const auto thanksgiving = std::find_if(list.begin(), list.end(), [](const SpecialDay& d) {
    return d.name == "Thanksgiving Day";
  });
  BOOST_REQUIRE(thanksgiving != list.end());
  BOOST_TEST(format_date(thanksgiving->date) == "2026-11-26");
  BOOST_TEST(format_date(us().add_business_days(day("2026-11-25"), 1)) == "2026-11-27");
  // Independence Day 2026 is a Saturday: kept on Friday July 3, listed as observed.
  const auto independence = std::find_if(list.begin(), list.end(), [](const SpecialDay& d) {
    return format_date(d.date) == "2026-07-03";
  });
  BOOST_REQUIRE(independence != list.end());
  BOOST_TEST(independence->name == "Independence Day (observed)");
}

BOOST_AUTO_TEST_CASE(juneteenth_only_from_2021) {
  BOOST_TEST(us().is_business_day(day("2020-06-19")));
  BOOST_TEST(!us().is_business_day(day("2021-06-18")));
}

BOOST_AUTO_TEST_CASE(rules_hold_far_from_today) {
  // Outside the precomputed years the rules are evaluated on demand.
  BOOST_TEST(!us().is_business_day(day("2300-11-22")));  // 4th Thursday of November 2300
  BOOST_TEST(us().is_business_day(day("2300-11-29")));
  BOOST_TEST(!us().is_business_day(day("1850-12-25")));
  // 10,000 business days ahead and back again.
  const Date far = us().add_business_days(day("2026-01-02"), 10000);
  BOOST_TEST(us().business_days_between(day("2026-01-02"), far) == 10000);
  BOOST_TEST(format_date(us().add_business_days(far, -10000)) == "2026-01-02");
  // Beyond the last year casim handles: an input error, not a crash.
  BOOST_CHECK_THROW(us().add_business_days(day("9999-12-28"), 10), casim::InputError);
  BOOST_CHECK_THROW(us().add_business_days(day("1400-01-03"), -10), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()  // test_calendar_us
