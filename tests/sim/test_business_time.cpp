// Business time: business hours seen from UTC instants (Shanghai, New York in its DST week),
// add_business_time and business_time_between, advance() with calendar, business-day and
// business-hour durations, joint calendars, and business-day counts against day-by-day counts.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "casim/sim/business_time.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"

BOOST_AUTO_TEST_SUITE(test_business_time)

using namespace casim::sim;
using namespace std::chrono_literals;

namespace {

Instant at(const char* text) { return parse_instant(text); }
Date day(const char* text) { return parse_date(text); }

const CalendarLibrary& library() {
  static const CalendarLibrary instance;
  return instance;
}
const Calendar& china() {
  static const Calendar calendar = library().load("CN");
  return calendar;
}
const Calendar& us() {
  static const Calendar calendar = library().load("US");
  return calendar;
}

std::string after(const Calendar& calendar, const char* from, Duration amount) {
  return format_instant(calendar.add_business_time(at(from), amount));
}

// Business days in (from, to], one day at a time.
int counted_one_by_one(const Calendar& calendar, Date from, Date to) {
  int total = 0;
  for (Date d = from + boost::gregorian::days(1); d <= to; d += boost::gregorian::days(1)) {
    total += calendar.is_business_day(d) ? 1 : 0;
  }
  return total;
}

}  // namespace

BOOST_AUTO_TEST_CASE(shanghai_business_hours_from_utc_instants) {
  // Friday 2026-03-06 17:30 in Shanghai is 09:30 UTC: still business time.
  BOOST_TEST(china().is_business_time(at("2026-03-06T09:30:00Z")));
  BOOST_TEST(format_instant(china().next_business_instant(at("2026-03-06T09:30:00Z"))) == "2026-03-06T09:30:00Z");
  // 18:00 Shanghai closes; the next opening is Monday 09:00 Shanghai, Monday 01:00 UTC.
  BOOST_TEST(!china().is_business_time(at("2026-03-06T10:00:00Z")));
  BOOST_TEST(format_instant(china().next_business_instant(at("2026-03-06T10:00:00Z"))) == "2026-03-09T01:00:00Z");
  // Sunday 23:00 UTC is already Monday 07:00 in Shanghai: before the opening of that same day.
  BOOST_TEST(!china().is_business_time(at("2026-03-08T23:00:00Z")));
  BOOST_TEST(format_instant(china().next_business_instant(at("2026-03-08T23:00:00Z"))) == "2026-03-09T01:00:00Z");
  // Monday 00:59 UTC = 08:59 Shanghai; 01:00 UTC = 09:00 opens.
  BOOST_TEST(!china().is_business_time(at("2026-03-09T00:59:59Z")));
  BOOST_TEST(china().is_business_time(at("2026-03-09T01:00:00Z")));
}

BOOST_AUTO_TEST_CASE(add_business_time_in_shanghai) {
  // Friday 17:30 + 1 h: half an hour on Friday, half an hour from Monday's opening.
  BOOST_TEST(after(china(), "2026-03-06T09:30:00Z", 1h) == "2026-03-09T01:30:00Z");
  // An amount that ends exactly at the close ends there.
  BOOST_TEST(after(china(), "2026-03-06T09:30:00Z", 30min) == "2026-03-06T10:00:00Z");
  // From Saturday, counting starts Monday 09:00.
  BOOST_TEST(after(china(), "2026-03-07T04:00:00Z", 2h) == "2026-03-09T03:00:00Z");
  // Across National Day: Wednesday Sept 30 17:00 + 2 h → Thursday Oct 8 10:00.
  BOOST_TEST(after(china(), "2026-09-30T09:00:00Z", 2h) == "2026-10-08T02:00:00Z");
  // Zero stays put, even outside business hours.
  BOOST_TEST(after(china(), "2026-03-07T04:00:00Z", 0h) == "2026-03-07T04:00:00Z");
  BOOST_CHECK_THROW(china().add_business_time(at("2026-03-06T09:30:00Z"), -1h), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(new_york_business_hours_in_the_dst_week) {
  // Friday 2026-03-06 09:00 EST = 14:00 UTC; Monday 2026-03-09 09:00 EDT = 13:00 UTC.
  BOOST_TEST(!us().is_business_time(at("2026-03-06T13:59:59Z")));
  BOOST_TEST(us().is_business_time(at("2026-03-06T14:00:00Z")));
  BOOST_TEST(!us().is_business_time(at("2026-03-06T22:00:00Z")));  // 17:00 EST
  BOOST_TEST(format_instant(us().next_business_instant(at("2026-03-06T22:00:00Z"))) == "2026-03-09T13:00:00Z");
  BOOST_TEST(us().is_business_time(at("2026-03-09T13:00:00Z")));
  BOOST_TEST(!us().is_business_time(at("2026-03-09T21:00:00Z")));  // 17:00 EDT
  // Friday 16:00 EST + 2 business hours → Monday 10:00 EDT (14:00 UTC), 65 hours later in real time.
  BOOST_TEST(after(us(), "2026-03-06T21:00:00Z", 2h) == "2026-03-09T14:00:00Z");
  BOOST_TEST((us().business_time_between(at("2026-03-06T21:00:00Z"), at("2026-03-09T14:00:00Z")) == 2h));
  // The same in the fall-back week: Friday Oct 30 16:00 EDT (20:00Z) → Monday Nov 2 10:00 EST (15:00Z).
  BOOST_TEST(after(us(), "2026-10-30T20:00:00Z", 2h) == "2026-11-02T15:00:00Z");
}

BOOST_AUTO_TEST_CASE(business_time_between_counts_only_business_hours) {
  BOOST_TEST((china().business_time_between(at("2026-03-06T09:30:00Z"), at("2026-03-09T01:30:00Z")) == 1h));
  BOOST_TEST((china().business_time_between(at("2026-03-09T01:30:00Z"), at("2026-03-06T09:30:00Z")) == -1h));
  // A whole week: five business days of nine hours.
  BOOST_TEST((china().business_time_between(at("2026-03-09T00:00:00Z"), at("2026-03-16T00:00:00Z")) == 45h));
  // Within one closed stretch: nothing.
  BOOST_TEST((china().business_time_between(at("2026-03-07T00:00:00Z"), at("2026-03-08T12:00:00Z")) == 0h));
  // The last day of a covered year needs no data of the next one.
  BOOST_TEST((china().business_time_between(at("2026-12-31T02:00:00Z"), at("2026-12-31T11:00:00Z")) == 8h));
  // The inverse of add_business_time, from inside and outside business hours.
  for (const char* from : {"2026-03-06T09:30:00Z", "2026-03-07T04:00:00Z", "2026-09-30T03:17:00Z",
                           "2026-02-13T12:00:00Z", "2026-05-08T23:00:00Z"}) {
    for (const Duration amount : std::vector<Duration>{1min, 1h, 9h, 10h, 27h, 100h, 500h}) {
      const Instant end = china().add_business_time(at(from), amount);
      BOOST_TEST((china().business_time_between(at(from), end) == amount), from << " + " << amount.count());
    }
  }
}

BOOST_AUTO_TEST_CASE(advance_by_calendar_business_days_and_business_hours) {
  // Calendar time ignores the calendar: 72 h from Friday is Monday, same time.
  BOOST_TEST(format_instant(advance(at("2026-03-06T09:30:00Z"), DurationSpec::calendar(72h), china())) ==
             "2026-03-09T09:30:00Z");
  // 3bd from Monday 10:00 Shanghai ends Thursday 10:00 Shanghai.
  BOOST_TEST(format_instant(advance(at("2026-03-09T02:00:00Z"), DurationSpec::business_days(3), china())) ==
             "2026-03-12T02:00:00Z");
  // From a Saturday it counts from Monday's opening: three whole days end at Wednesday's close.
  BOOST_TEST(format_instant(advance(at("2026-03-07T04:00:00Z"), DurationSpec::business_days(3), china())) ==
             "2026-03-11T10:00:00Z");
  // Across National Day: 3bd from Wednesday Sept 30 10:00 → Saturday Oct 10 (a worked day) 10:00.
  BOOST_TEST(format_instant(advance(at("2026-09-30T02:00:00Z"), DurationSpec::business_days(3), china())) ==
             "2026-10-10T02:00:00Z");
  // 1.5bd = 13.5 business hours from Monday 09:00 → Tuesday 13:30.
  BOOST_TEST(format_instant(advance(at("2026-03-09T01:00:00Z"), DurationSpec::business_days(1.5), china())) ==
             "2026-03-10T05:30:00Z");
  // 4bh from Friday 16:00 Shanghai: two hours on Friday, two on Monday → Monday 11:00.
  BOOST_TEST(format_instant(advance(at("2026-03-06T08:00:00Z"), DurationSpec::business_hours(4), china())) ==
             "2026-03-09T03:00:00Z");
  // On the US calendar a business day is 8 hours: 1bd from Friday 16:00 EST → Monday 16:00 EDT.
  BOOST_TEST(format_instant(advance(at("2026-03-06T21:00:00Z"), DurationSpec::business_days(1), us())) ==
             "2026-03-09T20:00:00Z");
}

// Issue 17: a joint calendar keeps the first member's hours or, by choice, the hours all keep;
// any calendar can take other hours; "hh:mm-hh:mm" is read one way everywhere.
BOOST_AUTO_TEST_CASE(joint_hours_by_choice_and_other_hours) {
  const Calendar cn = china();
  const Calendar early = cn.with_hours({8h, 12h});
  BOOST_TEST((early.business_day_length() == 4h));
  BOOST_TEST(early.is_business_time(at("2026-09-14T00:30:00Z")));  // 08:30 Beijing
  BOOST_TEST(!cn.is_business_time(at("2026-09-14T00:30:00Z")));
  const Calendar both = Calendar::joint({cn, early}, Calendar::JointHours::Intersection);
  BOOST_TEST((both.business_hours().open == 9h));
  BOOST_TEST((both.business_hours().close == 12h));
  BOOST_TEST((Calendar::joint({cn, early}).business_hours().open == 9h));
  BOOST_TEST((Calendar::joint({cn, early}).business_hours().close == 18h));  // the first member's
  BOOST_CHECK_THROW(Calendar::joint({cn, us()}, Calendar::JointHours::Intersection), std::invalid_argument);
  BOOST_CHECK_THROW(Calendar::joint({cn.with_hours({9h, 10h}), cn.with_hours({14h, 18h})},
                                    Calendar::JointHours::Intersection),
                    std::invalid_argument);
  BOOST_CHECK_THROW(cn.with_hours({18h, 9h}), std::invalid_argument);
  BOOST_TEST((parse_business_hours("07:30-24:00", "x").close == 24h));
  BOOST_CHECK_EXCEPTION(parse_business_hours("9-17", "field"), casim::InputError,
                        [](const casim::InputError& e) {
    return std::string(e.what()) == "field: expected business hours hh:mm-hh:mm such as 09:00-18:00, not '9-17'";
  });
  BOOST_CHECK_EXCEPTION(parse_business_hours("18:00-09:00", "field"), casim::InputError,
                        [](const casim::InputError& e) {
    return std::string(e.what()) == "field: business hours '18:00-09:00' close before they open";
  });
}

// Calendars count the business days of their covered years ahead (found by day number); counts
// over spans that start, end or cross the edges of those years agree with counting each day.
BOOST_AUTO_TEST_CASE(business_day_counts_agree_with_counting_each_day) {
  const Calendar joint = library().load("CN+US");
  const std::vector<std::pair<const Calendar*, std::vector<std::pair<const char*, const char*>>>> spans{
      {&us(), {{"1899-12-20", "1900-01-10"}, {"1900-01-01", "1900-12-31"}, {"2023-12-29", "2026-03-02"},
               {"2199-12-20", "2200-01-10"}, {"2199-12-31", "2200-01-03"}}},
      {&china(), {{"2025-01-01", "2025-01-01"}, {"2025-01-01", "2026-12-31"}, {"2025-09-28", "2025-10-12"}}},
      {&joint, {{"2025-01-01", "2026-12-31"}, {"2026-09-30", "2026-10-13"}}}};
  for (const auto& [calendar, pairs] : spans) {
    for (const auto& [from, to] : pairs) {
      BOOST_TEST_CONTEXT(calendar->name() << " " << from << " → " << to) {
        BOOST_TEST(calendar->business_days_between(day(from), day(to)) ==
                   counted_one_by_one(*calendar, day(from), day(to)));
        // Backwards the span is [from, to): minus the business days from the day before each end.
        const boost::gregorian::days one(1);
        BOOST_TEST(calendar->business_days_between(day(to), day(from)) ==
                   -counted_one_by_one(*calendar, day(from) - one, day(to) - one));
      }
    }
  }
}

// Covered years with a gap: the years after it are still known, the gap is still missing data.
BOOST_AUTO_TEST_CASE(covered_years_with_a_gap) {
  CalendarDefinition definition;
  definition.name = "gap";
  definition.time_zone = TimeZone::from_name("UTC");
  definition.covered_years = std::set<int>{2024, 2026};
  const Calendar gap(std::move(definition));
  BOOST_TEST(gap.is_business_day(day("2024-12-31")));   // a Tuesday
  BOOST_TEST(gap.is_business_day(day("2026-01-02")));   // a Friday
  BOOST_TEST(!gap.is_business_day(day("2026-01-03")));  // a Saturday
  BOOST_TEST(gap.business_days_between(day("2026-01-01"), day("2026-01-31")) == 21);
  BOOST_TEST(gap.business_days_between(day("2024-01-01"), day("2024-01-31")) == 22);
  BOOST_CHECK_THROW(gap.is_business_day(day("2025-06-02")), CalendarDataMissing);
  BOOST_CHECK_THROW(gap.business_days_between(day("2024-12-30"), day("2026-01-05")), CalendarDataMissing);
}

BOOST_AUTO_TEST_CASE(joint_calendar_is_off_when_any_member_is) {
  const Calendar joint = library().load("CN+US");
  BOOST_TEST(joint.name() == "CN+US");
  BOOST_TEST(joint.time_zone().name() == "Asia/Shanghai");
  BOOST_TEST((joint.business_day_length() == 9h));
  BOOST_TEST(!joint.is_business_day(day("2026-10-10")));  // worked in China, a Saturday in the US
  BOOST_TEST(!joint.is_business_day(day("2026-11-26")));  // Thanksgiving
  BOOST_TEST(!joint.is_business_day(day("2026-10-05")));  // National Day
  BOOST_TEST(joint.is_business_day(day("2026-10-08")));
  // Sept 30 → Oct 8, 9, then Oct 12 is Columbus Day → Oct 13.
  BOOST_TEST(format_date(joint.add_business_days(day("2026-09-30"), 3)) == "2026-10-13");
  BOOST_TEST(joint.business_days_between(day("2026-09-30"), day("2026-10-13")) == 3);
  BOOST_TEST((joint.covered_years() == std::set<int>{2025, 2026}));
  BOOST_TEST(!joint.covers(2027));
  // Days off from either member are listed under its name; China's worked weekends are not
  // business days here, so none is listed.
  const auto special = joint.special_days(2026);
  const auto named = [&](const std::string& name) {
    return std::any_of(special.begin(), special.end(), [&](const SpecialDay& d) { return d.name == name; });
  };
  BOOST_TEST(named("US: Thanksgiving Day"));
  BOOST_TEST(named("CN: National Day"));
  BOOST_TEST(std::none_of(special.begin(), special.end(),
                          [](const SpecialDay& d) { return d.kind == SpecialDay::Kind::WorkingDay; }));
  // Business time in the joint calendar: Shanghai hours, days off from both.
  BOOST_TEST(format_instant(advance(at("2026-11-25T09:00:00Z"), DurationSpec::business_hours(2), joint)) ==
             "2026-11-27T02:00:00Z");
  // Named the other way round, the US hours and zone apply.
  const Calendar us_first = library().load("US+CN");
  BOOST_TEST(us_first.time_zone().name() == "America/New_York");
  BOOST_TEST((us_first.business_day_length() == 8h));
  BOOST_TEST(!us_first.is_business_day(day("2026-10-05")));
}

BOOST_AUTO_TEST_SUITE_END()  // test_business_time
