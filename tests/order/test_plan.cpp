// OrderPlan logic: timings relative to an anchor or fixed, the polling back-off, the names known
// before submission, and the checks that refuse impossible plans with the field named.
#include <boost/test/unit_test.hpp>

#include "casim/order/plan.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_plan)


using namespace casim;
using namespace casim::order;

namespace {

const sim::Instant kAnchor = sim::parse_instant("2026-09-29T02:00:00Z");

OrderPlan good_plan() {
  OrderPlan plan;
  plan.ref = "dv-shop";
  plan.csr.emplace<mockca::OnlineCsr>(mockca::KeySpec{}, "shop.example.com",
                                     std::vector<std::string>{"www.shop.example.com"}, std::nullopt);
  plan.domain_count = 2;
  return plan;
}

std::string refusal_of(const OrderPlan& plan) {
  try {
    check_plan(plan, "orders[0]");
  } catch (const InputError& error) {
    return error.where();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(timings_resolve_relative_or_fixed_never_in_the_past) {
  BOOST_TEST(Timing::after(sim::kHour).resolve(kAnchor, kAnchor) == kAnchor + sim::kHour);
  const sim::Instant fixed = sim::parse_instant("2026-10-08T01:00:00Z");
  BOOST_TEST(Timing::at(fixed).resolve(kAnchor, kAnchor) == fixed);
  // A fixed instant already past when the action comes due: at once.
  BOOST_TEST(Timing::at(kAnchor - sim::kDay).resolve(kAnchor, kAnchor + sim::kMinute) ==
             kAnchor + sim::kMinute);
}

BOOST_AUTO_TEST_CASE(polling_backs_off_up_to_its_maximum) {
  PollingPolicy policy;
  policy.interval = sim::kMinute * 10;
  policy.backoff = 2;
  policy.max_interval = sim::kMinute * 30;
  sim::Duration interval = policy.interval;
  std::vector<sim::Duration> seen;
  for (int i = 0; i < 4; ++i) {
    interval = policy.next_interval(interval);
    seen.push_back(interval);
  }
  const std::vector<sim::Duration> expected{sim::kMinute * 20, sim::kMinute * 30, sim::kMinute * 30,
                                            sim::kMinute * 30};
  BOOST_TEST(seen == expected, boost::test_tools::per_element());
  policy.backoff = 1;
  BOOST_TEST(policy.next_interval(sim::kMinute * 10) == sim::kMinute * 10);
}

BOOST_AUTO_TEST_CASE(online_csr_names_are_known_before_submission) {
  const auto names = planned_names(good_plan());
  const std::vector<std::string> expected{"shop.example.com", "www.shop.example.com"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(planned_name_count(good_plan()) == 2u);
  OrderPlan pasted = good_plan();
  pasted.csr = mockca::PastedCsr{"-----BEGIN CERTIFICATE REQUEST-----", ""};
  BOOST_TEST(planned_names(pasted).empty());
  BOOST_TEST(planned_name_count(pasted) == 0u);
}

BOOST_AUTO_TEST_CASE(impossible_plans_are_refused_naming_the_field) {
  BOOST_TEST(refusal_of(good_plan()).empty());
  OrderPlan plan = good_plan();
  plan.ref.clear();
  BOOST_TEST(refusal_of(plan) == "orders[0].ref");
  plan = good_plan();
  plan.years = 6;
  BOOST_TEST(refusal_of(plan) == "orders[0].years");
  plan = good_plan();
  plan.domain_count = 0;
  BOOST_TEST(refusal_of(plan) == "orders[0].domain_count");
  plan = good_plan();
  plan.polling.backoff = 0.5;
  BOOST_TEST(refusal_of(plan) == "orders[0].polling.backoff");
  plan = good_plan();
  plan.polling.max_interval = sim::kMinute;
  BOOST_TEST(refusal_of(plan) == "orders[0].polling.max_interval");
  plan = good_plan();
  plan.publish.when = Timing::after(-sim::kMinute);
  BOOST_TEST(refusal_of(plan) == "orders[0].publish.when");
  plan = good_plan();
  plan.cancel = CancelPlan{Timing::after(sim::kHour), 2};
  BOOST_TEST(refusal_of(plan) == "orders[0].cancel.cycle");
  plan.years = 2;
  BOOST_TEST(refusal_of(plan).empty());
}

BOOST_AUTO_TEST_SUITE_END()  // test_plan
