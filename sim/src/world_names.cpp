// Normal forms and checks of host names and phone numbers for the simulated world.
#include "casim/sim/world/names.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "casim/sim/text.hpp"

namespace casim::sim::world {
namespace {

constexpr std::size_t kMaxNameLength = 253;
constexpr std::size_t kMaxLabelLength = 63;
constexpr std::size_t kMinPhoneDigits = 3;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_phone_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

// Lower-case letters and digits only.
std::string keyword_letters(std::string_view text) {
  std::string out;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    if (c >= 'A' && c <= 'Z') out += lower_ascii(c);
  }
  return out;
}

}  // namespace

bool same_keyword(std::string_view a, std::string_view b) {
  return keyword_letters(a) == keyword_letters(b);
}

std::string normalize_name(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string normal(name);
  for (char& c : normal) c = lower_ascii(c);
  return normal;
}

std::string_view normal_name_view(std::string_view name, std::string& storage) {
  const bool normal = (name.empty() || name.back() != '.') &&
                      std::none_of(name.begin(), name.end(), [](char c) { return lower_ascii(c) != c; });
  if (normal) return name;
  storage = normalize_name(name);
  return storage;
}

std::string checked_name(std::string_view name, const std::string& where) {
  std::string normal = normalize_name(name);
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("'{}' is not a host name: {}", name, why));
  };
  if (normal.empty()) throw bad("it is empty");
  if (normal.size() > kMaxNameLength)
    throw bad(fmt::format("longer than {} characters", kMaxNameLength));
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= normal.size(); ++i) {
    if (i < normal.size() && normal[i] != '.') {
      if (normal[i] == '*') throw bad("wildcard names are not modelled");
      if (!is_name_char(normal[i])) throw bad(fmt::format("character '{}' is not allowed", normal[i]));
      continue;
    }
    const std::size_t length = i - label_start;
    if (length == 0) throw bad("it has an empty label");
    if (length > kMaxLabelLength)
      throw bad(fmt::format("a label is longer than {} characters", kMaxLabelLength));
    label_start = i + 1;
  }
  return normal;
}

std::string_view parent_name(std::string_view name) {
  const auto dot = name.find('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
}

std::string normalize_phone(std::string_view number) {
  std::string normal;
  for (char c : number) {
    if (!is_phone_separator(c)) normal += c;
  }
  return normal;
}

std::string checked_phone(std::string_view number, const std::string& where) {
  std::string normal = normalize_phone(number);
  std::size_t digits = 0;
  for (std::size_t i = 0; i < normal.size(); ++i) {
    if (normal[i] >= '0' && normal[i] <= '9') {
      ++digits;
    } else if (!(i == 0 && normal[i] == '+')) {
      throw InputError(where, fmt::format("'{}' is not a phone number: character '{}' is not allowed",
                                          number, normal[i]));
    }
  }
  if (digits < kMinPhoneDigits) {
    throw InputError(
        where, fmt::format("'{}' is not a phone number: fewer than {} digits", number, kMinPhoneDigits));
  }
  return normal;
}

}  // namespace casim::sim::world
