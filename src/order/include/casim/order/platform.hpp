// The reseller's platform — the built-in ordering logic under test — as a process on one run's
// Kernel: it takes the customer's requests (OrderingService: buy, submit information, cancel,
// resubmit, reissue, revoke, renew), keeps each order's reseller Status through the one transition
// table (transition.hpp), adds and removes DNS_AUTO records on its own DNS hosting, polls and asks
// the CA to validate with back-off under its rate limit, downloads issued certificates, follows
// multi-year plans, sends expiry notices, and tells the customer what it shows them
// (CustomerListener). It calls the CA only through mockca::Api and hears the CA's updates through
// on_ca_update. Every step goes to the run's Trace under stage "platform".
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/api.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/order/customer.hpp"
#include "casim/order/ordering_logic.hpp"
#include "casim/order/plan.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::order {

class Platform final : public OrderingLogic {
 public:
  // Everything passed by reference must outlive the platform.
  Platform(sim::Kernel& kernel, mockca::Trace& trace, sim::world::World& world, mockca::Api& ca,
           WarningLog& warnings, PlatformSettings settings = {});
  ~Platform() override;
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;
  // Makes room for this many orders, so that the per-order tables are not moved as they fill.
  void reserve(std::size_t orders);

  // OrderingLogic.
  void add(const OrderPlan& plan) override;
  void set_customer(CustomerListener* customer) override { customer_ = customer; }
  void set_status_listener(StatusListener listener) override { status_listener_ = std::move(listener); }
  std::optional<std::size_t> order_of(const mockca::OrderUpdate& update) const override;
  void on_ca_update(std::size_t order, const mockca::OrderUpdate& update) override;
  std::vector<OrderResult> take_results() override;

  // OrderingService. Naming a ref the platform does not know is misuse (std::logic_error).
  void place(std::string_view ref) override;
  void submit(std::string_view ref) override;
  void cancel(std::string_view ref) override;
  void resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>& organization) override;
  void reissue(std::string_view ref, const std::optional<mockca::CsrInput>& csr,
               std::optional<mockca::VerifyType> verify_type) override;
  void revoke(std::string_view ref, mockca::RevocationReason reason) override;
  void renew(std::string_view ref) override;
  CustomerView view(std::string_view ref) const override;

 private:
  struct Order;
  static constexpr std::size_t kNoOrder = ~std::size_t{0};  // a CA order number none of ours has

  std::size_t index_of(std::string_view ref) const;
  OrderResult& result_of(const Order& order);
  const OrderResult& result_of(const Order& order) const;
  CustomerView view(const Order& order) const;
  std::size_t create(std::size_t plan, OrderOrigin origin, std::string ref, std::string parent,
                     int cycle, mockca::CsrInput csr, mockca::VerifyType verify_type);
  void place(std::size_t index);
  // The platform's own orders (renewals, multi-year successors) are submitted as soon as bought.
  void place_and_submit(std::size_t index);
  void submit(std::size_t index);
  // CertificateInfoSubmit + CertificateOrderSubmit, or ApplyCertificate for the free product (a
  // renewal naming its parent's certificate as OldCertificateId).
  mockca::ApiResult<mockca::Receipt> submit_to_ca(const Order& order);
  void accept(std::size_t index, mockca::Receipt&& receipt);  // its challenges move into the order
  void on_issued(std::size_t index, const mockca::CertificateFacts* certificate);
  void on_failed(std::size_t index, const std::vector<mockca::Reason>& reasons);
  void on_final(std::size_t index);

  // Offers `event` to the order's status: applies it (history and trace) or records the refusal.
  // `detail` is the trace line's, made only when the trace keeps text.
  bool apply(std::size_t index, OrderEvent event, const mockca::LazyText& detail, mockca::StatusMsg status_msg);
  // Whether the order's status can take `event` now; records and traces the refusal if not.
  bool allowed(std::size_t index, OrderEvent event, const std::string& action);
  void refuse(std::size_t index, const std::string& action, mockca::Reason reason,
              const std::string& error_code, const std::string& detail);
  void trace(const Order& order, mockca::TraceKind kind, std::optional<mockca::Status> status,
             std::optional<mockca::Reason> reason, const mockca::LazyText& detail);
  void warn(mockca::Reason reason, std::string message);

  void add_auto_records(std::size_t index);
  void remove_auto_records(std::size_t index);
  void start_polling(std::size_t index);
  void poll(std::size_t index);
  void next_cycle(std::size_t index);
  void expire(std::size_t index);
  void notify_expiry(std::size_t index, int days);

  sim::Kernel& kernel_;
  mockca::Trace& trace_;
  sim::world::World& world_;
  mockca::Api& ca_;
  WarningLog& warnings_;
  PlatformSettings settings_;
  CustomerListener* customer_ = nullptr;
  StatusListener status_listener_;
  std::vector<const OrderPlan*> plans_;  // as added: the run's own
  std::vector<std::unique_ptr<Order>> orders_;
  // Each order's result, by the order's index: kept apart so that the run's results move out whole.
  // A reference into it lasts only until the next order is created.
  std::vector<OrderResult> results_;
  sim::StringMap<std::size_t> by_ref_;
  std::vector<std::size_t> by_ca_number_;  // the index of each CA order number's order, or kNoOrder
};

}  // namespace casim::order
