// The free DV product end to end through run_simulation: the platform applies (ApplyCertificate)
// from Status 13, the CA validates at once without pre-review and issues 90 days; the renewal is a
// new free order naming the old certificate, taken within 30 days of its expiry and refused
// earlier by the CA (not by the platform's own window).
#include "e2e_support.hpp"

BOOST_AUTO_TEST_SUITE(test_e2e_free)

using namespace casim;
using namespace casim::order;
using namespace casim::order::e2e;

namespace {

// Monday 2026-09-14 09:00 UTC on the `none` calendar.
const sim::Instant kStart = at("2026-09-14T09:00:00Z");

RunConfig none_config() {
  RunConfig config = base_config(kStart);
  const sim::Calendar none = sim::CalendarLibrary{}.load("none");
  config.ca.pre_review_calendar = none;
  config.ca.review_calendar = none;
  config.limits.horizon = 120 * kDay;
  return config;
}

OrderPlan free_plan(std::string ref, std::string name, sim::Duration renew_before) {
  OrderPlan plan = dv_plan(std::move(ref), std::move(name));
  plan.product = Product::FreeDv;
  plan.renew = RenewPlan{renew_before};
  return plan;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_free_order_and_its_renewal) {
  RunConfig config = none_config();
  config.orders = {free_plan("free", "www.example.com", 20 * kDay),
                   free_plan("free-early", "shop.example.com", 40 * kDay)};
  const RunResult result = run_simulation(config);

  // Applied at 09:00, no pre-review: the check at once misses the record the applicant publishes
  // on the receipt; the platform's validate-now at 09:05 still meets the cached NXDOMAIN and moves
  // the CA's recheck to 09:15, which passes; signed at 09:17 for 90 days.
  const OrderResult& free = order_of(result, "free");
  BOOST_TEST((free.product == Product::FreeDv));
  BOOST_TEST(free.status_sequence() ==
                 statuses({Status::FreePendingSubmission, Status::UnderReview, Status::Issued, Status::Expired}),
             trace_text(result, "free"));
  BOOST_TEST(reached(free, Status::Issued) == at("2026-09-14T09:17:00Z"));
  BOOST_TEST_REQUIRE(free.certificate.has_value());
  BOOST_TEST(free.certificate->days == 90);
  BOOST_TEST(free.certificate->not_after == at("2026-12-13T09:16:59Z"));
  BOOST_TEST(!free.timing(Stage::PreReview).entered());

  // Renewed 20 days before expiry: a free order naming the old certificate, its domain data reused.
  const OrderResult& renewal = order_of(result, "free/renewal");
  BOOST_TEST((renewal.origin == OrderOrigin::Renewal));
  BOOST_TEST((renewal.product == Product::FreeDv));
  BOOST_TEST(renewal.history.front().status == Status::FreePendingSubmission);
  BOOST_TEST(renewal.history.front().at == at("2026-11-23T09:17:00Z"));
  BOOST_TEST(reached(renewal, Status::Issued) == at("2026-11-23T09:19:00Z"), trace_text(result, "free/renewal"));
  BOOST_TEST(renewal.certificate->days == 90);

  // 40 days before expiry: the CA refuses the renewal (the platform leaves the window to it).
  const OrderResult& early = order_of(result, "free-early/renewal");
  BOOST_TEST((early.outcome == Outcome::Rejected));
  BOOST_TEST(early.status == Status::FreePendingSubmission);
  BOOST_TEST((early.reasons == std::vector<mockca::Reason>{Reason::FreeRenewalTooEarly}));
  BOOST_TEST(order_of(result, "free-early").refusals.empty());
  BOOST_TEST((result.stop == RunStop::Completed));
}

BOOST_AUTO_TEST_SUITE_END()  // test_e2e_free
