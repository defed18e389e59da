// `calendars:`: the pre-review and review calendars by name (CN, CN-provisional, US, none, CN+US,
// files in CASIM_CALENDAR_PATH), or a base calendar with holidays and working days added inline,
// its business hours changed, or a joint calendar's hours chosen (first member's, or the
// intersection). Added days are checked (a year the base covers; spans of at most a year; working
// days on days off) and added to each member calendar as listed spans (Calendar::with_days).
// read_calendar also serves phone lines' hours and the CA's calling hours.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "casim/sim/calendar_library.hpp"
#include "loader.hpp"

namespace casim::scenario::detail {
namespace {

// The longest holiday span a scenario may add: a year, leap day included.
constexpr long kMaxSpanDays = 366;

struct Addition {
  sim::Date from;
  sim::Date to;
  std::string name;
  bool working = false;
  YAML::Node node;  // where it was written
};

// The name of the holiday `base` lists on `date`, if any.
std::optional<std::string> listed_holiday(const sim::Calendar& base, sim::Date date) {
  for (const auto& day : base.special_days(date.year())) {
    if (day.date == date && day.kind == sim::SpecialDay::Kind::Holiday) return day.name;
  }
  return std::nullopt;
}

// Reports additions `base` cannot take: years it has no data for, working days that are not days off.
void check_additions(Reader& reader, const sim::Calendar& base, const std::vector<Addition>& additions,
                     const std::string& path) {
  for (const Addition& addition : additions) {
    for (int year = addition.from.year(); year <= addition.to.year(); ++year) {
      if (!base.covers(year)) {
        reader.error(addition.node, fmt::format("{}: calendar '{}' has no data for {}: days can only be added to "
                                                "the years it covers",
                                                path, base.name(), year));
        break;
      }
    }
    if (!addition.working || !base.covers(addition.from.year())) continue;
    if (const auto holiday = listed_holiday(base, addition.from)) {
      reader.error(addition.node, fmt::format("{}: {} is a holiday on {} ({}), not a weekend day", path,
                                              sim::format_date(addition.from), base.name(), *holiday));
    } else if (base.is_business_day(addition.from)) {
      reader.error(addition.node, fmt::format("{}: {} is already a business day on {} (working_days are weekend "
                                              "days that are worked)",
                                              path, sim::format_date(addition.from), base.name()));
    }
  }
}

// `base` with `additions`; days it already lists as holidays keep their name.
sim::Calendar amended(const sim::Calendar& base, const std::vector<Addition>& additions) {
  std::vector<sim::HolidayList::Span> holidays;
  std::map<sim::Date, std::string> working_days;
  for (const Addition& addition : additions) {
    if (addition.working) {
      working_days.emplace(addition.from, addition.name);
    } else {
      holidays.push_back({addition.from, addition.to, addition.name});
    }
  }
  return base.with_days(holidays, working_days);
}

std::vector<Addition> read_additions(Context& context, const Section& section) {
  Reader& reader = context.reader;
  std::vector<Addition> additions;
  if (const auto holidays = section.get("holidays")) {
    for_each_item(reader, holidays, section.path("holidays"), [&](const YAML::Node& item, const std::string& path) {
      const Section day(reader, item, "holiday", path);
      if (!day.ok()) return;
      Addition addition{{}, {}, "added holiday", false, item};
      if (const auto name = day.get("name")) addition.name = read_string(reader, name, day.path("name")).value_or("");
      if (const auto date = day.get("date")) {
        if (day.has("from") || day.has("to")) reader.error(item, path + ": give either date or from and to");
        const auto value = read_date(reader, date, day.path("date"));
        if (!value) return;
        addition.from = addition.to = *value;
      } else {
        const auto from = read_date(reader, day.require("from"), day.path("from"));
        const auto to = read_date(reader, day.require("to"), day.path("to"));
        if (!from || !to) return;
        if (*to < *from) {
          reader.error(day.get("to"), fmt::format("{}: {} is before from {}", day.path("to"), sim::format_date(*to),
                                                  sim::format_date(*from)));
          return;
        }
        const auto days = (*to - *from).days() + 1;
        if (days > kMaxSpanDays) {
          reader.error(day.get("to"), fmt::format("{}: {} to {} is {} days; an added holiday spans at most {} days "
                                                  "(list a longer closure as several spans)",
                                                  day.path("to"), sim::format_date(*from), sim::format_date(*to), days,
                                                  kMaxSpanDays));
          return;
        }
        addition.from = *from;
        addition.to = *to;
      }
      additions.push_back(std::move(addition));
    });
  }
  if (const auto working = section.get("working_days")) {
    for_each_item(reader, working, section.path("working_days"), [&](const YAML::Node& item, const std::string& path) {
      const Section day(reader, item, "working_day", path);
      Addition addition{{}, {}, "added working day", true, item};
      if (const auto name = day.get("name")) addition.name = read_string(reader, name, day.path("name")).value_or("");
      const auto date = read_date(reader, day.require("date"), day.path("date"));
      if (!date) return;
      addition.from = addition.to = *date;
      additions.push_back(std::move(addition));
    });
  }
  return additions;
}

}  // namespace

std::optional<sim::Calendar> read_calendar(Context& context, const YAML::Node& node, const std::string& path) {
  Reader& reader = context.reader;
  const auto library = sim::CalendarLibrary::with_environment();
  std::optional<sim::Calendar> calendar;
  if (node && node.IsScalar()) {
    reported(reader, node, [&] { calendar = library.load(node.Scalar()); });
    return calendar;
  }
  const Section section(reader, node, "calendar_additions", path);
  if (!section.ok()) return std::nullopt;
  const auto base_node = section.require("base");
  const auto base = read_string(reader, base_node, section.path("base"));
  const std::size_t before = reader.error_count();
  const std::vector<Addition> additions = read_additions(context, section);
  if (!base) return std::nullopt;
  std::vector<sim::Calendar> members;
  const bool loaded = reported(reader, base_node, [&] {
    library.load(*base);  // the joint name as a whole: unknown members, empty ones
    std::stringstream names(*base);
    for (std::string member; std::getline(names, member, '+');) members.push_back(library.load(member));
  });
  if (!loaded) return std::nullopt;
  for (const sim::Calendar& member : members) check_additions(reader, member, additions, path);
  if (reader.error_count() != before) return std::nullopt;
  auto joint_hours = sim::Calendar::JointHours::First;
  const auto joint_node = section.get("joint_hours");
  if (joint_node) {
    const auto rule = read_keyword<sim::Calendar::JointHours>(
        reader, joint_node, section.path("joint_hours"),
        {{"first", sim::Calendar::JointHours::First}, {"intersection", sim::Calendar::JointHours::Intersection}});
    if (!rule) return std::nullopt;
    if (members.size() < 2) {
      reader.error(joint_node, section.path("joint_hours") + ": the base is one calendar; joint_hours chooses the "
                                                             "hours of a joint calendar (A+B)");
      return std::nullopt;
    }
    joint_hours = *rule;
  }
  reported(reader, joint_node ? joint_node : base_node, [&] {
    std::vector<sim::Calendar> amended_members;
    for (const sim::Calendar& member : members) amended_members.push_back(amended(member, additions));
    calendar = amended_members.size() == 1 ? amended_members.front()
                                           : sim::Calendar::joint(amended_members, joint_hours);
  });
  if (const auto hours_node = section.get("business_hours"); hours_node && calendar) {
    const auto text = read_string(reader, hours_node, section.path("business_hours"));
    if (!text) return std::nullopt;
    const bool read = reported(reader, hours_node, [&] {
      calendar = calendar->with_hours(sim::parse_business_hours(*text, section.path("business_hours")));
    });
    if (!read) return std::nullopt;
  }
  return calendar;
}

void load_calendars(Context& context, const YAML::Node& node, Scenario& scenario) {
  order::CaSetup& ca = scenario.config.ca;
  if (node) {
    const Section section(context.reader, node, "calendars", "calendars");
    if (const auto pre_review = section.get("pre_review")) {
      ca.pre_review_calendar = read_calendar(context, pre_review, section.path("pre_review"));
    }
    if (const auto review = section.get("review")) {
      ca.review_calendar = read_calendar(context, review, section.path("review"));
    }
  }
  const auto default_calendar = [&] { return sim::CalendarLibrary::with_environment().load(sim::kDefaultCalendar); };
  if (!ca.pre_review_calendar) ca.pre_review_calendar = default_calendar();
  if (!ca.review_calendar) ca.review_calendar = default_calendar();
}

}  // namespace casim::scenario::detail
