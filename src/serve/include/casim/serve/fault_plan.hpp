// FaultPlan: the faults `casim serve` injects into reseller API calls, per action — a number of
// calls (count) or a share of them (probability, drawn from a stream seeded by the scenario's seed,
// so the same sequence of calls meets the same faults).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/random.hpp"

namespace casim::serve {

enum class FaultKind {
  RateLimit,     // RequestLimitExceeded, nothing applied
  NetworkError,  // FailedOperation.NetworkError, nothing applied
  EmptyBody,     // HTTP 200 with an empty body, nothing applied
  Delay,         // the call is applied, and answered after delay_ms
};
std::string_view fault_name(FaultKind kind);  // "rate_limit", "network_error", "empty_body", "delay"
std::optional<FaultKind> fault_named(std::string_view name);

struct FaultRule {
  int id = 0;           // given by FaultPlan::add
  std::string action;   // the action it applies to; "*" = every action
  FaultKind kind = FaultKind::RateLimit;
  std::optional<int> remaining;       // count-based: calls still to meet it
  std::optional<double> probability;  // probability-based: the share of calls that meet it
  std::chrono::milliseconds delay{0};  // Delay only
};

class FaultPlan {
 public:
  explicit FaultPlan(std::uint64_t seed);

  // Adds a rule (exactly one of remaining > 0 and probability in [0, 1] set, else
  // std::invalid_argument) and returns its id.
  int add(FaultRule rule);
  void clear() { rules_.clear(); }
  const std::vector<FaultRule>& rules() const { return rules_; }
  // The fault a call of `action` meets, if any: the first rule that fires, in the order they were
  // added. Each probability rule for the action draws once per call, whether an earlier one fired
  // or not, so that adding a count rule does not shift the draws of others.
  std::optional<FaultRule> draw(std::string_view action);

 private:
  sim::RandomStream stream_;
  std::vector<FaultRule> rules_;
  int next_id_ = 1;
};

}  // namespace casim::serve
