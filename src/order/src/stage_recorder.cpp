// Stage timings from the CA's updates and the platform's status changes.
#include "casim/order/stage_recorder.hpp"

#include "casim/sim/error.hpp"

namespace casim::order {

StageRecorder::StageRecorder(sim::Calendar ca_calendar, WarningLog& warnings)
    : ca_calendar_(std::move(ca_calendar)), warnings_(warnings) {}

StageRecorder::Order::Order() {
  for (const Stage stage : kStages) timings[static_cast<std::size_t>(stage)].stage = stage;
}

void StageRecorder::reserve(std::size_t orders) { orders_.reserve(orders); }

void StageRecorder::observe(std::size_t order_index, const mockca::OrderUpdate& update) {
  Order& tracked = order(order_index);
  set_stage(tracked, Stage::PreReview, update.phase == mockca::OrderPhase::PreReview, update.at);
  // Validation that starts and ends within one CA step (records already right, or data reused)
  // arrives as passed or failed at once: an interval of no length, still entered.
  const bool validation_done = update.domain_validation == mockca::TrackState::Passed ||
                               update.domain_validation == mockca::TrackState::Failed;
  if (validation_done && tracked.domain_validation == mockca::TrackState::NotStarted) {
    set_stage(tracked, Stage::DomainValidation, true, update.at);
  }
  set_stage(tracked, Stage::DomainValidation, update.domain_validation == mockca::TrackState::InProgress,
            update.at);
  set_stage(tracked, Stage::Review, update.review == mockca::TrackState::InProgress, update.at);
  set_stage(tracked, Stage::WaitingToIssue, update.phase == mockca::OrderPhase::WaitingToIssue, update.at);
  tracked.domain_validation = update.domain_validation;
}

void StageRecorder::observe(std::size_t order_index, const StatusChange& change) {
  if (change.event == OrderEvent::SubmitInformation) set_stage(order(order_index), Stage::TotalToIssue, true, change.at);
  if (change.event == OrderEvent::CaIssued) set_stage(order(order_index), Stage::TotalToIssue, false, change.at);
}

void StageRecorder::fill(std::vector<OrderResult>& results, sim::Instant now) {
  if (orders_.size() < results.size()) orders_.resize(results.size());  // never seen: nothing entered
  for (std::size_t index = 0; index < results.size(); ++index) {
    OrderResult& result = results[index];
    const Order& tracked = orders_[index];
    result.timings = tracked.timings;
    if (result.outcome != Outcome::Unfinished) continue;
    for (const Stage stage : kStages) {
      const auto& since = tracked.open_since[static_cast<std::size_t>(stage)];
      if (!since) continue;
      StageTiming& timing = result.timing(stage);
      timing.open = true;
      timing.calendar += now - *since;
      if (timing.business) {
        const auto business = business_between(*since, now);
        timing.business = business ? std::optional(*timing.business + *business) : std::nullopt;
      }
    }
  }
}

StageRecorder::Order& StageRecorder::order(std::size_t order_index) {
  if (order_index >= orders_.size()) orders_.resize(order_index + 1);
  return orders_[order_index];
}

void StageRecorder::set_stage(Order& order, Stage stage, bool in, sim::Instant at) {
  auto& since = order.open_since[static_cast<std::size_t>(stage)];
  StageTiming& timing = order.timings[static_cast<std::size_t>(stage)];
  if (in && !since) {
    since = at;
    if (!timing.first_start) timing.first_start = at;
    ++timing.intervals;
  } else if (!in && since) {
    timing.calendar += at - *since;
    if (timing.business) {
      const auto business = business_between(*since, at);
      timing.business = business ? std::optional(*timing.business + *business) : std::nullopt;
    }
    timing.last_end = at;
    since.reset();
  }
}

std::optional<sim::Duration> StageRecorder::business_between(sim::Instant from, sim::Instant to) {
  try {
    return ca_calendar_.business_time_between(from, to);
  } catch (const sim::CalendarDataMissing& missing) {
    warnings_.add({to, mockca::Reason::RunCalendarDataMissing,
                   "calendar " + missing.calendar() + " has no data for " + std::to_string(missing.year()) +
                       ": business time from " + sim::format_instant(from) + " to " + sim::format_instant(to) +
                       " is not counted"});
    return std::nullopt;
  }
}

}  // namespace casim::order
