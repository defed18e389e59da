// The Applicant's steps: buying and submitting at the plan's instants, publishing validation
// records and files on its own DNS host and web server, and the later requests its plan makes.
#include "casim/order/applicant.hpp"

#include "casim/mockca/validity_policy.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include <fmt/format.h>

namespace casim::order {

using mockca::TraceKind;

namespace {

// Where the applicant puts a validation file: over HTTP, HTTPS or both, as its plan says.
std::span<const sim::world::Scheme> file_schemes(FileScheme scheme) {
  static constexpr std::array kBoth{sim::world::Scheme::Http, sim::world::Scheme::Https};
  switch (scheme) {
    case FileScheme::Http: return {kBoth.data(), 1};
    case FileScheme::Https: return {kBoth.data() + 1, 1};
    case FileScheme::Both: break;
  }
  return kBoth;
}

}  // namespace

Applicant::Applicant(sim::Kernel& kernel, mockca::Trace& trace, sim::world::World& world, OrderingService& platform)
    : kernel_(kernel), trace_(trace), world_(world), platform_(platform) {}

void Applicant::reserve(std::size_t plans) { orders_.reserve(plans); }

void Applicant::add(const OrderPlan& plan, sim::Instant run_start) {
  kernel_.schedule_at(plan.placed.resolve(run_start, kernel_.now()), [this, &plan]() {
    platform_.place(plan.ref);
    kernel_.schedule_after(plan.submit_after, [this, &plan]() { platform_.submit(plan.ref); });
  });
}

void Applicant::on_submitted(const CustomerView& order) {
  const OrderPlan& plan = *order.plan;
  const sim::Instant now = kernel_.now();
  if (order.verify_type != mockca::VerifyType::DnsAuto) {
    if (plan.publish.kind == PublishKind::Never) {
      trace(order.ref, TraceKind::ApplicantPublishesNothing, [&] { return "the applicant never adds the record or file"; });
    } else {
      schedule_publish(order, plan);
      if (plan.publish.kind == PublishKind::WrongValue && plan.publish.corrected) {
        kernel_.schedule_at(plan.publish.corrected->resolve(now, now),
                            [this, ref = order.ref, &plan]() { publish(ref, orders_[ref], plan.publish, true); });
      }
    }
  }
  const bool plan_order = order.origin == OrderOrigin::Placed || order.origin == OrderOrigin::MultiYear;
  if (plan_order && plan.cancel && plan.cancel->cycle == order.cycle) {
    kernel_.schedule_at(plan.cancel->when.resolve(now, now), [this, ref = order.ref]() { platform_.cancel(ref); });
  }
}

void Applicant::on_validation_started(const CustomerView& order) {
  if (order.verify_type == mockca::VerifyType::DnsAuto) return;
  const OrderPlan& plan = *order.plan;
  if (plan.publish.kind != PublishKind::Never) schedule_publish(order, plan);
}

void Applicant::on_issued(const CustomerView& order) {
  if (order.origin != OrderOrigin::Placed) return;
  const OrderPlan& plan = *order.plan;
  const sim::Instant now = kernel_.now();
  const std::string& ref = order.ref;
  if (plan.reissue) {
    kernel_.schedule_at(plan.reissue->when.resolve(now, now), [this, ref, &plan]() {
      platform_.reissue(ref, plan.reissue->csr, plan.reissue->verify_type);
    });
  }
  if (plan.revoke) {
    kernel_.schedule_at(plan.revoke->when.resolve(now, now),
                        [this, ref, &plan]() { platform_.revoke(ref, plan.revoke->reason); });
  }
  if (plan.renew && order.not_after) {
    const sim::Instant at = std::max(now, mockca::expiry_of(*order.not_after) - plan.renew->before_expiry);
    kernel_.schedule_at(at, [this, ref]() { platform_.renew(ref); });
  }
}

void Applicant::on_failed(const CustomerView& order) {
  const ResubmitPlan& plan = order.plan->resubmit;
  Order& mine = orders_[order.ref];
  if (!plan.enabled || mine.resubmissions >= plan.max_attempts) return;
  ++mine.resubmissions;
  kernel_.schedule_after(plan.delay, [this, ref = order.ref, &plan]() {
    platform_.resubmit(ref, plan.corrected_organization);
  });
}

void Applicant::schedule_publish(const CustomerView& order, const OrderPlan& order_plan) {
  Order& mine = orders_[order.ref];
  const bool needed = std::any_of(order.challenges.begin(), order.challenges.end(),
                                  [&mine](const mockca::DomainChallenge& challenge) {
                                    return !challenge.reused && !mine.handled_values.contains(challenge.value);
                                  });
  if (!needed || mine.publish_pending) return;
  const PublishPlan& plan = order_plan.publish;
  const bool correct = plan.kind == PublishKind::Correct;
  mine.publish_pending = true;
  const sim::Instant now = kernel_.now();
  // `mine` stays where it is: the map's entries are never removed and rehashing does not move them.
  kernel_.schedule_at(plan.when.resolve(now, now), [this, ref = order.ref, &mine, &plan, correct]() {
    mine.publish_pending = false;
    publish(ref, mine, plan, correct);
  });
}

void Applicant::publish(const std::string& ref, Order& mine, const PublishPlan& plan, bool correct) {
  const CustomerView order = platform_.view(ref);
  if (!mockca::under_review(order.status)) return;
  const sim::Instant now = kernel_.now();
  for (const auto& record : mine.published_records) world_.dns.remove_record(now, record);
  mine.published_records.clear();
  const auto value_of = [&](const mockca::DomainChallenge& challenge) -> const std::string& {
    return correct ? challenge.value : plan.wrong_value;
  };
  bool published = false;
  for (const auto& challenge : order.challenges) {
    if (challenge.reused) continue;
    mine.handled_values.insert(challenge.value);
    if (challenge.method == mockca::VerifyType::File) {
      for (const sim::world::Scheme scheme : file_schemes(plan.file_scheme)) {
        world_.web.set_path(now, scheme, challenge.domain, challenge.file_path,
                            sim::world::WebBehaviour::content(value_of(challenge)),
                            "order " + ref + " validation file");
      }
    } else {
      sim::world::DnsRecord record = mockca::challenge_record(challenge, value_of(challenge));
      world_.dns.add_record(now, record, "order " + ref + " validation record");
      mine.published_records.push_back(std::move(record));
    }
    published = true;
  }
  if (!published) return;
  trace(ref, correct ? TraceKind::ApplicantPublished : TraceKind::ApplicantPublishedWrongValue, [&] {
    std::string detail;
    for (const auto& challenge : order.challenges) {
      if (challenge.reused) continue;
      if (challenge.method == mockca::VerifyType::File) {
        for (const sim::world::Scheme scheme : file_schemes(plan.file_scheme)) {
          detail += fmt::format("{}{}://{}{} = {}", detail.empty() ? "" : "; ", sim::world::to_string(scheme),
                                challenge.domain, challenge.file_path, value_of(challenge));
        }
      } else {
        detail += (detail.empty() ? "" : "; ") +
                  sim::world::describe(mockca::challenge_record(challenge, value_of(challenge)));
      }
    }
    return detail;
  });
}

void Applicant::trace(const std::string& ref, TraceKind kind, const mockca::LazyText& detail) {
  trace_.add({kernel_.now(), ref, mockca::TraceStage::Platform, kind, std::nullopt, std::nullopt}, detail);
}

}  // namespace casim::order
