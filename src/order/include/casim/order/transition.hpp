// The one transition table of a reseller order: (Status × OrderEvent) → Status. Every change of an
// order's status goes through transition(); an event a status cannot take is refused with the
// catalogue reason whose reseller error code the platform answers (CertificateNotFoundOrCantCancel,
// CertificateStatusNotAllowResubmit, …).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "casim/mockca/reason.hpp"
#include "casim/mockca/status.hpp"
#include "casim/mockca/trace.hpp"

namespace casim::order {

// What happens to an order: the applicant's and platform's actions, and what the CA reports.
enum class OrderEvent {
  SubmitInformation,   // CertificateInfoSubmit + CertificateOrderSubmit (free: ApplyCertificate) accepted
  DnsAutoRecordAdded,  // the platform added the DNS_AUTO validation records
  CaProgress,          // the CA's StatusMsg or stage moved on, the order still under review
  DomainValidated,     // the CA passed domain validation (DNS_AUTO records done with)
  ValidateNow,         // CompleteCertificate: ask the CA to check the domains now
  CaIssued,            // the CA issued the certificate
  CaFailed,            // the CA failed the order (review failed, validation timed out, …)
  CancelRequested,     // CancelAuditCertificate
  CaCancelled,         // the CA stopped the order's review
  Resubmit,            // ModifyCertificateResubmit after a failed or cancelled review
  Download,            // DownloadCertificate
  ReissueRequested,    // ReplaceCertificate
  ReissueEnded,        // the reissue issued or failed; the original is issued again
  RevokeRequested,     // RevokeCertificate
  CaRevoked,           // the CA revoked the certificate
  Expire,              // the certificate's notAfter passed
  Renew,               // a renewal order placed for this certificate
};

inline constexpr int kOrderEventCount = 17;

// "submit information", "dns auto record added", …
std::string_view event_name(OrderEvent event);
// The trace kind of `event` when it leaves the status as it was (CaProgress, DomainValidated,
// ValidateNow, Download, Renew: the same words as event_name); StatusChanged for the others.
mockca::TraceKind trace_kind(OrderEvent event);

struct Transition {
  mockca::Status from;
  mockca::Status to;
  OrderEvent event;
};

// Every legal transition, grouped by event.
std::span<const Transition> transition_table();

// The outcome of offering an event to a status: the next status, or the reason it is refused.
struct TransitionResult {
  std::optional<mockca::Status> to;
  std::optional<mockca::Reason> refusal;

  bool ok() const { return to.has_value(); }
  // The reseller's error code of the refusal (e.g. "FailedOperation.RevokeFailed"); "" when ok.
  std::string error_code() const;
};

TransitionResult transition(mockca::Status from, OrderEvent event);

// The reason an event is refused in a status it cannot take (also for legal pairs: the reason it
// would carry), e.g. CancelRequested → OrderNotCancellable; Reissuing × ReissueRequested →
// OrderAlreadyReplaced.
mockca::Reason refusal_reason(mockca::Status from, OrderEvent event);

}  // namespace casim::order
