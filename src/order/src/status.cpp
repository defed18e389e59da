// Names of the reseller's certificate Status codes.
#include "casim/order/status.hpp"

namespace casim::order {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::UnderReview: return "under review";
    case Status::Issued: return "issued";
    case Status::ReviewFailed: return "review failed";
    case Status::Expired: return "expired";
    case Status::DnsAutoRecordAdded: return "DNS record added automatically";
    case Status::PendingSubmission: return "pending submission";
    case Status::Cancelling: return "cancelling";
    case Status::Cancelled: return "cancelled";
    case Status::PendingConfirmationLetter: return "confirmation letter pending";
    case Status::Revoking: return "revoking";
    case Status::Revoked: return "revoked";
    case Status::Reissuing: return "reissuing";
    case Status::PendingRevocationLetter: return "revocation letter pending";
    case Status::FreePendingSubmission: return "free certificate pending submission";
    case Status::Refunded: return "refunded";
    case Status::Migrating: return "migrating";
  }
  return "unknown";
}

std::string_view status_keyword(Status status) {
  switch (status) {
    case Status::UnderReview: return "under_review";
    case Status::Issued: return "issued";
    case Status::ReviewFailed: return "review_failed";
    case Status::Expired: return "expired";
    case Status::DnsAutoRecordAdded: return "dns_auto_record_added";
    case Status::PendingSubmission: return "pending_submission";
    case Status::Cancelling: return "cancelling";
    case Status::Cancelled: return "cancelled";
    case Status::PendingConfirmationLetter: return "pending_confirmation_letter";
    case Status::Revoking: return "revoking";
    case Status::Revoked: return "revoked";
    case Status::Reissuing: return "reissuing";
    case Status::PendingRevocationLetter: return "pending_revocation_letter";
    case Status::FreePendingSubmission: return "free_pending_submission";
    case Status::Refunded: return "refunded";
    case Status::Migrating: return "migrating";
  }
  return "unknown";
}

std::optional<Status> status_from_code(int code) {
  if (code < 0 || code >= kStatusCount) return std::nullopt;
  return static_cast<Status>(code);
}

}  // namespace casim::order
