// The reseller's order Status codes (DescribeCertificateDetail.Status, 0–15) and StatusMsg progress
// values, defined once for both sides of the Api: the mock CA sets them, the ordering logic keeps
// them per order, the trace and the reports print them.
#pragma once

#include <optional>
#include <string_view>

namespace casim::mockca {

enum class Status : int {
  UnderReview = 0,
  Issued = 1,
  ReviewFailed = 2,  // also: domain validation timed out, order auto-closed
  Expired = 3,
  DnsAutoRecordAdded = 4,
  PendingSubmission = 5,  // bought, information not submitted yet
  Cancelling = 6,
  Cancelled = 7,
  PendingConfirmationLetter = 8,
  Revoking = 9,
  Revoked = 10,
  Reissuing = 11,
  PendingRevocationLetter = 12,
  FreePendingSubmission = 13,
  Refunded = 14,
  Migrating = 15,
};

inline constexpr int kStatusCount = 16;

constexpr int code(Status status) { return static_cast<int>(status); }
// "under review", "issued", … (the reseller's meaning, in English).
std::string_view status_name(Status status);
// "under_review", "dns_auto_record_added", … (the names scenario files use).
std::string_view status_keyword(Status status);
// The status of a code 0–15; nothing for any other number.
std::optional<Status> status_from_code(int code);
// Under review: 0, or 4 (DNS_AUTO record added) — the statuses domain validation runs in.
constexpr bool under_review(Status status) {
  return status == Status::UnderReview || status == Status::DnsAutoRecordAdded;
}

// StatusMsg: where an order under review is (None once it is final or before it is submitted).
enum class StatusMsg {
  None,
  PreReviewing,    // PRE-REVIEWING
  PendingDcv,      // PENDING-DCV
  LegalReviewing,  // LEGAL-REVIEWING: the organization checks
  CaReviewing,     // CA-REVIEWING: the verification call or letter
  WaitIssue,       // WAIT-ISSUE
};

// "PRE-REVIEWING", …; "" for None.
std::string_view status_msg_text(StatusMsg msg);
// The StatusMsg of its text ("" is None); nothing for any other text.
std::optional<StatusMsg> status_msg_from_text(std::string_view text);

}  // namespace casim::mockca
