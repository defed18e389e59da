// What a run reports about each order and about itself: the outcome, the status history, the
// duration of each stage (calendar and business time), the certificate, the actions refused, and
// the run's warnings and how it stopped.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/mockca/status.hpp"
#include "casim/order/plan.hpp"
#include "casim/order/transition.hpp"
#include "casim/sim/time.hpp"
#include "casim/mockca/trace.hpp"

namespace casim::order {

// How an order came to be.
enum class OrderOrigin {
  Placed,     // from an OrderPlan
  Reissue,    // ReplaceCertificate of an issued order
  Renewal,    // a renewal of an issued order
  MultiYear,  // the next certificate of a multi-year plan
};
std::string_view origin_name(OrderOrigin origin);  // "placed", "reissue", "renewal", "multi-year"

// What came of an order by the end of the run.
enum class Outcome {
  Unfinished,  // still pending when the run stopped
  Rejected,    // refused at submission (intake): status stays 5
  Failed,      // the CA failed it (status 2)
  Cancelled,   // its review was cancelled (status 7)
  Issued,      // a certificate was issued (status 1, or later 3, 9, 10, 11)
  NotPlaced,   // the run stopped before the order's placing instant: it was never created
};
std::string_view outcome_name(Outcome outcome);  // "unfinished", "rejected", …, "not_placed"
// The outcome of an order the platform shows in `status`; `rejected`: refused at submission.
Outcome outcome_of(mockca::Status status, bool rejected);

// One entry of an order's status history: a change of Status or StatusMsg.
struct StatusChange {
  sim::Instant at;
  mockca::Status status = mockca::Status::PendingSubmission;
  mockca::StatusMsg status_msg = mockca::StatusMsg::None;  // the CA's progress (PRE-REVIEWING, …)
  std::string text;        // the reseller's failure text when failed or cancelled
  std::optional<OrderEvent> event;  // the event that changed the status; none: StatusMsg only

  friend bool operator==(const StatusChange&, const StatusChange&) = default;
};

enum class Stage { PreReview, DomainValidation, Review, WaitingToIssue, TotalToIssue };
inline constexpr std::array kStages{Stage::PreReview, Stage::DomainValidation, Stage::Review,
                                    Stage::WaitingToIssue, Stage::TotalToIssue};
// "pre-review", "domain validation", "review", "waiting to issue", "total to issue".
std::string_view stage_name(Stage stage);

// The time an order spent in one stage, summed over every time it was in it (a resubmitted order
// goes through pre-review again). TotalToIssue runs from submitting information to issuance.
struct StageTiming {
  Stage stage = Stage::PreReview;
  std::optional<sim::Instant> first_start;
  std::optional<sim::Instant> last_end;
  int intervals = 0;       // times the order entered the stage
  bool open = false;       // still in the stage when the run stopped (counted up to then)
  sim::Duration calendar{};  // clock time
  // Business time on the CA's calendar; none when an interval reached a year the calendar has no
  // data for (a warning of the run says so).
  std::optional<sim::Duration> business = sim::Duration::zero();

  bool entered() const { return first_start.has_value(); }
};

struct CertificateSummary {
  std::string serial;  // upper-case hex
  sim::Instant not_before;
  sim::Instant not_after;
  int days = 0;
  bool capped = false;  // the order asked for more than the BR maximum for the date
  std::string policy_oid;
  std::vector<std::string> names;
  mockca::SubjectAttributes subject;  // as encoded, CN last (no OU: BR §7.1.2.7.4)
  std::string key;                    // "RSA 2048", "ECC P-256"
  bool signed_certificate = false;
  std::string sha256_fingerprint;  // "AB:CD:…" as openssl prints it; "" when not signed
  std::optional<sim::Instant> revoked_at;
  // cert.pem, chain.pem, fullchain.pem and key.pem as downloaded; only with
  // PlatformSettings::keep_certificate_files.
  std::optional<mockca::CertificateBundle> files;
};

// What the report keeps of a certificate the CA describes for an order of `level` (no fingerprint
// yet: that comes with the download).
CertificateSummary summary_of(const mockca::CertificateFacts& facts, mockca::ValidationLevel level);
// The SHA-256 fingerprint of the first certificate of a PEM text, as `openssl x509 -fingerprint
// -sha256` prints it ("AB:CD:…"); "" when the text holds no certificate.
std::string sha256_fingerprint(const std::string& pem);

// An action the platform or the CA refused.
struct Refusal {
  sim::Instant at;
  std::string action;  // "cancel", "resubmit", "reissue", …
  mockca::Reason reason;
  std::string error_code;  // the reseller's error code
  std::string detail;
};

// One submission of an order that ended (failed or cancelled) and was resubmitted: kept so that a
// developer sees why the earlier attempts failed although the order was issued in the end.
struct Attempt {
  sim::Instant started_at;      // submitting information, or the previous resubmission
  sim::Instant ended_at;        // when it failed or was cancelled
  sim::Instant resubmitted_at;
  mockca::Status status = mockca::Status::ReviewFailed;  // 2 or 7
  std::vector<mockca::Reason> reasons;
  std::string text;  // the reseller's failure text

  friend bool operator==(const Attempt&, const Attempt&) = default;
};

// What the CA took from earlier validations instead of checking again.
struct DataReuse {
  bool organization = false;         // the last review reused saved organization data (no call)
  std::vector<std::string> domains;  // names whose domain validation was reused

  friend bool operator==(const DataReuse&, const DataReuse&) = default;
};

struct OrderResult {
  std::string ref;
  OrderOrigin origin = OrderOrigin::Placed;
  std::string parent;  // the order this one reissues, renews or follows ("" when placed)
  int cycle = 1;       // the certificate's number within a multi-year plan
  Product product = Product::Paid;
  mockca::ValidationLevel level = mockca::ValidationLevel::DV;
  mockca::VerifyType verify_type = mockca::VerifyType::Dns;
  std::string ca_order_id;  // "" when never accepted by the CA

  Outcome outcome = Outcome::Unfinished;
  mockca::Status status = mockca::Status::PendingSubmission;  // the last status
  // Why it was rejected, failed, cancelled or left unfinished (the CA's reasons first).
  std::vector<mockca::Reason> reasons;
  std::string error_code;  // the reseller's error code of a rejection ("" otherwise)

  std::vector<StatusChange> history;
  std::array<StageTiming, kStages.size()> timings;  // indexed by Stage
  std::optional<CertificateSummary> certificate;
  std::vector<Refusal> refusals;
  std::vector<sim::Instant> expiry_notices;
  int resubmissions = 0;
  std::vector<Attempt> earlier_attempts;  // one per resubmission, oldest first
  // Every reason the order met at any time (the trace's, the earlier attempts' and the final
  // ones), each once, in the order first met: e.g. DcvDnsCacheStale on an order issued in the end.
  std::vector<mockca::Reason> reasons_seen;
  std::vector<mockca::ReviewCall> calls;  // the review's verification calls, every attempt's
  DataReuse data_reused;
  sim::Instant submitted_at;  // when information was submitted (the epoch when never)

  const StageTiming& timing(Stage stage) const { return timings[static_cast<std::size_t>(stage)]; }
  StageTiming& timing(Stage stage) { return timings[static_cast<std::size_t>(stage)]; }
  // The statuses of the history in order, consecutive repeats (StatusMsg changes) dropped.
  std::vector<mockca::Status> status_sequence() const;
  // Resubmitted at `at`: the attempt that ended goes to earlier_attempts, reasons start afresh.
  void record_resubmission(sim::Instant at);
};

// How a run ended.
enum class RunStop {
  Completed,            // nothing was left to happen before the horizon
  HorizonReached,       // orders were still pending at the horizon
  EventLimitReached,    // more events than the limit
  CalendarDataMissing,  // a calendar had no data for a year the run reached
  OrderingLogicFailed,  // the ordering logic could not go on (an external agent's fault)
};
std::string_view stop_name(RunStop stop);  // "completed", "horizon reached", …

struct RunWarning {
  std::optional<sim::Instant> at;
  mockca::Reason reason;
  std::string message;

  friend bool operator==(const RunWarning&, const RunWarning&) = default;
};

// The run's warnings, each said once: the platform and the stage recorder add to it.
class WarningLog {
 public:
  // Adds `warning` unless one with the same reason and message is there already.
  void add(RunWarning warning);
  const std::vector<RunWarning>& all() const { return warnings_; }

 private:
  std::vector<RunWarning> warnings_;
};

struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  sim::Instant start;
  sim::Instant stopped_at;  // the simulated clock when the run stopped
  RunStop stop = RunStop::Completed;
  std::uint64_t events_run = 0;
  std::vector<OrderResult> orders;  // in the order they were created
  std::vector<RunWarning> warnings;
  mockca::Trace trace;
  std::uint64_t fingerprint = 0;  // trace.fingerprint()
  std::vector<std::string> transcript;     // what the ordering logic kept (an agent's transcript)

  // The order named `ref`; nullptr when none.
  const OrderResult* find(std::string_view ref) const;
};

}  // namespace casim::order
