// What sim's parsers share: the years a date may name and how a rejected text is shown.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

namespace casim::sim {

inline constexpr int kFirstYear = 1400;  // Boost.Date_Time's range
inline constexpr int kLastYear = 9999;

// `text` in single quotes, cut after 40 characters.
inline std::string in_quotes(std::string_view text) {
  constexpr std::size_t kShown = 40;
  return text.size() > kShown ? fmt::format("'{}…'", text.substr(0, kShown)) : fmt::format("'{}'", text);
}

}  // namespace casim::sim
