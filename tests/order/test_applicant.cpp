// The Applicant against a stand-in ordering logic: it drives any OrderingService through the same
// requests at the plan's instants and acts only on what the service shows it — the boundary that
// lets another ordering logic replace the built-in Platform.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "casim/order/applicant.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_applicant)

using namespace casim;
using namespace casim::order;
using sim::kHour;
using sim::kMinute;

namespace {

const sim::Instant kStart = sim::parse_instant("2026-09-14T01:00:00Z");

// An ordering service that records what it is asked and shows one DNS challenge once submitted.
class RecordingService final : public OrderingService {
 public:
  explicit RecordingService(sim::Kernel& kernel) : kernel_(kernel) {}

  CustomerListener* customer = nullptr;
  const OrderPlan* plan = nullptr;  // the plan of the order it shows
  std::vector<std::string> calls;  // "at action ref"
  mockca::Status status = mockca::Status::PendingSubmission;

  void place(std::string_view ref) override { record("place", ref); }
  void submit(std::string_view ref) override {
    record("submit", ref);
    status = mockca::Status::UnderReview;
    customer->on_submitted(view(ref));
  }
  void cancel(std::string_view ref) override { record("cancel", ref); }
  void resubmit(std::string_view ref, const std::optional<mockca::OrganizationInfo>&) override {
    record("resubmit", ref);
    status = mockca::Status::UnderReview;
  }
  void reissue(std::string_view ref, const std::optional<mockca::CsrInput>&, std::optional<mockca::VerifyType>) override {
    record("reissue", ref);
  }
  void revoke(std::string_view ref, mockca::RevocationReason) override { record("revoke", ref); }
  void renew(std::string_view ref) override { record("renew", ref); }
  CustomerView view(std::string_view ref) const override {
    CustomerView shown;
    shown.ref = std::string(ref);
    shown.plan = plan;
    shown.status = status;
    shown.challenges = challenges_;
    return shown;
  }

 private:
  void record(const char* action, std::string_view ref) {
    calls.push_back(sim::format_instant(kernel_.now()) + " " + action + " " + std::string(ref));
  }
  sim::Kernel& kernel_;
  std::vector<mockca::DomainChallenge> challenges_{challenge()};

  static mockca::DomainChallenge challenge() {
    mockca::DomainChallenge challenge;
    challenge.domain = "example.com";
    challenge.dns_name = "_dnsauth.example.com";
    challenge.value = "value-1";
    return challenge;
  }
};

struct Bench {
  sim::Kernel kernel{kStart};
  mockca::Trace trace;
  sim::world::World world;
  RecordingService service{kernel};
  Applicant applicant{kernel, trace, world, service};

  Bench() {
    world.dns.add_zone("example.com");
    service.customer = &applicant;
  }

  void add(const OrderPlan& p) {
    service.plan = &p;
    applicant.add(p, kStart);
  }
};

OrderPlan plan() {
  OrderPlan p;
  p.ref = "shop";
  p.placed = Timing::after(kHour);
  p.submit_after = kHour * 2;
  p.publish.when = Timing::after(kMinute * 30);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(buys_submits_and_publishes_at_the_plans_instants) {
  Bench bench;
  OrderPlan p = plan();
  p.cancel = CancelPlan{Timing::after(kHour * 5), 1};
  bench.add(p);
  bench.kernel.run_until(kStart + sim::kDay);
  BOOST_TEST(bench.service.calls == (std::vector<std::string>{"2026-09-14T02:00:00Z place shop",
                                                               "2026-09-14T04:00:00Z submit shop",
                                                               "2026-09-14T09:00:00Z cancel shop"}));
  const auto& changes = bench.world.dns.changes("_dnsauth.example.com");
  BOOST_TEST_REQUIRE(changes.size() == 1u);
  BOOST_TEST(changes[0].at == kStart + kHour * 3 + kMinute * 30);
  BOOST_TEST(changes[0].record.value == "value-1");
  BOOST_TEST_REQUIRE(bench.trace.events().size() == 1u);
  BOOST_TEST(bench.trace.events()[0].kind == mockca::TraceKind::ApplicantPublished);
}

BOOST_AUTO_TEST_CASE(publishes_nothing_once_the_order_left_review) {
  Bench bench;
  const OrderPlan p = plan();
  bench.add(p);
  bench.kernel.run_until(kStart + kHour * 3);  // submitted; publication due at +3h30
  bench.service.status = mockca::Status::Cancelled;
  bench.kernel.run_until(kStart + sim::kDay);
  BOOST_TEST(bench.world.dns.changes("_dnsauth.example.com").empty());
  BOOST_TEST(bench.trace.events().empty());
}

BOOST_AUTO_TEST_CASE(resubmits_a_failed_order_at_most_as_often_as_planned) {
  Bench bench;
  OrderPlan p = plan();
  p.publish.kind = PublishKind::Never;
  p.resubmit = ResubmitPlan{true, 1, kHour, std::nullopt};
  bench.add(p);
  bench.kernel.run_until(kStart + kHour * 3);
  bench.applicant.on_failed(bench.service.view("shop"));
  bench.kernel.run_until(kStart + kHour * 5);
  bench.applicant.on_failed(bench.service.view("shop"));  // fails again: no second resubmission
  bench.kernel.run_until(kStart + sim::kDay);
  BOOST_TEST(bench.service.calls.size() == 3u);
  BOOST_TEST(bench.service.calls.back() == "2026-09-14T05:00:00Z resubmit shop");
  BOOST_TEST_REQUIRE(bench.trace.events().size() == 1u);
  BOOST_TEST(bench.trace.events()[0].kind == mockca::TraceKind::ApplicantPublishesNothing);
}

BOOST_AUTO_TEST_SUITE_END()  // test_applicant
