// OrderLedger (order_ledger.hpp): orders bought and submitted over the API, their Status from the
// CA's updates, refusals, intake rejections and downloads.
#include "order_ledger.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace casim::serve {

using mockca::Status;
using nlohmann::json;

namespace {

// The event of a Status change the CA made.
std::optional<order::OrderEvent> ca_event(Status from, Status to) {
  if (to == from) return order::OrderEvent::CaProgress;
  switch (to) {
    case Status::Issued: return mockca::under_review(from) ? std::optional(order::OrderEvent::CaIssued) : std::nullopt;
    case Status::ReviewFailed: return order::OrderEvent::CaFailed;
    case Status::Cancelled: return order::OrderEvent::CaCancelled;
    case Status::Revoked: return order::OrderEvent::CaRevoked;
    default: return order::OrderEvent::CaProgress;
  }
}

}  // namespace

OrderLedger::OrderLedger(const sim::Kernel& kernel, mockca::Trace& trace, const mockca::Api& ca,
                         order::StageRecorder& stages)
    : kernel_(kernel), trace_(trace), ca_(ca), stages_(stages) {}

void OrderLedger::after_call(const std::string& action, const json& params, const api::CallAnswer& answer) {
  std::optional<std::size_t> index;
  if (const auto found = by_certificate_.find(answer.certificate_id); found != by_certificate_.end()) {
    index = found->second;
  }
  if (!answer.error && action == "CreateCertificate" && !index) {
    by_certificate_[answer.certificate_id] = create(answer.order_ref, order::OrderOrigin::Placed, "");
    return;
  }
  if (!answer.error && action == "ReplaceCertificate" && answer.receipt) {
    const auto original = by_certificate_.find(params.value("CertificateId", std::string()));
    const std::string parent = original != by_certificate_.end() ? orders_[original->second].result.ref : "";
    const std::size_t reissue = create(answer.order_ref, order::OrderOrigin::Reissue, parent);
    by_certificate_[answer.certificate_id] = reissue;
    accepted(reissue, *answer.receipt);
    return;
  }
  if (!index) return;
  Order& order = orders_[*index];
  if (!answer.error) {
    if (action == "CertificateOrderSubmit" && answer.receipt) accepted(*index, *answer.receipt);
    if (action == "DownloadCertificate" && answer.bundle) {
      order.sha256 = order::sha256_fingerprint(answer.bundle->certificate_pem);
    }
    if (action == "ModifyCertificateResubmit") order.result.record_resubmission(kernel_.now());
    return;
  }
  const mockca::ApiError& error = *answer.error;
  const bool intake = mockca::info(error.reason()).category != mockca::ReasonCategory::Api;
  if (action == "CertificateOrderSubmit" && intake) {
    order.rejected = true;
    for (const auto& finding : error.findings) {
      auto& reasons = order.result.reasons;
      if (std::find(reasons.begin(), reasons.end(), finding.reason) == reasons.end()) reasons.push_back(finding.reason);
    }
    order.result.error_code = error.code;
    trace_.add({kernel_.now(), order.result.ref, mockca::TraceStage::Platform, mockca::TraceKind::Rejected,
                std::nullopt, error.reason(), error.findings.front().message + "; error " + error.code});
    return;
  }
  refused(action, index, error);
}

std::optional<std::size_t> OrderLedger::order_of(const mockca::OrderUpdate& update) const {
  const auto found = by_ca_order_.find(update.order_id);
  if (found == by_ca_order_.end()) return std::nullopt;
  return found->second;
}

void OrderLedger::on_ca_update(std::size_t index, const mockca::OrderUpdate& update) {
  show(index, update.status, update.status_msg, std::nullopt);
}

std::vector<order::OrderResult> OrderLedger::results() const {
  std::vector<order::OrderResult> results;
  results.reserve(orders_.size());
  for (const Order& order : orders_) {
    order::OrderResult result = order.result;
    result.outcome = order::outcome_of(result.status, order.rejected);
    if (result.certificate && order.sha256) result.certificate->sha256_fingerprint = *order.sha256;
    results.push_back(std::move(result));
  }
  return results;
}

const std::string* OrderLedger::ref_of(std::string_view certificate_id) const {
  const auto found = by_certificate_.find(certificate_id);
  return found == by_certificate_.end() ? nullptr : &orders_[found->second].result.ref;
}

std::size_t OrderLedger::create(const std::string& ref, order::OrderOrigin origin, const std::string& parent) {
  Order order;
  order.result.ref = ref;
  order.result.origin = origin;
  order.result.parent = parent;
  order.result.history.push_back({kernel_.now(), Status::PendingSubmission, mockca::StatusMsg::None, "", std::nullopt});
  trace_.add({kernel_.now(), ref, mockca::TraceStage::Platform, mockca::TraceKind::Created, Status::PendingSubmission,
              std::nullopt,
              std::string(order::origin_name(origin)) + " order bought" + (parent.empty() ? "" : ", from " + parent)});
  orders_.push_back(std::move(order));
  return orders_.size() - 1;
}

void OrderLedger::accepted(std::size_t index, const mockca::Receipt& receipt) {
  Order& order = orders_[index];
  order.result.ca_order_id = receipt.order_id;
  order.result.submitted_at = kernel_.now();
  by_ca_order_[receipt.order_id] = index;
  const auto described = ca_.describe(receipt.order_id);
  if (!described) return;
  order.result.level = described.value().level;
  order.result.verify_type = described.value().verify_type;
  show(index, described.value().status, described.value().status_msg, order::OrderEvent::SubmitInformation);
}

void OrderLedger::refused(const std::string& action, std::optional<std::size_t> index, const mockca::ApiError& error) {
  if (!index) return;
  orders_[*index].result.refusals.push_back(
      {kernel_.now(), action, error.reason(), error.code, error.findings.front().message});
}

void OrderLedger::show(std::size_t index, Status status, mockca::StatusMsg status_msg, std::optional<order::OrderEvent> event) {
  Order& order = orders_[index];
  const Status from = order.result.status;
  if (status == from && status_msg == order.status_msg) return;
  if (!event) event = ca_event(from, status);
  const auto described = ca_.describe(order.result.ca_order_id);
  const bool ended = status == Status::ReviewFailed || status == Status::Cancelled;
  order.result.status = status;
  order.status_msg = status_msg;
  order.result.history.push_back(
      {kernel_.now(), status, status_msg, ended && described ? described.value().status_text : "", event});
  stages_.observe(index, order.result.history.back());
  if (status == from) return;
  trace_.add({kernel_.now(), order.result.ref, mockca::TraceStage::Platform, mockca::TraceKind::StatusChanged, status,
              std::nullopt, fmt::format("shown: {} {}", mockca::code(status), mockca::status_msg_text(status_msg))});
  if (ended && described) order.result.reasons = described.value().reasons;
  if (status == Status::Issued && described && described.value().certificate) {
    order.result.certificate = order::summary_of(*described.value().certificate, order.result.level);
  }
}

}  // namespace casim::serve
