// The transition table of a reseller order and the reasons of refused events.
#include "casim/order/transition.hpp"

#include <algorithm>
#include <array>

#include "casim/mockca/api.hpp"

namespace casim::order {

using mockca::Status;

namespace {

using S = Status;
using E = OrderEvent;

// Status 8, 12, 14 and 15 are named for completeness; no transition leads to them: casim models
// neither confirmation or revocation letters, refunds nor migrations. A free order starts in 13
// (as a paid one in 5) and leaves it when ApplyCertificate is taken.
constexpr std::array kTable{
    Transition{S::PendingSubmission, S::UnderReview, E::SubmitInformation},
    Transition{S::FreePendingSubmission, S::UnderReview, E::SubmitInformation},
    Transition{S::UnderReview, S::DnsAutoRecordAdded, E::DnsAutoRecordAdded},
    Transition{S::UnderReview, S::UnderReview, E::CaProgress},
    Transition{S::DnsAutoRecordAdded, S::DnsAutoRecordAdded, E::CaProgress},
    // A progress report the CA queued before a cancel it has not reported yet.
    Transition{S::Cancelling, S::Cancelling, E::CaProgress},
    Transition{S::UnderReview, S::UnderReview, E::DomainValidated},
    Transition{S::DnsAutoRecordAdded, S::UnderReview, E::DomainValidated},
    Transition{S::UnderReview, S::UnderReview, E::ValidateNow},
    Transition{S::DnsAutoRecordAdded, S::DnsAutoRecordAdded, E::ValidateNow},
    Transition{S::UnderReview, S::Issued, E::CaIssued},
    Transition{S::DnsAutoRecordAdded, S::Issued, E::CaIssued},
    Transition{S::UnderReview, S::ReviewFailed, E::CaFailed},
    Transition{S::DnsAutoRecordAdded, S::ReviewFailed, E::CaFailed},
    Transition{S::UnderReview, S::Cancelling, E::CancelRequested},
    Transition{S::DnsAutoRecordAdded, S::Cancelling, E::CancelRequested},
    Transition{S::Cancelling, S::Cancelled, E::CaCancelled},
    Transition{S::ReviewFailed, S::UnderReview, E::Resubmit},
    Transition{S::Cancelled, S::UnderReview, E::Resubmit},
    Transition{S::Issued, S::Issued, E::Download},
    Transition{S::Reissuing, S::Reissuing, E::Download},
    Transition{S::Issued, S::Reissuing, E::ReissueRequested},
    Transition{S::Reissuing, S::Issued, E::ReissueEnded},
    Transition{S::Issued, S::Revoking, E::RevokeRequested},
    Transition{S::Revoking, S::Revoked, E::CaRevoked},
    Transition{S::Issued, S::Expired, E::Expire},
    Transition{S::Issued, S::Issued, E::Renew},
};

}  // namespace

std::string_view event_name(OrderEvent event) {
  switch (event) {
    case E::SubmitInformation: return "submit information";
    case E::DnsAutoRecordAdded: return "dns auto record added";
    case E::CaProgress: return "ca progress";
    case E::DomainValidated: return "domain validated";
    case E::ValidateNow: return "validate now";
    case E::CaIssued: return "ca issued";
    case E::CaFailed: return "ca failed";
    case E::CancelRequested: return "cancel requested";
    case E::CaCancelled: return "ca cancelled";
    case E::Resubmit: return "resubmit";
    case E::Download: return "download";
    case E::ReissueRequested: return "reissue requested";
    case E::ReissueEnded: return "reissue ended";
    case E::RevokeRequested: return "revoke requested";
    case E::CaRevoked: return "ca revoked";
    case E::Expire: return "expire";
    case E::Renew: return "renew";
  }
  return "unknown";
}

std::span<const Transition> transition_table() { return kTable; }

mockca::TraceKind trace_kind(OrderEvent event) {
  switch (event) {
    case E::CaProgress: return mockca::TraceKind::CaProgress;
    case E::DomainValidated: return mockca::TraceKind::DomainValidated;
    case E::ValidateNow: return mockca::TraceKind::ValidateNow;
    case E::Download: return mockca::TraceKind::Download;
    case E::Renew: return mockca::TraceKind::Renew;
    default: return mockca::TraceKind::StatusChanged;
  }
}

std::string TransitionResult::error_code() const {
  return refusal ? mockca::reseller_error_code(*refusal) : std::string();
}

TransitionResult transition(Status from, OrderEvent event) {
  const auto found = std::find_if(kTable.begin(), kTable.end(), [&](const Transition& entry) {
    return entry.from == from && entry.event == event;
  });
  if (found != kTable.end()) return {found->to, std::nullopt};
  return {std::nullopt, refusal_reason(from, event)};
}

mockca::Reason refusal_reason(Status from, OrderEvent event) {
  using mockca::Reason;
  switch (event) {
    case E::SubmitInformation: return Reason::OrderStatusNotAllowSubmit;
    case E::ValidateNow: return Reason::OrderStatusNotAllowVerify;
    case E::CancelRequested: return Reason::OrderNotCancellable;
    case E::Resubmit: return Reason::OrderStatusNotAllowResubmit;
    case E::Download: return Reason::OrderStatusNotAllowDownload;
    case E::ReissueRequested:
      return from == S::Reissuing ? Reason::OrderAlreadyReplaced : Reason::OrderStatusNotAllowReissue;
    case E::RevokeRequested: return Reason::OrderNotRevocable;
    case E::Renew: return Reason::OrderRenewalNotAllowed;
    case E::DnsAutoRecordAdded:
    case E::CaProgress:
    case E::DomainValidated:
    case E::CaIssued:
    case E::CaFailed:
    case E::CaCancelled:
    case E::ReissueEnded:
    case E::CaRevoked:
    case E::Expire: return Reason::OrderUnexpectedEvent;
  }
  return Reason::OrderUnexpectedEvent;
}

}  // namespace casim::order
