// The pre-review process: draws, timing on the calendar, and the end event.
#include "casim/mockca/pre_review.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "casim/sim/business_time.hpp"
#include "casim/sim/random.hpp"

namespace casim::mockca {
namespace {

// The instant a pre-review that started at `from` and drew `drawn` ends.
sim::Instant end_of(sim::Instant from, const sim::DurationSpec& drawn, TimeBasis basis,
                    const sim::Calendar& calendar) {
  if (basis == TimeBasis::BusinessTime && !drawn.is_business()) {
    return calendar.add_business_time(from, drawn.as_calendar());
  }
  return sim::advance(from, drawn, calendar);
}

}  // namespace

std::string_view to_string(PreReviewOutcome outcome) {
  switch (outcome) {
    case PreReviewOutcome::Passed: return "passed";
    case PreReviewOutcome::DomainSecurityFailed: return "domain security failed";
    case PreReviewOutcome::InformationRejected: return "information rejected";
  }
  return "unknown";
}

std::optional<Reason> reason_of(PreReviewOutcome outcome) {
  switch (outcome) {
    case PreReviewOutcome::Passed: return std::nullopt;
    case PreReviewOutcome::DomainSecurityFailed: return Reason::PreReviewDomainSecurityFailed;
    case PreReviewOutcome::InformationRejected: return Reason::PreReviewInformationRejected;
  }
  return std::nullopt;
}

sim::DurationDistribution default_pre_review_duration() {
  return sim::DurationDistribution::uniform(sim::DurationSpec::calendar(10 * sim::kMinute),
                                            sim::DurationSpec::calendar(72 * sim::kHour),
                                            "pre-review duration");
}

bool PreReviewHandle::active() const { return kernel_ != nullptr && kernel_->is_pending(event_); }

bool PreReviewHandle::cancel() { return kernel_ != nullptr && kernel_->cancel(event_); }

PreReview::PreReview(PreReviewPolicy policy, sim::Calendar calendar, std::uint64_t seed, std::uint64_t run_index,
                     bool keep_text)
    : policy_(std::move(policy)), calendar_(std::move(calendar)), seed_(seed), run_index_(run_index),
      keep_text_(keep_text) {
  if (policy_.outcomes.empty()) throw std::invalid_argument("pre-review policy: no outcomes");
  double sum = 0;
  for (const auto& [outcome, weight] : policy_.outcomes) {
    if (!std::isfinite(weight) || weight < 0) {
      throw std::invalid_argument(
          fmt::format("pre-review policy: weight {} of '{}' is not a finite number ≥ 0", weight,
                      to_string(outcome)));
    }
    sum += weight;
    weights_.push_back(weight);
  }
  if (!(sum > 0)) throw std::invalid_argument("pre-review policy: the outcome weights sum to zero");
}

PreReviewHandle PreReview::start(sim::Kernel& kernel, sim::Instant at, const std::string& order, int attempt,
                                 PreReviewDone done) {
  if (attempt < 1) throw std::invalid_argument(fmt::format("pre-review of {}: attempt {} is below 1", order, attempt));
  if (at < kernel.now()) {
    throw std::logic_error(fmt::format("pre-review of {}: start {} is before now {}", order,
                                       sim::format_instant(at), sim::format_instant(kernel.now())));
  }
  sim::RandomStream duration_stream = sim::RandomStream::for_attempt(seed_, run_index_, "pre-review.duration", order, attempt);

  PreReviewResult result;
  result.order = order;
  result.attempt = attempt;
  result.started = at;
  result.drawn = policy_.duration.draw(duration_stream);
  result.finished = end_of(at, result.drawn, policy_.basis, calendar_);
  if (policy_.outcomes.size() == 1) {
    result.outcome = policy_.outcomes.front().outcome;
  } else {
    sim::RandomStream outcome_stream =
        sim::RandomStream::for_attempt(seed_, run_index_, "pre-review.outcome", order, attempt);
    result.outcome = policy_.outcomes[outcome_stream.choose(weights_)].outcome;
  }
  result.reason = reason_of(result.outcome);
  const bool on_calendar = result.drawn.is_business() || policy_.basis == TimeBasis::BusinessTime;
  if (keep_text_) {
    result.detail = fmt::format("pre-review {} → {} (drew {}, {}): {}", sim::format_instant(at),
                                sim::format_instant(result.finished), sim::format_duration(result.drawn),
                                on_calendar ? "business time on " + calendar_.name() : "calendar time",
                                to_string(result.outcome));
  }

  const sim::Instant end = result.finished;
  const sim::EventId event = kernel.schedule_at(end, [result = std::move(result), done = std::move(done)] {
    if (done) done(result);
  });
  return PreReviewHandle(&kernel, event);
}

}  // namespace casim::mockca
