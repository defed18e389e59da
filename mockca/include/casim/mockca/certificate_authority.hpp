// The mock CA as a process on one run's Kernel, implementing the Api: it owns the run's CA-side
// state (orders, validators with their caching resolvers, rate limiters, reusable validation data,
// the issued-certificate store), reads the World (the phone log aside, which calls append to), and
// writes every step to the run's Trace. The stages (see docs/pipeline.md):
//
//   intake (at once) → pre-review → domain validation (+ CAA) ∥ manual review (OV/EV)
//                    → issuance gate (CAA fresh, data within reuse periods) → signing
//
// Timing-only runs (CaConfig::issue_certificates = false) do everything but sign: the Trace is the
// same, and the certificate facts (serial, validity) are recorded all the same.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/caa.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/dcv.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/mockca/pre_review.hpp"
#include "casim/mockca/review.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/distribution.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::mockca {

// When the manual review of an OV/EV order starts.
enum class ReviewStart {
  WithValidation,   // right after pre-review, side by side with domain validation (default)
  AfterValidation,  // once domain validation has passed (the seed document's order of steps)
};

// From the issuance gate opening to signing (the WAIT-ISSUE state): uniform 1–5 minutes of
// calendar time. UNVERIFIED: no CA publishes this.
sim::DurationDistribution default_issuance_delay();

// Everything about the CA a scenario may set; every field has a documented default.
struct CaConfig {
  IntakePolicy intake;
  PreReviewPolicy pre_review;
  DcvPolicy dcv;
  CaaPolicy caa;
  ReviewPolicy review;
  ReviewStart review_start = ReviewStart::WithValidation;
  sim::DurationDistribution issuance_delay = default_issuance_delay();
  // The platform's local check (CheckCertificateDomainVerification) looks at most once per this
  // interval per order; a call within it answers Frequently. UNVERIFIED: 1 minute.
  sim::Duration local_check_interval = sim::kMinute;
  // Sign certificates (true) or only record what would be issued (timing-only Monte Carlo runs).
  bool issue_certificates = true;
  // Reuse domain and organization validation data within the BR §4.2.1 periods (reissues,
  // renewals, and any later order of the same names or organization).
  bool reuse_validation_data = true;
  // Free DV certificates one account (the run's platform) may apply for, renewals included;
  // the next application is refused with FailedOperation.ExceedsFreeLimit. UNVERIFIED: 50.
  int free_limit = 50;
  // Validation values fixed by order ref, used instead of drawn ones (a scenario replaying a value
  // seen in the field: `casim probe --emit-scenario`); every other order draws its own.
  std::map<std::string, std::string, std::less<>> fixed_validation_values;
};

// What the CA borrows from whoever runs it; both must outlive the CA.
struct CaResources {
  Issuer* issuer = nullptr;  // required when CaConfig::issue_certificates (one per thread)
  KeyPool* keys = nullptr;   // required for online CSRs (shared between runs; thread-safe)
};

// The stage an order failed in (what a resubmission goes back to).
enum class FailedStage { None, PreReview, Validation, Review, Issuance };

// One order as the CA keeps it (defined in mockca/src/ca_order.hpp).
struct CaOrder;

// What an order's review and validation drew on, for run results.
struct ReviewFacts {
  std::vector<ReviewCall> calls;            // every review's calls
  bool organization_data_reused = false;    // the last review's
  std::vector<std::string> reused_domains;  // names that passed on data validated for an earlier order
};

class CertificateAuthority final : public Api {
 public:
  // Everything passed by reference must outlive the CA, and the kernel must not run events after
  // the CA is destroyed. `pre_review_calendar` counts pre-review business time (the reseller's,
  // e.g. CN), `review_calendar` the CA's business days and calling hours. Every random draw comes
  // from streams derived from (seed, run_index, name). Issuing without an issuer is misuse
  // (std::invalid_argument).
  CertificateAuthority(sim::Kernel& kernel, Trace& trace, sim::world::World& world,
                       CaConfig config, sim::Calendar pre_review_calendar,
                       sim::Calendar review_calendar, CaResources resources, std::uint64_t seed,
                       std::uint64_t run_index);
  ~CertificateAuthority() override;
  CertificateAuthority(const CertificateAuthority&) = delete;
  CertificateAuthority& operator=(const CertificateAuthority&) = delete;
  // Makes room for this many orders, so that the CA's per-order tables are not moved as they fill.
  void reserve(std::size_t orders);

  ApiResult<Receipt> submit(const SubmitRequest& request) override;
  ApiResult<Receipt> apply_certificate(const ApplyRequest& request) override;
  ApiResult<std::vector<DomainVerification>> check_domain_verification(
      std::string_view order_id) override;
  ApiResult<Done> complete_certificate(std::string_view order_id) override;
  ApiResult<OrderDescription> describe(std::string_view order_id) const override;
  ApiResult<Done> cancel(std::string_view order_id) override;
  ApiResult<Done> resubmit(std::string_view order_id,
                           const std::optional<OrganizationInfo>& organization) override;
  ApiResult<CertificateBundle> download(std::string_view order_id) const override;
  ApiResult<Done> revoke(std::string_view order_id, RevocationReason reason) override;
  ApiResult<Receipt> reissue(std::string_view order_id, const ReissueRequest& request) override;
  ChainReport check_chain(std::string_view content, const std::optional<std::string>& private_key) const override;
  void set_listener(OrderListener listener) override;

  const CaConfig& config() const { return config_; }
  // Every certificate issued (or recorded, in timing-only runs) and its revocation.
  const CaState& store() const { return store_; }
  std::size_t order_count() const { return orders_.size(); }
  // The facts of describe() a run's results keep, without copying the rest; nullopt for an
  // unknown id.
  std::optional<ReviewFacts> review_facts(std::string_view order_id) const;

 private:
  // What intake makes of a CSR input: the names and key, or the findings that refuse it.
  struct IntakeOutcome;

  // ca_intake.cpp
  IntakeOutcome take_csr(const CsrInput& csr);
  std::vector<Finding> check_order(ValidationLevel level, VerifyType method,
                                   const std::optional<OrganizationInfo>& organization,
                                   const std::vector<std::string>& names) const;
  ApiResult<Receipt> open_order(std::unique_ptr<CaOrder> owned, IntakeOutcome&& intake);
  void reject(const std::string& order_ref, const std::vector<Finding>& findings);

  // ca_free.cpp
  std::vector<Finding> check_free_account(const ApplyRequest& request) const;

  // certificate_authority.cpp
  CaOrder* find(std::string_view order_id) const;
  // What the customer is shown to publish for each of the order's names (DvAuthDetail).
  static std::vector<DomainChallenge> challenges_of(const CaOrder& order);
  ApiError not_found(std::string_view order_id) const;
  void trace(CaOrder& order, TraceStage stage, TraceKind kind, std::optional<Reason> reason, const LazyText& detail);
  void publish(CaOrder& order);
  void fail(CaOrder& order, FailedStage where, std::vector<Reason> reasons, const LazyText& detail);
  void stop_processes(CaOrder& order);
  void restore_original(CaOrder& reissue);

  // ca_review.cpp
  void start_pre_review(CaOrder& order);
  void on_pre_review(std::size_t index, std::uint64_t epoch, const PreReviewResult& result);
  void begin_validation(CaOrder& order);
  void start_review(CaOrder& order);
  void on_review_step(std::size_t index, std::uint64_t epoch, const ReviewStep& step);
  void on_review(std::size_t index, std::uint64_t epoch, const ReviewResult& result);

  // ca_validation.cpp
  void start_validation(CaOrder& order);
  void run_checks(std::size_t index, std::uint64_t epoch);
  bool check_caa(CaOrder& order);
  void on_validation_timeout(std::size_t index, std::uint64_t epoch);
  void validation_passed(CaOrder& order);
  bool reusable_domain(std::string_view name, sim::Instant at) const;

  // ca_issuance.cpp
  void maybe_open_gate(CaOrder& order);
  void sign(std::size_t index, std::uint64_t epoch);
  std::optional<CertificateFacts> issue(CaOrder& order, std::string& detail);

  sim::Kernel& kernel_;
  Trace& trace_;
  sim::world::World& world_;
  CaConfig config_;
  CaResources resources_;
  std::uint64_t seed_;
  std::uint64_t run_index_;
  PreReview pre_review_;
  Review review_;
  DcvValidator validator_;
  CaaChecker caa_;
  OrderListener listener_;
  std::vector<std::unique_ptr<CaOrder>> orders_;
  sim::StringMap<std::size_t> by_id_;
  // Reusable validation data: a validated host name → when; a registration number → the record.
  sim::StringMap<sim::Instant> domain_validations_;
  sim::StringMap<OrganizationValidationRecord> organization_validations_;
  int free_applied_ = 0;  // free applications accepted (CaConfig::free_limit)
  CaState store_;
};

}  // namespace casim::mockca
