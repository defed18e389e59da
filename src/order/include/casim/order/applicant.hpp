// The Applicant: the customer and the customer's own DNS host and web server, doing what each
// OrderPlan says people do — buy the order and submit its information at their instants, publish
// the validation record or file the platform shows (right, wrong, late, corrected or never), and
// later cancel, resubmit, reissue, revoke or renew. It acts only through the OrderingService and
// sees only what the platform shows it (CustomerListener); its publications go to the World and its
// steps to the Trace.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "casim/mockca/trace.hpp"
#include "casim/order/customer.hpp"
#include "casim/order/plan.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::order {

class Applicant final : public CustomerListener {
 public:
  // Everything passed by reference must outlive the applicant.
  Applicant(sim::Kernel& kernel, mockca::Trace& trace, sim::world::World& world, OrderingService& platform);

  // Schedules the plan's purchase, timed from `run_start` (the platform knows the plan already).
  // The plan must outlive the applicant (a run's plans are its configuration's).
  void add(const OrderPlan& plan, sim::Instant run_start);
  // Makes room for this many plans' orders.
  void reserve(std::size_t plans);

  void on_submitted(const CustomerView& order) override;
  void on_validation_started(const CustomerView& order) override;
  void on_issued(const CustomerView& order) override;
  void on_failed(const CustomerView& order) override;

 private:
  // What the applicant remembers of one order.
  struct Order {
    std::set<std::string> handled_values;                  // validation values acted on
    std::vector<sim::world::DnsRecord> published_records;  // DNS records it has added
    bool publish_pending = false;                          // a publication is scheduled
    int resubmissions = 0;                                 // resubmissions asked for
  };

  // Schedules a publication when a value shown has not been acted on yet.
  void schedule_publish(const CustomerView& order, const OrderPlan& plan);
  void publish(const std::string& ref, Order& mine, const PublishPlan& plan, bool correct);
  void trace(const std::string& ref, mockca::TraceKind kind, const mockca::LazyText& detail);

  sim::Kernel& kernel_;
  mockca::Trace& trace_;
  sim::world::World& world_;
  OrderingService& platform_;
  sim::StringMap<Order> orders_;  // by ref
};

}  // namespace casim::order
