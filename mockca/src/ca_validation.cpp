// The CA's domain validation of an order: checks from its perspectives at the start, every recheck
// interval and on demand (validate now, rate limited), CAA once every target passed, the timeout
// that closes the order, the platform's local check, and domain data kept for reuse.
#include <algorithm>

#include "ca_order.hpp"
#include "casim/mockca/validity_policy.hpp"

namespace casim::mockca {

bool CertificateAuthority::reusable_domain(std::string_view name, sim::Instant at) const {
  const auto found = domain_validations_.find(name);
  return found != domain_validations_.end() &&
         at < found->second + sim::kDay * domain_reuse_days(at);
}

void CertificateAuthority::start_validation(CaOrder& order) {
  const sim::Instant now = kernel_.now();
  order.validation = TrackState::InProgress;
  order.validation_deadline = config_.dcv.deadline(order.level, now);
  trace(order, TraceStage::Dcv, TraceKind::Started, std::nullopt, [&] {
    std::string detail;
    for (std::size_t i = 0; i < order.plan.targets.size(); ++i) {
      const DcvTarget& target = order.plan.targets[i];
      if (!detail.empty()) detail += "; ";
      detail += target.name + (order.targets[i].reused ? " (reused)"
                                                       : " at " + target.location + " = " + target.expected);
    }
    return std::string(to_string(order.verify_type)) + ": " + detail + "; deadline " +
           sim::format_instant(*order.validation_deadline);
  });
  const std::size_t index = order.index;
  const std::uint64_t epoch = order.epoch;
  kernel_.schedule_at(*order.validation_deadline,
                      [this, index, epoch]() { on_validation_timeout(index, epoch); });
  run_checks(index, epoch);
}

void CertificateAuthority::run_checks(std::size_t index, std::uint64_t epoch) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch || order.validation != TrackState::InProgress) return;
  kernel_.cancel(order.recheck);
  const sim::Instant now = kernel_.now();
  bool all_passed = true;
  for (std::size_t i = 0; i < order.plan.targets.size(); ++i) {
    TargetProgress& progress = order.targets[i];
    if (progress.ca == CaCheck::Passed) continue;
    const DcvTarget& target = order.plan.targets[i];
    const CaCheckResult result = validator_.check_ca(target, now);
    ++progress.checks;
    if (result.passed()) {
      progress.ca = CaCheck::Passed;
      progress.reason.reset();
      domain_validations_[target.name] = now;
      trace(order, TraceStage::Dcv, TraceKind::TargetPassed, std::nullopt,
            [&] { return target.name + " after " + std::to_string(progress.checks) + " check(s): " + result.detail; });
      continue;
    }
    all_passed = false;
    // Trace a failure when it is new; the same failure again at each recheck is not news.
    if (progress.ca != CaCheck::Failed || progress.reason != result.reason) {
      trace(order, TraceStage::Dcv, TraceKind::TargetFailed, result.reason, [&] { return target.name + ": " + result.detail; });
    }
    progress.ca = CaCheck::Failed;
    progress.reason = result.reason;
  }
  if (all_passed && check_caa(order)) {
    validation_passed(order);
    return;
  }
  const sim::Instant next = now + config_.dcv.recheck_interval;
  if (next < *order.validation_deadline) {
    order.recheck = kernel_.schedule_at(next, [this, index, epoch]() { run_checks(index, epoch); });
  }
  publish(order);
}

bool CertificateAuthority::check_caa(CaOrder& order) {
  const std::vector<CaaCheck> previous = std::move(order.caa);
  order.caa = caa_.check(order.names, order.brand, kernel_.now());
  bool permitted = true;
  for (std::size_t i = 0; i < order.caa.size(); ++i) {
    const CaaCheck& check = order.caa[i];
    if (check.permitted) continue;
    permitted = false;
    const bool news = i >= previous.size() || previous[i].permitted || previous[i].reason != check.reason;
    if (news) trace(order, TraceStage::Caa, TraceKind::Refused, check.reason, [&] { return check.name + ": " + check.detail; });
  }
  if (permitted) {
    sim::Instant fresh_until = order.caa.empty() ? kernel_.now() : order.caa.front().fresh_until;
    for (const auto& check : order.caa) fresh_until = std::min(fresh_until, check.fresh_until);
    trace(order, TraceStage::Caa, TraceKind::Permitted, std::nullopt,
          [&] { return std::to_string(order.caa.size()) + " name(s) permitted; fresh until " +
                       sim::format_instant(fresh_until); });
  }
  return permitted;
}

void CertificateAuthority::validation_passed(CaOrder& order) {
  kernel_.cancel(order.recheck);
  order.validation = TrackState::Passed;
  const auto reused = std::count_if(order.targets.begin(), order.targets.end(),
                                    [](const TargetProgress& target) { return target.reused; });
  trace(order, TraceStage::Dcv, TraceKind::Passed, std::nullopt,
        [&] { return std::to_string(order.targets.size()) + " target(s) validated" +
                     (reused > 0 ? " (" + std::to_string(reused) + " reused)" : ""); });
  if (order.level != ValidationLevel::DV && order.review == TrackState::NotStarted &&
      order.phase == OrderPhase::Validating) {
    start_review(order);
  }
  maybe_open_gate(order);
  publish(order);
}

void CertificateAuthority::on_validation_timeout(std::size_t index, std::uint64_t epoch) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch || order.validation != TrackState::InProgress ||
      kernel_.now() < *order.validation_deadline) {
    return;
  }
  std::vector<Reason> reasons{Reason::DcvTimedOut};
  std::string detail;
  for (std::size_t i = 0; i < order.targets.size(); ++i) {
    const TargetProgress& progress = order.targets[i];
    if (progress.ca == CaCheck::Passed) continue;
    if (!detail.empty()) detail += "; ";
    detail += order.plan.targets[i].name + ": " +
              (progress.reason ? std::string(info(*progress.reason).code) : "not checked") + " after " +
              std::to_string(progress.checks) + " check(s)";
    if (progress.reason && std::find(reasons.begin(), reasons.end(), *progress.reason) == reasons.end()) {
      reasons.push_back(*progress.reason);
    }
  }
  for (const auto& check : order.caa) {
    if (check.permitted || !check.reason) continue;
    if (detail.empty()) detail = "CAA: " + check.name + " " + std::string(info(*check.reason).code);
    if (std::find(reasons.begin(), reasons.end(), *check.reason) == reasons.end()) {
      reasons.push_back(*check.reason);
    }
  }
  order.validation = TrackState::Failed;
  trace(order, TraceStage::Dcv, TraceKind::TimedOut, Reason::DcvTimedOut, [&] { return detail; });
  fail(order, FailedStage::Validation, std::move(reasons),
       [&] { return "domain validation timed out, order auto-closed: " + detail; });
}

ApiResult<std::vector<DomainVerification>> CertificateAuthority::check_domain_verification(
    std::string_view order_id) {
  CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  const sim::Instant now = kernel_.now();
  const bool allowed = order->local_check.try_acquire(now);
  const bool issued = order->phase == OrderPhase::Issued || order->phase == OrderPhase::Revoked;
  std::vector<DomainVerification> verifications;
  for (std::size_t i = 0; i < order->plan.targets.size(); ++i) {
    const DcvTarget& target = order->plan.targets[i];
    const LocalCheckResult local =
        allowed ? validator_.check_local(target, now)
                : rate_limited(target.name, now, order->local_check.next_allowed().value_or(now));
    verifications.push_back({target.name, local.local, local.reason, order->targets[i].ca,
                             order->targets[i].reason, {target.expected}, local.frequently, issued});
  }
  return verifications;
}

ApiResult<Done> CertificateAuthority::complete_certificate(std::string_view order_id) {
  CaOrder* order = find(order_id);
  if (order == nullptr) return not_found(order_id);
  if (order->phase != OrderPhase::Validating || order->validation != TrackState::InProgress) {
    return make_api_error({{Reason::OrderStatusNotAllowVerify,
                            "order " + order->id + " is " + std::string(phase_name(order->phase)) +
                                ", domain validation " + std::string(track_state_name(order->validation)),
                            ""}});
  }
  const sim::Instant now = kernel_.now();
  if (!order->validate_now.try_acquire(now)) {
    const sim::Instant retry = order->validate_now.next_allowed().value_or(now);
    trace(*order, TraceStage::Dcv, TraceKind::ValidateNowRefused, Reason::DcvRateLimited,
          [&] { return "too frequent, try again at " + sim::format_instant(retry); });
    return make_api_error({{Reason::DcvRateLimited,
                            "too frequent, try again in " +
                                std::to_string(std::chrono::duration_cast<std::chrono::minutes>(
                                                   config_.dcv.rate_limit_window).count()) +
                                " minutes (at " + sim::format_instant(retry) + ")",
                            ""}});
  }
  trace(*order, TraceStage::Dcv, TraceKind::ValidateNow, std::nullopt, [&] { return "check requested"; });
  const std::size_t index = order->index;
  const std::uint64_t epoch = order->epoch;
  kernel_.schedule_after(sim::Duration::zero(), [this, index, epoch]() { run_checks(index, epoch); });
  return Done{};
}

}  // namespace casim::mockca
