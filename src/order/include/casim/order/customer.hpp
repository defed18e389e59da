// The boundary between the customer (Applicant) and the reseller's ordering logic (Platform): the
// requests a customer makes of the platform's console and API, and what the platform shows the
// customer of each order as it happens. The built-in Platform is one OrderingService; any other
// ordering logic under test takes its place by implementing the same two sides.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/status.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/time.hpp"

namespace casim::order {

struct OrderPlan;

// An order as its customer sees it in the platform's console.
struct CustomerView {
  std::string ref;
  const OrderPlan* plan = nullptr;  // the customer's plan it belongs to, as added to the ordering logic
  OrderOrigin origin = OrderOrigin::Placed;
  int cycle = 1;  // which certificate of a multi-year plan
  mockca::Status status = mockca::Status::PendingSubmission;
  mockca::VerifyType verify_type = mockca::VerifyType::Dns;
  // What to publish for each name (DvAuthDetail): the platform's own, valid until it next changes.
  std::span<const mockca::DomainChallenge> challenges;
  std::optional<sim::Instant> not_after;            // the issued certificate's CertEndTime
};

// What a customer asks of the platform. Each request is carried out at once (at the kernel's now);
// a refusal is the platform's to record (OrderResult::refusals), it is not returned.
class OrderingService {
 public:
  virtual ~OrderingService() = default;

  // CreateCertificate: buys the order registered as `ref` (status 5, pending submission).
  virtual void place(std::string_view ref) = 0;
  // CertificateInfoSubmit + CertificateOrderSubmit with the order's CSR, organization and method.
  virtual void submit(std::string_view ref) = 0;
  virtual void cancel(std::string_view ref) = 0;  // CancelAuditCertificate
  // ModifyCertificateResubmit, with the organization as corrected (none: as first submitted).
  virtual void resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>& organization) = 0;
  // ReplaceCertificate with a new CSR and method (none: the order's own).
  virtual void reissue(std::string_view ref, const std::optional<mockca::CsrInput>& csr,
                       std::optional<mockca::VerifyType> verify_type) = 0;
  virtual void revoke(std::string_view ref, mockca::RevocationReason reason) = 0;  // RevokeCertificate
  virtual void renew(std::string_view ref) = 0;  // a renewal order for the issued certificate
  // The order as the console shows it now.
  virtual CustomerView view(std::string_view ref) const = 0;
};

// What the platform tells its customer, at the instant it happens.
class CustomerListener {
 public:
  virtual ~CustomerListener() = default;

  // The order's information was accepted: the values to publish are shown.
  virtual void on_submitted(const CustomerView& order) = 0;
  // The CA's domain validation (re)started; the values shown may be new.
  virtual void on_validation_started(const CustomerView& order) = 0;
  virtual void on_issued(const CustomerView& order) = 0;
  virtual void on_failed(const CustomerView& order) = 0;  // the CA failed the order
};

}  // namespace casim::order
