// Duration text: what parse_duration accepts and what it means, format_duration's shortest exact
// forms and round trips, and the messages that tell a user what is wrong with a bad duration.
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_duration)

using casim::InputError;
using casim::sim::Duration;
using casim::sim::DurationSpec;
using casim::sim::format_duration;
using casim::sim::kDay;
using casim::sim::kHour;
using casim::sim::kMaxDuration;
using casim::sim::kMinute;
using casim::sim::kSecond;
using casim::sim::parse_duration;

namespace {

// The InputError parse_duration throws for `text` (failing the test if it throws none).
InputError parse_error(const std::string& text) {
  try {
    parse_duration(text, "scenario.yaml:3:7");
  } catch (const InputError& error) {
    return error;
  }
  BOOST_ERROR("'" << text << "' was accepted");
  return InputError("", "");
}

bool error_says(const std::string& text, const std::string& fragment) {
  const std::string message = parse_error(text).what();
  const bool found = message.find(fragment) != std::string::npos;
  if (!found) BOOST_TEST_MESSAGE("message for '" << text << "': " << message);
  return found;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durations)

BOOST_AUTO_TEST_CASE(calendar_units) {
  BOOST_TEST(parse_duration("90s").as_calendar() == kSecond * 90);
  BOOST_TEST(parse_duration("10m").as_calendar() == kMinute * 10);
  BOOST_TEST(parse_duration("72h").as_calendar() == kHour * 72);
  BOOST_TEST(parse_duration("3d").as_calendar() == kDay * 3);
  BOOST_TEST(parse_duration("2w").as_calendar() == kDay * 14);
  BOOST_TEST(parse_duration("0s").as_calendar() == Duration::zero());
  BOOST_TEST(parse_duration("007m").as_calendar() == kMinute * 7);
  BOOST_TEST(!parse_duration("3d").is_business());
}

// Issue 17: several calendar units in one duration, largest first.
BOOST_AUTO_TEST_CASE(several_calendar_units_add_up) {
  BOOST_TEST(parse_duration("7d19h30m").as_calendar() == kDay * 7 + kHour * 19 + kMinute * 30);
  BOOST_TEST(parse_duration("1w2d").as_calendar() == kDay * 9);
  BOOST_TEST(parse_duration("1h0.5m30s").as_calendar() == kHour + kMinute);
  BOOST_TEST(parse_duration("2h0m").as_calendar() == kHour * 2);
  BOOST_TEST(error_says("30m7d", "units go from the largest to the smallest, each at most once (e.g. 7d19h30m)"));
  BOOST_TEST(error_says("1h1h", "units go from the largest to the smallest"));
  BOOST_TEST(error_says("3bd2h", "business time is one number and unit (3bd or 4bh), not combined with other units"));
  BOOST_TEST(error_says("2h3bd", "business time is one number and unit"));
  BOOST_TEST(error_says("7d19", "'7d19' is not a duration: missing unit"));
  BOOST_TEST(error_says("36524d25h", "longer than 100 years"));
  BOOST_TEST(error_says("1d1e5h", "exponents are not allowed"));
}

BOOST_AUTO_TEST_CASE(decimals_are_exact_to_the_microsecond) {
  BOOST_TEST(parse_duration("1.5h").as_calendar() == kMinute * 90);
  BOOST_TEST(parse_duration("0.5s").as_calendar() == Duration{500000});
  BOOST_TEST(parse_duration("0.000001s").as_calendar() == Duration{1});
  BOOST_TEST(parse_duration("2.50m").as_calendar() == kSecond * 150);
  // 0.1 has no exact binary form; the parser does not go through one.
  BOOST_TEST(parse_duration("0.1h").as_calendar() == kMinute * 6);
  BOOST_TEST(parse_duration("0.000000005w").as_calendar() == Duration{3024});
}

BOOST_AUTO_TEST_CASE(business_units) {
  BOOST_TEST(parse_duration("3bd") == DurationSpec::business_days(3));
  BOOST_TEST(parse_duration("1.5bd") == DurationSpec::business_days(1.5));
  BOOST_TEST(parse_duration("4bh") == DurationSpec::business_hours(4));
  BOOST_TEST(parse_duration("0.25bh") == DurationSpec::business_hours(0.25));
  BOOST_TEST(parse_duration("3bd").is_business());
  BOOST_CHECK_THROW(parse_duration("3bd").as_calendar(), std::logic_error);
}

BOOST_AUTO_TEST_CASE(up_to_one_hundred_years) {
  BOOST_TEST(parse_duration("36525d").as_calendar() == kMaxDuration);
  BOOST_TEST(parse_duration("876600h").as_calendar() == kMaxDuration);
  BOOST_TEST(parse_duration("36525bd") == DurationSpec::business_days(36525));
  BOOST_TEST(error_says("36526d", "longer than 100 years (at most 36525d)"));
  BOOST_TEST(error_says("36525.5bd", "longer than 100 years (at most 36525bd)"));
  BOOST_TEST(error_says("876601bh", "at most 876600bh"));
}

BOOST_AUTO_TEST_CASE(format_picks_the_shortest_exact_form) {
  const auto shown = [](const std::string& text) { return format_duration(parse_duration(text)); };
  BOOST_TEST(shown("90m") == "90m");
  BOOST_TEST(shown("1.5h") == "90m");
  BOOST_TEST(shown("5400s") == "90m");
  BOOST_TEST(shown("90s") == "90s");
  BOOST_TEST(shown("36h") == "36h");
  BOOST_TEST(shown("48h") == "2d");
  BOOST_TEST(shown("7d") == "1w");
  BOOST_TEST(shown("10.5d") == "1.5w");
  BOOST_TEST(shown("100m") == "100m");
  BOOST_TEST(shown("0.0015s") == "0.0015s");
  BOOST_TEST(shown("0s") == "0s");
  BOOST_TEST(shown("3bd") == "3bd");
  BOOST_TEST(shown("1.5bd") == "1.5bd");
  BOOST_TEST(shown("0.25bh") == "0.25bh");
  BOOST_TEST(format_duration(DurationSpec::calendar(-kMinute * 5)) == "-5m");
}

BOOST_AUTO_TEST_CASE(format_and_parse_round_trip) {
  for (const std::string text : {"1s", "59s", "61s", "1.5h", "7d", "13d", "1.000001s", "36525d", "123456789s",
                                 "0.1h", "3bd", "0.5bd", "12.125bh", "36525bd"}) {
    const DurationSpec spec = parse_duration(text);
    BOOST_TEST(parse_duration(format_duration(spec)) == spec, text << " → " << format_duration(spec));
  }
  // Every whole number of microseconds up to a day and beyond comes back unchanged.
  for (std::int64_t micros = 1; micros < kMaxDuration.count(); micros = micros * 7 + 3) {
    const auto spec = DurationSpec::calendar(Duration{micros});
    BOOST_TEST(parse_duration(format_duration(spec)) == spec, micros << " µs → " << format_duration(spec));
  }
}

BOOST_AUTO_TEST_CASE(bad_durations_say_what_and_why) {
  const InputError error = parse_error("10x");
  BOOST_TEST(error.where() == "scenario.yaml:3:7");
  BOOST_TEST(std::string(error.what()) ==
             "scenario.yaml:3:7: '10x' is not a duration: unknown unit 'x' (expected s, m, h, d, w, bd or bh)");
  BOOST_TEST(std::string(parse_error("").what()).find("empty duration") != std::string::npos);
  BOOST_TEST(error_says("10", "'10' is not a duration: missing unit (expected s, m, h, d, w, bd or bh)"));
  BOOST_TEST(error_says("1.5", "missing unit"));
  BOOST_TEST(error_says("x", "'x' is not a duration: expected a number followed by a unit"));
  BOOST_TEST(error_says("h", "expected a number followed by a unit"));
  BOOST_TEST(error_says(".5h", "expected a number followed by a unit"));
  BOOST_TEST(error_says("-5m", "'-5m' is not a duration: a duration has no sign"));
  BOOST_TEST(error_says("+5m", "no sign"));
  BOOST_TEST(error_says("5 m", "spaces are not allowed"));
  BOOST_TEST(error_says(" 5m", "spaces are not allowed"));
  BOOST_TEST(error_says("5m ", "spaces are not allowed"));
  BOOST_TEST(error_says("5mm", "unknown unit 'mm'"));
  BOOST_TEST(error_says("5M", "unknown unit 'M'"));
  BOOST_TEST(error_says("1e999h", "exponents are not allowed"));
  BOOST_TEST(error_says("1e5bd", "exponents are not allowed"));
  BOOST_TEST(error_says("1.h", "expected digits after the decimal point"));
  BOOST_TEST(error_says("1..5h", "expected digits after the decimal point"));
  BOOST_TEST(error_says("200000d", "'200000d' is not a duration: longer than 100 years"));
  BOOST_TEST(error_says("99999999999999999999999999h", "longer than 100 years"));
  BOOST_TEST(error_says("0.0000001s", "not a whole number of microseconds"));
  BOOST_TEST(error_says("0.0000000000000000001s", "more than 18 decimals"));
}

BOOST_AUTO_TEST_CASE(as_calendar_refuses_what_is_not_whole_calendar_time) {
  BOOST_TEST(DurationSpec::calendar(kHour).as_calendar() == kHour);
  BOOST_CHECK_THROW((DurationSpec{DurationSpec::Unit::Calendar, 1.5}.as_calendar()), std::logic_error);
  BOOST_CHECK_THROW(DurationSpec::business_hours(2).as_calendar(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_duration
