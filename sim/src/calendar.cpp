// Business calendars: listed holiday spans, the covered years' business days precomputed as
// per-year bitsets with running counts and found by day number, business-day walks that skip whole
// years by counting bits, and business time on the local clock between the time zone's offset
// changes.
#include "casim/sim/calendar.hpp"
#include "parse_support.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <stdexcept>

#include <fmt/format.h>

namespace casim::sim {
namespace {

// Calendars precompute the covered years among these and compute any other year when asked.
constexpr int kPrecomputedFirstYear = 1900;
constexpr int kPrecomputedLastYear = 2199;
constexpr int kYearBits = 366;

Date january_first(int year) { return Date(static_cast<unsigned short>(year), 1, 1); }

int days_in_year(int year) {
  return boost::gregorian::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year)) ? 366 : 365;
}

int index_in_year(Date date) { return date.day_of_year() - 1; }

// Set bits among positions first..last (inclusive) of a year's bitset.
int count_bits(const std::bitset<kYearBits>& bits, int first, int last) {
  return static_cast<int>(((bits >> static_cast<std::size_t>(first)) <<
                           static_cast<std::size_t>(kYearBits - 1 - (last - first)))
                              .count());
}

// Business time on a real clock is counted piece by piece between the zone's offset changes: within
// one piece the local clock runs at the real pace, so the local-clock arithmetic below is exact, and
// the time a gap skips or an overlap repeats falls between pieces.

// The local clock's reading at `instant` under `offset`, which may be the offset just before a change.
LocalTime reading(Instant instant, Duration offset) {
  const Instant local = instant + offset;
  const Date date = utc_date(local);
  return {date, local - start_of_day_utc(date)};
}

// The instant at which a clock running at `offset` reads `local`.
Instant instant_of(const LocalTime& local, Duration offset) {
  return start_of_day_utc(local.date) + local.time_of_day - offset;
}

// The offset in force from `instant` on, and when it next changes (never: Instant::max()).
struct Piece {
  Duration offset;
  Instant end;
};

Piece piece_at(const TimeZone& zone, Instant instant) {
  return {zone.offset_at(instant), zone.next_change(instant).value_or(Instant::max())};
}

}  // namespace

std::string format_years(const std::set<int>& years) {
  constexpr int kShortestYearRun = 3;  // two years in a row stay "2025, 2026"
  std::string text;
  const auto append = [&text](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  for (auto it = years.begin(); it != years.end();) {
    const int first = *it;
    int last = first;
    while (++it != years.end() && *it == last + 1) last = *it;
    if (last - first + 1 >= kShortestYearRun) {
      append(fmt::format("{}–{}", first, last));
    } else {
      for (int year = first; year <= last; ++year) append(std::to_string(year));
    }
  }
  return text.empty() ? "none" : text;
}

BusinessHours parse_business_hours(std::string_view text, const std::string& where) {
  const auto expected = [&] {
    return InputError(where, fmt::format("expected business hours hh:mm-hh:mm such as 09:00-18:00, not '{}'", text));
  };
  const auto time_of_day = [&](std::string_view part) {
    int hours = -1, minutes = -1;
    const bool shaped = part.size() == 5 && part[2] == ':' &&
                        std::from_chars(part.data(), part.data() + 2, hours).ptr == part.data() + 2 &&
                        std::from_chars(part.data() + 3, part.data() + 5, minutes).ptr == part.data() + 5;
    if (!shaped || hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
      throw expected();
    }
    return Duration(std::chrono::hours{hours} + std::chrono::minutes{minutes});
  };
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) throw expected();
  const BusinessHours hours{time_of_day(text.substr(0, dash)), time_of_day(text.substr(dash + 1))};
  if (hours.open >= hours.close) {
    throw InputError(where, fmt::format("business hours '{}' close before they open", text));
  }
  return hours;
}

CalendarDataMissing::CalendarDataMissing(std::string calendar, int year, std::set<int> covered_years)
    : InputError("calendar " + calendar,
                 fmt::format("no holiday data for {} (the calendar covers {}); business days in {} are "
                             "not guessed. Add the year's holidays and working days under `years: {}:` "
                             "in a {}.yaml in {} (see sim/calendars/README.md)",
                             year, format_years(covered_years), year, year, calendar, kUserCalendarPlaces)),
      calendar_(std::move(calendar)),
      year_(year),
      covered_years_(std::move(covered_years)) {}

std::optional<HolidayRule::Occurrence> HolidayRule::occurrence(int year) const {
  using namespace boost::gregorian;
  if ((first_year && year < *first_year) || (last_year && year > *last_year)) return std::nullopt;
  const auto y = static_cast<unsigned short>(year);
  const greg_month in_month(static_cast<unsigned short>(month));
  const greg_weekday kept_on(static_cast<unsigned short>(weekday));
  Occurrence result;
  switch (kind) {
    case Kind::FixedDate:
      if (month == 2 && day == 29 && !gregorian_calendar::is_leap_year(y)) return std::nullopt;
      result.date = Date(y, in_month, static_cast<unsigned short>(day));
      break;
    case Kind::NthWeekday:
      result.date =
          nth_kday_of_month(static_cast<nth_kday_of_month::week_num>(nth), kept_on, in_month).get_date(y);
      break;
    case Kind::LastWeekday:
      result.date = last_kday_of_month(kept_on, in_month).get_date(y);
      break;
  }
  if (observance == Observance::NearestWeekday) {
    if (result.date.day_of_week() == Saturday) {
      result.date -= days(1);
      result.shifted = true;
    } else if (result.date.day_of_week() == Sunday) {
      result.date += days(1);
      result.shifted = true;
    }
  }
  return result;
}

bool HolidayList::add(Date first, Date last, std::string name) {
  if (!within(first, last).empty()) return false;
  by_first_.emplace(first, Span{first, last, std::move(name)});
  return true;
}

void HolidayList::add_unlisted(Date first, Date last, const std::string& name) {
  using boost::gregorian::days;
  Date gap_first = first;
  for (const Span* listed : within(first, last)) {
    if (gap_first < listed->first) add(gap_first, listed->first - days(1), name);
    gap_first = listed->last + days(1);
  }
  if (gap_first <= last) add(gap_first, last, name);
}

const HolidayList::Span* HolidayList::find(Date date) const {
  const auto spans = within(date, date);
  return spans.empty() ? nullptr : spans.front();
}

std::vector<const HolidayList::Span*> HolidayList::within(Date first, Date last) const {
  std::vector<const Span*> result;
  auto it = by_first_.upper_bound(first);  // spans are apart: only the one before may reach `first`
  if (it != by_first_.begin() && std::prev(it)->second.last >= first) --it;
  for (; it != by_first_.end() && it->first <= last; ++it) result.push_back(&it->second);
  return result;
}

struct Calendar::Data {
  CalendarDefinition definition;
  std::vector<Calendar> members;  // a joint calendar's members; empty otherwise
  // The first unbroken run of covered years from 1900 to 2199, precomputed and found by day number:
  // its i-th year, first_counted_year + i, starts year_start[i] days after the day numbered
  // first_day (the last entry ends the run), has the business days counted_years[i],
  // business_before[i] business days of the run come before it, and eighths_before[i][g] of its own
  // before its day 8g (its days counted in groups of eight). Other years are computed when asked.
  int first_counted_year = 0;
  std::int64_t first_day = 0;
  std::vector<std::int32_t> year_start;
  std::vector<YearDays> counted_years;
  std::vector<std::int32_t> business_before;
  std::vector<std::array<std::uint16_t, kYearBits / 8 + 1>> eighths_before;
};

void Calendar::count_days(Data& data) const {
  int year = kPrecomputedFirstYear;
  while (year <= kPrecomputedLastYear && !covers(year)) ++year;
  data.first_counted_year = year;
  data.first_day = january_first(year).day_number();
  data.year_start.assign(1, 0);
  data.business_before.assign(1, 0);
  for (; year <= kPrecomputedLastYear && covers(year); ++year) {
    const YearDays& days = data.counted_years.emplace_back(year_days(year));
    data.year_start.push_back(data.year_start.back() + days_in_year(year));
    data.business_before.push_back(data.business_before.back() + static_cast<std::int32_t>(days.count()));
    auto& groups = data.eighths_before.emplace_back();
    std::uint16_t running = 0;
    for (std::size_t day = 0; day < static_cast<std::size_t>(days_in_year(year)); ++day) {
      if (day % 8 == 0) groups[day / 8] = running;
      running = static_cast<std::uint16_t>(running + (days[day] ? 1 : 0));
    }
  }
}

Calendar Calendar::with_days_counted(std::shared_ptr<Data> data) {
  Calendar calendar(data);
  calendar.count_days(*data);
  return calendar;
}

std::optional<Calendar::CountedDay> Calendar::counted_day(Date date) const {
  const std::int64_t offset = static_cast<std::int64_t>(date.day_number()) - data_->first_day;
  const auto& starts = data_->year_start;
  if (offset < 0 || offset >= starts.back()) return std::nullopt;
  // A year has 365 or 366 days: the year is offset / 366 or one of the few after it.
  auto year = static_cast<std::size_t>(offset / 366);
  while (starts[year + 1] <= offset) ++year;
  return CountedDay{year, static_cast<int>(offset - starts[year])};
}

int Calendar::business_days_before(CountedDay day) const {
  // The count before the day's group of eight, then the group's days before it.
  const YearDays& days = data_->counted_years[day.year];
  int within = data_->eighths_before[day.year][static_cast<std::size_t>(day.day / 8)];
  for (int earlier = day.day & ~7; earlier < day.day; ++earlier) {
    within += days[static_cast<std::size_t>(earlier)] ? 1 : 0;
  }
  return data_->business_before[day.year] + within;
}

Calendar::Calendar(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Calendar::Calendar(CalendarDefinition definition) {
  const auto invalid = [&](const std::string& why) {
    return std::invalid_argument(fmt::format("calendar {}: {}", definition.name, why));
  };
  const BusinessHours& hours = definition.business_hours;
  if (hours.open < Duration::zero() || hours.open >= hours.close || hours.close > kDay) {
    throw invalid("business hours must open before they close, within one day");
  }
  if (definition.weekend.all()) throw invalid("every weekday is a weekend day");
  if (definition.covered_years && definition.covered_years->empty()) throw invalid("no covered years");
  for (const HolidayRule& rule : definition.rules) {
    const bool day_ok = rule.kind != HolidayRule::Kind::FixedDate ||
                        (rule.day >= 1 && rule.day <= boost::gregorian::gregorian_calendar::end_of_month_day(
                                                          2000, static_cast<unsigned short>(rule.month)));
    if (rule.month < 1 || rule.month > 12 || rule.weekday < 0 || rule.weekday > 6 || rule.nth < 1 ||
        rule.nth > 4 || !day_ok) {
      throw invalid(fmt::format("holiday rule '{}' names an impossible day", rule.name));
    }
  }
  auto data = std::make_shared<Data>();
  data->definition = std::move(definition);
  data_ = data;
  count_days(*data);
}

Calendar Calendar::joint(const std::vector<Calendar>& members, JointHours hours) {
  if (members.empty()) throw std::invalid_argument("a joint calendar needs at least one member");
  auto data = std::make_shared<Data>();
  for (const Calendar& member : members) {
    const auto& inner = member.data_->members;
    if (inner.empty()) {
      data->members.push_back(member);
    } else {
      data->members.insert(data->members.end(), inner.begin(), inner.end());
    }
  }
  const CalendarDefinition& first = data->members.front().data_->definition;
  CalendarDefinition& definition = data->definition;
  definition.time_zone = first.time_zone;
  definition.business_hours = first.business_hours;
  definition.weekend.reset();
  for (const Calendar& member : data->members) {
    definition.weekend |= member.weekend();
    definition.provisional = definition.provisional || member.provisional();
    definition.name += (definition.name.empty() ? "" : "+") + member.name();
    definition.description += (definition.description.empty() ? "" : " and ") + member.name();
  }
  if (hours == JointHours::First) {
    definition.description = fmt::format("days off on any of {}; business hours of {}", definition.description,
                                         first.name);
    return with_days_counted(std::move(data));
  }
  for (const Calendar& member : data->members) {
    if (member.time_zone().posix() != first.time_zone.posix()) {
      throw std::invalid_argument(fmt::format("calendar {}: the intersection of business hours needs members in one "
                                              "time zone ({} is in {}, {} in {})",
                                              definition.name, first.name, first.time_zone.name(), member.name(),
                                              member.time_zone().name()));
    }
    definition.business_hours.open = std::max(definition.business_hours.open, member.business_hours().open);
    definition.business_hours.close = std::min(definition.business_hours.close, member.business_hours().close);
  }
  if (definition.business_hours.open >= definition.business_hours.close) {
    throw std::invalid_argument(fmt::format("calendar {}: the members' business hours do not overlap", definition.name));
  }
  definition.description = fmt::format("days off on any of {}; the business hours all of them keep",
                                       definition.description);
  return with_days_counted(std::move(data));
}

Calendar Calendar::with_hours(BusinessHours hours) const {
  if (hours.open < Duration::zero() || hours.open >= hours.close || hours.close > kDay) {
    throw std::invalid_argument(fmt::format("calendar {}: business hours must open before they close, within one day",
                                            name()));
  }
  auto data = std::make_shared<Data>(*data_);
  data->definition.business_hours = hours;
  return Calendar(std::shared_ptr<const Data>(std::move(data)));
}

Calendar Calendar::with_days(const std::vector<HolidayList::Span>& holidays,
                             const std::map<Date, std::string>& working_days) const {
  if (!data_->members.empty()) throw std::invalid_argument("calendar " + name() + ": days are added to each member");
  CalendarDefinition definition = data_->definition;
  for (const auto& span : holidays) definition.holidays.add_unlisted(span.first, span.last, span.name);
  for (const auto& [date, day_name] : working_days) definition.working_days.emplace(date, day_name);
  return Calendar(std::move(definition));
}

const std::string& Calendar::name() const { return data_->definition.name; }
const std::string& Calendar::description() const { return data_->definition.description; }
const TimeZone& Calendar::time_zone() const { return data_->definition.time_zone; }
const BusinessHours& Calendar::business_hours() const { return data_->definition.business_hours; }
std::bitset<7> Calendar::weekend() const { return data_->definition.weekend; }
bool Calendar::provisional() const { return data_->definition.provisional; }

Duration Calendar::business_day_length() const {
  return business_hours().close - business_hours().open;
}

bool Calendar::covers(int year) const {
  if (year < kFirstYear || year > kLastYear) return false;
  if (!data_->members.empty()) {
    return std::all_of(data_->members.begin(), data_->members.end(),
                       [year](const Calendar& member) { return member.covers(year); });
  }
  const auto& covered = data_->definition.covered_years;
  return !covered || covered->count(year) != 0;
}

std::optional<std::set<int>> Calendar::covered_years() const {
  if (data_->members.empty()) return data_->definition.covered_years;
  std::optional<std::set<int>> common;
  for (const Calendar& member : data_->members) {
    const auto years = member.covered_years();
    if (!years) continue;
    if (!common) {
      common = years;
    } else {
      std::set<int> both;
      std::set_intersection(common->begin(), common->end(), years->begin(), years->end(),
                            std::inserter(both, both.end()));
      common = std::move(both);
    }
  }
  return common;
}

void Calendar::require_year(int year) const {
  if (year < kFirstYear || year > kLastYear) {
    throw InputError("calendar " + name(),
                     fmt::format("year {} is outside the years casim handles ({} to {})", year, kFirstYear, kLastYear));
  }
  for (const Calendar& member : data_->members) member.require_year(year);
  if (!covers(year)) throw CalendarDataMissing(name(), year, *data_->definition.covered_years);
}

Calendar::YearDays Calendar::compute_year(int year) const {
  const CalendarDefinition& definition = data_->definition;
  YearDays days;
  const Date first = january_first(year);
  const int weekday_of_first = first.day_of_week().as_number();
  for (int i = 0; i < days_in_year(year); ++i) {
    days[static_cast<std::size_t>(i)] = !definition.weekend[static_cast<std::size_t>((weekday_of_first + i) % 7)];
  }
  for (const HolidayRule& rule : definition.rules) {
    // An observed day may move into the neighbouring year (a Saturday Jan 1 is kept on Dec 31).
    for (int y = std::max(year - 1, kFirstYear); y <= std::min(year + 1, kLastYear); ++y) {
      const auto occurrence = rule.occurrence(y);
      if (occurrence && occurrence->date.year() == year) days.reset(static_cast<std::size_t>(index_in_year(occurrence->date)));
    }
  }
  const Date last = january_first(year) + boost::gregorian::days(days_in_year(year) - 1);
  for (const HolidayList::Span* span : definition.holidays.within(first, last)) {
    const int from = index_in_year(std::max(span->first, first));
    const int to = index_in_year(std::min(span->last, last));
    for (int i = from; i <= to; ++i) days.reset(static_cast<std::size_t>(i));
  }
  for (auto it = definition.working_days.lower_bound(first); it != definition.working_days.end() && it->first <= last;
       ++it) {
    days.set(static_cast<std::size_t>(index_in_year(it->first)));
  }
  return days;
}

Calendar::YearDays Calendar::year_days(int year) const {
  require_year(year);
  const int index = year - data_->first_counted_year;
  if (index >= 0 && index < static_cast<int>(data_->counted_years.size())) {
    return data_->counted_years[static_cast<std::size_t>(index)];
  }
  if (!data_->members.empty()) {
    YearDays days;
    days.set();
    for (const Calendar& member : data_->members) days &= member.year_days(year);
    return days;
  }
  return compute_year(year);
}

bool Calendar::is_business_day(Date date) const {
  if (const auto day = counted_day(date)) return data_->counted_years[day->year][static_cast<std::size_t>(day->day)];
  return year_days(date.year())[static_cast<std::size_t>(index_in_year(date))];
}

int Calendar::count_business_days(Date first, Date last) const {
  const auto first_counted = counted_day(first);
  const auto last_counted = counted_day(last);
  if (first_counted && last_counted) {
    const bool last_is_business = data_->counted_years[last_counted->year][static_cast<std::size_t>(last_counted->day)];
    return business_days_before(*last_counted) - business_days_before(*first_counted) + (last_is_business ? 1 : 0);
  }
  int total = 0;
  for (int year = first.year(); year <= last.year(); ++year) {
    const int from = year == first.year() ? index_in_year(first) : 0;
    const int to = year == last.year() ? index_in_year(last) : days_in_year(year) - 1;
    total += count_bits(year_days(year), from, to);
  }
  return total;
}

Date Calendar::add_business_days(Date date, int n) const {
  if (n == 0) return date;
  using boost::gregorian::days;
  int remaining = std::abs(n);
  if (n > 0) {
    Date position = date + days(1);
    for (;;) {
      const int year = position.year();
      const YearDays business = year_days(year);
      const int from = index_in_year(position);
      const int available = count_bits(business, from, days_in_year(year) - 1);
      if (available < remaining) {
        remaining -= available;
        require_year(year + 1);
        position = january_first(year + 1);
        continue;
      }
      for (int i = from;; ++i) {
        if (business[static_cast<std::size_t>(i)] && --remaining == 0) return january_first(year) + days(i);
      }
    }
  }
  Date position = date - days(1);
  for (;;) {
    const int year = position.year();
    const YearDays business = year_days(year);
    const int to = index_in_year(position);
    const int available = count_bits(business, 0, to);
    if (available < remaining) {
      remaining -= available;
      require_year(year - 1);
      position = january_first(year) - days(1);
      continue;
    }
    for (int i = to;; --i) {
      if (business[static_cast<std::size_t>(i)] && --remaining == 0) return january_first(year) + days(i);
    }
  }
}

int Calendar::business_days_between(Date from, Date to) const {
  using boost::gregorian::days;
  if (from == to) return 0;
  if (to > from) return count_business_days(from + days(1), to);
  return -count_business_days(to, from - days(1));
}

std::vector<SpecialDay> Calendar::special_days(int year) const {
  require_year(year);
  std::vector<SpecialDay> result;
  if (!data_->members.empty()) {
    for (const Calendar& member : data_->members) {
      for (SpecialDay day : member.special_days(year)) {
        if (day.kind == SpecialDay::Kind::WorkingDay && !is_business_day(day.date)) continue;
        day.name = member.name() + ": " + day.name;
        result.push_back(std::move(day));
      }
    }
  } else {
    const CalendarDefinition& definition = data_->definition;
    const Date first = january_first(year);
    const Date last = january_first(year + 1) - boost::gregorian::days(1);
    for (const HolidayList::Span* span : definition.holidays.within(first, last)) {
      for (Date day = std::max(span->first, first); day <= std::min(span->last, last); day += boost::gregorian::days(1)) {
        result.push_back({day, SpecialDay::Kind::Holiday, span->name});
      }
    }
    for (const HolidayRule& rule : definition.rules) {
      for (int y = std::max(year - 1, kFirstYear); y <= std::min(year + 1, kLastYear); ++y) {
        const auto occurrence = rule.occurrence(y);
        if (!occurrence || occurrence->date.year() != year) continue;
        result.push_back({occurrence->date, SpecialDay::Kind::Holiday,
                          occurrence->shifted ? rule.name + " (observed)" : rule.name});
      }
    }
    for (auto it = definition.working_days.lower_bound(first);
         it != definition.working_days.end() && it->first <= last; ++it) {
      result.push_back({it->first, SpecialDay::Kind::WorkingDay, it->second});
    }
  }
  std::stable_sort(result.begin(), result.end(),
                   [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  return result;
}

bool Calendar::is_business_time(Instant instant) const {
  const LocalTime local = time_zone().to_local(instant);
  return local.time_of_day >= business_hours().open && local.time_of_day < business_hours().close &&
         is_business_day(local.date);
}

LocalTime Calendar::business_position(const LocalTime& local) const {
  const BusinessHours& hours = business_hours();
  if (local.time_of_day < hours.close && is_business_day(local.date)) {
    return {local.date, std::max(local.time_of_day, hours.open)};
  }
  return {add_business_days(local.date, 1), hours.open};
}

LocalTime Calendar::add_local_business_time(const LocalTime& from, Duration amount) const {
  const BusinessHours& hours = business_hours();
  const LocalTime start = business_position(from);
  const Duration left_today = hours.close - start.time_of_day;
  if (amount <= left_today) return {start.date, start.time_of_day + amount};
  // What is left after today: some whole days, then a part (0, length] of one more day.
  const Duration length = business_day_length();
  Duration remaining = amount - left_today;
  const auto whole_days = (remaining - Duration{1}) / length;
  remaining -= whole_days * length;
  return {add_business_days(start.date, static_cast<int>(whole_days + 1)), hours.open + remaining};
}

Duration Calendar::local_business_time_between(const LocalTime& from, const LocalTime& to) const {
  const BusinessHours& hours = business_hours();
  // The business time of a local day that has passed by a local time.
  const auto elapsed_in_day = [&](const LocalTime& local) {
    if (!is_business_day(local.date)) return Duration::zero();
    return std::clamp(local.time_of_day, hours.open, hours.close) - hours.open;
  };
  if (from.date == to.date) return elapsed_in_day(to) - elapsed_in_day(from);
  const Duration rest_of_first = is_business_day(from.date) ? business_day_length() - elapsed_in_day(from)
                                                            : Duration::zero();
  const int whole_days = business_days_between(from.date, to.date) - (is_business_day(to.date) ? 1 : 0);
  return rest_of_first + whole_days * business_day_length() + elapsed_in_day(to);
}

Instant Calendar::next_business_instant(Instant instant) const {
  for (Instant at = instant;;) {
    if (is_business_time(at)) return at;
    const Piece piece = piece_at(time_zone(), at);
    const Instant opening = instant_of(business_position(reading(at, piece.offset)), piece.offset);
    if (opening < piece.end) return opening;
    at = piece.end;  // the clock changes before it reads the opening time: read it again from there
  }
}

Instant Calendar::add_business_time(Instant from, Duration amount) const {
  if (amount < Duration::zero()) {
    throw std::invalid_argument(fmt::format("calendar {}: negative business time", name()));
  }
  if (amount == Duration::zero()) return from;
  Duration left = amount;
  for (Instant at = from;;) {
    const Piece piece = piece_at(time_zone(), at);
    const LocalTime start = reading(at, piece.offset);
    const Instant end = instant_of(add_local_business_time(start, left), piece.offset);
    if (end <= piece.end) return end;
    left -= local_business_time_between(start, reading(piece.end, piece.offset));
    at = piece.end;
  }
}

Duration Calendar::business_time_between(Instant from, Instant to) const {
  if (to < from) return -business_time_between(to, from);
  Duration total = Duration::zero();
  for (Instant at = from; at < to;) {
    const Piece piece = piece_at(time_zone(), at);
    const Instant end = std::min(piece.end, to);
    total += local_business_time_between(reading(at, piece.offset), reading(end, piece.offset));
    at = end;
  }
  return total;
}

}  // namespace casim::sim
