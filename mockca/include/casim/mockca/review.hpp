// Manual review of OV and EV orders as a process on the simulation kernel: the organization
// checked against the company registry at the instant the reviewer looks, the phone call to the
// organization's independently listed number within the CA's business hours (with retries and
// call-backs), the EV Guidelines' extra checks, and reuse of organization data validated earlier
// within the Baseline Requirements' reuse period.
//
// Timing. A review draws its total duration (by default OV 3–5 and EV 5–7 business days, the seed
// document's ranges) and counts it on the CA's calendar from the start; that is the least time the
// reviewer takes. The steps happen from the start on: the organization check (and the EV checks) at
// the first business instant, the first call `first_call_delay` later, each retry `retry_spacing`
// after the call before it, every call moved to the next opening of the calling hours when it
// falls outside them. A line with hours of its own answers only within them: a call outside is
// unanswered, and a review whose every call fell outside fails with ReviewCallsOutsideLineHours. The review ends at the later of the drawn end and its last step — failures included, so
// a refused call on day one is reported when the drawn duration is over — and a review whose calls
// outrun the drawn duration ends with its last call.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/mockca/validation_level.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/distribution.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::mockca {

// EV Guidelines §3.2.2 (operational existence): an organization registered for at least this
// many years has operational existence without further evidence.
inline constexpr int kEvOperationalExistenceYears = 3;

// What the reviewer does when the registry shows no independently listed phone number. Calling
// the number the applicant gave is never an option (BR §3.2.5: an independent source only).
enum class NoListedPhone {
  Fail,    // the review fails with ReviewNoListedPhone
  Letter,  // a letter with a verification code goes to the registered address (GlobalSign's
           // practice); the simulated world has no post, so the code always comes back, after
           // `letter_turnaround`
};

// Uniform 3–5 business days (seed document: "It takes 3−5 business days to review OV
// certificates"); the uniform shape is UNVERIFIED.
sim::DurationDistribution default_ov_review_duration();
// Uniform 5–7 business days (seed document, for EV); the uniform shape is UNVERIFIED.
sim::DurationDistribution default_ev_review_duration();
// Fixed 1 business day: the reseller's "a saved organization profile is reviewed within about one
// business day".
sim::DurationDistribution default_reuse_review_duration();

// Everything about the review a scenario may change. Retry counts and spacing are not published
// by any CA (UNVERIFIED): the defaults are plausible values.
struct ReviewPolicy {
  sim::DurationDistribution ov_duration = default_ov_review_duration();
  sim::DurationDistribution ev_duration = default_ev_review_duration();
  // A review reusing saved organization data: no registry check and no call, only this.
  sim::DurationDistribution reuse_duration = default_reuse_review_duration();
  // From the organization check to the first call (then moved into business hours).
  sim::DurationSpec first_call_delay = sim::DurationSpec::business_hours(1);
  // Unanswered calls (no answer, busy, voicemail) allowed before the review fails.
  int max_call_attempts = 5;
  // From an unanswered call to the next one (then moved into business hours).
  sim::DurationSpec retry_spacing = sim::DurationSpec::business_hours(4);
  // Whether a call-back request uses up one of max_call_attempts. When it does not, at most
  // max_call_backs call-backs are honoured that way; later ones count as attempts.
  bool call_back_counts_as_attempt = false;
  int max_call_backs = 3;
  NoListedPhone no_listed_phone = NoListedPhone::Fail;
  // NoListedPhone::Letter: from mailing the letter to the code coming back. UNVERIFIED.
  sim::DurationSpec letter_turnaround = sim::DurationSpec::business_days(5);
  // When the reviewer calls: this calendar's business time (reviewers abroad, an evening shift);
  // nothing: the review calendar's.
  std::optional<sim::Calendar> calling_hours;
};

// Organization data a passed review validated, which the CA may keep and hand to later reviews
// of the same organization.
struct OrganizationValidationRecord {
  std::string organization_id;  // the registration number as the registry shows it
  sim::Instant validated_at;    // when the call (or the letter) confirmed the organization
  ValidationLevel level = ValidationLevel::OV;

  friend bool operator==(const OrganizationValidationRecord&, const OrganizationValidationRecord&) = default;
};

// Whether `record` may stand in for the organization checks of a `level` review at `at`: an EV
// record serves OV and EV, an OV record only OV, and it must be at most
// organization_reuse_days(at, level) days old (BR §4.2.1: 825 days, 398 from 2026-03-15; EV
// Guidelines §11.14.3: 398 days for EV whatever the date).
bool reusable(const OrganizationValidationRecord& record, ValidationLevel level, sim::Instant at);

// What the applicant submitted about the organization, and what the CA holds for it.
struct ReviewRequest {
  std::string order;  // the order's id; names the review's random streams
  int attempt = 1;    // 1 for the order's first review, 2 for its first resubmission's, …
  ValidationLevel level = ValidationLevel::OV;  // OV or EV; DV orders have no manual review
  std::string legal_name;                       // compared exactly with the registry's
  std::string registration_number;              // "" when not given (OV may omit it; EV needs it)
  // The country must match (case ignored); state or province and locality when given.
  sim::world::Jurisdiction jurisdiction;
  std::optional<sim::world::BusinessCategory> business_category;  // EV: must match the registry
  // Organization data the CA validated for an earlier order, used when reusable() and its id is the
  // registration number given (if one is given).
  std::optional<OrganizationValidationRecord> saved;
};

enum class ReviewStepKind { Started, Reuse, OrganizationCheck, EvCheck, Call, Letter };
// The trace kind of a step (its words: "started", "reuse", "organization check", …).
TraceKind trace_kind(ReviewStepKind kind);

struct ReviewStep {
  ReviewStepKind kind = ReviewStepKind::Started;
  sim::Instant at;
  std::optional<Reason> reason;                 // set when this step failed the review
  std::optional<sim::world::CallOutcome> call;  // Call steps: what the line answered
  // One line, e.g. "call 2 to +861012345678 at 2026-10-09T02:30:00Z: no answer; next call at …";
  // empty when the review keeps no text.
  std::string detail;
};

enum class ReviewVerdict { Passed, Failed, Cancelled };
// "passed", "failed", "cancelled".
std::string_view to_string(ReviewVerdict verdict);

struct ReviewResult {
  std::string order;
  int attempt = 1;  // 1 for the order's first review, 2 for the review of its first resubmission, …
  ValidationLevel level = ValidationLevel::OV;
  ReviewVerdict verdict = ReviewVerdict::Cancelled;
  std::vector<Reason> reasons;    // why it failed (several for EV checks); empty when passed
  std::vector<ReviewStep> steps;  // in the order they happened
  sim::Instant started;
  sim::Instant finished;
  sim::DurationSpec drawn;        // the drawn duration (the reuse duration when reused)
  sim::Instant planned_end;       // `drawn` after `started` on the calendar: the earliest end
  sim::Duration business_time{};  // business time within [started, finished) on the CA's calendar
  int calls = 0;                  // calls placed
  bool reused = false;            // passed on saved organization data
  std::optional<OrganizationValidationRecord> record;  // when passed: what the CA may keep

  bool passed() const { return verdict == ReviewVerdict::Passed; }
};

using ReviewDone = std::function<void(const ReviewResult&)>;
// Called as each step happens (kernel.now() == step.at), e.g. to append it to the run's trace.
using ReviewStepSeen = std::function<void(const ReviewStep&)>;

class ReviewProcess;
struct ReviewSetting;  // what every review of one stage shares

// One running review. A default handle names none.
class ReviewHandle {
 public:
  ReviewHandle() = default;

  // True until the review has finished (its callback ran) or was cancelled.
  bool active() const;
  // Stops the review now: no further step or call, and its callback will not run. Returns the
  // result so far (verdict Cancelled, finished at the kernel's now, any reasons already found),
  // or nothing when the review was not active.
  std::optional<ReviewResult> cancel();
  // The result so far: the steps taken until now. Requires a handle that names a review.
  const ReviewResult& progress() const;

 private:
  friend class Review;
  explicit ReviewHandle(std::shared_ptr<ReviewProcess> process) : process_(std::move(process)) {}

  std::shared_ptr<ReviewProcess> process_;
};

// The manual review stage of one run. Each review draws from streams of its own, named
// "review.duration:<order>:<attempt>" and "review.call.answer:<order>:<attempt>" (weighted phone
// lines draw from the latter) under the run's (seed, run index). The world and the kernel must
// outlive the reviews started on them.
class Review {
 public:
  // `calendar` is the CA's: business days for the duration, business hours for calls. Throws
  // std::invalid_argument for max_call_attempts < 1, max_call_backs < 0, or a negative or
  // non-finite first_call_delay, retry_spacing or letter_turnaround. `keep_text` false: steps
  // carry no detail text (a run whose trace keeps none).
  Review(ReviewPolicy policy, sim::Calendar calendar, sim::world::World& world, std::uint64_t seed,
         std::uint64_t run_index, bool keep_text = true);

  // Starts the request's review (its attempt names the draws) at `at` (≥ kernel.now()); `done` is
  // called when it ends, `on_step` (optional) as each step happens. A resubmission is a new start
  // with the next attempt: the earlier review's steps stay in its own result. A DV request, an
  // attempt below 1 or `at` in the past is misuse (std::invalid_argument, std::logic_error).
  // Steps that reach a year the calendar has no data for throw CalendarDataMissing out of the
  // kernel's run.
  ReviewHandle start(sim::Kernel& kernel, sim::Instant at, ReviewRequest request, ReviewDone done,
                     ReviewStepSeen on_step = {});

  const ReviewPolicy& policy() const;
  const sim::Calendar& calendar() const;

 private:
  std::shared_ptr<const ReviewSetting> setting_;
};

}  // namespace casim::mockca
