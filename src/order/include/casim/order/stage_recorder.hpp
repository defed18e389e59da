// The StageRecorder: how long every order spent in each stage. It observes the CA's updates
// (pre-review, domain validation, manual review, waiting to issue) and the status changes the
// platform shows (submission to issuance), and counts each stage's calendar time and business time
// on the CA's calendar. It only watches: nothing it does reaches the CA, the platform or the world.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/string_map.hpp"

namespace casim::order {

class StageRecorder {
 public:
  // `warnings` must outlive the recorder: business time in a year the calendar has no data for is
  // left out with a warning there.
  StageRecorder(sim::Calendar ca_calendar, WarningLog& warnings);
  // Makes room for this many orders.
  void reserve(std::size_t orders);

  // A change of an order's CA-side state, as the CA's listener hears it.
  void observe(const mockca::OrderUpdate& update);
  // A change of status the platform shows for `ref`.
  void observe(std::string_view ref, const StatusChange& change);

  // Fills in each result's stage timings; the stages of unfinished orders still open are counted
  // up to `now` and marked open.
  void fill(std::vector<OrderResult>& results, sim::Instant now);

 private:
  struct Order {
    std::array<StageTiming, kStages.size()> timings;
    std::array<std::optional<sim::Instant>, kStages.size()> open_since;
    mockca::TrackState domain_validation = mockca::TrackState::NotStarted;  // as the CA last said
  };

  using Entry = sim::StringMap<Order>::value_type;  // stays in place as the map grows
  Entry& entry(std::string_view ref);  // made on first sight
  Order& order(std::string_view ref);
  Order& order(const mockca::OrderUpdate& update);
  void set_stage(Order& order, Stage stage, bool in, sim::Instant at);
  std::optional<sim::Duration> business_between(sim::Instant from, sim::Instant to);

  sim::Calendar ca_calendar_;
  WarningLog& warnings_;
  sim::StringMap<Order> orders_;  // by ref
  // The entry last looked up: a CA update and the status change it causes name the same order.
  Entry* last_ = nullptr;
  std::vector<Entry*> by_ca_number_;  // the entries of the CA's order numbers seen, null before
};

}  // namespace casim::order
