// OrderingLogic: the reseller's ordering logic as a run drives it — the customer's requests
// (OrderingService), plus the orders to expect, whom to tell, the CA's updates and the results —
// and OrderingLogicSource, which makes one for each run. The built-in Platform is one; an external
// agent (src/agent) is another. A logic that cannot go on throws RunAborted: the run stops there.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/order/customer.hpp"
#include "casim/order/plan.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::order {

// The platform's own rules, the same for every order of a run.
struct PlatformSettings {
  // Expiry notices go out this many days before a live certificate's notAfter.
  std::vector<int> expiry_notice_days{30, 7, 1};
  // A certificate may be renewed within this time before its notAfter.
  sim::Duration renewal_window = sim::kDay * 30;
  // A multi-year plan orders its next certificate this long before the current one expires.
  sim::Duration multi_year_lead = sim::kDay * 30;
  // Keep each downloaded certificate's PEM files in its CertificateSummary (to write them out).
  bool keep_certificate_files = false;
};

// What one run hands its ordering logic. Everything referred to outlives the logic.
struct RunContext {
  sim::Kernel& kernel;
  mockca::Trace& trace;
  sim::world::World& world;
  mockca::Api& ca;
  WarningLog& warnings;
  const PlatformSettings& settings;
  const sim::Calendar& review_calendar;  // the CA's business days and time zone
  std::string_view scenario;             // the scenario's name ("" outside a suite)
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  sim::Instant start;
  const std::vector<OrderPlan>& orders;  // every plan of the run, in order
};

class OrderingLogic : public OrderingService {
 public:
  // Told of every change of an order's status or StatusMsg the logic records; `order` is the
  // order's index in what take_results() returns.
  using StatusListener = std::function<void(std::size_t order, const StatusChange& change)>;

  // Registers the plan's order (the order form its customer will send); the plan outlives the
  // logic (it is the run's configuration). Throws InputError for a plan check_plan refuses or a
  // ref already used.
  virtual void add(const OrderPlan& plan) = 0;
  virtual void set_customer(CustomerListener* customer) = 0;
  virtual void set_status_listener(StatusListener listener) = 0;
  // The index, in what take_results() returns, of the order a CA update is about; none for a CA
  // order the logic did not submit.
  virtual std::optional<std::size_t> order_of(const mockca::OrderUpdate& update) const = 0;
  // A change the CA reports about `order` (as order_of found it; the CA's listener is wired to both).
  virtual void on_ca_update(std::size_t order, const mockca::OrderUpdate& update) = 0;
  // The run begins (every plan added) and has ended; nothing happens in between but kernel events.
  virtual void begin() {}
  virtual void end(RunStop /*stop*/) {}
  // Every order in creation order, with its outcome; stage timings are the StageRecorder's. Called
  // once, after end(): the records move out.
  virtual std::vector<OrderResult> take_results() = 0;
  // Lines the logic kept for the run's record (an external agent's transcript); empty for most.
  virtual std::vector<std::string> take_transcript() { return {}; }
};

// Makes the ordering logic of each run. One source serves one thread's runs, one after another.
class OrderingLogicSource {
 public:
  virtual ~OrderingLogicSource() = default;
  virtual std::unique_ptr<OrderingLogic> make(const RunContext& context) = 0;
};

// Thrown by an ordering logic (from inside a kernel event) that cannot go on — an external agent
// that broke the protocol, timed out or died: the run stops at that instant with RunStop::
// OrderingLogicFailed, `reason` in a warning and on every order still open.
class RunAborted : public std::runtime_error {
 public:
  RunAborted(mockca::Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
  mockca::Reason reason() const { return reason_; }

 private:
  mockca::Reason reason_;
};

}  // namespace casim::order
