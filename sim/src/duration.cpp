// Reading and writing durations: exact decimal arithmetic for calendar units (so "1.5h" is
// exactly 5,400,000,000 µs), correctly rounded doubles for business units.
#include "casim/sim/duration.hpp"
#include "parse_support.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

constexpr std::size_t kMaxDecimals = 18;
constexpr std::string_view kUnitList = "s, m, h, d, w, bd or bh";

struct UnitInfo {
  std::string_view suffix;
  DurationSpec::Unit unit;
  std::int64_t micros;  // calendar units only
};

// Largest first: format_duration prefers the larger unit when two forms are equally short.
constexpr std::array<UnitInfo, 7> kUnits{{
    {"w", DurationSpec::Unit::Calendar, 7 * kDay.count()},
    {"d", DurationSpec::Unit::Calendar, kDay.count()},
    {"h", DurationSpec::Unit::Calendar, kHour.count()},
    {"m", DurationSpec::Unit::Calendar, kMinute.count()},
    {"s", DurationSpec::Unit::Calendar, kSecond.count()},
    {"bd", DurationSpec::Unit::BusinessDays, 0},
    {"bh", DurationSpec::Unit::BusinessHours, 0},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::int64_t power_of_ten(std::size_t exponent) {
  std::int64_t result = 1;
  for (std::size_t i = 0; i < exponent; ++i) result *= 10;
  return result;
}

// `integer`.`fraction` units of `unit_micros` each, in microseconds; nothing when the result is not
// a whole number of microseconds or exceeds kMaxDuration (told apart by `too_long`).
std::optional<std::int64_t> calendar_micros(std::string_view integer, std::string_view fraction,
                                            std::int64_t unit_micros, bool& too_long) {
  const std::int64_t max = kMaxDuration.count();
  std::int64_t whole = 0;
  for (const char c : integer) {
    if (whole > max / unit_micros) {
      too_long = true;
      return std::nullopt;
    }
    whole = whole * 10 + (c - '0');
  }
  if (whole > max / unit_micros) {
    too_long = true;
    return std::nullopt;
  }
  whole *= unit_micros;
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  std::int64_t numerator = 0;
  std::from_chars(fraction.data(), fraction.data() + fraction.size(), numerator);
  // numerator / 10^k units = numerator · unit / 10^k µs, whole only when 10^k / gcd(10^k, unit)
  // divides the numerator.
  const std::int64_t denominator = power_of_ten(fraction.size());
  const std::int64_t common = std::gcd(denominator, unit_micros);
  if (numerator % (denominator / common) != 0) return std::nullopt;
  const std::int64_t total = whole + numerator / (denominator / common) * (unit_micros / common);
  if (total > max) {
    too_long = true;
    return std::nullopt;
  }
  return total;
}

// `value` / `unit` as an exact decimal with at most kMaxDecimals decimals, or nothing.
std::optional<std::string> exact_decimal(std::uint64_t value, std::uint64_t unit) {
  std::string text = std::to_string(value / unit);
  std::uint64_t remainder = value % unit;
  if (remainder == 0) return text;
  text += '.';
  for (std::size_t i = 0; i < kMaxDecimals && remainder != 0; ++i) {
    remainder *= 10;
    text += static_cast<char>('0' + remainder / unit);
    remainder %= unit;
  }
  if (remainder != 0) return std::nullopt;
  return text;
}

}  // namespace

double max_amount(DurationSpec::Unit unit) {
  constexpr double kMaxDays = 36525;
  switch (unit) {
    case DurationSpec::Unit::Calendar: return static_cast<double>(kMaxDuration.count());
    case DurationSpec::Unit::BusinessDays: return kMaxDays;
    case DurationSpec::Unit::BusinessHours: return kMaxDays * 24;
  }
  throw std::logic_error("max_amount: unknown unit");
}

Duration DurationSpec::as_calendar() const {
  if (unit != Unit::Calendar) {
    throw std::logic_error(fmt::format("{} is business time, not a calendar duration", format_duration(*this)));
  }
  if (!(std::isfinite(amount) && amount == std::trunc(amount) && amount >= -0x1p63 && amount < 0x1p63)) {
    throw std::logic_error(fmt::format("a calendar DurationSpec of {} µs is not a whole number of microseconds", amount));
  }
  return Duration{static_cast<std::int64_t>(amount)};
}

namespace {

// One `number unit` term of a duration text, read from `pos` on.
struct Term {
  std::string_view integer;
  std::string_view fraction;
  std::string_view number;  // integer and fraction as written
  const UnitInfo* unit = nullptr;
};

template <typename Bad>
Term read_term(std::string_view text, std::size_t& pos, const Bad& bad) {
  Term term;
  const std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  if (pos == start) {
    throw bad(fmt::format("expected a number followed by a unit ({}), e.g. 90s, 1.5h, 7d19h30m or 3bd", kUnitList));
  }
  term.integer = text.substr(start, pos - start);
  if (pos < text.size() && text[pos] == '.') {
    const std::size_t digits = ++pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    term.fraction = text.substr(digits, pos - digits);
    if (term.fraction.empty()) throw bad("expected digits after the decimal point");
    if (term.fraction.size() > kMaxDecimals) throw bad(fmt::format("more than {} decimals", kMaxDecimals));
  }
  term.number = text.substr(start, pos - start);
  const std::size_t unit_start = pos;
  while (pos < text.size() && !is_digit(text[pos]) && text[pos] != '.') ++pos;
  const std::string_view suffix = text.substr(unit_start, pos - unit_start);
  if (suffix.empty()) throw bad(fmt::format("missing unit (expected {})", kUnitList));
  if ((suffix.front() == 'e' || suffix.front() == 'E') && (suffix.size() > 1 || pos < text.size())) {
    const std::string_view after = text.substr(unit_start + 1);
    if (!after.empty() && (is_digit(after.front()) || after.front() == '+' || after.front() == '-')) {
      throw bad(fmt::format("exponents are not allowed (write the number in full, then a unit: {})", kUnitList));
    }
  }
  for (const auto& candidate : kUnits) {
    if (candidate.suffix == suffix) term.unit = &candidate;
  }
  if (term.unit == nullptr) throw bad(fmt::format("unknown unit '{}' (expected {})", suffix, kUnitList));
  return term;
}

}  // namespace

DurationSpec parse_duration(std::string_view text, const std::string& where) {
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("{} is not a duration: {}", in_quotes(text), why));
  };
  if (text.empty()) throw InputError(where, "empty duration (expected a number and a unit, e.g. 90s, 1.5h or 3bd)");
  if (text.find_first_of(" \t\r\n\v\f") != std::string_view::npos) throw bad("spaces are not allowed");
  if (text.front() == '-' || text.front() == '+') throw bad("a duration has no sign");

  std::size_t pos = 0;
  std::int64_t total = 0;
  const UnitInfo* previous = nullptr;
  while (pos < text.size()) {
    const Term term = read_term(text, pos, bad);
    const UnitInfo& unit = *term.unit;
    const auto too_long = [&] {
      return bad(fmt::format("longer than 100 years (at most {})",
                             format_duration({unit.unit, max_amount(unit.unit)})));
    };
    if (unit.unit != DurationSpec::Unit::Calendar) {
      if (previous != nullptr || pos < text.size()) {
        throw bad("business time is one number and unit (3bd or 4bh), not combined with other units");
      }
      double amount = 0;
      const auto [end, error] = std::from_chars(term.number.data(), term.number.data() + term.number.size(), amount);
      if (error == std::errc::result_out_of_range || amount > max_amount(unit.unit)) throw too_long();
      if (error != std::errc{} || end != term.number.data() + term.number.size()) throw bad("unreadable number");
      return {unit.unit, amount};
    }
    if (previous != nullptr && unit.micros >= previous->micros) {
      throw bad("units go from the largest to the smallest, each at most once (e.g. 7d19h30m)");
    }
    bool over = false;
    const auto micros = calendar_micros(term.integer, term.fraction, unit.micros, over);
    if (over || (micros && *micros > kMaxDuration.count() - total)) throw too_long();
    if (!micros) throw bad("not a whole number of microseconds");
    total += *micros;
    previous = &unit;
  }
  return DurationSpec::calendar(Duration{total});
}

std::string format_duration(const DurationSpec& spec) {
  if (spec.is_business()) {
    std::array<char, 400> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), spec.amount,
                                      std::chars_format::fixed);
    const std::string_view suffix = spec.unit == DurationSpec::Unit::BusinessDays ? "bd" : "bh";
    return std::string(buffer.data(), result.ptr) + std::string(suffix);
  }
  const std::int64_t micros = spec.as_calendar().count();
  if (micros == 0) return "0s";
  const bool negative = micros < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
  std::string best;
  for (const auto& unit : kUnits) {
    if (unit.unit != DurationSpec::Unit::Calendar) continue;
    const auto text = exact_decimal(magnitude, static_cast<std::uint64_t>(unit.micros));
    if (text && (best.empty() || text->size() + unit.suffix.size() < best.size())) {
      best = *text + std::string(unit.suffix);
    }
  }
  return negative ? "-" + best : best;
}

}  // namespace casim::sim
