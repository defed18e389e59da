// Business calendars as values: weekends, holidays (by rule or listed per year), working weekends
// (China's 调休 make-up days), daily business hours in a time zone, and the years the data covers;
// business-day and business-time arithmetic; joint calendars. Loading from files: calendar_library.hpp.
#pragma once

#include <bitset>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "casim/sim/error.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/time_zone.hpp"

namespace casim::sim {

// Where a user puts a calendar file of their own, as every message that asks for one says it:
// CASIM_CALENDAR_PATH serves every command (run, lint, serve, calendar); only `casim calendar`
// has --calendar-dir.
inline constexpr std::string_view kUserCalendarPlaces =
    "a directory on CASIM_CALENDAR_PATH (colon-separated; `casim calendar` also takes --calendar-dir DIR)";

// Years as text: runs of three or more consecutive years as `2008–2099`, other years one by one
// (`2025, 2026`); `none` when there are none.
std::string format_years(const std::set<int>& years);

// Thrown by every operation that needs a year a data-driven calendar has no holiday data for:
// such a year is never guessed. Check Calendar::covers() first to warn instead.
class CalendarDataMissing : public InputError {
 public:
  CalendarDataMissing(std::string calendar, int year, std::set<int> covered_years);
  const std::string& calendar() const noexcept { return calendar_; }
  int year() const noexcept { return year_; }
  const std::set<int>& covered_years() const noexcept { return covered_years_; }

 private:
  std::string calendar_;
  int year_;
  std::set<int> covered_years_;
};

// A holiday kept every year by rule: a fixed month and day (optionally observed on the nearest
// weekday), or the nth or last given weekday of a month.
struct HolidayRule {
  enum class Kind { FixedDate, NthWeekday, LastWeekday };
  // NearestWeekday: a Saturday holiday is kept on the Friday before (for Jan 1: Dec 31 of the
  // previous year), a Sunday holiday on the Monday after.
  enum class Observance { None, NearestWeekday };

  std::string name;
  Kind kind = Kind::FixedDate;
  int month = 1;    // 1–12
  int day = 1;      // FixedDate: the day of the month
  int weekday = 1;  // NthWeekday, LastWeekday: 0 = Sunday … 6 = Saturday
  int nth = 1;      // NthWeekday: 1–4
  Observance observance = Observance::None;
  std::optional<int> first_year;  // the rule is in force from this year on …
  std::optional<int> last_year;   // … up to this one

  struct Occurrence {
    Date date;
    bool shifted = false;  // observed on another day than the holiday itself
  };
  // The day the holiday of `year` is kept, which may lie in a neighbouring year; nothing when the
  // rule is not in force that year.
  std::optional<Occurrence> occurrence(int year) const;
};

// Listed days off as inclusive spans [first, last], each with its name, kept sorted and apart:
// memory grows with the number of spans, never with their length, and a date is found by binary
// search.
class HolidayList {
 public:
  struct Span {
    Date first;
    Date last;
    std::string name;
  };

  // Adds [first, last] (first ≤ last); false, with nothing added, when a listed day lies within it.
  bool add(Date first, Date last, std::string name);
  // Adds the days of [first, last] that are not listed yet, as one span per gap between listed ones.
  void add_unlisted(Date first, Date last, const std::string& name);
  // The span listing `date`, if any.
  const Span* find(Date date) const;
  // The spans with a day within [first, last], in date order.
  std::vector<const Span*> within(Date first, Date last) const;
  std::size_t span_count() const { return by_first_.size(); }

 private:
  std::map<Date, Span> by_first_;
};

// The daily business hours, as local times of day: [open, close).
struct BusinessHours {
  Duration open = std::chrono::hours{9};
  Duration close = std::chrono::hours{17};
};

// "09:00-18:00" (24:00 allowed for a closing time) as business hours; throws InputError naming
// `where` when the text is not hh:mm-hh:mm or the hours close before they open.
BusinessHours parse_business_hours(std::string_view text, const std::string& where);

// Everything a calendar is made of, as a data file states it.
struct CalendarDefinition {
  std::string name;
  std::string description;
  TimeZone time_zone;
  BusinessHours business_hours;
  std::bitset<7> weekend{0b1000001};        // bit d set: weekday d (0 = Sunday) is off
  std::vector<HolidayRule> rules;           // kept in every year they are in force
  HolidayList holidays;                     // listed days off
  std::map<Date, std::string> working_days; // listed weekend days that are worked; they beat weekends and rules
  // The years the data is complete for; nothing: rules hold for any year.
  std::optional<std::set<int>> covered_years;
  // The days off are computed guesses rather than an announced arrangement (CN-provisional):
  // results that used the calendar are to be marked as such.
  bool provisional = false;
};

// One entry of a year's listing: a holiday or a worked weekend day.
struct SpecialDay {
  enum class Kind { Holiday, WorkingDay };
  Date date;
  Kind kind = Kind::Holiday;
  std::string name;
};

class Calendar {
 public:
  // Throws std::invalid_argument on a definition that contradicts itself (hours not within one
  // day, no weekday left to work, a listed day outside the covered years, …).
  explicit Calendar(CalendarDefinition definition);
  // Whose business hours a joint calendar keeps.
  enum class JointHours { First, Intersection };
  // A day is a business day when it is one on every member (dates compared as dates: the union of
  // their days off); the time zone is the first member's, and so are the business hours — or,
  // with Intersection, the hours every member is open (members in one time zone only: else, and
  // when the hours do not overlap, std::invalid_argument). Named `A+B`.
  static Calendar joint(const std::vector<Calendar>& members, JointHours hours = JointHours::First);
  // This calendar with other daily business hours (std::invalid_argument unless open < close
  // within one day).
  Calendar with_hours(BusinessHours hours) const;
  // This calendar (not a joint one: std::invalid_argument) with `holidays` and `working_days`
  // added: the days it already lists as holidays keep their name; working days beat holidays.
  Calendar with_days(const std::vector<HolidayList::Span>& holidays,
                     const std::map<Date, std::string>& working_days) const;

  const std::string& name() const;
  const std::string& description() const;
  const TimeZone& time_zone() const;
  const BusinessHours& business_hours() const;
  // The weekdays off (bit d: weekday d, 0 = Sunday); a joint calendar's are its members' together.
  std::bitset<7> weekend() const;
  // The length of one business day: close − open on the local clock.
  Duration business_day_length() const;
  // Whether the days off are provisional (see CalendarDefinition::provisional); a joint calendar is
  // when any member is, and with_days keeps the flag.
  bool provisional() const;

  bool covers(int year) const;
  // The years with data; nothing when the calendar holds for any year.
  std::optional<std::set<int>> covered_years() const;

  bool is_business_day(Date date) const;
  // Walks n business days: n > 0 gives the n-th business day after `date`, n < 0 the |n|-th
  // business day before it, n = 0 `date` itself (business day or not). `date` itself never counts.
  Date add_business_days(Date date, int n) const;
  // The business days stepped on when walking from `from` to `to`, `from` excluded and `to`
  // included: (from, to] when to ≥ from, and −[to, from) when to < from. So
  // business_days_between(d, add_business_days(d, n)) == n.
  int business_days_between(Date from, Date to) const;
  // The year's listed and rule-made holidays and its working weekend days, by date.
  std::vector<SpecialDay> special_days(int year) const;

  // Business time is the real time during which the local clock reads business hours of a business
  // day: on a spring-forward day the jumped-over hour is not counted, on a fall-back day the repeated
  // hour is counted twice (a window 01:00–03:00 lasts one real hour, or three).
  bool is_business_time(Instant instant) const;
  // `instant` itself when it is business time, else the next opening.
  Instant next_business_instant(Instant instant) const;
  // The earliest instant by which `amount` (≥ 0) of business time has passed since `from`; from
  // outside business hours counting starts at the next opening, and an amount that runs out
  // exactly at a closing time ends there (not at the next opening). Zero returns `from`.
  Instant add_business_time(Instant from, Duration amount) const;
  // The business time within [from, to); negative when to < from.
  Duration business_time_between(Instant from, Instant to) const;

 private:
  using YearDays = std::bitset<366>;  // bit i: day i + 1 of the year is a business day
  struct Data;

  explicit Calendar(std::shared_ptr<const Data> data);
  // A calendar of `data` once its counted years are filled in.
  static Calendar with_days_counted(std::shared_ptr<Data> data);
  void count_days(Data& data) const;
  struct CountedDay {
    std::size_t year;  // index into the counted years
    int day;           // 0 for January 1
  };
  // Where the day lies among the counted years, when it does.
  std::optional<CountedDay> counted_day(Date date) const;
  // Business days of the counted years before the day.
  int business_days_before(CountedDay day) const;
  YearDays year_days(int year) const;
  YearDays compute_year(int year) const;
  void require_year(int year) const;
  int count_business_days(Date first, Date last) const;
  // Business time on the local clock alone: exact while the UTC offset does not change.
  // The business day a local time falls in, and the time of day within business hours it counts from.
  LocalTime business_position(const LocalTime& local) const;
  LocalTime add_local_business_time(const LocalTime& from, Duration amount) const;
  Duration local_business_time_between(const LocalTime& from, const LocalTime& to) const;

  std::shared_ptr<const Data> data_;
};

}  // namespace casim::sim
