// `casim calendar`: business-day arithmetic on the built-in and user calendars (add business days,
// count them, test a date, list a year's holidays and working weekends).
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "commands.hpp"

namespace casim::cli {
namespace {

cxxopts::Options calendar_options(const Args& args, const std::string& description) {
  cxxopts::Options options(args.program, description);
  options.add_options()(
      "calendar", "Calendar: CN, CN-provisional, US, none, a user calendar, or a joint one such as CN+US",
      cxxopts::value<std::string>(), "NAME")(
      "calendar-dir",
      "Directory of user <NAME>.yaml calendars, searched before CASIM_CALENDAR_PATH and the built-in "
      "ones (repeatable)",
      cxxopts::value<std::vector<std::string>>(), "DIR");
  return options;
}

sim::Calendar load_calendar(const cxxopts::ParseResult& result, const Args& args) {
  std::vector<std::filesystem::path> directories;
  if (result.count("calendar-dir") != 0) {
    for (const auto& directory : result["calendar-dir"].as<std::vector<std::string>>()) {
      directories.emplace_back(directory);
    }
  }
  const auto library = sim::CalendarLibrary::with_environment(std::move(directories));
  return library.load(required<std::string>(result, args, "calendar"));
}

sim::Date date_option(const cxxopts::ParseResult& result, const Args& args, const std::string& name) {
  return sim::parse_date(required<std::string>(result, args, name), "--" + name);
}

std::string time_of_day(sim::Duration duration) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(duration).count();
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

int run_add_business_days(const Args& args) {
  auto options = calendar_options(args, "Prints the date N business days after (or, for N < 0, before) a date");
  options.add_options()("from", "Start date, YYYY-MM-DD (not counted itself)", cxxopts::value<std::string>(),
                        "DATE")("days", "Business days to add; negative to go back", cxxopts::value<int>(), "N");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const sim::Date from = date_option(*result, args, "from");
  const int days = required<int>(*result, args, "days");
  std::cout << sim::format_date(load_calendar(*result, args).add_business_days(from, days)) << "\n";
  return kExitOk;
}

int run_business_days(const Args& args) {
  auto options = calendar_options(
      args, "Prints the business days from one date to another: the start excluded, the end included; "
            "negative when the end comes first");
  options.add_options()("from", "First date, YYYY-MM-DD", cxxopts::value<std::string>(), "DATE")(
      "to", "Last date, YYYY-MM-DD", cxxopts::value<std::string>(), "DATE");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const sim::Date from = date_option(*result, args, "from");
  const sim::Date to = date_option(*result, args, "to");
  std::cout << load_calendar(*result, args).business_days_between(from, to) << "\n";
  return kExitOk;
}

int run_is_business_day(const Args& args) {
  auto options = calendar_options(args, "Prints true when a date is a business day, false otherwise");
  options.add_options()("date", "The date, YYYY-MM-DD", cxxopts::value<std::string>(), "DATE");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const sim::Date date = date_option(*result, args, "date");
  std::cout << (load_calendar(*result, args).is_business_day(date) ? "true" : "false") << "\n";
  return kExitOk;
}

int run_list(const Args& args) {
  auto options = calendar_options(args, "Lists a year's holidays and working weekend days");
  options.add_options()("year", "The year", cxxopts::value<int>(), "YEAR");
  const auto result = parse_options(options, args);
  if (!result) return kExitOk;
  const int year = required<int>(*result, args, "year");
  if (year < 1400 || year > 9999) throw InputError("--year", fmt::format("{} is not a year from 1400 to 9999", year));
  const sim::Calendar calendar = load_calendar(*result, args);
  const auto days = calendar.special_days(year);
  const sim::Date last_of_previous(static_cast<unsigned short>(year - 1), 12, 31);
  const int business_days =
      calendar.business_days_between(last_of_previous, sim::Date(static_cast<unsigned short>(year), 12, 31));
  std::cout << fmt::format("{} {}{}{}\n", calendar.name(), year, calendar.description().empty() ? "" : ": ",
                           calendar.description());
  std::cout << fmt::format("time zone {}, business hours {}-{}, {} business days\n\n", calendar.time_zone().name(),
                           time_of_day(calendar.business_hours().open), time_of_day(calendar.business_hours().close),
                           business_days);
  std::cout << fmt::format("{:<12}{:<5}{:<9}{}\n", "date", "day", "kind", "name");
  for (const auto& day : days) {
    std::cout << fmt::format("{:<12}{:<5}{:<9}{}\n", sim::format_date(day.date),
                             day.date.day_of_week().as_short_string(),
                             day.kind == sim::SpecialDay::Kind::Holiday ? "holiday" : "working", day.name);
  }
  return kExitOk;
}

const std::vector<Subcommand> kCalendarCommands{
    {"add-business-days", "The date N business days after (or before) a date", run_add_business_days},
    {"business-days", "The business days between two dates", run_business_days},
    {"is-business-day", "Whether a date is a business day", run_is_business_day},
    {"list", "A year's holidays and working weekend days", run_list},
};

}  // namespace

int run_calendar(const Args& args) {
  return dispatch(args,
                  "Business-day arithmetic on the built-in calendars (CN, CN-provisional, US, none) and "
                  "user calendars (--calendar-dir, CASIM_CALENDAR_PATH)",
                  kCalendarCommands);
}

}  // namespace casim::cli
