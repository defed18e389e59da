// CertificateAuthority: construction, order look-up, the trace and listener plumbing, and the Api
// actions on existing orders (describe, cancel, resubmit, download, revoke) and the chain check.
#include "casim/mockca/certificate_authority.hpp"

#include <stdexcept>

#include "ca_order.hpp"
#include "casim/mockca/hierarchy.hpp"

namespace casim::mockca {

sim::DurationDistribution default_issuance_delay() {
  return sim::DurationDistribution::uniform(sim::DurationSpec::calendar(sim::kMinute),
                                            sim::DurationSpec::calendar(sim::kMinute * 5),
                                            "issuance delay");
}

StatusMsg CaOrder::status_msg() const {
  switch (phase) {
    case OrderPhase::PreReview: return StatusMsg::PreReviewing;
    case OrderPhase::Validating:
      if (validation != TrackState::Passed) return StatusMsg::PendingDcv;
      if (review == TrackState::Passed || review == TrackState::NotRequired) return StatusMsg::WaitIssue;
      return review_msg == StatusMsg::None ? StatusMsg::LegalReviewing : review_msg;
    case OrderPhase::WaitingToIssue: return StatusMsg::WaitIssue;
    case OrderPhase::Issued:
    case OrderPhase::Failed:
    case OrderPhase::Cancelled:
    case OrderPhase::Revoked: return StatusMsg::None;
  }
  return StatusMsg::None;
}

bool CaOrder::resubmittable() const {
  if (phase == OrderPhase::Cancelled) return true;
  return phase == OrderPhase::Failed && failure != FailedStage::Validation && failure != FailedStage::None;
}

std::string join_names(const std::vector<std::string>& names, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
    if (i > 0) text += ", ";
    text += names[i];
  }
  if (names.size() > limit) text += " … (+" + std::to_string(names.size() - limit) + ")";
  return text;
}

CertificateAuthority::CertificateAuthority(sim::Kernel& kernel, Trace& trace,
                                           sim::world::World& world, CaConfig config,
                                           sim::Calendar pre_review_calendar,
                                           sim::Calendar review_calendar, CaResources resources,
                                           std::uint64_t seed, std::uint64_t run_index)
    : kernel_(kernel),
      trace_(trace),
      world_(world),
      config_(std::move(config)),
      resources_(resources),
      seed_(seed),
      run_index_(run_index),
      pre_review_(config_.pre_review, std::move(pre_review_calendar), seed, run_index, trace.keeps_text()),
      review_(config_.review, std::move(review_calendar), world, seed, run_index, trace.keeps_text()),
      validator_(world.dns, world.web, config_.dcv, trace.keeps_text()),
      caa_(world.dns, config_.caa, config_.dcv.resolver, trace.keeps_text()) {
  if (config_.issue_certificates && resources_.issuer == nullptr) {
    throw std::invalid_argument("CertificateAuthority: issue_certificates needs an Issuer");
  }
}

CertificateAuthority::~CertificateAuthority() = default;

CaOrder* CertificateAuthority::find(std::string_view order_id) const {
  const auto found = by_id_.find(order_id);
  return found == by_id_.end() ? nullptr : orders_[found->second].get();
}

ApiError CertificateAuthority::not_found(std::string_view order_id) const {
  return make_api_error({{Reason::OrderNotFound, "no order " + std::string(order_id), ""}});
}

namespace {

ApiError refusal(Reason reason, std::string message) {
  return make_api_error({{reason, std::move(message), ""}});
}

}  // namespace

void CertificateAuthority::trace(CaOrder& order, TraceStage stage, TraceKind kind, std::optional<Reason> reason,
                                 const LazyText& detail) {
  TraceFields fields{kernel_.now(), order.ref, stage, kind, std::nullopt, reason};
  if (order.last_traced_status != order.status) {
    fields.status = order.status;
    order.last_traced_status = order.status;
  }
  trace_.add(fields, detail);
}

void CertificateAuthority::publish(CaOrder& order) {
  const PublishedState state{order.status, order.status_msg(), order.phase, order.validation, order.review};
  if (order.last_published == state) return;
  order.last_published = state;
  OrderUpdate update{kernel_.now(), order.id,    order.ref,
                     order.index,   state.status, state.status_msg,
                     state.phase,   state.domain_validation, state.review, order.reasons};
  kernel_.schedule_after(sim::Duration::zero(), [this, &order, update = std::move(update)]() mutable {
    update.certificate = order.certificate ? &*order.certificate : nullptr;
    if (listener_) listener_(update);
  });
}

void CertificateAuthority::stop_processes(CaOrder& order) {
  ++order.epoch;
  order.pre_review.cancel();
  order.review_handle.cancel();
}

void CertificateAuthority::fail(CaOrder& order, FailedStage where, std::vector<Reason> reasons,
                                const LazyText& detail) {
  stop_processes(order);
  if (order.validation == TrackState::InProgress) {
    order.validation = where == FailedStage::Validation ? TrackState::Failed : TrackState::NotStarted;
  }
  if (order.review == TrackState::InProgress) {
    order.review = where == FailedStage::Review ? TrackState::Failed : TrackState::NotStarted;
  }
  order.phase = OrderPhase::Failed;
  order.status = Status::ReviewFailed;
  order.failure = where;
  order.status_text = std::string(info(reasons.front()).meaning);
  const Reason main = reasons.front();
  order.reasons = std::move(reasons);
  order.finished_at = kernel_.now();
  trace(order, TraceStage::Order, TraceKind::Failed, main, detail);
  publish(order);
  restore_original(order);
}

void CertificateAuthority::restore_original(CaOrder& reissue) {
  if (reissue.reissue_of.empty()) return;
  CaOrder* original = find(reissue.reissue_of);
  if (original == nullptr || original->reissue_in_progress != reissue.id) return;
  original->reissue_in_progress.clear();
  if (original->phase == OrderPhase::Issued) {
    original->status = Status::Issued;
    trace(*original, TraceStage::Order, TraceKind::ReissueEnded, std::nullopt,
          [&] { return "reissue " + reissue.id + " did not issue; the certificate stays as it was"; });
    publish(*original);
  }
}

std::vector<DomainChallenge> CertificateAuthority::challenges_of(const CaOrder& order) {
  std::vector<DomainChallenge> challenges;
  challenges.reserve(order.plan.targets.size());
  for (std::size_t i = 0; i < order.plan.targets.size(); ++i) {
    const DcvTarget& target = order.plan.targets[i];
    DomainChallenge challenge;
    challenge.domain = target.name;
    challenge.method = target.method;
    if (target.method == VerifyType::File) {
      challenge.file_path = target.location;
    } else {
      challenge.dns_host = std::string(kDnsValidationLabel);
      challenge.dns_name = target.location;
      challenge.dns_record = target.record;
    }
    challenge.value = target.expected;
    challenge.reused = order.targets[i].reused;
    challenges.push_back(std::move(challenge));
  }
  return challenges;
}

ApiResult<OrderDescription> CertificateAuthority::describe(std::string_view order_id) const {
  const CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  OrderDescription description;
  description.order_id = order->id;
  description.order_ref = order->ref;
  description.level = order->level;
  description.brand = order->brand;
  description.verify_type = order->verify_type;
  description.status = order->status;
  description.status_msg = order->status_msg();
  description.status_text = order->status_text;
  description.phase = order->phase;
  description.domain_validation = order->validation;
  description.review = order->review;
  description.reasons = order->reasons;
  description.challenges = challenges_of(*order);
  description.certificate = order->certificate;
  description.review_calls = order->review_calls;
  description.organization_data_reused = order->organization_data_reused;
  description.submitted_at = order->submitted_at;
  description.finished_at = order->finished_at;
  description.reissue_of = order->reissue_of;
  description.replaced_by = order->replaced_by;
  description.free = order->free;
  description.renewal_of = order->renewal_of;
  return description;
}

std::optional<ReviewFacts> CertificateAuthority::review_facts(std::string_view order_id) const {
  const CaOrder* order = find(order_id);
  if (order == nullptr) return std::nullopt;
  ReviewFacts facts{order->review_calls, order->organization_data_reused, {}};
  for (std::size_t i = 0; i < order->plan.targets.size(); ++i) {
    if (order->targets[i].reused) facts.reused_domains.push_back(order->plan.targets[i].name);
  }
  return facts;
}

ApiResult<Done> CertificateAuthority::cancel(std::string_view order_id) {
  CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  if (!order->active() || order->status != Status::UnderReview) {
    return refusal(Reason::OrderNotCancellable,
                   "order " + order->id + " is " + std::string(phase_name(order->phase)));
  }
  const std::string was(status_msg_text(order->status_msg()));
  stop_processes(*order);
  if (order->validation == TrackState::InProgress) order->validation = TrackState::NotStarted;
  if (order->review == TrackState::InProgress) order->review = TrackState::NotStarted;
  order->phase = OrderPhase::Cancelled;
  order->status = Status::Cancelled;
  order->failure = FailedStage::None;
  order->reasons = {Reason::OrderCancelled};
  order->status_text = std::string(info(Reason::OrderCancelled).meaning);
  order->finished_at = kernel_.now();
  trace(*order, TraceStage::Order, TraceKind::Cancelled, Reason::OrderCancelled, [&] { return "cancelled while " + was; });
  publish(*order);
  restore_original(*order);
  return Done{};
}

ApiResult<Done> CertificateAuthority::resubmit(
    std::string_view order_id, const std::optional<OrganizationInfo>& organization) {
  CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  if (!order->resubmittable()) {
    return refusal(Reason::OrderStatusNotAllowResubmit,
                   "order " + order->id + " is " + std::string(phase_name(order->phase)) +
                       (order->phase == OrderPhase::Failed ? " (domain validation timed out: final)" : ""));
  }
  const bool corrected = organization && order->level != ValidationLevel::DV;
  if (corrected) order->organization = organization;
  const FailedStage failed_in = order->failure;
  order->reasons.clear();
  order->status_text.clear();
  order->finished_at.reset();
  order->failure = FailedStage::None;
  order->status = Status::UnderReview;
  if (order->validation == TrackState::Failed) order->validation = TrackState::NotStarted;
  if (order->review == TrackState::Failed) order->review = TrackState::NotStarted;
  if (failed_in == FailedStage::Issuance) {
    order->caa.clear();  // CAA is checked again before signing
    if (corrected) order->review = TrackState::NotStarted;  // corrected data is reviewed again
  }
  const bool back_to_pre_review =
      !order->free && (failed_in == FailedStage::PreReview || order->validation == TrackState::NotStarted);
  const bool to_gate = !back_to_pre_review && failed_in == FailedStage::Issuance &&
                       (order->level == ValidationLevel::DV || order->review == TrackState::Passed);
  trace(*order, TraceStage::Order, TraceKind::Resubmitted, std::nullopt,
        [&] { return back_to_pre_review ? "back to pre-review"
                     : to_gate          ? "back to the issuance gate; CAA checked again before signing"
                     : order->free      ? "back to domain validation"
                                        : "back to review"; });
  if (back_to_pre_review) {
    start_pre_review(*order);
    return Done{};
  }
  order->phase = OrderPhase::Validating;
  if (order->validation != TrackState::Passed) start_validation(*order);
  if (order->level != ValidationLevel::DV && order->review != TrackState::Passed &&
      (config_.review_start == ReviewStart::WithValidation ||
       order->validation == TrackState::Passed)) {
    start_review(*order);
  }
  maybe_open_gate(*order);
  publish(*order);
  return Done{};
}

ApiResult<CertificateBundle> CertificateAuthority::download(std::string_view order_id) const {
  const CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  if (order->phase != OrderPhase::Issued || !order->certificate) {
    return refusal(Reason::OrderStatusNotAllowDownload,
                   "order " + order->id + " is " + std::string(phase_name(order->phase)));
  }
  if (!order->certificate->signed_certificate) {
    return refusal(Reason::OrderCertificateNotSigned, "order " + order->id + " ran timing-only");
  }
  return CertificateBundle{order->certificate_pem, order->chain_pem,
                           order->certificate_pem + order->chain_pem, order->private_key_pem};
}

ApiResult<Done> CertificateAuthority::revoke(std::string_view order_id, RevocationReason reason) {
  CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  if (order->phase == OrderPhase::Revoked) {
    return refusal(Reason::RevocationAlreadyRevoked, "order " + order->id + " is revoked already");
  }
  if (order->phase != OrderPhase::Issued || !order->certificate) {
    return refusal(Reason::OrderNotRevocable,
                   "order " + order->id + " is " + std::string(phase_name(order->phase)));
  }
  const Revocation revocation{kernel_.now(), reason};
  if (IssuedRecord* record = store_.find(order->certificate->serial)) record->revocation = revocation;
  order->certificate->revocation = revocation;
  order->phase = OrderPhase::Revoked;
  order->status = Status::Revoked;
  trace(*order, TraceStage::Order, TraceKind::Revoked, std::nullopt,
        [&] { return "certificate revoked: " + std::string(reason_name(reason)); });
  publish(*order);
  return Done{};
}

ChainReport CertificateAuthority::check_chain(std::string_view content,
                                              const std::optional<std::string>& private_key) const {
  std::vector<ossl::X509Ptr> roots;
  if (resources_.issuer != nullptr) {
    X509* root = const_cast<X509*>(&resources_.issuer->hierarchy().root());  // shared, reference counted
    if (X509_up_ref(root) == 1) roots.emplace_back(root);
  }
  return mockca::check_chain(content, {kernel_.now(), private_key, roots.empty() ? nullptr : &roots});
}

void CertificateAuthority::set_listener(OrderListener listener) { listener_ = std::move(listener); }

void CertificateAuthority::reserve(std::size_t orders) {
  orders_.reserve(orders);
  by_id_.reserve(orders);
  store_.reserve(orders);
}

}  // namespace casim::mockca
