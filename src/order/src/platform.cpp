// The Platform's core: orders and their creation, purchase and submission, the CA's updates mapped
// to events of the transition table, status history, what the customer is shown, and warnings.
#include <algorithm>
#include <stdexcept>

#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/error.hpp"
#include "platform_order.hpp"

namespace casim::order {

using mockca::Status;
using mockca::TraceKind;

namespace {

// Room for an order's status history without regrowing: an issued order that expires usually
// has 6 or 7 entries.
constexpr std::size_t kHistoryEntries = 8;

std::string reason_codes(const std::vector<mockca::Reason>& reasons) {
  std::string text;
  for (const auto reason : reasons) {
    text += (text.empty() ? "" : ", ") + std::string(mockca::info(reason).code);
  }
  return text;
}

std::string arrow(Status from, Status to) {
  return std::to_string(code(from)) + " → " + std::to_string(code(to));
}

}  // namespace

Platform::Platform(sim::Kernel& kernel, mockca::Trace& trace, sim::world::World& world,
                   mockca::Api& ca, WarningLog& warnings, PlatformSettings settings)
    : kernel_(kernel), trace_(trace), world_(world), ca_(ca), warnings_(warnings), settings_(std::move(settings)) {}

Platform::~Platform() = default;

void Platform::reserve(std::size_t orders) {
  orders_.reserve(orders);
  results_.reserve(orders);
  by_ref_.reserve(orders);
  by_ca_number_.reserve(orders);
}

void Platform::add(const OrderPlan& plan) {
  check_plan(plan, "order " + plan.ref);
  if (by_ref_.contains(plan.ref)) throw InputError("order " + plan.ref, "the ref is used twice");
  plans_.push_back(&plan);
  create(plans_.size() - 1, OrderOrigin::Placed, plan.ref, "", 1, plan.csr, plan.verify_type);
}

std::size_t Platform::index_of(std::string_view ref) const {
  const auto found = by_ref_.find(ref);
  if (found == by_ref_.end()) throw std::logic_error("the platform has no order " + std::string(ref));
  return found->second;
}

CustomerView Platform::view(std::string_view ref) const { return view(*orders_[index_of(ref)]); }

CustomerView Platform::view(const Order& order) const {
  const OrderResult& result = result_of(order);
  CustomerView shown{result.ref, plans_[order.plan], result.origin, result.cycle,
                     result.status, result.verify_type, order.challenges, std::nullopt};
  if (result.certificate) shown.not_after = result.certificate->not_after;
  return shown;
}

std::size_t Platform::create(std::size_t plan, OrderOrigin origin, std::string ref,
                             std::string parent, int cycle, mockca::CsrInput csr,
                             mockca::VerifyType verify_type) {
  if (by_ref_.contains(ref)) throw InputError("order " + ref, "the ref is used twice");
  auto order = std::make_unique<Order>();
  order->index = orders_.size();
  order->plan = plan;
  order->csr = std::move(csr);
  order->root = ref;
  OrderResult& result = results_.emplace_back();
  result.ref = ref;
  result.origin = origin;
  result.parent = std::move(parent);
  result.cycle = cycle;
  result.product = plans_[plan]->product;
  result.status = pending_status(plans_[plan]->product);
  result.level = plans_[plan]->level;
  result.verify_type = verify_type;
  result.history.reserve(kHistoryEntries);
  by_ref_.emplace(std::move(ref), order->index);
  orders_.push_back(std::move(order));
  return orders_.size() - 1;
}

void Platform::place(std::string_view ref) { place(index_of(ref)); }

void Platform::submit(std::string_view ref) { submit(index_of(ref)); }

void Platform::place(std::size_t index) {
  Order& order = *orders_[index];
  const OrderPlan& plan = *plans_[order.plan];
  const Status pending = pending_status(plan.product);
  OrderResult& result = result_of(order);
  result.history.push_back({kernel_.now(), pending, mockca::StatusMsg::None, "", std::nullopt});
  trace(order, TraceKind::Created, pending, std::nullopt,
        [&] { return std::string(origin_name(result.origin)) + " " +
                     (plan.product == Product::FreeDv ? "free " : "") +
                     std::string(mockca::level_name(plan.level)) + " order" +
                     (plan.brand.empty() ? "" : " of " + plan.brand) + ", " +
                     std::to_string(plan.domain_count) + " name(s), " + std::to_string(plan.years) +
                     " year(s)" + (result.parent.empty() ? "" : ", from " + result.parent); });
}

void Platform::place_and_submit(std::size_t index) {
  place(index);
  kernel_.schedule_after(sim::Duration::zero(), [this, index]() { submit(index); });
}

void Platform::submit(std::size_t index) {
  if (!allowed(index, OrderEvent::SubmitInformation, "submit")) return;
  Order& order = *orders_[index];
  const OrderPlan& plan = *plans_[order.plan];
  // The order's CSR is the plan's (reissues, whose CSR may differ, do not come this way). A
  // pasted CSR's names are known only to the CA: it has no planned names then.
  const auto names = static_cast<int>(planned_name_count(plan));
  OrderResult& result = result_of(order);
  if (names > plan.domain_count) {
    order.rejected = true;
    result.reasons = {mockca::Reason::NameTooMany};
    result.error_code = mockca::reseller_error_code(mockca::Reason::NameTooMany);
    trace(order, TraceKind::Rejected, std::nullopt, mockca::Reason::NameTooMany,
          [&] { return std::to_string(names) + " names for " + std::to_string(plan.domain_count) +
                       " bought; error " + result.error_code; });
    return;
  }
  auto receipt = submit_to_ca(order);
  if (!receipt) {
    const mockca::ApiError& error = receipt.error();
    order.rejected = true;
    for (const auto& finding : error.findings) {
      if (std::find(result.reasons.begin(), result.reasons.end(), finding.reason) == result.reasons.end()) {
        result.reasons.push_back(finding.reason);
      }
    }
    result.error_code = error.code;
    trace(order, TraceKind::Rejected, std::nullopt, error.reason(),
          [&] { return error.findings.front().message + "; error " + error.code; });
    return;
  }
  accept(index, std::move(receipt.value()));
}

mockca::ApiResult<mockca::Receipt> Platform::submit_to_ca(const Order& order) {
  const OrderPlan& plan = *plans_[order.plan];
  const OrderResult& result = result_of(order);
  if (plan.product == Product::FreeDv) {
    mockca::ApplyRequest request;
    request.order_ref = result.ref;
    request.csr = order.csr;
    request.verify_type = result.verify_type;
    request.contact = plan.contact;
    if (result.origin == OrderOrigin::Renewal) {
      request.old_order_id = results_[index_of(result.parent)].ca_order_id;
    }
    return ca_.apply_certificate(request);
  }
  mockca::SubmitRequest request;
  request.order_ref = result.ref;
  request.level = plan.level;
  request.brand = plan.brand;
  request.csr = order.csr;
  request.organization = plan.organization;
  request.administrator = plan.administrator;
  request.contact = plan.contact;
  request.years = 1;  // one certificate at a time; a multi-year plan orders its successors itself
  request.verify_type = result.verify_type;
  return ca_.submit(request);
}

void Platform::accept(std::size_t index, mockca::Receipt&& receipt) {
  Order& order = *orders_[index];
  result_of(order).ca_order_id = receipt.order_id;
  if (receipt.order_number >= by_ca_number_.size()) by_ca_number_.resize(receipt.order_number + 1, kNoOrder);
  by_ca_number_[receipt.order_number] = index;
  order.challenges = std::move(receipt.challenges);
  result_of(order).submitted_at = kernel_.now();
  apply(index, OrderEvent::SubmitInformation, [&] {
    std::string names;
    for (const auto& name : receipt.names) names += (names.empty() ? "" : ", ") + name;
    return receipt.order_id + ": " + names + " by " + std::string(mockca::to_string(result_of(order).verify_type));
  }, mockca::StatusMsg::None);
  if (result_of(order).verify_type == mockca::VerifyType::DnsAuto) add_auto_records(index);
  if (customer_ != nullptr) customer_->on_submitted(view(order));
}

std::optional<std::size_t> Platform::order_of(const mockca::OrderUpdate& update) const {
  if (update.order_number >= by_ca_number_.size() || by_ca_number_[update.order_number] == kNoOrder) return std::nullopt;
  return by_ca_number_[update.order_number];
}

void Platform::on_ca_update(std::size_t index, const mockca::OrderUpdate& update) {
  Order& order = *orders_[index];
  const mockca::TrackState was = order.domain_validation;
  order.domain_validation = update.domain_validation;
  if (update.domain_validation == mockca::TrackState::InProgress &&
      was != mockca::TrackState::InProgress) {
    // Validation (re)starts: names reused at submission may need validating after all (their
    // data expired before signing), with values the applicant has not seen yet.
    if (const auto described = ca_.describe(update.order_id)) {
      order.challenges = described.value().challenges;
    }
    if (customer_ != nullptr) customer_->on_validation_started(view(order));
  }
  const Status status = result_of(order).status;
  switch (update.status) {
    case Status::UnderReview: {
      const bool validated = update.domain_validation == mockca::TrackState::Passed &&
                             was != mockca::TrackState::Passed;
      if (validated && mockca::under_review(status)) {
        if (status == Status::DnsAutoRecordAdded && plans_[order.plan]->delete_dns_auto_record) {
          remove_auto_records(index);
        }
        apply(index, OrderEvent::DomainValidated, [] { return "the CA passed domain validation"; },
              update.status_msg);
      } else if (update.status_msg != order.status_msg) {
        apply(index, OrderEvent::CaProgress, [&] { return mockca::status_msg_text(update.status_msg); },
              update.status_msg);
      }
      // DNS_AUTO: while the CA's domain validation is to come (again, after a resubmission or
      // when validation data expired before signing), the platform's records are in place.
      if (result_of(order).verify_type == mockca::VerifyType::DnsAuto &&
          result_of(order).status == Status::UnderReview && order.auto_records.empty() &&
          update.domain_validation != mockca::TrackState::Passed) {
        add_auto_records(index);
      }
      if (update.domain_validation == mockca::TrackState::InProgress && !order.polling &&
          mockca::under_review(result_of(order).status)) {
        start_polling(index);
      }
      break;
    }
    case Status::Issued:
      if (status == Status::Reissuing) {
        apply(index, OrderEvent::ReissueEnded, [] { return "the reissue ended"; }, mockca::StatusMsg::None);
      } else if (status != Status::Issued && status != Status::Revoking &&
                 apply(index, OrderEvent::CaIssued, [] { return "the CA issued the certificate"; },
                       mockca::StatusMsg::None)) {
        on_issued(index, update.certificate);
      }
      break;
    case Status::ReviewFailed:
      if (status != Status::ReviewFailed &&
          apply(index, OrderEvent::CaFailed, [&] { return "the CA failed the order: " + reason_codes(update.reasons); },
                mockca::StatusMsg::None)) {
        on_failed(index, update.reasons);
      }
      break;
    case Status::Cancelled:
      if (status != Status::Cancelled &&
          apply(index, OrderEvent::CaCancelled, [] { return "the CA stopped the review"; }, mockca::StatusMsg::None)) {
        result_of(order).reasons = update.reasons;
        on_final(index);
      }
      break;
    case Status::Revoked:
      if (status != Status::Revoked &&
          apply(index, OrderEvent::CaRevoked, [] { return "the CA revoked the certificate"; },
                mockca::StatusMsg::None)) {
        if (result_of(order).certificate) result_of(order).certificate->revoked_at = update.at;
      }
      break;
    case Status::Reissuing:
      if (status != Status::Reissuing) {
        warn(mockca::Reason::OrderUnexpectedEvent,
             result_of(order).ref + ": the CA reports a reissue the platform did not ask for");
      }
      break;
    default:
      warn(mockca::Reason::OrderUnexpectedEvent,
           result_of(order).ref + ": the CA reports status " + std::to_string(code(update.status)));
  }
}

void Platform::on_issued(std::size_t index, const mockca::CertificateFacts* certificate) {
  Order& order = *orders_[index];
  const OrderPlan& plan = *plans_[order.plan];
  const sim::Instant now = kernel_.now();
  on_final(index);
  if (certificate == nullptr) {
    warn(mockca::Reason::OrderUnexpectedEvent,
         result_of(order).ref + ": issued, but the CA describes no certificate");
    return;
  }
  const mockca::CertificateFacts& facts = *certificate;
  CertificateSummary summary = summary_of(facts, plan.level);
  if (facts.signed_certificate && allowed(index, OrderEvent::Download, "download")) {
    const auto bundle = ca_.download(result_of(order).ca_order_id);
    if (bundle) {
      summary.sha256_fingerprint = sha256_fingerprint(bundle.value().certificate_pem);
      if (settings_.keep_certificate_files) summary.files = bundle.value();
      // Not the fingerprint: signed serials are random, and a seed's trace must not be.
      apply(index, OrderEvent::Download, [] { return "certificate, chain and key downloaded"; },
            mockca::StatusMsg::None);
    } else {
      refuse(index, "download", bundle.error().reason(), bundle.error().code,
             bundle.error().findings.front().message);
    }
  }
  OrderResult& result = result_of(order);
  result.certificate = std::move(summary);

  if (result.origin == OrderOrigin::Reissue) {
    const auto parent = by_ref_.find(result.parent);
    if (parent != by_ref_.end()) orders_[parent->second]->replaced = true;
  }
  for (const int days : settings_.expiry_notice_days) {
    const sim::Instant at = mockca::expiry_of(facts.not_after) - sim::kDay * days;
    if (at >= now) kernel_.schedule_at(at, [this, index, days]() { notify_expiry(index, days); });
  }
  kernel_.schedule_at(std::max(now, mockca::expiry_of(facts.not_after)), [this, index]() { expire(index); });
  if (customer_ != nullptr) customer_->on_issued(view(order));
  const OrderResult& issued = result_of(order);  // read again: the customer may have created orders
  const bool plan_order = issued.origin == OrderOrigin::Placed || issued.origin == OrderOrigin::MultiYear;
  if (plan_order && plan.years > 1) {
    if (issued.cycle == 1) {
      order.coverage_end = facts.not_before + sim::kDay * (365 * plan.years);
    }
    if (facts.not_after < order.coverage_end) {
      const sim::Instant at = std::max(now, mockca::expiry_of(facts.not_after) - settings_.multi_year_lead);
      kernel_.schedule_at(at, [this, index]() { next_cycle(index); });
      trace(order, TraceKind::MultiYear, std::nullopt, std::nullopt,
            [&] { return "the plan covers until " + sim::format_instant(order.coverage_end) +
                         "; certificate " + std::to_string(issued.cycle + 1) + " ordered at " +
                         sim::format_instant(at); });
    }
  }
}

void Platform::on_failed(std::size_t index, const std::vector<mockca::Reason>& reasons) {
  Order& order = *orders_[index];
  result_of(order).reasons = reasons;
  on_final(index);
  if (customer_ != nullptr) customer_->on_failed(view(order));
}

void Platform::on_final(std::size_t index) {
  Order& order = *orders_[index];
  if (order.polling) {
    kernel_.cancel(order.poll_event);
    order.polling = false;
  }
  if (result_of(order).status != Status::Issued || plans_[order.plan]->delete_dns_auto_record) {
    remove_auto_records(index);
  }
}

bool Platform::allowed(std::size_t index, OrderEvent event, const std::string& action) {
  const Status status = result_of(*orders_[index]).status;
  const TransitionResult result = transition(status, event);
  if (result.ok()) return true;
  refuse(index, action, *result.refusal, result.error_code(),
         action + " in status " + std::to_string(code(status)) + " (" + std::string(status_name(status)) + ")");
  return false;
}

bool Platform::apply(std::size_t index, OrderEvent event, const mockca::LazyText& detail,
                     mockca::StatusMsg status_msg) {
  Order& order = *orders_[index];
  OrderResult& record = result_of(order);
  const Status from = record.status;
  const TransitionResult result = transition(from, event);
  if (!result.ok()) {
    trace(order, TraceKind::IllegalTransition, std::nullopt, result.refusal,
          [&] { return std::string(event_name(event)) + " in status " + std::to_string(code(from)) + ": " +
                       detail(); });
    warn(*result.refusal, record.ref + ": " + std::string(event_name(event)) +
                              " in status " + std::to_string(code(from)) + " (" +
                              std::string(status_name(from)) + ")");
    return false;
  }
  const Status to = *result.to;
  record.status = to;
  std::string text;
  if ((to == Status::ReviewFailed || to == Status::Cancelled) && !record.ca_order_id.empty()) {
    if (const auto described = ca_.describe(record.ca_order_id)) {
      text = described.value().status_text;
    }
  }
  const bool msg_changed = status_msg != order.status_msg;
  order.status_msg = status_msg;
  if (to != from || msg_changed) {
    record.history.push_back({kernel_.now(), to, status_msg, text, event});
    if (status_listener_) status_listener_(index, record.history.back());
  }
  trace(order, to != from ? TraceKind::StatusChanged : trace_kind(event),
        to != from ? std::optional(to) : std::nullopt, std::nullopt,
        [&] { return (to != from ? arrow(from, to) + " " + std::string(event_name(event)) + ": " : "") +
                     detail() + (text.empty() ? "" : " — " + text); });
  return true;
}

void Platform::refuse(std::size_t index, const std::string& action, mockca::Reason reason,
                      const std::string& error_code, const std::string& detail) {
  Order& order = *orders_[index];
  result_of(order).refusals.push_back({kernel_.now(), action, reason, error_code, detail});
  trace(order, TraceKind::Refused, std::nullopt, reason, [&] { return action + ": " + error_code + ": " + detail; });
}

void Platform::trace(const Order& order, TraceKind kind, std::optional<Status> status,
                     std::optional<mockca::Reason> reason, const mockca::LazyText& detail) {
  trace_.add({kernel_.now(), result_of(order).ref, mockca::TraceStage::Platform, kind, status, reason}, detail);
}

void Platform::warn(mockca::Reason reason, std::string message) {
  warnings_.add({kernel_.now(), reason, std::move(message)});
}

std::vector<OrderResult> Platform::take_results() {
  for (const auto& order : orders_) {
    OrderResult& result = results_[order->index];
    result.outcome = outcome_of(result.status, order->rejected);
  }
  return std::move(results_);
}

}  // namespace casim::order
