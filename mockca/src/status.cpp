// Names of the reseller's Status codes and the texts of its StatusMsg values.
#include "casim/mockca/status.hpp"

#include <array>

namespace casim::mockca {

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

namespace {

constexpr std::array<std::string_view, 6> kStatusMsgTexts{"",           "PRE-REVIEWING",   "PENDING-DCV",
                                                          "LEGAL-REVIEWING", "CA-REVIEWING", "WAIT-ISSUE"};

}  // namespace

std::string_view status_msg_text(StatusMsg msg) { return kStatusMsgTexts.at(static_cast<std::size_t>(msg)); }

std::optional<StatusMsg> status_msg_from_text(std::string_view text) {
  for (std::size_t i = 0; i < kStatusMsgTexts.size(); ++i) {
    if (kStatusMsgTexts[i] == text) return static_cast<StatusMsg>(i);
  }
  return std::nullopt;
}

}  // namespace casim::mockca
