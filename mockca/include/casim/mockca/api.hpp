// The mock CA's in-process Api: the actions the reseller's platform (src/order, the ordering logic)
// calls on its CA, modelled on the reseller's SSL API (version 2019-12-05), and the values they
// return. CertificateAuthority (certificate_authority.hpp) implements it on one run's Kernel.
//
// Contract for the ordering logic:
// - submit() runs intake at once: a rejection (ApiError: the reseller's error code and the findings
//   with catalogue reasons) or a Receipt with the CA order id and, per name to validate, the value
//   to publish (DNS: `_dnsauth.<name>` TXT <value>; FILE: http(s)://<name>/.well-known/pki-validation/
//   fileauth.txt holding <value>). The CA never touches the World: adding (and, for DNS_AUTO,
//   removing) the record or file is the platform's job; the CA only looks.
// - apply_certificate() (ApplyCertificate, the free DV product) is intake the same way, with the
//   free product's own refusals (key, one domain, the account's limit, a renewal's window); its
//   order skips pre-review and starts domain validation at once.
// - Everything after intake happens on the Kernel: pre-review, then domain validation (rechecked
//   every DcvPolicy recheck interval until it passes or times out) and, for OV/EV, the manual
//   review, then the issuance gate (CAA re-checked when stale) and signing.
// - The listener (set_listener) is told of every change of an order's Status, StatusMsg or phase at
//   the simulated instant it happens. It is never called from inside an Api call: changes an Api
//   call makes (cancel, resubmit, revoke, …) are reported by a Kernel event at the same instant.
// - complete_certificate() (validate now) asks for an immediate check; it is rate limited
//   (LimitExceeded.RateLimitExceeded, "too frequent, try again in 5 minutes") and its result comes
//   at the same instant, after the call returns (watch the listener or call check_domain_verification).
// - Errors are values (ApiResult); exceptions only for misuse (e.g. years outside 1–5).
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/chain_check.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/mockca/status.hpp"
#include "casim/mockca/subject_fields.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/organizations.hpp"
#include "casim/sim/world/phones.hpp"

namespace casim::mockca {

// An error returned by an Api action: the reseller's error code and why (findings[0] is the main
// reason; intake rejections list every finding).
struct ApiError {
  std::string code;  // e.g. "FailedOperation.CertificateStatusNotAllowVerify"
  std::vector<Finding> findings;

  Reason reason() const { return findings.front().reason; }
};

// The reseller's error code for a reason: its catalogue entry's code, or "FailedOperation".
std::string reseller_error_code(Reason reason);
// An ApiError from findings (at least one), its code taken from the first reason that has one.
ApiError make_api_error(std::vector<Finding> findings);

// Either a value or an ApiError.
template <typename T>
class ApiResult {
 public:
  ApiResult(T value) : content_(std::move(value)) {}           // NOLINT: implicit on purpose
  ApiResult(ApiError error) : content_(std::move(error)) {}    // NOLINT: implicit on purpose

  bool ok() const { return content_.index() == 0; }
  explicit operator bool() const { return ok(); }
  // The value; asking for it on an error is misuse (std::logic_error naming the error code).
  const T& value() const {
    if (!ok()) throw std::logic_error("ApiResult holds error " + error().code);
    return std::get<0>(content_);
  }
  T& value() {
    if (!ok()) throw std::logic_error("ApiResult holds error " + error().code);
    return std::get<0>(content_);
  }
  // The error; asking for it on a value is misuse (std::logic_error).
  const ApiError& error() const {
    if (ok()) throw std::logic_error("ApiResult holds a value, not an error");
    return std::get<1>(content_);
  }

 private:
  std::variant<T, ApiError> content_;
};

// The value of actions that return nothing but success.
struct Done {};

// --- submitting ----------------------------------------------------------------------------------

// GenCsrType=parse: the user's CSR. Names come from the CSR (its CN first).
struct PastedCsr {
  std::string pem;
  std::string common_name;  // CertCommonName: must equal the CSR's CN; "" = take the CSR's CN
};

// GenCsrType=online: the platform generates the key (from the KeyPool) and the CSR.
struct OnlineCsr {
  KeySpec key;
  std::string common_name;               // the bound domain
  std::vector<std::string> other_names;  // DnsNames: must not repeat the common name
  std::optional<std::string> key_password;  // KeyPass: encrypts the downloadable key
};

using CsrInput = std::variant<PastedCsr, OnlineCsr>;

// The organization as the applicant submits it (Org* fields). The reviewer checks it against the
// registry and calls the phone number the registry's independent directory lists.
struct OrganizationInfo {
  std::string legal_name;           // OrganizationName
  std::string registration_number;  // the business registration number (EV serialNumber)
  std::string division;
  std::string country;  // two letters
  std::string state;
  std::string locality;
  std::string address;
  std::string phone;  // the landline the applicant gives
  std::optional<sim::world::BusinessCategory> business_category;  // EV: must match the registry
};

// Admin* / Tech* (contact) fields.
struct ContactInfo {
  std::string name;
  std::string position;
  std::string phone;
  std::string email;
};

struct SubmitRequest {
  std::string order_ref;  // the platform's name for the order: the Trace's order field
  ValidationLevel level = ValidationLevel::DV;
  std::string brand;      // "" = the hierarchy's default brand
  CsrInput csr;
  std::optional<OrganizationInfo> organization;  // required for OV and EV, ignored for DV
  ContactInfo administrator;
  ContactInfo contact;
  int years = 1;  // 1–5 (misuse otherwise); validity asked = years × 365 days, capped by the BRs
  VerifyType verify_type = VerifyType::Dns;
};

// ApplyCertificate: a free DV certificate — one domain, an RSA 2048 or ECC P-256 key, 90 days,
// no pre-review — or, with old_order_id, the renewal of an issued free certificate within 30 days
// of its expiry. Each accepted application counts against CaConfig::free_limit.
inline constexpr int kFreeValidityDays = 90;                     // "3-month validity"
inline constexpr sim::Duration kFreeRenewalWindow = sim::kDay * 30;  // before the old certificate expires
// Whether a key, as describe() names it ("RSA 2048", "ECC P-256"), is one the free product takes.
inline bool free_product_key(std::string_view key) { return key == "RSA 2048" || key == "ECC P-256"; }

struct ApplyRequest {
  std::string order_ref;  // the Trace's order field
  CsrInput csr;           // online (CsrEncryptAlgo, CsrKeyParameter; DomainName the common name) or pasted
  VerifyType verify_type = VerifyType::Dns;  // DvAuthMethod
  ContactInfo contact;                       // ContactEmail, ContactPhone
  std::string old_order_id;                  // OldCertificateId: "" for a new certificate
};

// What the CA asks to be published for one name (CheckValue / DvAuthDetail). A wildcard name is
// validated at its base name (*.a.com → a.com).
struct DomainChallenge {
  std::string domain;      // the name validated
  VerifyType method = VerifyType::Dns;
  std::string dns_host;    // DvAuthKey/host record: "_dnsauth" (DNS, DNS_AUTO)
  std::string dns_name;    // the full owner name: "_dnsauth.<domain>"
  DnsRecordKind dns_record = DnsRecordKind::Txt;  // DvAuthKeyType: TXT, or CNAME when the CA asks for one
  std::string file_path;   // "/.well-known/pki-validation/fileauth.txt" (FILE)
  std::string value;       // the random value: the TXT data or the file's whole content
  bool reused = false;     // validated earlier within the reuse period: nothing to publish
};

// The DNS record that answers `challenge` (a DNS method) with `value`: TXT or CNAME at its dns_name.
sim::world::DnsRecord challenge_record(const DomainChallenge& challenge, const std::string& value);

struct Receipt {
  std::string order_id;            // the CA's order id
  // The CA's running number of the order (0, 1, 2, … as it accepts them), which its updates carry
  // too: a listener may keep its per-order state in a vector instead of looking ids up.
  std::size_t order_number = 0;
  std::vector<std::string> names;  // the certificate's names, CN first
  std::vector<DomainChallenge> challenges;
};

// --- following an order --------------------------------------------------------------------------

// Where an order is. Validating covers domain validation and (OV/EV) manual review, which run
// side by side; their own progress is in DomainValidationState and ReviewState.
enum class OrderPhase { PreReview, Validating, WaitingToIssue, Issued, Failed, Cancelled, Revoked };
std::string_view phase_name(OrderPhase phase);  // "pre-review", "validating", …

enum class TrackState { NotStarted, InProgress, Passed, Failed, NotRequired };
std::string_view track_state_name(TrackState state);  // "not started", "in progress", …

// The facts of the certificate issued (or, in a timing-only run, that would have been issued).
struct CertificateFacts {
  std::string serial;  // upper-case hex
  sim::Instant not_before;  // CertBeginTime
  sim::Instant not_after;   // CertEndTime
  int days = 0;             // validity granted
  bool capped = false;      // the order asked for more than the BR maximum for the date
  std::vector<std::string> names;
  SubjectAttributes subject;  // as encoded, CN last
  std::string key;            // the subscriber key: "RSA 2048", "ECC P-256"
  bool signed_certificate = false;  // false in timing-only runs (issue_certificates = false)
  std::optional<Revocation> revocation;
};

// One verification call of the manual review.
struct ReviewCall {
  sim::Instant at;
  sim::world::CallResult result = sim::world::CallResult::NoAnswer;

  friend bool operator==(const ReviewCall&, const ReviewCall&) = default;
};

struct OrderDescription {
  std::string order_id;
  std::string order_ref;
  ValidationLevel level = ValidationLevel::DV;
  std::string brand;
  VerifyType verify_type = VerifyType::Dns;
  Status status = Status::UnderReview;
  StatusMsg status_msg = StatusMsg::None;  // None once the order is final
  std::string status_text;          // the reseller's failure text ("" unless failed or cancelled)
  OrderPhase phase = OrderPhase::PreReview;
  TrackState domain_validation = TrackState::NotStarted;
  TrackState review = TrackState::NotStarted;
  std::vector<Reason> reasons;  // why it failed or was cancelled; empty otherwise
  std::vector<DomainChallenge> challenges;  // DvAuthDetail
  std::optional<CertificateFacts> certificate;
  std::vector<ReviewCall> review_calls;    // every call of every review of the order, in order
  bool organization_data_reused = false;   // the last review took saved organization data (no call)
  sim::Instant submitted_at;
  std::optional<sim::Instant> finished_at;  // issued, failed or cancelled
  std::string reissue_of;   // the order this one reissues ("" when none)
  std::string replaced_by;  // the reissue that replaced this order's certificate ("" when none)
  bool free = false;        // a free DV certificate (ApplyCertificate)
  std::string renewal_of;   // the free certificate this order renews ("" when none)
};

// One name's domain verification (CheckCertificateDomainVerification).
struct DomainVerification {
  std::string domain;
  LocalCheck local_check = LocalCheck::TxtNotFound;  // the platform's own look, from its home region
  std::optional<Reason> local_reason;   // LocalCheckFailReason; none when verified
  CaCheck ca_check = CaCheck::NotChecked;  // the CA's last check
  std::optional<Reason> ca_reason;      // why the CA's last check failed
  std::vector<std::string> check_value; // CheckValue: the value expected at the validation host
  bool frequently = false;  // Frequently: asked again within the local-check interval; not checked
  bool issued = false;      // Issued: the order's certificate is issued
};

struct CertificateBundle {
  std::string certificate_pem;
  std::string chain_pem;       // the issuing intermediate
  std::string full_chain_pem;  // certificate then chain
  std::string private_key_pem; // online-generated key only ("" for a pasted CSR)
};

// A reissue (ReplaceCertificate): a new CSR for the same names, reusing the validated data that is
// still within its reuse period.
struct ReissueRequest {
  std::string order_ref;  // the Trace's order field; "" = the original's followed by "/reissue"
  CsrInput csr;  // its names must be the original order's names
  std::optional<VerifyType> verify_type;  // none: the original's
};

// A change of an order's CA-side state, as the listener hears it.
struct OrderUpdate {
  sim::Instant at;
  // The order's id and ref, which never change: views valid while the listener runs.
  std::string_view order_id;
  std::string_view order_ref;
  std::size_t order_number = 0;  // as in the order's Receipt
  Status status = Status::UnderReview;
  StatusMsg status_msg = StatusMsg::None;
  OrderPhase phase = OrderPhase::PreReview;
  TrackState domain_validation = TrackState::NotStarted;
  TrackState review = TrackState::NotStarted;
  std::vector<Reason> reasons;
  // The order's certificate as describe() would give it when the update is heard (null when it has
  // none); valid while the listener runs.
  const CertificateFacts* certificate = nullptr;
};

using OrderListener = std::function<void(const OrderUpdate&)>;

class Api {
 public:
  virtual ~Api() = default;

  // CertificateInfoSubmit + CertificateOrderSubmit: intake now; a receipt or the rejection.
  virtual ApiResult<Receipt> submit(const SubmitRequest& request) = 0;
  // ApplyCertificate: a free DV certificate (or its renewal); domain validation starts at once.
  virtual ApiResult<Receipt> apply_certificate(const ApplyRequest& request) = 0;
  // CheckCertificateDomainVerification: per name, the platform's local check and the CA's last one.
  virtual ApiResult<std::vector<DomainVerification>> check_domain_verification(
      std::string_view order_id) = 0;
  // CompleteCertificate: have the CA check the domains now (while validation is pending).
  virtual ApiResult<Done> complete_certificate(std::string_view order_id) = 0;
  // DescribeCertificateDetail.
  virtual ApiResult<OrderDescription> describe(std::string_view order_id) const = 0;
  // CancelAuditCertificate: stop an order still under review (Status 0): it becomes Cancelled.
  virtual ApiResult<Done> cancel(std::string_view order_id) = 0;
  // ModifyCertificateResubmit: after a failed review or a cancellation, back to review (with
  // corrected organization data when given); validation resumes where it stood.
  virtual ApiResult<Done> resubmit(std::string_view order_id,
                                   const std::optional<OrganizationInfo>& organization) = 0;
  // DownloadCertificate: the certificate, its chain and an online-generated key.
  virtual ApiResult<CertificateBundle> download(std::string_view order_id) const = 0;
  // RevokeCertificate.
  virtual ApiResult<Done> revoke(std::string_view order_id, RevocationReason reason) = 0;
  // ReplaceCertificate: a new order for the same names; the original shows Status 11 until the
  // reissue ends, and cannot be reissued again (OrderAlreadyReplaced).
  virtual ApiResult<Receipt> reissue(std::string_view order_id, const ReissueRequest& request) = 0;
  // CheckCertificateChain, and UploadCertificate's look at what is uploaded: `content` (PEM) and
  // an optional private key checked now, against the CA's own root when it signs certificates.
  virtual ChainReport check_chain(std::string_view content, const std::optional<std::string>& private_key) const = 0;
  // The one listener of order changes (replacing any earlier one; an empty function removes it).
  virtual void set_listener(OrderListener listener) = 0;
};

}  // namespace casim::mockca
