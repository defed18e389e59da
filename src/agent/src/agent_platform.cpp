// AgentPlatform's run: orders, turns, the customer's requests and the CA's updates as events, what
// the customer is told after each turn, and the results (agent_platform.hpp). The agent's requests
// are served in agent_requests.cpp.
#include "agent_platform.hpp"

#include <stdexcept>

#include "casim/sim/error.hpp"
#include "messages.hpp"

namespace casim::agent {

using nlohmann::json;
using order::OrderResult;

AgentPlatform::AgentPlatform(AgentProcess& process, std::chrono::milliseconds timeout, const order::RunContext& context)
    : context_(context), channel_(process, timeout, context.kernel),
      products_(api::product_catalogue(brands_of(context.orders))), api_(context.ca, products_),
      dns_(context.world.dns, context.kernel) {}

void AgentPlatform::add(const order::OrderPlan& plan) {
  order::check_plan(plan, "order " + plan.ref);
  if (by_ref_.contains(plan.ref)) throw InputError("order " + plan.ref, "the ref is used twice");
  if (plan.product != order::Product::Paid) {
    throw InputError("order " + plan.ref, "product: free_dv is not offered to agents yet (the agent protocol has no "
                                          "ApplyCertificate); run it with --agent builtin");
  }
  plans_.emplace(plan.ref, plan);
  Order order;
  order.result.ref = plan.ref;
  order.result.level = plan.level;
  order.result.verify_type = plan.verify_type;
  order.plan_ref = plan.ref;
  by_ref_.emplace(plan.ref, orders_.size());
  orders_.push_back(std::move(order));
}

void AgentPlatform::begin() { turn(hello_event(context_, products_)); }

void AgentPlatform::end(order::RunStop stop) {
  if (channel_.failed()) return;
  ending_ = true;
  try {
    turn({{"type", "bye"}, {"stop", order::stop_name(stop)}});
  } catch (const order::RunAborted& aborted) {
    context_.warnings.add({context_.kernel.now(), aborted.reason(), std::string("at the end of the run: ") + aborted.what()});
  }
}

void AgentPlatform::turn(json event) {
  if (in_turn_) throw std::logic_error("an agent turn began inside another");
  event["at"] = sim::format_instant(context_.kernel.now());
  in_turn_ = true;
  ++turns_;
  try {
    channel_.turn(event, [this](const json& request) { return handle(request); });
  } catch (...) {
    in_turn_ = false;
    throw;
  }
  in_turn_ = false;
  tell_customer();
}

void AgentPlatform::tell_customer() {
  std::vector<std::pair<Tell, std::size_t>> told;
  told.swap(to_tell_);
  if (customer_ == nullptr) return;
  for (const auto& [tell, index] : told) {
    const order::CustomerView shown = view(orders_[index].result.ref);
    switch (tell) {
      case Tell::Submitted: customer_->on_submitted(shown); break;
      case Tell::ValidationStarted: customer_->on_validation_started(shown); break;
      case Tell::Issued: customer_->on_issued(shown); break;
      case Tell::Failed: customer_->on_failed(shown); break;
    }
  }
}

json AgentPlatform::customer_event(std::string_view request, std::string_view ref) const {
  return {{"type", "customer"}, {"request", request}, {"ref", ref}};
}

void AgentPlatform::place(std::string_view ref) {
  json event = customer_event("place", ref);
  event["order"] = order_form(plans_.find(orders_[index_of(ref)].plan_ref)->second, products_);
  turn(std::move(event));
}

void AgentPlatform::submit(std::string_view ref) { turn(customer_event("submit", orders_[index_of(ref)].result.ref)); }

void AgentPlatform::cancel(std::string_view ref) { turn(customer_event("cancel", orders_[index_of(ref)].result.ref)); }

void AgentPlatform::resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>& organization) {
  json event = customer_event("resubmit", orders_[index_of(ref)].result.ref);
  event["organization"] = organization ? api::organization_params(*organization) : json(nullptr);
  turn(std::move(event));
}

void AgentPlatform::reissue(std::string_view ref, const std::optional<mockca::CsrInput>& csr,
                            std::optional<mockca::VerifyType> verify_type) {
  json event = customer_event("reissue", orders_[index_of(ref)].result.ref);
  event["replace"] = api::replace_params(csr, verify_type);
  turn(std::move(event));
}

void AgentPlatform::revoke(std::string_view ref, mockca::RevocationReason reason) {
  json event = customer_event("revoke", orders_[index_of(ref)].result.ref);
  event["Reason"] = api::revocation_reason_param(reason);
  turn(std::move(event));
}

void AgentPlatform::renew(std::string_view ref) { turn(customer_event("renew", orders_[index_of(ref)].result.ref)); }

order::CustomerView AgentPlatform::view(std::string_view ref) const {
  const Order& order = orders_[index_of(ref)];
  const order::OrderPlan& plan = plans_.find(order.plan_ref)->second;
  order::CustomerView shown{order.result.ref, &plan, order.result.origin, order.result.cycle,
                            order.result.status, order.result.verify_type, order.shown, std::nullopt};
  if (order.result.certificate) shown.not_after = order.result.certificate->not_after;
  return shown;
}

std::optional<std::size_t> AgentPlatform::order_of(const mockca::OrderUpdate& update) const {
  const auto found = by_ca_order_.find(update.order_id);
  if (found == by_ca_order_.end()) return std::nullopt;
  return found->second;
}

void AgentPlatform::on_ca_update(std::size_t index, const mockca::OrderUpdate& update) {
  const std::string* certificate = api_.certificate_of_ca_order(update.order_id);
  turn(ca_update_event(update, orders_[index].result.ref, certificate != nullptr ? *certificate : ""));
}

std::vector<OrderResult> AgentPlatform::take_results() {
  std::vector<OrderResult> results;
  results.reserve(orders_.size());
  for (Order& order : orders_) {
    OrderResult result = std::move(order.result);
    result.outcome = order::outcome_of(result.status, order.rejected);
    if (result.certificate && order.sha256) result.certificate->sha256_fingerprint = *order.sha256;
    if (result.certificate && order.files && context_.settings.keep_certificate_files) result.certificate->files = order.files;
    results.push_back(std::move(result));
  }
  return results;
}

std::size_t AgentPlatform::index_of(std::string_view ref) const {
  const auto found = by_ref_.find(ref);
  if (found == by_ref_.end()) throw std::logic_error("the agent's platform has no order " + std::string(ref));
  return found->second;
}

std::size_t AgentPlatform::create(const std::string& ref, order::OrderOrigin origin, const std::string& parent, int cycle) {
  const Order& from = orders_[index_of(parent)];
  Order order;
  order.result.ref = ref;
  order.result.origin = origin;
  order.result.parent = parent;
  order.result.cycle = cycle;
  order.result.level = from.result.level;
  order.result.verify_type = from.result.verify_type;
  order.plan_ref = from.plan_ref;
  by_ref_.emplace(ref, orders_.size());
  orders_.push_back(std::move(order));
  return orders_.size() - 1;
}

void AgentPlatform::created(std::size_t index) {
  Order& order = orders_[index];
  order.result.history.push_back({context_.kernel.now(), mockca::Status::PendingSubmission, mockca::StatusMsg::None, "",
                                  std::nullopt});
  trace(order.result.ref, mockca::TraceKind::Created, mockca::Status::PendingSubmission, std::nullopt,
        std::string(order::origin_name(order.result.origin)) + " order bought" +
            (order.result.parent.empty() ? "" : ", from " + order.result.parent));
}

void AgentPlatform::accepted(std::size_t index, const mockca::Receipt& receipt) {
  Order& order = orders_[index];
  order.result.ca_order_id = receipt.order_id;
  order.result.submitted_at = context_.kernel.now();
  order.accepted_turn = turns_;
  by_ca_order_[receipt.order_id] = index;
  if (const auto described = describe(order)) {
    order.result.level = described->level;
    order.result.verify_type = described->verify_type;
  }
  to_tell_.emplace_back(Tell::Submitted, index);
}

std::optional<mockca::OrderDescription> AgentPlatform::describe(const Order& order) const {
  if (order.result.ca_order_id.empty()) return std::nullopt;
  auto described = context_.ca.describe(order.result.ca_order_id);
  if (!described) return std::nullopt;
  return std::move(described.value());
}

void AgentPlatform::trace(const std::string& ref, mockca::TraceKind kind, std::optional<mockca::Status> status,
                          std::optional<mockca::Reason> reason, std::string detail) {
  context_.trace.add({context_.kernel.now(), ref, mockca::TraceStage::Platform, kind, status, reason, std::move(detail)});
}

}  // namespace casim::agent
