// End to end, OV and EV orders through the manual review: the happy paths with exact completion
// instants on the China calendar, calls unanswered then confirmed, refused, a wrong number, an
// inactive organization, EV without operational existence, a validation timeout, CAA changed
// during a long review, cancelling during the review, and resubmitting after a failed review.
#include "e2e_support.hpp"

BOOST_AUTO_TEST_SUITE(test_e2e_review)

using namespace casim;
using namespace casim::order;
using namespace casim::order::e2e;

namespace {

// Submitted Monday 2026-09-14 09:00 Beijing; pre-review ends 13:00 (05:00Z); the review (3
// business days for OV) starts then, beside domain validation (which passes at once).
const sim::Instant kPreReviewEnd = at("2026-09-14T05:00:00Z");
const sim::Instant kOvReviewEnd = at("2026-09-17T05:00:00Z");  // Thursday 13:00 Beijing

void set_line(RunConfig& config, sim::world::PhoneLine line) {
  config.world.phones.set_line(kListedPhone, at("2026-01-01T00:00:00Z"), std::move(line));
}

}  // namespace

BOOST_AUTO_TEST_CASE(ov_is_issued_when_review_and_validation_pass) {
  const RunResult result = run_one(base_config(kMonday), ov_plan("ov-shop", "shop.example.com"));
  const OrderResult& order = order_of(result, "ov-shop");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(order.status_sequence() ==
                 statuses({Status::PendingSubmission, Status::UnderReview, Status::Issued, Status::Expired}),
             boost::test_tools::per_element());
  BOOST_TEST(reached(order, Status::UnderReview, mockca::StatusMsg::PreReviewing) == kMonday);
  BOOST_TEST(reached(order, Status::UnderReview, mockca::StatusMsg::CaReviewing).has_value());
  BOOST_TEST(reached(order, Status::UnderReview, mockca::StatusMsg::WaitIssue) == kOvReviewEnd);
  BOOST_TEST(reached(order, Status::Issued) == kOvReviewEnd + 2 * kMinute);

  BOOST_TEST(order.timing(Stage::PreReview).calendar == 4 * kHour);
  BOOST_TEST(order.timing(Stage::Review).calendar == 3 * kDay);
  BOOST_TEST(*order.timing(Stage::Review).business == 27 * kHour);  // 3 days of 09:00–18:00
  BOOST_TEST(order.timing(Stage::DomainValidation).calendar == sim::Duration::zero());
  BOOST_TEST(order.timing(Stage::TotalToIssue).calendar == 3 * kDay + 4 * kHour + 2 * kMinute);
  BOOST_TEST(*order.timing(Stage::TotalToIssue).business == 31 * kHour + 2 * kMinute);
  BOOST_TEST_REQUIRE(order.certificate.has_value());
  BOOST_TEST(order.certificate->policy_oid == "2.23.140.1.2.2");
  BOOST_TEST(!order.certificate->signed_certificate);
  BOOST_TEST(order.certificate->sha256_fingerprint.empty());
}

BOOST_AUTO_TEST_CASE(ev_is_issued_after_five_business_days) {
  const RunResult result = run_one(base_config(kMonday), ev_plan("ev-shop", "shop.example.com"));
  const OrderResult& order = order_of(result, "ev-shop");
  BOOST_TEST(order.outcome == Outcome::Issued);
  // Five business days from Monday 13:00: Tuesday to Friday, then Sunday 2026-09-20, a make-up
  // working day for National Day → Sunday 13:00 Beijing.
  BOOST_TEST(reached(order, Status::Issued) == at("2026-09-20T05:02:00Z"));
  BOOST_TEST(*order.timing(Stage::Review).business == 45 * kHour);
  BOOST_TEST(order.certificate->policy_oid == "2.23.140.1.1");
}

BOOST_AUTO_TEST_CASE(calls_unanswered_then_confirmed_pass_the_review) {
  RunConfig config = base_config(kMonday);
  set_line(config, sim::world::PhoneLine::scripted(
                       {sim::world::CallResult::NoAnswer, sim::world::CallResult::Busy},
                       sim::world::ScriptEnd::answer(sim::world::CallResult::Confirmed)));
  const RunResult result = run_one(config, ov_plan("ov-calls", "shop.example.com"));
  const OrderResult& order = order_of(result, "ov-calls");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(events(result, "ov-calls", TraceStage::Review, TraceKind::Call).size() == 3u);
  // The calls fit in the three business days: the review ends when they are over.
  BOOST_TEST(reached(order, Status::Issued) == kOvReviewEnd + 2 * kMinute);
}

BOOST_AUTO_TEST_CASE(review_failures_carry_their_reasons) {
  struct Case {
    const char* ref;
    sim::world::CallResult answer;
    Reason reason;
  };
  for (const Case& c : {Case{"ov-refused", sim::world::CallResult::Refused, Reason::ReviewCallRefused},
                        Case{"ov-wrong-number", sim::world::CallResult::WrongNumber, Reason::ReviewWrongNumber}}) {
    BOOST_TEST_CONTEXT(c.ref) {
      RunConfig config = base_config(kMonday);
      set_line(config, sim::world::PhoneLine::always(c.answer));
      const RunResult result = run_one(config, ov_plan(c.ref, "shop.example.com"));
      const OrderResult& order = order_of(result, c.ref);
      BOOST_TEST(order.outcome == Outcome::Failed);
      BOOST_TEST(order.reasons.front() == c.reason);
      BOOST_TEST(order.status_sequence() ==
                     statuses({Status::PendingSubmission, Status::UnderReview, Status::ReviewFailed}),
                 boost::test_tools::per_element());
      // A failure is reported when the drawn review duration is over.
      BOOST_TEST(reached(order, Status::ReviewFailed) == kOvReviewEnd);
      BOOST_TEST(order.history.back().text.find("information failed CA review") == 0u);
    }
  }
  RunConfig inactive = base_config(kMonday);
  inactive.world.registry.set_status(kRegistration, at("2026-06-01T00:00:00Z"),
                                     sim::world::RegistryStatus::Inactive);
  const RunResult result = run_one(inactive, ov_plan("ov-inactive", "shop.example.com"));
  BOOST_TEST(order_of(result, "ov-inactive").outcome == Outcome::Failed);
  BOOST_TEST(order_of(result, "ov-inactive").reasons.front() == Reason::ReviewOrganizationInactive);
}

BOOST_AUTO_TEST_CASE(ev_needs_operational_existence) {
  RunConfig config = base_config(kMonday);
  config.world.registry = sim::world::OrganizationRegistry{};
  sim::world::Organization org = acme();
  org.registration_date = sim::parse_date("2025-01-10");  // under 3 years, no other evidence
  config.world.registry.add(org);
  const RunResult result = run_one(config, ev_plan("ev-young", "shop.example.com"));
  const OrderResult& order = order_of(result, "ev-young");
  BOOST_TEST(order.outcome == Outcome::Failed);
  BOOST_TEST(has_reason(order, Reason::ReviewEvOperationalExistence));
  BOOST_TEST(order.status == Status::ReviewFailed);
}

BOOST_AUTO_TEST_CASE(ov_domain_validation_times_out_after_thirty_days) {
  OrderPlan plan = ov_plan("ov-no-record", "shop.example.com");
  plan.publish.kind = PublishKind::Never;
  const RunResult result = run_one(base_config(kMonday), plan);
  const OrderResult& order = order_of(result, "ov-no-record");
  BOOST_TEST(order.outcome == Outcome::Failed);
  BOOST_TEST(has_reason(order, Reason::DcvTimedOut));
  BOOST_TEST(reached(order, Status::ReviewFailed) == kPreReviewEnd + 30 * kDay);
  // The review passed meanwhile; the order waited for domain validation.
  BOOST_TEST(order.timing(Stage::Review).calendar == 3 * kDay);
  BOOST_TEST(order.timing(Stage::DomainValidation).calendar == 30 * kDay);
}

BOOST_AUTO_TEST_CASE(caa_changed_during_a_long_review_fails_at_the_issuance_gate) {
  RunConfig config = base_config(kMonday);
  config.world.dns.add_record(at("2026-09-15T08:00:00Z"),
                              sim::world::DnsRecord::caa("example.com", 0, "issue", "otherca.example"));
  const RunResult result = run_one(config, ov_plan("ov-caa", "shop.example.com"));
  const OrderResult& order = order_of(result, "ov-caa");
  BOOST_TEST(order.outcome == Outcome::Failed);
  BOOST_TEST(order.reasons.front() == Reason::CaaForbidden);
  BOOST_TEST(reached(order, Status::ReviewFailed) == kOvReviewEnd + 2 * kMinute);
  const auto stale = events(result, "ov-caa", TraceStage::Caa, TraceKind::Stale);
  BOOST_TEST_REQUIRE(stale.size() == 1u);
  BOOST_TEST(stale.front().at == kOvReviewEnd + 2 * kMinute);
}

BOOST_AUTO_TEST_CASE(cancel_during_review) {
  OrderPlan plan = ov_plan("ov-cancel", "shop.example.com");
  plan.cancel = CancelPlan{Timing::after(kDay), 1};
  const RunResult result = run_one(base_config(kMonday), plan);
  const OrderResult& order = order_of(result, "ov-cancel");
  BOOST_TEST(order.outcome == Outcome::Cancelled);
  BOOST_TEST(order.status_sequence() ==
                 statuses({Status::PendingSubmission, Status::UnderReview, Status::Cancelling,
                           Status::Cancelled}),
             boost::test_tools::per_element());
  BOOST_TEST(reached(order, Status::Cancelling) == kMonday + kDay);
  BOOST_TEST(reached(order, Status::Cancelled) == kMonday + kDay);
  BOOST_TEST(has_reason(order, Reason::OrderCancelled));
  BOOST_TEST(!order.certificate.has_value());
  BOOST_TEST(order.timing(Stage::Review).calendar == kDay - 4 * kHour);
}

BOOST_AUTO_TEST_CASE(a_failed_review_is_resubmitted_and_passes) {
  RunConfig config = base_config(kMonday);
  std::vector<sim::world::PhoneAnswer> unanswered(5, sim::world::CallResult::NoAnswer);
  set_line(config, sim::world::PhoneLine::scripted(
                       unanswered, sim::world::ScriptEnd::answer(sim::world::CallResult::Confirmed)));
  OrderPlan plan = ov_plan("ov-resubmit", "shop.example.com");
  plan.resubmit.enabled = true;
  plan.resubmit.delay = kHour;
  const RunResult result = run_one(config, plan);
  const OrderResult& order = order_of(result, "ov-resubmit");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(order.resubmissions == 1);
  BOOST_TEST(order.status_sequence() ==
                 statuses({Status::PendingSubmission, Status::UnderReview, Status::ReviewFailed,
                           Status::UnderReview, Status::Issued, Status::Expired}),
             boost::test_tools::per_element());
  const auto failed_at = reached(order, Status::ReviewFailed);
  BOOST_TEST_REQUIRE(failed_at.has_value());
  const auto& failure = *std::find_if(order.history.begin(), order.history.end(),
                                      [](const StatusChange& c) { return c.status == Status::ReviewFailed; });
  BOOST_TEST(failure.text.find("information failed CA review") == 0u);
  BOOST_TEST(order.timing(Stage::Review).intervals == 2);
  BOOST_TEST(events(result, "ov-resubmit", TraceStage::Review, TraceKind::Call).size() == 6u);
  // Five unanswered calls; the review fails when its 3 business days are over, Thursday
  // 2026-09-17 13:00 Beijing. Resubmitted an hour later (14:00), domain validation kept: the new
  // review (one confirmed call) takes 3 business days — Friday, Sunday 20th (a make-up working
  // day), Monday — to 14:00 Monday 21st; signed 2 minutes later.
  BOOST_TEST(*failed_at == kOvReviewEnd);
  const auto resubmitted = std::find_if(order.history.begin(), order.history.end(),
                                        [](const StatusChange& c) { return c.event == OrderEvent::Resubmit; });
  BOOST_TEST_REQUIRE((resubmitted != order.history.end()));
  BOOST_TEST(resubmitted->at == *failed_at + kHour);
  BOOST_TEST(reached(order, Status::Issued) == at("2026-09-21T06:02:00Z"));
  // Issue 17, defect 5: the issued order still says why its first attempt failed.
  BOOST_TEST(order.reasons.empty());
  BOOST_TEST_REQUIRE(order.earlier_attempts.size() == 1u);
  const Attempt& first = order.earlier_attempts.front();
  BOOST_TEST(first.started_at == order.submitted_at);
  BOOST_TEST(first.ended_at == *failed_at);
  BOOST_TEST(first.resubmitted_at == *failed_at + kHour);
  BOOST_TEST(first.status == Status::ReviewFailed);
  BOOST_TEST(first.reasons == std::vector<Reason>{Reason::ReviewNoAnswerAfterRetries}, boost::test_tools::per_element());
  BOOST_TEST(first.text == failure.text);
}

BOOST_AUTO_TEST_SUITE_END()  // test_e2e_review
