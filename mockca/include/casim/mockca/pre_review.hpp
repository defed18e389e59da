// Pre-review: the reseller's and CA's first look at a submitted order, as a process on the
// simulation kernel. It lasts a duration drawn from a configurable distribution (by default the
// seed document's "usually takes 10 minutes−72 hours"), counted in calendar time or in business
// time on a calendar, and ends with an outcome the scenario sets: passed, domain security review
// failed, or information rejected — fixed, or drawn by weight.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/distribution.hpp"
#include "casim/sim/kernel.hpp"

namespace casim::mockca {

enum class PreReviewOutcome { Passed, DomainSecurityFailed, InformationRejected };
// "passed", "domain security failed", "information rejected".
std::string_view to_string(PreReviewOutcome outcome);
// The catalogue's reason for a failed outcome; nothing for Passed.
std::optional<Reason> reason_of(PreReviewOutcome outcome);

// How a calendar-time draw is counted. Draws in business days or hours always count on the
// calendar, whatever the basis.
enum class TimeBasis {
  CalendarTime,  // 72h means 72 hours of the clock, nights and weekends included
  BusinessTime,  // 72h means 72 hours within the calendar's business hours
};

struct WeightedPreReviewOutcome {
  PreReviewOutcome outcome = PreReviewOutcome::Passed;
  double weight = 1;
};

// The pre-review's duration: uniform between 10 minutes and 72 hours of calendar time, the range
// the seed document gives. The shape (uniform) is UNVERIFIED: nothing public says how the
// durations spread within the range.
sim::DurationDistribution default_pre_review_duration();

struct PreReviewPolicy {
  sim::DurationDistribution duration = default_pre_review_duration();
  TimeBasis basis = TimeBasis::CalendarTime;
  // One entry: that outcome every time, nothing drawn. Several: one drawn by weight per order.
  std::vector<WeightedPreReviewOutcome> outcomes{{PreReviewOutcome::Passed, 1}};

  // Always `outcome`.
  static std::vector<WeightedPreReviewOutcome> fixed(PreReviewOutcome outcome) {
    return {{outcome, 1}};
  }
};

struct PreReviewResult {
  std::string order;
  int attempt = 1;  // 1 for the order's first pre-review, 2 after one resubmission, …
  PreReviewOutcome outcome = PreReviewOutcome::Passed;
  std::optional<Reason> reason;  // set exactly when the outcome is not Passed
  sim::Instant started;
  sim::Instant finished;
  sim::DurationSpec drawn;  // the duration drawn, before the calendar turned it into `finished`
  std::string detail;       // one line, e.g. "pre-review 2026-09-11T02:00:00Z → …: passed"

  bool passed() const { return outcome == PreReviewOutcome::Passed; }
};

using PreReviewDone = std::function<void(const PreReviewResult&)>;

// One running pre-review. A default handle names none.
class PreReviewHandle {
 public:
  PreReviewHandle() = default;

  // True until the pre-review has finished (its callback ran) or was cancelled.
  bool active() const;
  // Stops the pre-review: its callback will not run. False when it was not active.
  bool cancel();

 private:
  friend class PreReview;
  PreReviewHandle(sim::Kernel* kernel, sim::EventId event) : kernel_(kernel), event_(event) {}

  sim::Kernel* kernel_ = nullptr;  // the kernel, which outlives the handle's use
  sim::EventId event_;
};

// The pre-review stage of one run. Each pre-review draws from streams of its own, named
// "pre-review.duration:<order>:<attempt>" and "pre-review.outcome:<order>:<attempt>" under the
// run's (seed, run index), so orders do not disturb each other's draws.
class PreReview {
 public:
  // `calendar` counts business time (the reseller's pre-review works on the China calendar).
  // Throws std::invalid_argument for no outcomes or weights that are negative, not finite or
  // sum to zero. `keep_text` false: results carry no detail text (a run whose trace keeps none).
  PreReview(PreReviewPolicy policy, sim::Calendar calendar, std::uint64_t seed, std::uint64_t run_index,
            bool keep_text = true);

  // Starts the order's pre-review number `attempt` (1 for its first, 2 after its first
  // resubmission, …) at `at` (≥ kernel.now()): draws its duration and outcome now and schedules
  // its end, where `done` is called with the result. An attempt below 1 or `at` in the past is
  // misuse (std::invalid_argument, std::logic_error). Throws CalendarDataMissing when the end
  // falls in a year the calendar has no data for.
  PreReviewHandle start(sim::Kernel& kernel, sim::Instant at, const std::string& order, int attempt,
                        PreReviewDone done);

  const PreReviewPolicy& policy() const { return policy_; }
  const sim::Calendar& calendar() const { return calendar_; }

 private:
  PreReviewPolicy policy_;
  std::vector<double> weights_;
  sim::Calendar calendar_;
  std::uint64_t seed_;
  std::uint64_t run_index_;
  bool keep_text_;
};

}  // namespace casim::mockca
