// The Api's value types: names of phases and track states, reseller error codes, and the DNS
// record that answers a challenge.
#include "casim/mockca/api.hpp"

#include <stdexcept>

namespace casim::mockca {

std::string reseller_error_code(Reason reason) {
  const auto code = info(reason).reseller_code;
  return code.empty() ? std::string("FailedOperation") : std::string(code);
}

ApiError make_api_error(std::vector<Finding> findings) {
  if (findings.empty()) throw std::logic_error("make_api_error needs at least one finding");
  std::string code;
  for (const auto& finding : findings) {
    if (!info(finding.reason).reseller_code.empty()) {
      code = info(finding.reason).reseller_code;
      break;
    }
  }
  if (code.empty()) code = reseller_error_code(findings.front().reason);
  return ApiError{std::move(code), std::move(findings)};
}

sim::world::DnsRecord challenge_record(const DomainChallenge& challenge, const std::string& value) {
  return challenge.dns_record == DnsRecordKind::Cname ? sim::world::DnsRecord::cname(challenge.dns_name, value)
                                                      : sim::world::DnsRecord::txt(challenge.dns_name, value);
}

std::string_view phase_name(OrderPhase phase) {
  switch (phase) {
    case OrderPhase::PreReview: return "pre-review";
    case OrderPhase::Validating: return "validating";
    case OrderPhase::WaitingToIssue: return "waiting to issue";
    case OrderPhase::Issued: return "issued";
    case OrderPhase::Failed: return "failed";
    case OrderPhase::Cancelled: return "cancelled";
    case OrderPhase::Revoked: return "revoked";
  }
  return "unknown";
}

std::string_view track_state_name(TrackState state) {
  switch (state) {
    case TrackState::NotStarted: return "not started";
    case TrackState::InProgress: return "in progress";
    case TrackState::Passed: return "passed";
    case TrackState::Failed: return "failed";
    case TrackState::NotRequired: return "not required";
  }
  return "unknown";
}

}  // namespace casim::mockca
