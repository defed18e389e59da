// End to end, what happens after issuance: reissue (the original shows 11 until the reissue is
// issued), revoke, a cancel refused once issued, renewal inside and outside the domain-data reuse
// window and outside the 30-day renewal window, and a multi-year plan (successive certificates,
// each within the BR validity of its date, domain validation redone when reused data expires, a
// cancel refused after the first year). On the `none` calendar (09:00–17:00 UTC, weekends off,
// any year), so that runs can reach 2027 and 2028.
#include "casim/mockca/validity_policy.hpp"
#include "e2e_support.hpp"

BOOST_AUTO_TEST_SUITE(test_e2e_lifecycle)

using namespace casim;
using namespace casim::order;
using namespace casim::order::e2e;

namespace {

// Monday 2026-09-14 09:00 UTC; pre-review (4 business hours) ends 13:00; issued 13:02.
const sim::Instant kStart = at("2026-09-14T09:00:00Z");
const sim::Instant kIssued = at("2026-09-14T13:02:00Z");

RunConfig none_config(sim::Instant start = kStart) {
  RunConfig config = base_config(start);
  const sim::Calendar none = sim::CalendarLibrary{}.load("none");
  config.ca.pre_review_calendar = none;
  config.ca.review_calendar = none;
  return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reissue_replaces_the_certificate_and_the_original_shows_reissuing) {
  OrderPlan plan = dv_plan("dv-reissue", "shop.example.com");
  plan.reissue = ReissuePlan{Timing::after(kDay), std::nullopt, std::nullopt};
  const RunResult result = run_one(none_config(), plan);
  const OrderResult& original = order_of(result, "dv-reissue");
  const OrderResult& reissue = order_of(result, "dv-reissue/reissue");
  BOOST_TEST(original.outcome == Outcome::Issued);
  BOOST_TEST(original.status_sequence() ==
                 statuses({Status::PendingSubmission, Status::UnderReview, Status::Issued,
                           Status::Reissuing, Status::Issued, Status::Expired}),
             boost::test_tools::per_element());
  BOOST_TEST(reached(original, Status::Reissuing) == kIssued + kDay);
  BOOST_TEST(reissue.origin == OrderOrigin::Reissue);
  BOOST_TEST(reissue.parent == "dv-reissue");
  BOOST_TEST(reissue.outcome == Outcome::Issued);
  // Domain validation reused: nothing to publish; pre-review 13:02 Tuesday + 4 business hours
  // ends Wednesday 09:02; issued 09:04.
  BOOST_TEST(events(result, "dv-reissue/reissue", TraceStage::Platform, TraceKind::ApplicantPublished).empty());
  BOOST_TEST(reached(reissue, Status::Issued) == at("2026-09-16T09:04:00Z"));
  const auto ended = std::find_if(original.history.begin(), original.history.end(),
                                  [](const StatusChange& change) {
                                    return change.event == OrderEvent::ReissueEnded;
                                  });
  BOOST_TEST_REQUIRE((ended != original.history.end()));
  BOOST_TEST(ended->at == at("2026-09-16T09:04:00Z"));
  BOOST_TEST(reissue.certificate->serial != original.certificate->serial);
  // Notices go out for the reissued certificate only.
  BOOST_TEST(original.expiry_notices.empty());
  BOOST_TEST(reissue.expiry_notices.size() == 3u);
}

BOOST_AUTO_TEST_CASE(revoke_and_a_cancel_refused_once_issued) {
  OrderPlan plan = dv_plan("dv-revoke", "shop.example.com");
  plan.cancel = CancelPlan{Timing::after(kDay), 1};
  plan.revoke = RevokePlan{Timing::after(2 * kDay), mockca::RevocationReason::KeyCompromise};
  const RunResult result = run_one(none_config(), plan);
  const OrderResult& order = order_of(result, "dv-revoke");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(order.status_sequence() ==
                 statuses({Status::PendingSubmission, Status::UnderReview, Status::Issued,
                           Status::Revoking, Status::Revoked}),
             boost::test_tools::per_element());
  BOOST_TEST(reached(order, Status::Revoked) == kIssued + 2 * kDay);
  BOOST_TEST(order.certificate->revoked_at == std::optional(kIssued + 2 * kDay));
  BOOST_TEST_REQUIRE(order.refusals.size() == 1u);
  BOOST_TEST(order.refusals.front().action == "cancel");
  BOOST_TEST(order.refusals.front().at == kStart + kDay);
  BOOST_TEST(order.refusals.front().error_code == "FailedOperation.CertificateNotFoundOrCantCancel");
  BOOST_TEST(events(result, "dv-revoke", TraceStage::Platform, TraceKind::Refused).size() == 1u);
  // A revoked certificate gets no expiry notices.
  BOOST_TEST(order.expiry_notices.empty());
}

BOOST_AUTO_TEST_CASE(renewal_inside_and_outside_the_domain_reuse_window) {
  RunConfig config = none_config();
  config.limits.horizon = 400 * kDay;
  // Issued 2026-09-14T13:02Z, valid 200 days to 2027-04-02T13:01:59Z; renewed 25 days before:
  // Monday 2027-03-08, while domain data is reusable for 200 days (175 have passed).
  OrderPlan inside = dv_plan("renew-inside", "shop.example.com");
  inside.renew = RenewPlan{25 * kDay};
  // Issued 2026-10-05T13:02Z, to 2027-04-23T13:01:59Z; renewed 20 days before: Saturday
  // 2027-04-03, when domain data is reusable for 100 days only (180 have passed).
  OrderPlan outside = dv_plan("renew-outside", "portal.example.com");
  outside.placed = Timing::at(at("2026-10-05T09:00:00Z"));
  outside.renew = RenewPlan{20 * kDay};
  // Renewal asked 45 days before expiry: outside the 30-day renewal window.
  OrderPlan early = dv_plan("renew-early", "www.example.com");
  early.renew = RenewPlan{45 * kDay};
  config.orders = {inside, outside, early};
  const RunResult result = run_simulation(config);

  const OrderResult& renewed = order_of(result, "renew-inside/renewal");
  BOOST_TEST(renewed.origin == OrderOrigin::Renewal);
  BOOST_TEST(renewed.parent == "renew-inside");
  BOOST_TEST(renewed.history.front().at == at("2027-03-08T13:02:00Z"));
  BOOST_TEST(events(result, "renew-inside/renewal", TraceStage::Platform, TraceKind::ApplicantPublished).empty());
  // Pre-review: 13:02 + 4 business hours = Tuesday 09:02; issued 2 minutes later.
  BOOST_TEST(reached(renewed, Status::Issued) == at("2027-03-09T09:04:00Z"));
  BOOST_TEST(renewed.certificate->days == 200);

  const OrderResult& revalidated = order_of(result, "renew-outside/renewal");
  BOOST_TEST(revalidated.history.front().at == at("2027-04-03T13:02:00Z"));
  BOOST_TEST(events(result, "renew-outside/renewal", TraceStage::Platform, TraceKind::ApplicantPublished).size() == 1u);
  // Pre-review from Saturday: Monday 09:00 + 4 business hours = 13:00; validated; issued 13:02.
  BOOST_TEST(reached(revalidated, Status::Issued) == at("2027-04-05T13:02:00Z"));
  BOOST_TEST(revalidated.certificate->days == 100);  // the BR maximum from 2027-03-15

  const OrderResult& refused = order_of(result, "renew-early");
  BOOST_TEST(result.find("renew-early/renewal") == nullptr);
  BOOST_TEST_REQUIRE(refused.refusals.size() == 1u);
  BOOST_TEST(refused.refusals.front().reason == Reason::OrderRenewalOutsideWindow);
  BOOST_TEST(refused.refusals.front().at == refused.certificate->not_after + sim::kSecond - 45 * kDay);
}

BOOST_AUTO_TEST_CASE(a_multi_year_plan_issues_successive_certificates) {
  RunConfig config = none_config();
  config.limits.horizon = 1000 * kDay;
  OrderPlan plan = dv_plan("multi", "shop.example.com");
  plan.years = 2;
  plan.cancel = CancelPlan{Timing::after(kHour), 2};
  const RunResult result = run_one(config, plan);
  BOOST_TEST(result.stop == RunStop::Completed);

  std::vector<const OrderResult*> cycles;
  for (const auto& order : result.orders) cycles.push_back(&order);
  BOOST_TEST_REQUIRE(cycles.size() == 8u);
  const sim::Instant coverage_end = cycles.front()->certificate->not_before + 730 * kDay;
  for (std::size_t i = 0; i < cycles.size(); ++i) {
    const OrderResult& cycle = *cycles[i];
    BOOST_TEST_CONTEXT("certificate " << i + 1) {
      BOOST_TEST(cycle.cycle == static_cast<int>(i) + 1);
      BOOST_TEST(cycle.outcome == Outcome::Issued);
      BOOST_TEST_REQUIRE(cycle.certificate.has_value());
      BOOST_TEST(cycle.certificate->days <= mockca::max_validity_days(cycle.certificate->not_before));
      if (i > 0) {
        BOOST_TEST(cycle.origin == OrderOrigin::MultiYear);
        BOOST_TEST(cycle.ref == "multi/" + std::to_string(i + 1));
        // Ordered 30 days before the previous certificate expires, issued before it does.
        BOOST_TEST(cycle.history.front().at == cycles[i - 1]->certificate->not_after + sim::kSecond - 30 * kDay);
        BOOST_TEST(cycle.certificate->not_before < cycles[i - 1]->certificate->not_after);
      }
    }
  }
  BOOST_TEST(cycles.back()->certificate->not_after >= coverage_end);
  BOOST_TEST(cycles[6]->certificate->not_after < coverage_end);
  // Certificate 2 (2027-03-03) reuses the domain validation of 2026-09-14 (200-day reuse);
  // certificate 3 (2027-08-21) needs it again (100-day reuse from 2027-03-15).
  BOOST_TEST(events(result, "multi/2", TraceStage::Platform, TraceKind::ApplicantPublished).empty());
  BOOST_TEST(events(result, "multi/3", TraceStage::Platform, TraceKind::ApplicantPublished).size() == 1u);
  BOOST_TEST(reached(*cycles[1], Status::Issued) == at("2027-03-04T09:04:00Z"));
  BOOST_TEST(cycles[1]->certificate->days == 200);
  BOOST_TEST(reached(*cycles[2], Status::Issued) == at("2027-08-23T13:02:00Z"));
  BOOST_TEST(cycles[2]->certificate->days == 100);
  // The cancel planned for certificate 2 is refused: multi-year reviews cannot be cancelled
  // after the first year.
  BOOST_TEST_REQUIRE(cycles[1]->refusals.size() == 1u);
  BOOST_TEST(cycles[1]->refusals.front().reason == Reason::OrderCancelFailedMulti);
  BOOST_TEST(cycles[1]->refusals.front().error_code == "FailedOperation.CertificateCancelFailedMulti");
}

BOOST_AUTO_TEST_CASE(resubmit_is_refused_after_a_validation_timeout) {
  OrderPlan plan = dv_plan("dv-timeout", "shop.example.com");
  plan.publish.kind = PublishKind::Never;
  plan.resubmit.enabled = true;
  const RunResult result = run_one(none_config(), plan);
  const OrderResult& order = order_of(result, "dv-timeout");
  BOOST_TEST(order.outcome == Outcome::Failed);
  BOOST_TEST_REQUIRE(order.refusals.size() == 1u);
  BOOST_TEST(order.refusals.front().action == "resubmit");
  BOOST_TEST(order.refusals.front().error_code == "FailedOperation.CertificateStatusNotAllowResubmit");
  BOOST_TEST(order.resubmissions == 0);
  BOOST_TEST(has_reason(order, Reason::DcvTimedOut));
}

BOOST_AUTO_TEST_SUITE_END()  // test_e2e_lifecycle
