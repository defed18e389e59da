// Text comparison every library shares.
#pragma once

#include <algorithm>
#include <string_view>

namespace casim::sim {

// Whether `a` and `b` are the same text but for the case of ASCII letters (other bytes must match).
inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&lower](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace casim::sim
