// FaultPlan (fault_plan.hpp): rules, their names, and the per-call draw.
#include "casim/serve/fault_plan.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace casim::serve {
namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 4> kFaultNames{{
    {FaultKind::RateLimit, "rate_limit"},
    {FaultKind::NetworkError, "network_error"},
    {FaultKind::EmptyBody, "empty_body"},
    {FaultKind::Delay, "delay"},
}};

}  // namespace

std::string_view fault_name(FaultKind kind) {
  for (const auto& [each, name] : kFaultNames) {
    if (each == kind) return name;
  }
  throw std::logic_error("fault_name: unknown fault kind");
}

std::optional<FaultKind> fault_named(std::string_view name) {
  for (const auto& [kind, each] : kFaultNames) {
    if (each == name) return kind;
  }
  return std::nullopt;
}

FaultPlan::FaultPlan(std::uint64_t seed) : stream_(seed, 0, "serve.faults") {}

int FaultPlan::add(FaultRule rule) {
  const bool counted = rule.remaining.has_value() && *rule.remaining > 0;
  const bool drawn = rule.probability.has_value() && *rule.probability >= 0 && *rule.probability <= 1;
  if (counted == drawn || (rule.remaining && rule.probability)) {
    throw std::invalid_argument("a fault rule takes either a positive count or a probability from 0 to 1");
  }
  rule.id = next_id_++;
  rules_.push_back(std::move(rule));
  return rules_.back().id;
}

std::optional<FaultRule> FaultPlan::draw(std::string_view action) {
  std::optional<FaultRule> met;
  for (FaultRule& rule : rules_) {
    if (rule.action != "*" && rule.action != action) continue;
    if (rule.probability) {
      const bool fires = stream_.uniform01() < *rule.probability;
      if (fires && !met) met = rule;
    } else if (*rule.remaining > 0 && !met) {
      --*rule.remaining;
      met = rule;
    }
  }
  return met;
}

}  // namespace casim::serve
