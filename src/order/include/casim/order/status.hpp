// The reseller's certificate Status codes (DescribeCertificateDetail.Status, 0–15) as the ordering
// logic keeps them for each order, with their names. The StatusMsg progress values come from the
// CA (mockca::kMsgPreReviewing, …) and are recorded beside the status.
#pragma once

#include <optional>
#include <string_view>

namespace casim::order {

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

}  // namespace casim::order
