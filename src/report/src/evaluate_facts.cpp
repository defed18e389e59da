// The certificate, call and data-reuse checks of evaluate() (evaluate_facts.hpp).
#include "evaluate_facts.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/world/names.hpp"

namespace casim::report::detail {
namespace {

// "C=CN, O=Acme, OU absent".
std::string subject_text(const std::vector<std::pair<std::string, std::optional<std::string>>>& subject) {
  std::vector<std::string> parts;
  for (const auto& [attribute, value] : subject) parts.push_back(value ? attribute + "=" + *value : attribute + " absent");
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::optional<std::string> subject_mismatch(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& expected,
    const mockca::SubjectAttributes& found) {
  for (const auto& [attribute, value] : expected) {
    const auto present = std::find_if(found.begin(), found.end(), [&](const auto& a) { return a.first == attribute; });
    if (!value && present != found.end()) return fmt::format("certificate subject {}={}", attribute, present->second);
    if (value && present == found.end()) return fmt::format("certificate subject without {}", attribute);
    if (value && present->second != *value) return fmt::format("certificate subject {}={}", attribute, present->second);
  }
  return std::nullopt;
}

}  // namespace

std::string certificate_text(const scenario::CertificateExpectation& expected) {
  std::vector<std::string> facts;
  if (expected.days) facts.push_back(fmt::format("days {}", *expected.days));
  if (expected.not_before) facts.push_back("notBefore " + sim::format_instant(*expected.not_before));
  if (expected.not_after) facts.push_back("notAfter " + sim::format_instant(*expected.not_after));
  if (expected.policy_oid) facts.push_back("policy " + *expected.policy_oid);
  if (expected.names) facts.push_back(fmt::format("names {}", fmt::join(*expected.names, ", ")));
  if (!expected.subject.empty()) facts.push_back("subject " + subject_text(expected.subject));
  if (expected.key) facts.push_back("key " + *expected.key);
  return fmt::format("{}", fmt::join(facts, ", "));
}

std::optional<std::string> certificate_mismatch(const scenario::CertificateExpectation& expected,
                                                const order::CertificateSummary& found) {
  if (expected.days && *expected.days != found.days) return fmt::format("certificate days {}", found.days);
  if (expected.not_before && *expected.not_before != found.not_before) {
    return "certificate notBefore " + sim::format_instant(found.not_before);
  }
  if (expected.not_after && *expected.not_after != found.not_after) {
    return "certificate notAfter " + sim::format_instant(found.not_after);
  }
  if (expected.policy_oid && *expected.policy_oid != found.policy_oid) return "certificate policy " + found.policy_oid;
  if (expected.names && *expected.names != found.names) {
    return fmt::format("certificate names {}", fmt::join(found.names, ", "));
  }
  if (auto subject = subject_mismatch(expected.subject, found.subject)) return subject;
  if (expected.key && !sim::world::same_keyword(*expected.key, found.key)) return "certificate key " + found.key;
  return std::nullopt;
}

std::string calls_text(const std::vector<mockca::ReviewCall>& calls, const sim::TimeZone& zone) {
  if (calls.empty()) return "no call";
  std::vector<std::string> parts;
  for (const auto& call : calls) {
    parts.push_back(sim::format_local_instant(call.at, zone) + " " + std::string(sim::world::to_string(call.result)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string data_reuse_text(const scenario::DataReuseExpectation& expected) {
  std::vector<std::string> parts;
  if (expected.organization) parts.push_back(*expected.organization ? "organization reused" : "organization checked");
  if (expected.domains) {
    parts.push_back(expected.domains->empty() ? "no domain reused"
                                              : fmt::format("domains reused {}", fmt::join(*expected.domains, ", ")));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::optional<std::string> data_reuse_mismatch(const scenario::DataReuseExpectation& expected,
                                               const order::DataReuse& found) {
  if (expected.organization && *expected.organization != found.organization) {
    return found.organization ? "organization data reused" : "organization checked (no data reused)";
  }
  if (expected.domains && *expected.domains != found.domains) {
    return found.domains.empty() ? "no domain reused" : fmt::format("domains reused {}", fmt::join(found.domains, ", "));
  }
  return std::nullopt;
}

}  // namespace casim::report::detail
