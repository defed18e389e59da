// Time zones: the POSIX TZ string parser and rules, zones of the system tz database, the
// process-wide cache of loaded zones, and UTC offsets and conversions.
//
// The tz database is read with Howard Hinnant's date/tz (Debian's libhowardhinnant-date-dev, built
// with USE_OS_TZDB: it reads the TZif files of Debian's tzdata in /usr/share/zoneinfo and never
// downloads anything). It was chosen over Boost.Date_Time's tz_database, whose CSV holds one POSIX
// rule per zone and so no history (Madrid's 1970s rules, Sao Paulo's DST until 2019), and which
// nobody keeps up to date; GCC 12 has no std::chrono::tzdb. date/tz stops at a file's last listed
// transition (2037), so after it the zone follows the POSIX rule in the file's footer, as glibc does.
#include "casim/sim/time_zone.hpp"
#include "parse_support.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "casim/sim/edit_distance.hpp"
#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

// DST rules precompute their transitions for these years and compute any other year when asked.
constexpr int kPrecomputedFirstYear = 1900;
constexpr int kPrecomputedLastYear = 2199;
constexpr int kMaxOffsetHours = 24;  // POSIX: an offset's hours are 0–24
constexpr int kMaxRuleHours = 167;   // RFC 8536: a rule's time may be −167 h to +167 h
// Where Debian's date/tz reads the tz database; the footers of its files are read here too.
constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo";
// A database name this close to an unknown one (in edits) is suggested.
constexpr std::size_t kMaxSuggestionDistance = 3;

constexpr std::string_view kPosixExamples =
    "'CST-8' (UTC+8, no daylight saving time) or 'EST5EDT,M3.2.0/2,M11.1.0/2' (New York)";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What is wrong in a POSIX TZ string and where; from_posix and from_name phrase the InputError.
class PosixSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The day and local time of a DST transition: Jn (1–365, Feb 29 never counted), n (0–365,
// counting Feb 29) or Mm.w.d (day d of week w of month m, week 5 = the last).
struct Rule {
  enum class Kind { JulianNoLeap, JulianZero, MonthWeekDay };
  Kind kind = Kind::MonthWeekDay;
  int day = 0;  // Jn / n: the day number; Mm.w.d: the weekday d (0 = Sunday)
  int month = 0;
  int week = 0;
  Duration time = std::chrono::hours{2};  // local time of day, may be negative or > 24 h

  Date date_in(int year) const {
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
};

struct Dst {
  Duration offset;  // local time minus UTC while DST is in force
  Rule start;       // given in standard local time
  Rule end;         // given in daylight local time
};

// The rules of a POSIX TZ string, applied to every year.
class PosixRules {
 public:
  PosixRules(Duration std_offset, std::optional<Dst> dst) : std_offset_(std_offset), dst_(dst) {
    if (!dst_) return;
    precomputed_.reserve(kPrecomputedLastYear - kPrecomputedFirstYear + 1);
    for (int year = kPrecomputedFirstYear; year <= kPrecomputedLastYear; ++year) {
      precomputed_.push_back(compute_transitions(year));
    }
  }

  bool has_dst() const { return dst_.has_value(); }

  Duration offset_at(Instant instant) const {
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

  // The first DST transition after `instant`; nothing without DST or past the last year.
  std::optional<Instant> next_transition(Instant instant) const {
    if (!dst_) return std::nullopt;
    const int year = utc_date(instant).year();
    std::optional<Instant> next;
    for (int y = std::max(year - 1, kFirstYear); y <= std::min(year + 1, kLastYear); ++y) {
      const Transitions in_year = transitions(y);
      for (const Instant change : {in_year.start, in_year.end}) {
        if (change > instant && (!next || change < *next)) next = change;
      }
    }
    return next;
  }

  // TimeZone::to_utc for a local time (as if UTC) whose readings all lie in these rules' domain:
  // the two offsets are known, so the earlier reading is tried first.
  Instant to_utc(Instant local) const {
    if (!dst_) return local - std_offset_;
    const Duration larger = std::max(std_offset_, dst_->offset);
    const Duration smaller = std::min(std_offset_, dst_->offset);
    if (offset_at(local - larger) == larger) return local - larger;
    // The later reading, or in a gap the offset before the jump, which is the smaller one.
    return local - smaller;
  }

  // Whether the offset is `offset` throughout [from, to).
  bool constant_over(Instant from, Instant to, Duration offset) const {
    if (offset_at(from) != offset) return false;
    if (!dst_) return true;
    const int last = std::min(utc_date(to).year() + 1, kLastYear);
    for (int y = std::max(utc_date(from).year() - 1, kFirstYear); y <= last; ++y) {
      const Transitions in_year = transitions(y);
      for (const Instant change : {in_year.start, in_year.end}) {
        if (change > from && change < to && offset_at(change) != offset) return false;
      }
    }
    return true;
  }

 private:
  // The UTC instants DST starts and ends in one year.
  struct Transitions {
    Instant start;
    Instant end;
  };

  Transitions compute_transitions(int year) const {
    return {start_of_day_utc(dst_->start.date_in(year)) + dst_->start.time - std_offset_,
            start_of_day_utc(dst_->end.date_in(year)) + dst_->end.time - dst_->offset};
  }

  Transitions transitions(int year) const {
    if (year >= kPrecomputedFirstYear && year <= kPrecomputedLastYear) {
      return precomputed_[static_cast<std::size_t>(year - kPrecomputedFirstYear)];
    }
    return compute_transitions(year);
  }

  Duration std_offset_;  // local time minus UTC outside DST
  std::optional<Dst> dst_;
  std::vector<Transitions> precomputed_;  // DST rules: kPrecomputedFirstYear on
};

// Reads a POSIX TZ string from left to right; every fault names its position.
class PosixParser {
 public:
  explicit PosixParser(std::string_view text) : text_(text) {}

  PosixRules parse() {
    read_name("standard time name");
    const Duration std_offset = -read_time(kMaxOffsetHours, "a UTC offset such as 8, -8 or 5:30");
    if (at_end()) return PosixRules(std_offset, std::nullopt);
    read_name("daylight saving time name");
    Dst dst{std_offset + kHour, {}, {}};
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
    return PosixRules(std_offset, dst);
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

// An offset in force from an instant on.
struct Change {
  Instant since;
  Duration offset;
};

std::shared_ptr<const detail::ZoneRules> make_rules(std::string posix, PosixRules current);

// The POSIX TZ string a zone's file ends with (TZif version 2 and later: "\n<rule>\n").
std::string read_footer(const std::string& zone_name) {
  const std::string path = fmt::format("{}/{}", kZoneInfoDir, zone_name);
  std::ifstream in(path, std::ios::binary);
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n') {
    throw std::runtime_error(fmt::format("{} is not a TZif file of version 2 or later", path));
  }
  const std::size_t open = data.rfind('\n', data.size() - 2);
  return data.substr(open + 1, data.size() - open - 2);
}

// Zones loaded so far, by name; a zone is loaded once per process.
class ZoneCache {
 public:
  // The rules of a database zone, or null when the database has no zone of that name.
  std::shared_ptr<const detail::ZoneRules> database(std::string_view name) {
    const std::lock_guard lock(mutex_);
    const auto found = database_.find(name);
    if (found != database_.end()) return found->second;
    auto rules = load_database_zone(name);
    database_.emplace(std::string(name), rules);
    return rules;
  }

  // The rules of a POSIX TZ string; throws PosixSyntaxError.
  std::shared_ptr<const detail::ZoneRules> posix(std::string_view text) {
    const std::lock_guard lock(mutex_);
    const auto found = posix_.find(text);
    if (found != posix_.end()) return found->second;
    auto rules = make_rules(std::string(text), PosixParser(text).parse());
    posix_.emplace(std::string(text), rules);
    return rules;
  }

 private:
  static std::shared_ptr<const detail::ZoneRules> load_database_zone(std::string_view name);

  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const detail::ZoneRules>, std::less<>> database_;  // null: none
  std::map<std::string, std::shared_ptr<const detail::ZoneRules>, std::less<>> posix_;
};

ZoneCache& zone_cache() {
  static ZoneCache cache;
  return cache;
}

// The tz database, or null (with the reason in `why`) when it cannot be read.
const date::tzdb* tz_database(std::string* why = nullptr) {
  try {
    return &date::get_tzdb();
  } catch (const std::runtime_error& error) {
    if (why != nullptr) *why = error.what();
    return nullptr;
  }
}

}  // namespace

namespace detail {

// Before `current_from`, the offset of the last change of `history` at or before the instant
// (`history` starts at Instant::min()); from `current_from` on, the offset `current` gives.
struct ZoneRules {
  std::string posix;
  PosixRules current;
  Instant current_from = Instant::min();
  std::vector<Change> history;
};

}  // namespace detail

namespace {

std::shared_ptr<const detail::ZoneRules> make_rules(std::string posix, PosixRules current) {
  return std::make_shared<const detail::ZoneRules>(
      detail::ZoneRules{std::move(posix), std::move(current), Instant::min(), {}});
}

Instant instant_of(date::sys_seconds at) { return Instant{at.time_since_epoch()}; }

std::shared_ptr<const detail::ZoneRules> ZoneCache::load_database_zone(std::string_view name) {
  const date::tzdb* tzdb = tz_database();
  if (tzdb == nullptr) return nullptr;
  const auto found = std::find_if(tzdb->zones.begin(), tzdb->zones.end(),
                                  [&](const date::time_zone& zone) { return zone.name() == name; });
  if (found == tzdb->zones.end()) return nullptr;
  const std::string footer = read_footer(found->name());
  detail::ZoneRules rules{footer, PosixParser(footer).parse(), Instant::min(), {}};
  // Every change of offset date/tz lists (it stops at the file's last transition); changes of name
  // or of the DST flag alone do not matter here.
  const date::sys_seconds end_of_data{date::sys_days{date::year{kLastYear + 1} / 1 / 1}};
  date::sys_info info = found->get_info(date::sys_seconds{date::sys_days{date::year::min() / 1 / 1}});
  rules.history.push_back({Instant::min(), info.offset});
  while (info.end < end_of_data) {
    info = found->get_info(info.end);
    if (info.offset != rules.history.back().offset) rules.history.push_back({instant_of(info.begin), info.offset});
  }
  // The footer governs from the last transition on, and from earlier while it agrees with the
  // history, so that recent instants take the quick path of the POSIX rules.
  if (rules.history.size() == 1) {
    rules.history.clear();
  } else {
    rules.current_from = rules.history.back().since;
    rules.history.pop_back();
    while (rules.history.size() > 1 &&
           rules.current.constant_over(rules.history.back().since, rules.current_from, rules.history.back().offset)) {
      rules.current_from = rules.history.back().since;
      rules.history.pop_back();
    }
  }
  return std::make_shared<const detail::ZoneRules>(std::move(rules));
}

// The database name closest to `name`, if one is close enough to be a likely typo.
std::optional<std::string> closest_database_name(std::string_view name) {
  std::optional<std::string> best;
  std::size_t best_distance = kMaxSuggestionDistance + 1;
  for (const std::string& candidate : TimeZone::database_names()) {
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace

TimeZone::TimeZone() {
  static const std::shared_ptr<const detail::ZoneRules> kUtc = make_rules("UTC0", PosixRules(Duration::zero(), {}));
  name_ = "UTC";
  rules_ = kUtc;
}

TimeZone::TimeZone(std::string name, std::shared_ptr<const detail::ZoneRules> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {}

TimeZone TimeZone::from_posix(std::string_view text, const std::string& where) {
  try {
    return TimeZone(std::string(text), zone_cache().posix(text));
  } catch (const PosixSyntaxError& error) {
    throw InputError(where, fmt::format("'{}' is not a POSIX TZ string: {} (examples: {})", text, error.what(),
                                        kPosixExamples));
  }
}

TimeZone TimeZone::from_name(std::string_view name, const std::string& where) {
  try {
    if (auto rules = zone_cache().database(name)) return TimeZone(std::string(name), std::move(rules));
  } catch (const std::runtime_error& error) {
    throw InputError(where, fmt::format("time zone '{}' of the tz database cannot be read: {}", name, error.what()));
  }
  try {
    return TimeZone(std::string(name), zone_cache().posix(name));
  } catch (const PosixSyntaxError& error) {
    std::string why;
    const std::string database_state =
        tz_database(&why) == nullptr ? fmt::format("which cannot be read: {}", why) : std::string(kZoneInfoDir);
    const auto suggestion = closest_database_name(name);
    throw InputError(where, fmt::format("'{}' is neither a time zone of the tz database ({}) nor a POSIX TZ string "
                                        "({}); {}use a name such as Europe/Madrid or a POSIX TZ string such as {}",
                                        name, database_state, error.what(),
                                        suggestion ? fmt::format("did you mean {}? ", *suggestion) : "",
                                        kPosixExamples));
  }
}

const std::vector<std::string>& TimeZone::database_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    if (const date::tzdb* tzdb = tz_database()) {
      for (const date::time_zone& zone : tzdb->zones) names.emplace_back(zone.name());
    }
    std::sort(names.begin(), names.end());
    return names;
  }();
  return kNames;
}

const std::string& TimeZone::posix() const { return rules_->posix; }

bool TimeZone::has_dst() const { return rules_->current.has_dst(); }

Duration TimeZone::offset_at(Instant instant) const {
  const detail::ZoneRules& rules = *rules_;
  if (instant >= rules.current_from) return rules.current.offset_at(instant);
  const auto after = std::upper_bound(rules.history.begin(), rules.history.end(), instant,
                                      [](Instant at, const Change& change) { return at < change.since; });
  return std::prev(after)->offset;
}

LocalTime TimeZone::to_local(Instant instant) const {
  const Instant local = instant + offset_at(instant);
  const Date date = utc_date(local);
  return {date, local - start_of_day_utc(date)};
}

std::optional<Instant> TimeZone::next_change(Instant instant) const {
  const detail::ZoneRules& rules = *rules_;
  if (instant >= rules.current_from) return rules.current.next_transition(instant);
  const auto after = std::upper_bound(rules.history.begin(), rules.history.end(), instant,
                                      [](Instant at, const Change& change) { return at < change.since; });
  return after != rules.history.end() && after->since < rules.current_from ? after->since : rules.current_from;
}

Instant TimeZone::to_utc(Date date, Duration time_of_day) const {
  const Instant local = start_of_day_utc(date) + time_of_day;
  const detail::ZoneRules& rules = *rules_;
  // Every reading (an offset is under 25 h) in the domain of the current rules: the quick path.
  if (local - 2 * kDay >= rules.current_from) return rules.current.to_utc(local);
  // The offsets in force a day before and a day after: the candidates (one change at most between).
  const Duration before = offset_at(local - kDay);
  const Duration after = offset_at(local + kDay);
  const Duration larger = std::max(before, after);
  const Duration smaller = std::min(before, after);
  // The earlier reading first: it wins in an overlap, where both readings are consistent.
  if (offset_at(local - larger) == larger) return local - larger;
  if (offset_at(local - smaller) == smaller) return local - smaller;
  // In a gap the clocks jumped from the offset before to the one after.
  return local - before;
}

std::string format_local_instant(Instant at, const TimeZone& zone) {
  const LocalTime local = zone.to_local(at);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(local.time_of_day).count();
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(zone.offset_at(at)).count();
  const auto offset_abs = offset < 0 ? -offset : offset;
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(local.date), seconds / 3600, seconds / 60 % 60,
                     seconds % 60, offset < 0 ? '-' : '+', offset_abs / 60, offset_abs % 60);
}

}  // namespace casim::sim
