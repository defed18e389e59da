// The edit distance used for "did you mean …?" hints (unknown scenario keys, time zone names).
#pragma once

#include <cstddef>
#include <string_view>

namespace casim::sim {

// The Levenshtein distance between two words, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace casim::sim
