// The run trace and its fingerprint.
#include "casim/sim/trace.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace casim::sim {
namespace {

constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// One multiply spreads a word's bits upwards only; the shift folds the high half back down.
std::uint64_t mix_int(std::uint64_t hash, std::int64_t value) {
  hash = (hash ^ static_cast<std::uint64_t>(value)) * kFnvPrime;
  return hash ^ (hash >> 32);
}

// Strings are length-prefixed so that ("ab", "c") and ("a", "bc") hash differently; the bytes go
// in as little-endian 64-bit words, the last one zero-padded.
std::uint64_t mix_string(std::uint64_t hash, std::string_view text) {
  hash = mix_int(hash, static_cast<std::int64_t>(text.size()));
  for (std::size_t at = 0; at < text.size(); at += 8) {
    unsigned char word[8] = {};
    std::memcpy(word, text.data() + at, std::min<std::size_t>(8, text.size() - at));
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | word[i];
    hash = mix_int(hash, static_cast<std::int64_t>(value));
  }
  return hash;
}

}  // namespace

void Trace::add(TraceEvent event) {
  if (!events_.empty() && event.at < events_.back().at) {
    throw std::logic_error(fmt::format("trace event at {} is before the previous one at {}",
                                       format_instant(event.at), format_instant(events_.back().at)));
  }
  std::uint64_t hash = mix_int(fingerprint_, event.at.time_since_epoch().count());
  hash = mix_string(hash, event.order);
  hash = mix_string(hash, event.stage);
  hash = mix_string(hash, event.event);
  hash = mix_int(hash, event.status.value_or(-1));
  hash = mix_string(hash, event.reason);
  fingerprint_ = mix_string(hash, event.detail);
  events_.push_back(std::move(event));
}

std::vector<TraceEvent> Trace::for_order(std::string_view order) const {
  std::vector<TraceEvent> selected;
  for (const auto& event : events_) {
    if (event.order == order) selected.push_back(event);
  }
  return selected;
}

}  // namespace casim::sim
