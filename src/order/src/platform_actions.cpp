// The Platform's actions over time: DNS_AUTO records, polling and "validate now" under the rate
// limit, the customer's cancel, resubmit, reissue, revoke and renew, multi-year successors, expiry
// and its notices.
#include <algorithm>

#include "casim/mockca/validity_policy.hpp"
#include "platform_order.hpp"

namespace casim::order {

using mockca::Status;
using mockca::TraceKind;
void Platform::add_auto_records(std::size_t index) {
  Order& order = *orders_[index];
  const sim::Instant now = kernel_.now();
  std::string detail;
  for (const auto& challenge : order.challenges) {
    if (challenge.reused || challenge.dns_name.empty()) continue;
    const sim::world::DnsRecord record = mockca::challenge_record(challenge, challenge.value);
    world_.dns.add_record(now, record, "order " + result_of(order).ref + " DNS_AUTO record");
    order.auto_records.push_back(record);
    detail += (detail.empty() ? "" : "; ") + sim::world::describe(record);
  }
  if (order.auto_records.empty()) return;
  trace(order, TraceKind::DnsAutoRecordAdded, std::nullopt, std::nullopt, [&] { return detail; });
  apply(index, OrderEvent::DnsAutoRecordAdded, [&] { return detail; }, order.status_msg);
}

void Platform::remove_auto_records(std::size_t index) {
  Order& order = *orders_[index];
  if (order.auto_records.empty()) return;
  const sim::Instant now = kernel_.now();
  std::string detail;
  for (const auto& record : order.auto_records) {
    world_.dns.remove_record(now, record, "order " + result_of(order).ref + " DNS_AUTO record");
    detail += (detail.empty() ? "" : "; ") + sim::world::describe(record);
  }
  order.auto_records.clear();
  trace(order, TraceKind::DnsAutoRecordRemoved, std::nullopt, std::nullopt, [&] { return detail; });
}

void Platform::start_polling(std::size_t index) {
  Order& order = *orders_[index];
  const PollingPolicy& policy = plans_[order.plan]->polling;
  order.polling = true;
  order.poll_interval = policy.interval;
  order.poll_event = kernel_.schedule_after(policy.first_poll, [this, index]() { poll(index); });
}

void Platform::poll(std::size_t index) {
  Order& order = *orders_[index];
  const PollingPolicy& policy = plans_[order.plan]->polling;
  if (!mockca::under_review(result_of(order).status) ||
      order.domain_validation != mockca::TrackState::InProgress) {
    order.polling = false;
    return;
  }
  const auto answer = ca_.check_domain_verification(result_of(order).ca_order_id);
  if (!answer) {
    refuse(index, "check domain verification", answer.error().reason(), answer.error().code,
           answer.error().findings.front().message);
    order.polling = false;
    return;
  }
  const auto& domains = answer.value();
  const bool frequently = std::any_of(domains.begin(), domains.end(),
                                      [](const auto& domain) { return domain.frequently; });
  if (frequently) {
    trace(order, TraceKind::Poll, std::nullopt, mockca::Reason::DcvRateLimited,
          [&] { return "too frequent; polling again in " +
                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(policy.rate_limited_retry).count()) +
                       " s"; });
    order.poll_event =
        kernel_.schedule_after(policy.rate_limited_retry, [this, index]() { poll(index); });
    return;
  }
  bool pending = false;
  bool ready = true;
  for (const auto& domain : domains) {
    if (domain.ca_check == mockca::CaCheck::Passed) continue;
    pending = true;
    if (domain.local_check != mockca::LocalCheck::Verified) ready = false;
  }
  trace(order, TraceKind::Poll, std::nullopt, std::nullopt, [&] {
    std::string detail;
    for (const auto& domain : domains) {
      detail += (detail.empty() ? "" : "; ") + domain.domain + ": local " +
                std::string(mockca::to_string(domain.local_check)) + ", CA " +
                std::string(mockca::to_string(domain.ca_check));
    }
    return detail;
  });
  if (pending && ready && policy.validate_now &&
      allowed(index, OrderEvent::ValidateNow, "validate now")) {
    const auto asked = ca_.complete_certificate(result_of(order).ca_order_id);
    if (asked) {
      apply(index, OrderEvent::ValidateNow, [] { return "the local check passed: CA asked to validate now"; },
            order.status_msg);
    } else if (asked.error().reason() == mockca::Reason::DcvRateLimited) {
      refuse(index, "validate now", asked.error().reason(), asked.error().code,
             asked.error().findings.front().message);
      order.poll_event =
          kernel_.schedule_after(policy.rate_limited_retry, [this, index]() { poll(index); });
      return;
    } else {
      refuse(index, "validate now", asked.error().reason(), asked.error().code,
             asked.error().findings.front().message);
      order.polling = false;
      return;
    }
  }
  order.poll_event = kernel_.schedule_after(order.poll_interval, [this, index]() { poll(index); });
  order.poll_interval = policy.next_interval(order.poll_interval);
}

void Platform::cancel(std::string_view ref) {
  const std::size_t index = index_of(ref);
  Order& order = *orders_[index];
  const OrderPlan& plan = *plans_[order.plan];
  if (plan.years > 1 && result_of(order).cycle > 1) {
    const mockca::Reason reason = mockca::Reason::OrderCancelFailedMulti;
    refuse(index, "cancel", reason, mockca::reseller_error_code(reason),
           "certificate " + std::to_string(result_of(order).cycle) + " of a " +
               std::to_string(plan.years) + "-year plan");
    return;
  }
  if (!allowed(index, OrderEvent::CancelRequested, "cancel")) return;
  const auto done = ca_.cancel(result_of(order).ca_order_id);
  if (!done) {
    refuse(index, "cancel", done.error().reason(), done.error().code,
           done.error().findings.front().message);
    return;
  }
  apply(index, OrderEvent::CancelRequested, [] { return "the applicant cancelled the review"; }, order.status_msg);
}

void Platform::resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>& organization) {
  const std::size_t index = index_of(ref);
  Order& order = *orders_[index];
  if (!allowed(index, OrderEvent::Resubmit, "resubmit")) return;
  const auto done = ca_.resubmit(result_of(order).ca_order_id, organization);
  if (!done) {
    refuse(index, "resubmit", done.error().reason(), done.error().code,
           done.error().findings.front().message);
    return;
  }
  result_of(order).record_resubmission(kernel_.now());
  apply(index, OrderEvent::Resubmit,
        [&] { return "resubmission " + std::to_string(result_of(order).resubmissions) +
                     (organization ? " with corrected organization" : ""); },
        mockca::StatusMsg::None);
}

void Platform::reissue(std::string_view ref, const std::optional<mockca::CsrInput>& csr,
                       std::optional<mockca::VerifyType> verify_type) {
  const std::size_t index = index_of(ref);
  Order& order = *orders_[index];
  if (order.replaced) {
    const mockca::Reason reason = mockca::Reason::OrderAlreadyReplaced;
    refuse(index, "reissue", reason, mockca::reseller_error_code(reason),
           "the certificate was reissued already");
    return;
  }
  if (!allowed(index, OrderEvent::ReissueRequested, "reissue")) return;
  mockca::ReissueRequest request;
  request.order_ref = result_of(order).ref + "/reissue";
  request.csr = csr.value_or(order.csr);
  request.verify_type = verify_type.value_or(result_of(order).verify_type);
  auto receipt = ca_.reissue(result_of(order).ca_order_id, request);
  if (!receipt) {
    refuse(index, "reissue", receipt.error().reason(), receipt.error().code,
           receipt.error().findings.front().message);
    return;
  }
  apply(index, OrderEvent::ReissueRequested, [&] { return "reissue " + receipt.value().order_id; },
        mockca::StatusMsg::None);
  const std::size_t child = create(order.plan, OrderOrigin::Reissue, request.order_ref,
                                   result_of(order).ref, result_of(order).cycle, request.csr,
                                   *request.verify_type);
  Order& reissued = *orders_[child];
  const Status pending = result_of(reissued).status;
  result_of(reissued).history.push_back({kernel_.now(), pending, mockca::StatusMsg::None, "", std::nullopt});
  trace(reissued, TraceKind::Created, pending, std::nullopt,
        [&] { return "reissue of " + result_of(order).ref; });
  accept(child, std::move(receipt.value()));
}

void Platform::revoke(std::string_view ref, mockca::RevocationReason reason) {
  const std::size_t index = index_of(ref);
  Order& order = *orders_[index];
  if (!allowed(index, OrderEvent::RevokeRequested, "revoke")) return;
  const auto done = ca_.revoke(result_of(order).ca_order_id, reason);
  if (!done) {
    refuse(index, "revoke", done.error().reason(), done.error().code,
           done.error().findings.front().message);
    return;
  }
  apply(index, OrderEvent::RevokeRequested, [&] { return "reason " + std::string(mockca::reason_name(reason)); },
        mockca::StatusMsg::None);
}

void Platform::renew(std::string_view ref) {
  const std::size_t index = index_of(ref);
  Order& order = *orders_[index];
  const sim::Instant now = kernel_.now();
  // A free certificate's renewal window is ApplyCertificate's to enforce (OldCertificateId).
  if (result_of(order).certificate && result_of(order).product == Product::Paid) {
    const sim::Instant opens = mockca::expiry_of(result_of(order).certificate->not_after) - settings_.renewal_window;
    if (now < opens) {
      const mockca::Reason reason = mockca::Reason::OrderRenewalOutsideWindow;
      refuse(index, "renew", reason, mockca::reseller_error_code(reason),
             "renewal opens at " + sim::format_instant(opens));
      return;
    }
  }
  if (!allowed(index, OrderEvent::Renew, "renew")) return;
  const std::string renewal = result_of(order).ref + "/renewal";
  apply(index, OrderEvent::Renew, [&] { return "renewal order " + renewal; }, mockca::StatusMsg::None);
  const std::size_t child = create(order.plan, OrderOrigin::Renewal, renewal, result_of(order).ref, 1,
                                   order.csr, result_of(order).verify_type);
  place_and_submit(child);
}

void Platform::next_cycle(std::size_t index) {
  Order& order = *orders_[index];
  const int cycle = result_of(order).cycle + 1;
  const std::size_t child =
      create(order.plan, OrderOrigin::MultiYear, order.root + "/" + std::to_string(cycle),
             result_of(order).ref, cycle, order.csr, result_of(order).verify_type);
  Order& next = *orders_[child];
  next.root = order.root;
  next.coverage_end = order.coverage_end;
  place_and_submit(child);
}

void Platform::expire(std::size_t index) {
  Order& order = *orders_[index];
  if (result_of(order).status != Status::Issued) return;
  apply(index, OrderEvent::Expire, [] { return "notAfter passed"; }, mockca::StatusMsg::None);
}

void Platform::notify_expiry(std::size_t index, int days) {
  Order& order = *orders_[index];
  OrderResult& result = result_of(order);
  if (result.status != Status::Issued || order.replaced) return;
  if (result.expiry_notices.empty()) result.expiry_notices.reserve(settings_.expiry_notice_days.size());
  result.expiry_notices.push_back(kernel_.now());
  trace(order, TraceKind::ExpiryNotice, std::nullopt, std::nullopt,
        [&] { return "the certificate expires in " + std::to_string(days) + " day(s), at " +
                     sim::format_instant(result.certificate->not_after); });
}

}  // namespace casim::order
