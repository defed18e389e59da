// The run trace and its fingerprint.
#include "casim/sim/trace.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace casim::sim {
namespace {

constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t mix_bytes(std::uint64_t hash, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * kFnvPrime;
  return hash;
}

std::uint64_t mix_int(std::uint64_t hash, std::int64_t value) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(value) >> (8 * i));
  return mix_bytes(hash, bytes, sizeof bytes);
}

// Strings are length-prefixed so that ("ab", "c") and ("a", "bc") hash differently.
std::uint64_t mix_string(std::uint64_t hash, std::string_view text) {
  return mix_bytes(mix_int(hash, static_cast<std::int64_t>(text.size())), text.data(), text.size());
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
