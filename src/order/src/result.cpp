// Names of origins, outcomes, stages and run stops; look-ups on results.
#include "casim/order/result.hpp"

#include <algorithm>

namespace casim::order {

using mockca::Status;

std::string_view origin_name(OrderOrigin origin) {
  switch (origin) {
    case OrderOrigin::Placed: return "placed";
    case OrderOrigin::Reissue: return "reissue";
    case OrderOrigin::Renewal: return "renewal";
    case OrderOrigin::MultiYear: return "multi-year";
  }
  return "unknown";
}

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::Unfinished: return "unfinished";
    case Outcome::Rejected: return "rejected";
    case Outcome::Failed: return "failed";
    case Outcome::Cancelled: return "cancelled";
    case Outcome::Issued: return "issued";
    case Outcome::NotPlaced: return "not_placed";
  }
  return "unknown";
}

std::string_view stage_name(Stage stage) {
  switch (stage) {
    case Stage::PreReview: return "pre_review";
    case Stage::DomainValidation: return "domain_validation";
    case Stage::Review: return "review";
    case Stage::WaitingToIssue: return "waiting_to_issue";
    case Stage::TotalToIssue: return "total_to_issue";
  }
  return "unknown";
}

Outcome outcome_of(mockca::Status status, bool rejected) {
  using mockca::Status;
  if (rejected) return Outcome::Rejected;
  switch (status) {
    case Status::Issued:
    case Status::Expired:
    case Status::Revoking:
    case Status::Revoked:
    case Status::Reissuing: return Outcome::Issued;
    case Status::ReviewFailed: return Outcome::Failed;
    case Status::Cancelled: return Outcome::Cancelled;
    default: return Outcome::Unfinished;
  }
}

CertificateSummary summary_of(const mockca::CertificateFacts& facts, mockca::ValidationLevel level) {
  CertificateSummary summary;
  summary.serial = facts.serial;
  summary.not_before = facts.not_before;
  summary.not_after = facts.not_after;
  summary.days = facts.days;
  summary.capped = facts.capped;
  summary.policy_oid = std::string(mockca::level_policy_oid(level));
  summary.names = facts.names;
  summary.subject = facts.subject;
  summary.key = facts.key;
  summary.signed_certificate = facts.signed_certificate;
  return summary;
}

std::string_view stop_name(RunStop stop) {
  switch (stop) {
    case RunStop::Completed: return "completed";
    case RunStop::HorizonReached: return "horizon reached";
    case RunStop::EventLimitReached: return "event limit reached";
    case RunStop::CalendarDataMissing: return "calendar data missing";
    case RunStop::OrderingLogicFailed: return "ordering logic failed";
  }
  return "unknown";
}

std::vector<Status> OrderResult::status_sequence() const {
  std::vector<Status> sequence;
  for (const auto& change : history) {
    if (sequence.empty() || sequence.back() != change.status) sequence.push_back(change.status);
  }
  return sequence;
}

void OrderResult::record_resubmission(sim::Instant at) {
  Attempt ended;
  ended.started_at = earlier_attempts.empty() ? submitted_at : earlier_attempts.back().resubmitted_at;
  ended.ended_at = at;
  ended.resubmitted_at = at;
  ended.status = status;
  const auto end = std::find_if(history.rbegin(), history.rend(), [](const StatusChange& change) {
    return change.status == Status::ReviewFailed || change.status == Status::Cancelled;
  });
  if (end != history.rend()) {
    ended.ended_at = end->at;
    ended.status = end->status;
    ended.text = end->text;
  }
  ended.reasons = std::move(reasons);
  reasons.clear();
  earlier_attempts.push_back(std::move(ended));
  ++resubmissions;
}

void WarningLog::add(RunWarning warning) {
  const bool known = std::any_of(warnings_.begin(), warnings_.end(), [&](const RunWarning& w) {
    return w.reason == warning.reason && w.message == warning.message;
  });
  if (!known) warnings_.push_back(std::move(warning));
}

const OrderResult* RunResult::find(std::string_view ref) const {
  const auto found = std::find_if(orders.begin(), orders.end(),
                                  [ref](const OrderResult& order) { return order.ref == ref; });
  return found == orders.end() ? nullptr : &*found;
}

}  // namespace casim::order
