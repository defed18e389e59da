// The reseller's platform — the ordering logic under test — as a process on one run's Kernel: it
// carries out each OrderPlan (buy, submit information, choose the validation method, add and
// remove DNS_AUTO records, let the applicant publish records and files, poll and ask the CA to
// validate with back-off under its rate limit, resubmit, cancel, download, reissue, revoke, renew,
// follow multi-year plans, send expiry notices), keeps each order's reseller Status through the
// one transition table (transition.hpp), and calls the CA only through mockca::Api. Every step
// goes to the run's Trace under stage "platform".
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/order/plan.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/mockca/trace.hpp"
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

class Platform {
 public:
  // Everything passed by reference must outlive the platform; the platform becomes the CA's
  // listener (and stops listening when destroyed). `ca_calendar` counts the business time of
  // stages in the results.
  Platform(sim::Kernel& kernel, mockca::Trace& trace, sim::world::World& world, mockca::Api& ca,
           sim::Calendar ca_calendar, PlatformSettings settings = {});
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Schedules the plan's order, its purchase timed from `run_start`. Throws InputError for a plan
  // check_plan refuses or a ref already used.
  void add(const OrderPlan& plan, sim::Instant run_start);

  // Every order so far (placed, reissues, renewals, multi-year successors) in creation order;
  // the stages of unfinished orders still open are counted up to `now` and marked open.
  std::vector<OrderResult> results(sim::Instant now);
  // What the platform could not do exactly (business time in a year a calendar has no data for,
  // CA updates its status cannot take).
  const std::vector<RunWarning>& warnings() const { return warnings_; }

 private:
  struct Order;

  std::size_t create(std::size_t plan, OrderOrigin origin, std::string ref, std::string parent,
                     int cycle, mockca::CsrInput csr, mockca::VerifyType verify_type);
  void on_placed(std::size_t index);
  void submit(std::size_t index);
  void accept(std::size_t index, const mockca::Receipt& receipt);
  void on_update(const mockca::OrderUpdate& update);
  void on_issued(std::size_t index);
  void on_failed(std::size_t index, const std::vector<mockca::Reason>& reasons);
  void on_final(std::size_t index);

  // Offers `event` to the order's status: applies it (history and trace) or records the refusal.
  bool apply(std::size_t index, OrderEvent event, const std::string& detail,
             mockca::StatusMsg status_msg);
  // Whether the order's status can take `event` now; records and traces the refusal if not.
  bool allowed(std::size_t index, OrderEvent event, const std::string& action);
  void refuse(std::size_t index, const std::string& action, mockca::Reason reason,
              const std::string& error_code, const std::string& detail);
  void trace(const Order& order, mockca::TraceKind kind, std::optional<mockca::Status> status,
             std::optional<mockca::Reason> reason, std::string detail);
  void warn(mockca::Reason reason, std::string message);

  void track_stages(Order& order, const mockca::OrderUpdate& update);
  void set_stage(Order& order, Stage stage, bool in, sim::Instant at);
  std::optional<sim::Duration> business_between(sim::Instant from, sim::Instant to);

  // The applicant's and the platform's actions on the world.
  // Schedules the applicant's publication when a challenge needs a value not yet acted on.
  void schedule_publish(std::size_t index);
  void publish(std::size_t index, bool correct);
  void add_auto_records(std::size_t index);
  void remove_auto_records(std::size_t index);

  void start_polling(std::size_t index);
  void poll(std::size_t index);
  void cancel(std::size_t index);
  void resubmit(std::size_t index);
  void reissue(std::size_t index);
  void revoke(std::size_t index);
  void renew(std::size_t index);
  void next_cycle(std::size_t index);
  void expire(std::size_t index);
  void notify_expiry(std::size_t index, int days);

  sim::Kernel& kernel_;
  mockca::Trace& trace_;
  sim::world::World& world_;
  mockca::Api& ca_;
  sim::Calendar ca_calendar_;
  PlatformSettings settings_;
  std::vector<OrderPlan> plans_;
  std::vector<std::unique_ptr<Order>> orders_;
  std::map<std::string, std::size_t, std::less<>> by_ref_;
  std::map<std::string, std::size_t, std::less<>> by_ca_id_;
  std::vector<RunWarning> warnings_;
};

}  // namespace casim::order
