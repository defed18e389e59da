// Hash maps keyed by std::string that are looked up with a std::string_view, without building a
// string for the lookup, hashed with XXH3 (libxxhash): about half the instructions of libstdc++'s
// std::hash for the short names and refs these maps hold.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace casim::sim {

// XXH3's 64-bit hash of `text` (seed 0); sim/src/string_hash.cpp.
std::size_t hash_text(std::string_view text) noexcept;

struct StringHash {
  using is_transparent = void;
  // Not noexcept, on purpose: libstdc++ then keeps each node's hash, so a lookup compares hashes
  // before it compares keys.
  std::size_t operator()(std::string_view text) const { return hash_text(text); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace casim::sim
