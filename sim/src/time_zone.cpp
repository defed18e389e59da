// POSIX TZ strings: the parser, UTC offsets and conversions, and the region table.
#include "casim/sim/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

constexpr int kFirstYear = 1400;  // Boost.Date_Time's range
constexpr int kLastYear = 9999;
// DST zones precompute their transitions for these years and compute any other year when asked.
constexpr int kPrecomputedFirstYear = 1900;
constexpr int kPrecomputedLastYear = 2199;
constexpr int kMaxOffsetHours = 24;  // POSIX: an offset's hours are 0–24
constexpr int kMaxRuleHours = 167;   // RFC 8536: a rule's time may be −167 h to +167 h

const std::vector<std::pair<std::string_view, std::string_view>> kRegions{
    {"UTC", "UTC0"},
    {"Asia/Shanghai", "CST-8"},
    {"Asia/Hong_Kong", "HKT-8"},
    {"Asia/Singapore", "<+08>-8"},
    {"Asia/Taipei", "CST-8"},
    {"Asia/Tokyo", "JST-9"},
    {"Asia/Seoul", "KST-9"},
    {"Asia/Kolkata", "IST-5:30"},
    {"Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
    {"Europe/London", "GMT0BST,M3.5.0/1,M10.5.0"},
    {"Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3"},
    {"America/New_York", "EST5EDT,M3.2.0,M11.1.0"},
    {"America/Chicago", "CST6CDT,M3.2.0,M11.1.0"},
    {"America/Denver", "MST7MDT,M3.2.0,M11.1.0"},
    {"America/Los_Angeles", "PST8PDT,M3.2.0,M11.1.0"},
};

constexpr std::string_view kPosixExamples =
    "'CST-8' (UTC+8, no daylight saving time) or 'EST5EDT,M3.2.0/2,M11.1.0/2' (New York)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What is wrong in a POSIX TZ string and where; from_posix and from_name phrase the InputError.
class PosixSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace

// Reads a POSIX TZ string from left to right; every fault names its position.
class TimeZone::Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  TimeZone parse() {
    TimeZone zone;
    zone.name_ = zone.posix_ = std::string(text_);
    read_name("standard time name");
    zone.std_offset_ = -read_time(kMaxOffsetHours, "a UTC offset such as 8, -8 or 5:30");
    if (at_end()) return zone;
    read_name("daylight saving time name");
    Dst dst{zone.std_offset_ + kHour, {}, {}};
    if (!at_end() && (is_digit(peek()) || peek() == '+' || peek() == '-')) {
      dst.offset = -read_time(kMaxOffsetHours, "a UTC offset");
    }
    if (at_end()) {
      dst.start = {Rule::Kind::MonthWeekDay, 0, 3, 2};  // second Sunday of March, 02:00
      dst.end = {Rule::Kind::MonthWeekDay, 0, 11, 1};   // first Sunday of November, 02:00
    } else {
      expect(',', "',' and the rule that starts daylight saving time");
      dst.start = read_rule();
      expect(',', "',' and the rule that ends daylight saving time");
      dst.end = read_rule();
      if (!at_end()) fail("unexpected text after the end rule");
    }
    zone.dst_ = dst;
    auto precomputed = std::make_shared<std::vector<Transitions>>();
    for (int year = kPrecomputedFirstYear; year <= kPrecomputedLastYear; ++year) {
      precomputed->push_back(zone.compute_transitions(year));
    }
    zone.precomputed_ = std::move(precomputed);
    return zone;
  }

 private:
  bool at_end() const { return pos_ == text_.size(); }
  char peek() const { return text_[pos_]; }

  [[noreturn]] void fail(std::string_view why) const {
    throw PosixSyntaxError(fmt::format("{} at position {}", why, pos_ + 1));
  }

  void expect(char c, std::string_view what) {
    if (at_end() || peek() != c) fail(fmt::format("expected {}", what));
    ++pos_;
  }

  // `EST`, or a quoted `<+08>`; at least three characters either way.
  void read_name(std::string_view what) {
    std::size_t length = 0;
    if (!at_end() && peek() == '<') {
      const std::size_t close = text_.find('>', pos_);
      if (close == std::string_view::npos) fail(fmt::format("unterminated '<' in the {}", what));
      const std::string_view inside = text_.substr(pos_ + 1, close - pos_ - 1);
      for (const char c : inside) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-') {
          fail(fmt::format("the quoted {} may hold only letters, digits, '+' and '-'", what));
        }
      }
      length = inside.size();
      if (length < 3) fail(fmt::format("the {} needs at least three characters", what));
      pos_ = close + 1;
      return;
    }
    while (pos_ + length < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_ + length]))) {
      ++length;
    }
    if (length < 3) fail(fmt::format("expected a {} of at least three letters", what));
    pos_ += length;
  }

  int read_number(std::size_t max_digits, std::string_view what) {
    std::size_t digits = 0;
    int value = 0;
    while (!at_end() && is_digit(peek()) && digits < max_digits) {
      value = value * 10 + (peek() - '0');
      ++pos_;
      ++digits;
    }
    if (digits == 0) fail(fmt::format("expected {}", what));
    return value;
  }

  // [+|-]hh[:mm[:ss]] as a signed duration.
  Duration read_time(int max_hours, std::string_view what) {
    int sign = 1;
    if (!at_end() && (peek() == '+' || peek() == '-')) {
      if (peek() == '-') sign = -1;
      ++pos_;
    }
    const std::size_t start = pos_;
    const int hours = read_number(3, what);
    if (hours > max_hours) {
      pos_ = start;
      fail(fmt::format("hours out of range (at most {})", max_hours));
    }
    Duration total = std::chrono::hours{hours};
    for (const auto unit : {kMinute, kSecond}) {
      if (at_end() || peek() != ':') break;
      ++pos_;
      const std::size_t field = pos_;
      const int value = read_number(2, "two digits of minutes or seconds");
      if (pos_ - field != 2 || value > 59) {
        pos_ = field;
        fail("minutes and seconds are two digits, 00 to 59");
      }
      total += unit * value;
    }
    return sign * total;
  }

  Rule read_rule() {
    Rule rule;
    const std::size_t start = pos_;
    const auto check = [&](int value, int low, int high, std::string_view what) {
      if (value < low || value > high) {
        pos_ = start;
        fail(fmt::format("{} out of range ({} to {})", what, low, high));
      }
    };
    if (!at_end() && peek() == 'J') {
      ++pos_;
      rule.kind = Rule::Kind::JulianNoLeap;
      rule.day = read_number(3, "a day number after J");
      check(rule.day, 1, 365, "Jn day number");
    } else if (!at_end() && peek() == 'M') {
      ++pos_;
      rule.kind = Rule::Kind::MonthWeekDay;
      rule.month = read_number(2, "a month after M");
      expect('.', "'.' after the month (Mm.w.d)");
      rule.week = read_number(1, "a week number (Mm.w.d)");
      expect('.', "'.' after the week (Mm.w.d)");
      rule.day = read_number(1, "a weekday (Mm.w.d)");
      check(rule.month, 1, 12, "month");
      check(rule.week, 1, 5, "week");
      check(rule.day, 0, 6, "weekday (0 = Sunday)");
    } else if (!at_end() && is_digit(peek())) {
      rule.kind = Rule::Kind::JulianZero;
      rule.day = read_number(3, "a day number");
      check(rule.day, 0, 365, "day number");
    } else {
      fail("expected a rule Mm.w.d, Jn or n");
    }
    if (!at_end() && peek() == '/') {
      ++pos_;
      rule.time = read_time(kMaxRuleHours, "a time of day such as 2 or 02:00:00");
    }
    return rule;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

TimeZone::TimeZone() : name_("UTC"), posix_("UTC0") {}

TimeZone TimeZone::from_posix(std::string_view text, const std::string& where) {
  try {
    return Parser(text).parse();
  } catch (const PosixSyntaxError& error) {
    throw InputError(where, fmt::format("'{}' is not a POSIX TZ string: {} (examples: {})", text, error.what(),
                                        kPosixExamples));
  }
}

TimeZone TimeZone::from_name(std::string_view name, const std::string& where) {
  for (const auto& [region, posix] : kRegions) {
    if (region == name) {
      TimeZone zone = from_posix(posix, where);
      zone.name_ = std::string(region);
      return zone;
    }
  }
  try {
    return Parser(name).parse();
  } catch (const PosixSyntaxError& error) {
    std::string known;
    for (const auto& entry : kRegions) known += fmt::format("{}{}", known.empty() ? "" : ", ", entry.first);
    throw InputError(where, fmt::format("'{}' is neither a known region ({}) nor a POSIX TZ string "
                                        "({}); use one of those regions or a POSIX TZ string such as {}",
                                        name, known, error.what(), kPosixExamples));
  }
}

const std::vector<std::pair<std::string_view, std::string_view>>& TimeZone::regions() { return kRegions; }

Date TimeZone::Rule::date_in(int year) const {
  using namespace boost::gregorian;
  const Date january_first(static_cast<unsigned short>(year), 1, 1);
  switch (kind) {
    case Kind::JulianNoLeap: {
      const bool skip_leap_day = gregorian_calendar::is_leap_year(january_first.year()) && day >= 60;
      return january_first + days(day - 1 + (skip_leap_day ? 1 : 0));
    }
    case Kind::JulianZero:
      return january_first + days(day);
    case Kind::MonthWeekDay: {
      const greg_weekday weekday(static_cast<unsigned short>(day));
      const greg_month in_month(static_cast<unsigned short>(month));
      if (week == 5) return last_day_of_the_week_in_month(weekday, in_month).get_date(january_first.year());
      return nth_day_of_the_week_in_month(static_cast<nth_day_of_the_week_in_month::week_num>(week), weekday,
                                          in_month)
          .get_date(january_first.year());
    }
  }
  return january_first;
}

TimeZone::Transitions TimeZone::compute_transitions(int year) const {
  return {start_of_day_utc(dst_->start.date_in(year)) + dst_->start.time - std_offset_,
          start_of_day_utc(dst_->end.date_in(year)) + dst_->end.time - dst_->offset};
}

TimeZone::Transitions TimeZone::transitions(int year) const {
  if (year >= kPrecomputedFirstYear && year <= kPrecomputedLastYear) {
    return (*precomputed_)[static_cast<std::size_t>(year - kPrecomputedFirstYear)];
  }
  return compute_transitions(year);
}

Duration TimeZone::offset_at(Instant instant) const {
  if (!dst_) return std_offset_;
  // The latest transition at or before `instant` among those of the neighbouring years decides.
  const int year = utc_date(instant + std_offset_).year();
  Duration offset = std_offset_;
  Instant latest = Instant::min();
  for (int y = std::max(year - 1, kFirstYear); y <= std::min(year + 1, kLastYear); ++y) {
    const Transitions in_year = transitions(y);
    if (in_year.start <= instant && in_year.start > latest) {
      latest = in_year.start;
      offset = dst_->offset;
    }
    if (in_year.end <= instant && in_year.end > latest) {
      latest = in_year.end;
      offset = std_offset_;
    }
  }
  return offset;
}

LocalTime TimeZone::to_local(Instant instant) const {
  const Instant local = instant + offset_at(instant);
  const Date date = utc_date(local);
  return {date, local - start_of_day_utc(date)};
}

Instant TimeZone::to_utc(Date date, Duration time_of_day) const {
  const Instant local = start_of_day_utc(date) + time_of_day;
  if (!dst_) return local - std_offset_;
  const Duration larger = std::max(std_offset_, dst_->offset);
  const Duration smaller = std::min(std_offset_, dst_->offset);
  // The earlier reading first: it wins in an overlap, where both readings are consistent.
  if (offset_at(local - larger) == larger) return local - larger;
  if (offset_at(local - smaller) == smaller) return local - smaller;
  // In a gap the clocks jumped from the smaller offset to the larger one.
  return local - smaller;
}

}  // namespace casim::sim
