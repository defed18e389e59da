// The CA's record of one order (CaOrder) and what intake makes of a CSR, shared by the
// certificate_authority*.cpp and ca_*.cpp files that implement CertificateAuthority.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "casim/mockca/certificate_authority.hpp"

namespace casim::mockca {

struct CertificateAuthority::IntakeOutcome {
  std::vector<Finding> findings;  // empty when the CSR was taken
  std::vector<std::string> names; // CN first
  std::optional<SubscriberKey> key;  // only when certificates are signed
  std::string key_description;       // "RSA 2048", "ECC P-256"
  std::string private_key_pem;       // online CSRs
};

// What an OrderUpdate says of an order's state: an update is published only when this changes.
struct PublishedState {
  Status status;
  StatusMsg status_msg;
  OrderPhase phase;
  TrackState domain_validation;
  TrackState review;

  friend bool operator==(const PublishedState&, const PublishedState&) = default;
};

// One validation target's progress at the CA.
struct TargetProgress {
  CaCheck ca = CaCheck::NotChecked;
  std::optional<Reason> reason;  // of the last failed check
  bool reused = false;           // passed on data validated for an earlier order
  int checks = 0;                // CA checks made
};

struct CaOrder {
  std::size_t index = 0;
  std::string id;
  std::string ref;
  ValidationLevel level = ValidationLevel::DV;
  std::string brand;
  VerifyType verify_type = VerifyType::Dns;
  int years = 1;
  bool free = false;       // a free DV certificate (ApplyCertificate): no pre-review, 90 days
  std::string renewal_of;  // the free order this one renews
  std::vector<std::string> names;
  std::optional<OrganizationInfo> organization;
  std::optional<SubscriberKey> key;
  std::string key_description;  // "RSA 2048", "ECC P-256"
  std::string private_key_pem;
  std::vector<ReviewCall> review_calls;     // every review's calls; kept over resubmissions
  int pre_reviews = 0;                      // pre-reviews started, resubmissions' included
  int reviews = 0;                          // reviews started, resubmissions' included
  bool organization_data_reused = false;    // the last review's

  DcvPlan plan;
  std::vector<TargetProgress> targets;  // parallel to plan.targets
  std::vector<CaaCheck> caa;            // the last check of each name (empty before the first)
  sim::EventId recheck;                 // the next scheduled validation check
  RateLimiter validate_now;
  RateLimiter local_check;

  OrderPhase phase = OrderPhase::PreReview;
  TrackState validation = TrackState::NotStarted;
  TrackState review = TrackState::NotStarted;
  StatusMsg review_msg = StatusMsg::None;  // LEGAL-REVIEWING or CA-REVIEWING while the review runs
  Status status = Status::UnderReview;
  std::vector<Reason> reasons;
  std::string status_text;
  sim::Instant submitted_at;
  std::optional<sim::Instant> finished_at;
  std::optional<sim::Instant> validation_deadline;
  FailedStage failure = FailedStage::None;

  // Bumped whenever the order stops (failed, cancelled): events scheduled before are ignored.
  std::uint64_t epoch = 0;
  PreReviewHandle pre_review;
  ReviewHandle review_handle;

  std::optional<CertificateFacts> certificate;
  std::string certificate_pem;
  std::string chain_pem;

  std::string reissue_of;           // the original of this reissue
  std::string reissue_in_progress;  // this order's running reissue
  std::string replaced_by;          // the reissue that replaced this order's certificate

  std::optional<PublishedState> last_published;
  std::optional<Status> last_traced_status;

  CaOrder(sim::Duration validate_window, sim::Duration local_interval)
      : validate_now(validate_window), local_check(local_interval) {}

  bool active() const {
    return phase == OrderPhase::PreReview || phase == OrderPhase::Validating ||
           phase == OrderPhase::WaitingToIssue;
  }
  // The StatusMsg progress value of the order's state (None once it is final).
  StatusMsg status_msg() const;
  // Cancelled, or failed anywhere but domain validation (a validation timeout is final).
  bool resubmittable() const;
};

// "a.com, b.com" (at most `limit` names, then "… (+N)").
std::string join_names(const std::vector<std::string>& names, std::size_t limit = 4);

}  // namespace casim::mockca
