// OrderPlan: what the applicant and the platform do with one order, as data — when the order is
// bought and its information submitted, the CSR, the organization and contacts, the validation
// method, when (and whether, and how right) the applicant publishes the DNS record or file, how
// the platform polls and asks the CA to validate, whether a failed review is resubmitted, and the
// later actions (cancel, reissue, revoke, renew). Scenario files fill it in; the Applicant
// (applicant.hpp) does its customer's part and the Platform (platform.hpp) its reseller's part.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/dcv.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/organizations.hpp"

namespace casim::order {

// When an action happens: at a fixed instant, or a delay after the moment the action is relative
// to (each use says which). An instant already past when the action comes due means "at once".
struct Timing {
  std::variant<sim::Duration, sim::Instant> when = sim::Duration::zero();

  static Timing after(sim::Duration delay) { return {delay}; }
  static Timing at(sim::Instant instant) { return {instant}; }

  // The instant for an action relative to `anchor`, never before `now`.
  sim::Instant resolve(sim::Instant anchor, sim::Instant now) const;

  friend bool operator==(const Timing&, const Timing&) = default;
};

// What the customer orders: a paid certificate (CreateCertificate, CertificateInfoSubmit,
// CertificateOrderSubmit) or the free DV product (ApplyCertificate: one domain, RSA 2048 or
// ECC P-256, 90 days, no pre-review; the order waits in Status 13 until it is applied for).
enum class Product { Paid, FreeDv };
std::string_view product_name(Product product);  // "paid", "free_dv" (as scenario files say)
// Where an order of `product` waits before it is submitted: 5, or 13 for the free product.
mockca::Status pending_status(Product product);

// What the applicant does about the DNS record or file the CA asks for (DNS and FILE methods;
// DNS_AUTO records are the platform's business).
enum class PublishKind {
  Correct,     // the value the order shows
  WrongValue,  // another value (a typo, an old order's value)
  Never,       // nothing is published
};

// Where the applicant puts the validation file.
enum class FileScheme { Http, Https, Both };

struct PublishPlan {
  PublishKind kind = PublishKind::Correct;
  // Relative to the instant the order's challenges are known (the CA's receipt).
  Timing when = Timing::after(sim::Duration::zero());
  std::string wrong_value = "0000-wrong-value";  // WrongValue: what is published instead
  // WrongValue: when the right value replaces the wrong one (relative to the receipt); none: never.
  std::optional<Timing> corrected;
  FileScheme file_scheme = FileScheme::Http;  // FILE only
};

// How the platform follows domain validation once the CA's domain validation has started: it
// polls CheckCertificateDomainVerification, backing off, and asks the CA to validate now
// (CompleteCertificate) when its local check passes; when the CA answers "too frequent" it tries
// again after `rate_limited_retry`.
struct PollingPolicy {
  sim::Duration first_poll = sim::kMinute * 5;  // after domain validation starts
  sim::Duration interval = sim::kMinute * 10;   // the first interval between polls
  double backoff = 1.5;                         // each interval is the previous one × backoff …
  sim::Duration max_interval = sim::kHour * 4;  // … up to this
  bool validate_now = true;
  sim::Duration rate_limited_retry = sim::kMinute * 5;  // "too frequent, try again in 5 minutes"

  // The interval after one of `current`: current × backoff, at most max_interval, at least 1 s.
  sim::Duration next_interval(sim::Duration current) const;
};

// Resubmission (ModifyCertificateResubmit) after the CA fails or the applicant cancels a review.
struct ResubmitPlan {
  bool enabled = false;
  int max_attempts = 1;
  sim::Duration delay = sim::kHour;  // after the failure is reported
  // The organization as corrected for the resubmission; none: as first submitted.
  std::optional<mockca::OrganizationInfo> corrected_organization;
};

// CancelAuditCertificate while under review.
struct CancelPlan {
  Timing when;    // relative to the submission of the plan's `cycle`-th certificate
  int cycle = 1;  // of a multi-year plan (1 for any other)
};

// ReplaceCertificate once issued.
struct ReissuePlan {
  Timing when;  // relative to issuance
  // The new CSR; none: the order's own (online: a new key of the same spec; pasted: the same CSR).
  std::optional<mockca::CsrInput> csr;
  std::optional<mockca::VerifyType> verify_type;  // none: the order's method
};

// RevokeCertificate once issued.
struct RevokePlan {
  Timing when;  // relative to issuance
  mockca::RevocationReason reason = mockca::RevocationReason::Unspecified;
};

// Renewal: a new order tied to the issued certificate, placed `before_expiry` before its notAfter
// (the platform allows it within 30 days of expiry, PlatformSettings::renewal_window).
struct RenewPlan {
  sim::Duration before_expiry = sim::kDay * 20;
};

struct OrderPlan {
  std::string ref;  // the order's name in the trace and the result; unique within a run
  // CreateCertificate.
  std::string brand;  // "" = the hierarchy's default brand
  Product product = Product::Paid;
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  int domain_count = 1;  // names bought (DomainNum)
  int years = 1;         // TimeSpan; more than 1 is a multi-year plan (successive certificates)
  Timing placed = Timing::after(sim::Duration::zero());  // relative to the run's start
  sim::Duration submit_after = sim::Duration::zero();    // from purchase to submitting information

  // CertificateInfoSubmit.
  mockca::CsrInput csr = mockca::OnlineCsr{};
  std::optional<mockca::OrganizationInfo> organization;  // OV and EV
  mockca::ContactInfo administrator;
  mockca::ContactInfo contact;

  // CertificateOrderSubmit.
  mockca::VerifyType verify_type = mockca::VerifyType::Dns;
  bool delete_dns_auto_record = true;  // DeleteDnsAutoRecord: remove DNS_AUTO records once validated

  PublishPlan publish;
  PollingPolicy polling;
  ResubmitPlan resubmit;
  std::optional<CancelPlan> cancel;
  std::optional<ReissuePlan> reissue;
  std::optional<RevokePlan> revoke;
  std::optional<RenewPlan> renew;
};

// The names the plan's CSR asks for when they are known before submission (online CSRs: the bound
// domain, then the other domains); empty for a pasted CSR, whose names only the CA reads.
std::vector<std::string> planned_names(const OrderPlan& plan);
// How many: planned_names(plan).size(), without copying them.
std::size_t planned_name_count(const OrderPlan& plan);

// The organization as an applicant submits it when every field matches the registry's record
// (the phone given is the applicant's own, not the directory's).
mockca::OrganizationInfo organization_as_registered(const sim::world::Organization& organization);

// Checks a plan for values no order can have (an empty ref, years outside 1–5, a domain count
// below 1, negative delays, a backoff below 1, max_attempts below 0, a cancel cycle outside the
// plan's years, a free order that is not DV or asks for more than one domain or year) and throws
// InputError naming `where` and the field.
void check_plan(const OrderPlan& plan, const std::string& where);

}  // namespace casim::order
