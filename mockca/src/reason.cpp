// The reason catalogue's table and look-ups.
#include "casim/mockca/reason.hpp"

#include <array>

namespace casim::mockca {
namespace {

constexpr std::array kReasons{
#define CASIM_REASON_INFO(name, category, reseller, meaning, hint) \
  ReasonInfo{Reason::name, #name, ReasonCategory::category, reseller, meaning, hint},
    CASIM_REASONS(CASIM_REASON_INFO)
#undef CASIM_REASON_INFO
};

}  // namespace

const ReasonInfo& info(Reason reason) { return kReasons[static_cast<std::size_t>(reason)]; }

std::span<const ReasonInfo> all_reasons() { return kReasons; }

std::optional<Reason> reason_from_code(std::string_view code) {
  for (const auto& entry : kReasons) {
    if (entry.code == code) return entry.reason;
  }
  return std::nullopt;
}

std::string_view category_name(ReasonCategory category) {
  switch (category) {
    case ReasonCategory::Format: return "format";
    case ReasonCategory::Signature: return "signature";
    case ReasonCategory::Key: return "key";
    case ReasonCategory::Name: return "name";
    case ReasonCategory::Generation: return "generation";
    case ReasonCategory::Chain: return "chain";
    case ReasonCategory::Issuance: return "issuance";
    case ReasonCategory::Validation: return "validation";
    case ReasonCategory::Caa: return "caa";
    case ReasonCategory::Review: return "review";
    case ReasonCategory::Order: return "order";
    case ReasonCategory::Api: return "api";
    case ReasonCategory::Agent: return "agent";
  }
  return "unknown";
}

}  // namespace casim::mockca
