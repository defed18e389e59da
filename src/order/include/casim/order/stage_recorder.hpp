// The StageRecorder: how long every order spent in each stage. It observes the CA's updates
// (pre-review, domain validation, manual review, waiting to issue) and the status changes the
// platform shows (submission to issuance), and counts each stage's calendar time and business time
// on the CA's calendar. It only watches: nothing it does reaches the CA, the platform or the world.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"

namespace casim::order {

class StageRecorder {
 public:
  // `warnings` must outlive the recorder: business time in a year the calendar has no data for is
  // left out with a warning there.
  StageRecorder(sim::Calendar ca_calendar, WarningLog& warnings);
  // Makes room for this many orders.
  void reserve(std::size_t orders);

  // Orders are named by their place among the results fill() is given (creation order).
  // A change of the order's CA-side state, as the CA's listener hears it.
  void observe(std::size_t order, const mockca::OrderUpdate& update);
  // A change of status the platform shows for the order.
  void observe(std::size_t order, const StatusChange& change);

  // Fills in each result's stage timings; the stages of unfinished orders still open are counted
  // up to `now` and marked open.
  void fill(std::vector<OrderResult>& results, sim::Instant now);

 private:
  struct Order {
    Order();
    std::array<StageTiming, kStages.size()> timings;
    std::array<std::optional<sim::Instant>, kStages.size()> open_since;
    mockca::TrackState domain_validation = mockca::TrackState::NotStarted;  // as the CA last said
  };

  Order& order(std::size_t order_index);  // made on first sight
  void set_stage(Order& order, Stage stage, bool in, sim::Instant at);
  std::optional<sim::Duration> business_between(sim::Instant from, sim::Instant to);

  sim::Calendar ca_calendar_;
  WarningLog& warnings_;
  std::vector<Order> orders_;  // by the order's place among the results
};

}  // namespace casim::order
