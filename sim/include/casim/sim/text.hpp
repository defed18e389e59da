// ASCII case handling every library shares.
#pragma once

#include <algorithm>
#include <string_view>

namespace casim::sim {

// `c` lower-cased when it is an ASCII capital letter, unchanged otherwise.
inline char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `a` and `b` are the same text but for the case of ASCII letters (other bytes must match).
inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower_ascii(x) == lower_ascii(y); });
}

}  // namespace casim::sim
