// The CA's review stages: pre-review of every order, and the manual review of OV/EV orders
// (organization checks, then the verification call) with organization data reused within the
// BR period — each run by the PreReview and Review processes on the kernel, their steps traced.
#include "ca_order.hpp"

namespace casim::mockca {

void CertificateAuthority::start_pre_review(CaOrder& order) {
  order.phase = OrderPhase::PreReview;
  const std::size_t index = order.index;
  const std::uint64_t epoch = order.epoch;
  order.pre_review = pre_review_.start(kernel_, kernel_.now(), order.id, ++order.pre_reviews,
                                       [this, index, epoch](const PreReviewResult& result) {
                                         on_pre_review(index, epoch, result);
                                       });
  trace(order, TraceStage::PreReview, TraceKind::Started, std::nullopt,
        [&] { return "pre-review on the " + pre_review_.calendar().name() + " calendar"; });
  publish(order);
}

void CertificateAuthority::on_pre_review(std::size_t index, std::uint64_t epoch,
                                         const PreReviewResult& result) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch || order.phase != OrderPhase::PreReview) return;
  if (!result.passed()) {
    trace(order, TraceStage::PreReview, TraceKind::Failed, result.reason, [&] { return result.detail; });
    fail(order, FailedStage::PreReview, {*result.reason}, [&] { return result.detail; });
    return;
  }
  trace(order, TraceStage::PreReview, TraceKind::Passed, std::nullopt, [&] { return result.detail; });
  begin_validation(order);
}

void CertificateAuthority::begin_validation(CaOrder& order) {
  order.phase = OrderPhase::Validating;
  start_validation(order);
  if (order.phase == OrderPhase::Validating && order.level != ValidationLevel::DV &&
      order.review == TrackState::NotStarted && config_.review_start == ReviewStart::WithValidation) {
    start_review(order);
  }
  maybe_open_gate(order);
  publish(order);
}

void CertificateAuthority::start_review(CaOrder& order) {
  static const OrganizationInfo kNoOrganization;  // for an order without organization data
  const OrganizationInfo& organization = order.organization ? *order.organization : kNoOrganization;
  ReviewRequest request;
  request.order = order.id;
  request.attempt = ++order.reviews;
  request.level = order.level;
  request.legal_name = organization.legal_name;
  request.registration_number = organization.registration_number;
  request.jurisdiction = {organization.country, organization.state, organization.locality};
  request.business_category = organization.business_category;
  if (config_.reuse_validation_data && !organization.registration_number.empty()) {
    const auto saved = organization_validations_.find(organization.registration_number);
    if (saved != organization_validations_.end()) request.saved = saved->second;
  }
  order.review = TrackState::InProgress;
  order.review_msg = StatusMsg::LegalReviewing;
  const std::size_t index = order.index;
  const std::uint64_t epoch = order.epoch;
  trace(order, TraceStage::Review, TraceKind::Started, std::nullopt,
        [&] { return std::string(level_name(order.level)) + " review of " + organization.legal_name +
                     (request.saved ? " (saved organization data on file)" : ""); });
  order.review_handle = review_.start(
      kernel_, kernel_.now(), std::move(request),
      [this, index, epoch](const ReviewResult& result) { on_review(index, epoch, result); },
      [this, index, epoch](const ReviewStep& step) { on_review_step(index, epoch, step); });
  publish(order);
}

void CertificateAuthority::on_review_step(std::size_t index, std::uint64_t epoch,
                                          const ReviewStep& step) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch) return;
  if (step.kind == ReviewStepKind::Started) return;  // traced by start_review
  trace(order, TraceStage::Review, trace_kind(step.kind), step.reason, [&] { return step.detail; });
  if (step.call) order.review_calls.push_back({step.at, step.call->result});
  const bool calling = step.kind == ReviewStepKind::Call || step.kind == ReviewStepKind::Letter;
  order.review_msg = calling ? StatusMsg::CaReviewing : StatusMsg::LegalReviewing;
  publish(order);
}

void CertificateAuthority::on_review(std::size_t index, std::uint64_t epoch,
                                     const ReviewResult& result) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch || order.review != TrackState::InProgress) return;
  order.review_msg = StatusMsg::None;
  order.organization_data_reused = result.reused;
  const auto summary = [&] {
    return std::to_string(result.calls) + " call(s)" + (result.reused ? ", saved organization data reused" : "") +
           ", " + sim::format_instant(result.started) + " → " + sim::format_instant(result.finished);
  };
  if (!result.passed()) {
    trace(order, TraceStage::Review, TraceKind::Failed, result.reasons.front(), summary);
    fail(order, FailedStage::Review, result.reasons,
         [&] { return "information failed CA review: " + std::string(info(result.reasons.front()).code); });
    return;
  }
  order.review = TrackState::Passed;
  if (result.record) organization_validations_[result.record->organization_id] = *result.record;
  trace(order, TraceStage::Review, TraceKind::Passed, std::nullopt, summary);
  maybe_open_gate(order);
  publish(order);
}

}  // namespace casim::mockca
