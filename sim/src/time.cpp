// Civil dates and ISO 8601 instants for simulated time.
#include "casim/sim/time.hpp"
#include "parse_support.hpp"

#include <charconv>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

const Date kEpoch{1970, 1, 1};

// Reads exactly `width` digits at `pos`, or fails.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + width, out);
  return true;
}

// Writes `value` (0 ≤ value < 10^width) as exactly `width` digits at `out`: the formatters below
// run for every instant a run prints, so they write digits in place rather than through fmt.
void put_digits(char* out, int value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

Instant start_of_day_utc(Date date) {
  return Instant{std::chrono::duration_cast<Duration>(kDay * (date - kEpoch).days())};
}

Date utc_date(Instant instant) {
  const auto since_epoch = instant.time_since_epoch();
  auto days = since_epoch / kDay;
  if (since_epoch % kDay < Duration::zero()) --days;
  return kEpoch + boost::gregorian::days(days);
}

Date parse_date(std::string_view text, const std::string& where) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_digits(text, 0, 4, year) ||
      !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day)) {
    throw InputError(where, fmt::format("{} is not a date (expected YYYY-MM-DD)", in_quotes(text)));
  }
  if (year < kFirstYear || year > kLastYear) {
    throw InputError(where, fmt::format("{}: year out of range ({} to {})", in_quotes(text), kFirstYear, kLastYear));
  }
  if (month < 1 || month > 12 || day < 1 ||
      day > boost::gregorian::gregorian_calendar::end_of_month_day(
                static_cast<unsigned short>(year), static_cast<unsigned short>(month))) {
    throw InputError(where, fmt::format("{} is not a real calendar date", in_quotes(text)));
  }
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

std::string format_date(Date date) {
  const auto ymd = date.year_month_day();
  std::string text = "0000-00-00";  // years are kFirstYear to kLastYear: always four digits
  put_digits(&text[0], static_cast<int>(ymd.year), 4);
  put_digits(&text[5], static_cast<int>(ymd.month), 2);
  put_digits(&text[8], static_cast<int>(ymd.day), 2);
  return text;
}

Instant parse_instant(std::string_view text, const std::string& where) {
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("{} is not an instant ({}; expected YYYY-MM-DD or "
                                         "YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])",
                                         in_quotes(text), why));
  };
  if (text.size() < 10) throw bad("too short");
  const Date date = parse_date(text.substr(0, 10), where);
  Instant at = start_of_day_utc(date);
  if (text.size() == 10) return at;
  if (text[10] != 'T' && text[10] != ' ') throw bad("date and time must be separated by T");
  int hour = 0, minute = 0, second = 0;
  if (text.size() < 16 || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, minute)) {
    throw bad("bad time of day");
  }
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second)) throw bad("bad seconds");
    pos += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) throw bad("time of day out of range");
  at += std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  if (pos == text.size() || (text[pos] == 'Z' && pos + 1 == text.size())) return at;
  if ((text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size() && text[pos + 3] == ':') {
    int offset_hours = 0, offset_minutes = 0;
    if (!read_digits(text, pos + 1, 2, offset_hours) || !read_digits(text, pos + 4, 2, offset_minutes) ||
        offset_hours > 14 || offset_minutes > 59) {
      throw bad("bad UTC offset");
    }
    const auto offset = std::chrono::hours{offset_hours} + std::chrono::minutes{offset_minutes};
    const Instant utc = text[pos] == '+' ? at - offset : at + offset;
    // The offset can carry an instant of the first or last day out of the dates casim represents.
    if (utc < start_of_day_utc(Date(kFirstYear, 1, 1)) || utc >= start_of_day_utc(Date(kLastYear, 12, 31)) + kDay) {
      throw bad(fmt::format("in UTC it falls outside the years {} to {}", kFirstYear, kLastYear));
    }
    return utc;
  }
  throw bad("unexpected text after the time");
}

std::string format_instant(Instant instant) {
  const Date date = utc_date(instant);
  const Duration in_day = instant - start_of_day_utc(date);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(in_day).count();
  const auto micros = (in_day % kSecond).count();
  std::string text = format_date(date);
  text += micros != 0 ? "Thh:mm:ss.ffffffZ" : "Thh:mm:ssZ";
  put_digits(&text[11], static_cast<int>(secs / 3600), 2);
  put_digits(&text[14], static_cast<int>(secs / 60 % 60), 2);
  put_digits(&text[17], static_cast<int>(secs % 60), 2);
  if (micros != 0) put_digits(&text[20], static_cast<int>(micros), 6);
  return text;
}

}  // namespace casim::sim
