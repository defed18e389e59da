// The one trace of a simulation run: every step of every order, in the order it happened, as
// (instant, order, stage, event, status, reason, detail). The ordering logic and the mock CA append
// to it; reports read it. A fingerprint of the events tells whether two runs behaved identically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::sim {

struct TraceEvent {
  Instant at;
  std::string order;       // the order's id, e.g. "ov-shop"
  std::string stage;       // "intake", "pre-review", "dcv", "caa", "review", "issuance", "order", …
  std::string event;       // what happened, e.g. "started", "passed", "failed", "call"
  std::optional<int> status;  // the reseller's order Status (0–15) after the event, when it changed
  std::string reason;      // a reason code from the catalogue, "" when none
  std::string detail;      // one line a developer reads: what was seen and why

  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

class Trace {
 public:
  // Appends an event; instants must not go backwards (misuse: std::logic_error).
  void add(TraceEvent event);
  // Makes room for `events` events at once (a run knows roughly how many its orders make).
  void reserve(std::size_t events) { events_.reserve(events); }

  const std::vector<TraceEvent>& events() const { return events_; }
  // The events of one order, in order.
  std::vector<TraceEvent> for_order(std::string_view order) const;
  // A 64-bit hash (FNV's multiply with a fold, eight bytes a step) over every field of every
  // event: equal traces have equal fingerprints.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  std::vector<TraceEvent> events_;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace casim::sim
