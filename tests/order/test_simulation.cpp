// The run harness: the same seed gives the same result and trace fingerprint, another seed
// another trace; the horizon and the event limit stop a run with a clear outcome; misuse and
// impossible plans are refused.
#include "e2e_support.hpp"

#include "casim/sim/error.hpp"

BOOST_AUTO_TEST_SUITE(test_simulation)

using namespace casim;
using namespace casim::order;
using namespace casim::order::e2e;

namespace {

// Default (random) pre-review and review durations, three orders.
RunConfig random_config(std::uint64_t seed) {
  RunConfig config;
  config.seed = seed;
  config.start = kMonday;
  config.world = base_world();
  config.issue_certificates = false;
  config.orders = {dv_plan("dv", "shop.example.com"), ov_plan("ov", "portal.example.com"),
                   ev_plan("ev", "www.example.com")};
  return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(same_seed_same_result) {
  const RunResult first = run_simulation(random_config(42));
  const RunResult second = run_simulation(random_config(42));
  BOOST_TEST(first.fingerprint == second.fingerprint);
  BOOST_TEST(first.trace.events() == second.trace.events());
  BOOST_TEST_REQUIRE(first.orders.size() == second.orders.size());
  for (std::size_t i = 0; i < first.orders.size(); ++i) {
    BOOST_TEST(first.orders[i].history == second.orders[i].history);
    BOOST_TEST(first.orders[i].certificate->serial == second.orders[i].certificate->serial);
  }
  for (const auto& order : first.orders) BOOST_TEST(order.outcome == Outcome::Issued);

  const RunResult other = run_simulation(random_config(43));
  BOOST_TEST(other.fingerprint != first.fingerprint);
  RunConfig next_run = random_config(42);
  next_run.run_index = 1;
  BOOST_TEST(run_simulation(next_run).fingerprint != first.fingerprint);
}

BOOST_AUTO_TEST_CASE(the_horizon_stops_a_run_with_orders_unfinished) {
  RunConfig config = base_config(kMonday);
  config.limits.horizon = kDay;
  OrderPlan plan = dv_plan("dv-stalled", "shop.example.com");
  plan.publish.kind = PublishKind::Never;
  const RunResult result = run_one(config, plan);
  BOOST_TEST(result.stop == RunStop::HorizonReached);
  BOOST_TEST(result.stopped_at == kMonday + kDay);
  const OrderResult& order = order_of(result, "dv-stalled");
  BOOST_TEST(order.outcome == Outcome::Unfinished);
  BOOST_TEST(has_reason(order, Reason::RunHorizonReached));
  // Domain validation started at 05:00Z and was still open: counted up to the horizon.
  BOOST_TEST(order.timing(Stage::DomainValidation).open);
  BOOST_TEST(order.timing(Stage::DomainValidation).calendar == 20 * kHour);
  BOOST_TEST(result.warnings.back().reason == Reason::RunHorizonReached);
}

BOOST_AUTO_TEST_CASE(the_event_limit_stops_a_run) {
  RunConfig config = base_config(kMonday);
  config.limits.max_events = 1000;
  OrderPlan plan = dv_plan("dv-busy", "shop.example.com");
  plan.publish.kind = PublishKind::Never;
  plan.polling.first_poll = sim::kSecond;
  plan.polling.interval = sim::kSecond;
  plan.polling.max_interval = sim::kSecond;
  plan.polling.backoff = 1;
  plan.polling.rate_limited_retry = sim::kSecond;
  const RunResult result = run_one(config, plan);
  BOOST_TEST(result.stop == RunStop::EventLimitReached);
  BOOST_TEST(result.events_run >= 1000u);
  BOOST_TEST(order_of(result, "dv-busy").outcome == Outcome::Unfinished);
  BOOST_TEST(has_reason(order_of(result, "dv-busy"), Reason::RunEventLimitReached));
  BOOST_TEST(result.warnings.back().reason == Reason::RunEventLimitReached);
}

BOOST_AUTO_TEST_CASE(misuse_and_impossible_plans_are_refused) {
  RunConfig signing = base_config(kMonday);
  signing.issue_certificates = true;
  BOOST_CHECK_THROW(run_simulation(signing), std::invalid_argument);

  RunConfig twice = base_config(kMonday);
  twice.orders = {dv_plan("same", "shop.example.com"), dv_plan("same", "www.example.com")};
  BOOST_CHECK_THROW(run_simulation(twice), InputError);

  RunConfig bad = base_config(kMonday);
  OrderPlan plan = dv_plan("bad", "shop.example.com");
  plan.years = 0;
  bad.orders = {plan};
  BOOST_CHECK_THROW(run_simulation(bad), InputError);
}

BOOST_AUTO_TEST_CASE(signed_runs_trace_alike) {
  // Signing draws serials from OpenSSL's CSPRNG (BR §7.1: unpredictable serials), so two signed
  // runs of one seed differ in serials and fingerprints only; their traces are the same, and the
  // same as a timing-only run's but for the platform's downloads.
  RunConfig config = random_config(42);
  config.issue_certificates = true;
  config.ca.hierarchy = &test::shared_hierarchy();
  const RunResult first = run_simulation(config);
  const RunResult second = run_simulation(config);
  BOOST_TEST(first.fingerprint == second.fingerprint);
  const RunResult timing_only = run_simulation(random_config(42));
  std::vector<mockca::TraceEvent> without_downloads;
  for (const auto& event : first.trace.events()) {
    if (event.kind != mockca::TraceKind::Download) without_downloads.push_back(event);
  }
  BOOST_TEST(without_downloads == timing_only.trace.events());
  for (std::size_t i = 0; i < first.orders.size(); ++i) {
    BOOST_TEST(first.orders[i].history == second.orders[i].history);
    BOOST_TEST(first.orders[i].certificate->signed_certificate);
    BOOST_TEST(first.orders[i].certificate->sha256_fingerprint.size() == 95u);
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_simulation
