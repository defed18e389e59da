// Calendar files (YAML) read into Calendars with file:line:column errors, and the search over user
// directories, CASIM_CALENDAR_PATH, the computed CN-provisional and the built-in files.
#include "casim/sim/calendar_library.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <initializer_list>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "calendar_cn_provisional.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/file_input.hpp"
#include "casim/sim/text.hpp"

namespace casim::sim {
namespace {

constexpr std::string_view kExtension = ".yaml";
constexpr std::string_view kBuiltinPrefix = "<built-in>/";

constexpr std::array<std::string_view, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths{"January", "February", "March",     "April",
                                                   "May",     "June",     "July",      "August",
                                                   "September", "October", "November", "December"};

// Index of `text` in `names`, by full name or its first three letters, any case; -1 if none.
template <std::size_t N>
int find_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (equal_ignoring_case(text, names[i]) || equal_ignoring_case(text, names[i].substr(0, 3))) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<int> to_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Reads one calendar document; every complaint carries the position of the node at fault.
class CalendarReader {
 public:
  CalendarReader(const std::string& name, const std::string& where) : name_(name), where_(where) {}

  Calendar read(std::string_view text) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
      throw InputError(position(error.mark), fmt::format("not valid YAML: {}", error.msg));
    }
    if (!root.IsMap()) {
      throw InputError(where_ + ":1:1", "expected a mapping of calendar settings (time_zone, business_hours, "
                                        "coverage, …; see sim/calendars/README.md)");
    }
    check_keys(root, {"description", "time_zone", "business_hours", "weekend", "coverage", "rules", "years"});
    CalendarDefinition definition;
    definition.name = name_;
    if (const auto node = root["description"]) definition.description = scalar(node, "a line of text");
    const auto zone = require(root, "time_zone", "a tz database zone such as Asia/Shanghai or a POSIX TZ string");
    definition.time_zone = TimeZone::from_name(scalar(zone, "a time zone"), position(zone));
    definition.business_hours =
        read_hours(require(root, "business_hours", "the daily business hours such as 09:00-18:00"));
    if (const auto node = root["weekend"]) definition.weekend = read_weekend(node);
    if (definition.weekend.all()) fail(root["weekend"], "every day of the week is a weekend day");
    const auto coverage = require(root, "coverage", "any-year or listed-years");
    const std::string coverage_text = scalar(coverage, "any-year or listed-years");
    if (coverage_text != "any-year" && coverage_text != "listed-years") {
      fail(coverage, fmt::format("coverage is 'any-year' (rules hold for every year) or 'listed-years' (only "
                                 "the years under `years`), not '{}'",
                                 coverage_text));
    }
    if (const auto rules = root["rules"]) {
      for (const auto& rule : sequence(rules, "a list of holiday rules")) definition.rules.push_back(read_rule(rule));
    }
    std::set<int> years;
    if (const auto node = root["years"]) {
      if (!node.IsMap()) fail(node, "expected a mapping of years (2026: {holidays: [...], working_days: [...]})");
      for (const auto& entry : node) {
        const int year = read_year(entry.first);
        if (!years.insert(year).second) fail(entry.first, fmt::format("year {} is listed twice", year));
        read_year_data(entry.second, year, definition);
      }
    }
    if (coverage_text == "listed-years") {
      if (years.empty()) fail(coverage, "coverage listed-years needs at least one year under `years`");
      definition.covered_years = years;
    }
    return Calendar(std::move(definition));
  }

 private:
  std::string position(const YAML::Mark& mark) const {
    if (mark.is_null()) return where_;
    return fmt::format("{}:{}:{}", where_, mark.line + 1, mark.column + 1);
  }
  std::string position(const YAML::Node& node) const { return position(node.Mark()); }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& why) const {
    throw InputError(position(node), why);
  }

  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed) const {
    for (const auto& entry : map) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string names;
        for (const auto name : allowed) names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
        fail(entry.first, fmt::format("unknown key '{}' (expected one of: {})", key, names));
      }
    }
  }

  YAML::Node require(const YAML::Node& map, const char* key, std::string_view what) const {
    const YAML::Node node = map[key];
    if (!node) fail(map, fmt::format("missing key '{}' ({})", key, what));
    return node;
  }

  std::string scalar(const YAML::Node& node, std::string_view what) const {
    if (!node.IsScalar()) fail(node, fmt::format("expected {}", what));
    return node.Scalar();
  }

  YAML::Node sequence(const YAML::Node& node, std::string_view what) const {
    if (!node.IsSequence()) fail(node, fmt::format("expected {}", what));
    return node;
  }

  YAML::Node mapping(const YAML::Node& node, std::string_view what) const {
    if (!node.IsMap()) fail(node, fmt::format("expected {}", what));
    return node;
  }

  int integer(const YAML::Node& node, std::string_view what) const {
    const auto value = to_int(scalar(node, what));
    if (!value) fail(node, fmt::format("expected {}, not '{}'", what, node.Scalar()));
    return *value;
  }

  Date date(const YAML::Node& node) const { return parse_date(scalar(node, "a date YYYY-MM-DD"), position(node)); }

  BusinessHours read_hours(const YAML::Node& node) const {
    const std::string text = scalar(node, "business hours hh:mm-hh:mm such as 09:00-18:00");
    try {
      return parse_business_hours(text, "");
    } catch (const InputError& error) {
      fail(node, error.what());
    }
  }

  int weekday(const YAML::Node& node) const {
    const int index = find_name(kWeekdays, scalar(node, "a weekday"));
    if (index < 0) fail(node, fmt::format("expected a weekday (Monday … Sunday), not '{}'", node.Scalar()));
    return index;
  }

  std::bitset<7> read_weekend(const YAML::Node& node) const {
    std::bitset<7> weekend;
    for (const auto& day : sequence(node, "a list of weekdays such as [Saturday, Sunday]")) {
      weekend.set(static_cast<std::size_t>(weekday(day)));
    }
    return weekend;
  }

  int read_year(const YAML::Node& node) const {
    const int year = integer(node, "a year such as 2026");
    if (year < 1400 || year > 9999) fail(node, fmt::format("year {} out of range (1400 to 9999)", year));
    return year;
  }

  HolidayRule read_rule(const YAML::Node& node) const {
    mapping(node, "a holiday rule {name, month, day | weekday and nth, …}");
    check_keys(node, {"name", "month", "day", "weekday", "nth", "observed", "from_year", "until_year"});
    HolidayRule rule;
    rule.name = scalar(require(node, "name", "the holiday's name"), "the holiday's name");
    const auto month_node = require(node, "month", "a month such as November or 11");
    const auto month_number = to_int(scalar(month_node, "a month"));
    rule.month = month_number ? *month_number : find_name(kMonths, month_node.Scalar()) + 1;
    if (rule.month < 1 || rule.month > 12) {
      fail(month_node, fmt::format("expected a month (January … December or 1 … 12), not '{}'", month_node.Scalar()));
    }
    const auto day = node["day"];
    const auto kept_on = node["weekday"];
    const auto nth = node["nth"];
    if (day && !kept_on && !nth) {
      rule.kind = HolidayRule::Kind::FixedDate;
      rule.day = integer(day, "a day of the month");
      const int last_day = boost::gregorian::gregorian_calendar::end_of_month_day(2000, static_cast<unsigned short>(rule.month));
      if (rule.day < 1 || rule.day > last_day) {
        fail(day, fmt::format("day {} does not exist in {}", rule.day, kMonths[static_cast<std::size_t>(rule.month - 1)]));
      }
    } else if (!day && kept_on && nth) {
      rule.weekday = weekday(kept_on);
      if (scalar(nth, "1, 2, 3, 4 or last") == "last") {
        rule.kind = HolidayRule::Kind::LastWeekday;
      } else {
        rule.kind = HolidayRule::Kind::NthWeekday;
        rule.nth = integer(nth, "1, 2, 3, 4 or last");
        if (rule.nth < 1 || rule.nth > 4) fail(nth, "expected 1, 2, 3, 4 or last");
      }
    } else {
      fail(node, fmt::format("holiday rule '{}' needs either `day` (a fixed date) or both `weekday` and `nth` "
                             "(such as the 4th Thursday)",
                             rule.name));
    }
    if (const auto observed = node["observed"]) {
      const std::string text = scalar(observed, "none or nearest-weekday");
      if (text == "nearest-weekday") {
        if (rule.kind != HolidayRule::Kind::FixedDate) fail(observed, "only a fixed date can be observed on another day");
        rule.observance = HolidayRule::Observance::NearestWeekday;
      } else if (text != "none") {
        fail(observed, fmt::format("expected none or nearest-weekday, not '{}'", text));
      }
    }
    if (const auto first = node["from_year"]) rule.first_year = read_year(first);
    if (const auto last = node["until_year"]) rule.last_year = read_year(last);
    return rule;
  }

  Date date_in_year(const YAML::Node& node, int year) const {
    const Date value = date(node);
    if (value.year() != year) fail(node, fmt::format("{} is not in {}, the year it is listed under", format_date(value), year));
    return value;
  }

  void read_year_data(const YAML::Node& node, int year, CalendarDefinition& definition) const {
    mapping(node, "a mapping with holidays and working_days");
    check_keys(node, {"holidays", "working_days"});
    if (const auto holidays = node["holidays"]) {
      for (const auto& entry : sequence(holidays, "a list of holidays")) {
        mapping(entry, "a holiday {date, name} or {from, to, name}");
        check_keys(entry, {"date", "from", "to", "name"});
        const std::string name = scalar(require(entry, "name", "the holiday's name"), "the holiday's name");
        const auto single = entry["date"];
        const auto from = entry["from"];
        const auto to = entry["to"];
        if (!(single && !from && !to) && !(!single && from && to)) {
          fail(entry, "a holiday has either `date` or both `from` and `to` (inclusive)");
        }
        const Date first = date_in_year(single ? single : from, year);
        const Date last = single ? first : date_in_year(to, year);
        if (last < first) fail(to, fmt::format("the holiday ends ({}) before it starts", format_date(last)));
        if (!definition.holidays.add(first, last, name)) {
          const Date listed = std::max(first, definition.holidays.within(first, last).front()->first);
          fail(entry, fmt::format("{} is already listed as a holiday", format_date(listed)));
        }
      }
    }
    if (const auto working = node["working_days"]) {
      for (const auto& entry : sequence(working, "a list of working weekend days")) {
        mapping(entry, "a working day {date, name}");
        check_keys(entry, {"date", "name"});
        const std::string name = scalar(require(entry, "name", "why the day is worked"), "a name");
        const auto date_node = require(entry, "date", "the date of a weekend day that is worked");
        const Date day = date_in_year(date_node, year);
        if (!definition.weekend[day.day_of_week().as_number()]) {
          fail(date_node, fmt::format("{} is a {}, not a weekend day: working_days lists weekend days that are "
                                      "worked",
                                      format_date(day), kWeekdays[day.day_of_week().as_number()]));
        }
        if (definition.holidays.find(day) != nullptr) fail(date_node, fmt::format("{} is also listed as a holiday", format_date(day)));
        if (!definition.working_days.emplace(day, name).second) {
          fail(date_node, fmt::format("{} is listed twice", format_date(day)));
        }
      }
    }
  }

  const std::string& name_;
  const std::string& where_;
};

// A calendar name is a file name without its extension: letters, digits, '_', '-', '.'.
bool is_plain_name(std::string_view name) {
  return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::filesystem::path checked_directory(std::filesystem::path directory, const std::string& where) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    throw InputError(where, fmt::format("'{}' is not a directory (a calendar directory holds <NAME>.yaml files)",
                                        directory.string()));
  }
  return directory;
}

}  // namespace

Calendar parse_calendar(std::string_view text, const std::string& name, const std::string& where) {
  return CalendarReader(name, where).read(text);
}

CalendarLibrary::CalendarLibrary(std::vector<std::filesystem::path> directories) {
  for (auto& directory : directories) {
    directories_.push_back(checked_directory(std::move(directory), "calendar directory"));
  }
}

CalendarLibrary CalendarLibrary::with_environment(std::vector<std::filesystem::path> directories) {
  CalendarLibrary library(std::move(directories));
  if (const char* path = std::getenv("CASIM_CALENDAR_PATH")) {
    std::istringstream entries(path);
    std::string entry;
    while (std::getline(entries, entry, ':')) {
      if (!entry.empty()) library.directories_.push_back(checked_directory(entry, "CASIM_CALENDAR_PATH"));
    }
  }
  return library;
}

std::vector<std::string> CalendarLibrary::available() const {
  std::set<std::string> names{std::string(kProvisionalChinaCalendar)};
  for (const auto& [file, text] : builtin_calendar_files()) {
    if (file.size() > kExtension.size() && file.ends_with(kExtension)) {
      names.emplace(file.substr(0, file.size() - kExtension.size()));
    }
  }
  for (const auto& directory : directories_) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      const auto& file = entry.path();
      if (file.extension() == kExtension && is_plain_name(file.stem().string())) names.insert(file.stem().string());
    }
  }
  return {names.begin(), names.end()};
}

Calendar CalendarLibrary::load(std::string_view name) const {
  std::vector<Calendar> members;
  std::size_t start = 0;
  for (;;) {
    const std::size_t plus = name.find('+', start);
    const std::string_view member = name.substr(start, plus == std::string_view::npos ? plus : plus - start);
    if (member.empty()) {
      throw InputError("calendar", fmt::format("'{}' has an empty member (join calendars as CN+US)", name));
    }
    members.push_back(load_one(member));
    if (plus == std::string_view::npos) break;
    start = plus + 1;
  }
  return members.size() == 1 ? members.front() : Calendar::joint(members);
}

Calendar CalendarLibrary::load_one(std::string_view name) const {
  const std::string file_name = fmt::format("{}{}", name, kExtension);
  if (is_plain_name(name)) {
    for (const auto& directory : directories_) {
      const auto path = directory / file_name;
      std::error_code error;
      if (!std::filesystem::exists(path, error)) continue;
      return parse_calendar(read_input_file(path, kCalendarFile), std::string(name), path.string());
    }
    if (name == kProvisionalChinaCalendar) return china_provisional_calendar();
    for (const auto& [file, text] : builtin_calendar_files()) {
      if (file == file_name) return parse_calendar(text, std::string(name), fmt::format("{}{}", kBuiltinPrefix, file));
    }
  }
  std::string names;
  for (const auto& known : available()) names += fmt::format("{}{}", names.empty() ? "" : ", ", known);
  throw InputError("calendar", fmt::format("unknown calendar '{}' (available: {}; join calendars with '+', such "
                                           "as CN+US; add your own as <NAME>.yaml in {})",
                                           name, names, kUserCalendarPlaces));
}

Calendar calendar_or_default(const std::optional<Calendar>& calendar) {
  if (calendar) return *calendar;
  static const Calendar built_in = CalendarLibrary{}.load(kDefaultCalendar);  // built-in files only: read once
  return built_in;
}

}  // namespace casim::sim
