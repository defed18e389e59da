// The CA after issuance and across orders: reissue (new CSR, validated data reused), revocation,
// reuse of domain and organization validation data inside and outside the BR windows, timing-only
// runs giving the same trace as signing runs, and the same seed giving the same trace.
#include <boost/test/unit_test.hpp>

#include "test_ca_fixture.hpp"

BOOST_AUTO_TEST_SUITE(test_ca_lifecycle)

using namespace casim::mockca;
using namespace casim::mockca::test;
using casim::sim::kDay;
using casim::sim::kHour;
using casim::sim::kMinute;
namespace world = casim::sim::world;

BOOST_AUTO_TEST_CASE(reissue_reuses_validation_and_replaces_the_original) {
  Bench bench;
  const Receipt first = bench.submit_with_record(bench.dv("dv-re", {"example.com", "www.example.com"}));
  bench.run_for(kDay);
  BOOST_TEST_REQUIRE(bench.describe(first.order_id).status == Status::Issued);

  ReissueRequest other;
  other.csr.emplace<OnlineCsr>(KeySpec{}, "example.com", std::vector<std::string>{"shop.example.com"}, std::nullopt);
  BOOST_TEST(bench.ca->reissue(first.order_id, other).error().reason() == Reason::OrderReissueNamesChanged);

  ReissueRequest request;
  request.csr.emplace<OnlineCsr>(KeySpec{KeyAlgorithm::Rsa, 2048, ""}, "example.com",
                                 std::vector<std::string>{"www.example.com"}, std::nullopt);
  const auto reissued = bench.ca->reissue(first.order_id, request);
  BOOST_TEST_REQUIRE(reissued.ok());
  BOOST_TEST(reissued.value().challenges[0].reused);
  BOOST_TEST(bench.describe(first.order_id).status == Status::Reissuing);
  BOOST_TEST(bench.ca->reissue(first.order_id, request).error().code == "FailedOperation.OrderAlreadyReplaced");

  bench.run_for(kDay);
  const OrderDescription copy = bench.describe(reissued.value().order_id);
  BOOST_TEST(copy.status == Status::Issued);
  BOOST_TEST(copy.reissue_of == first.order_id);
  // Validation reused: it passed when pre-review ended, without a single DNS check.
  BOOST_TEST(bench.event("dv-re/reissue", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kDay + kMinute * 30);
  BOOST_TEST(!bench.event("dv-re/reissue", TraceStage::Dcv, TraceKind::TargetPassed).has_value());
  const OrderDescription original = bench.describe(first.order_id);
  BOOST_TEST(original.status == Status::Issued);
  BOOST_TEST(original.replaced_by == reissued.value().order_id);
}

BOOST_AUTO_TEST_CASE(revoke_records_the_revocation) {
  Bench bench;
  const Receipt receipt = bench.submit_with_record(bench.dv("dv-rev", {"example.com"}));
  BOOST_TEST(bench.ca->revoke(receipt.order_id, RevocationReason::KeyCompromise).error().code ==
             "FailedOperation.RevokeFailed");  // not issued yet
  bench.run_for(kDay);
  BOOST_TEST(bench.ca->revoke(receipt.order_id, RevocationReason::KeyCompromise).ok());
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Revoked);
  BOOST_TEST_REQUIRE(order.certificate->revocation.has_value());
  BOOST_TEST(order.certificate->revocation->at == bench.kernel.now());
  const IssuedRecord* record = bench.ca->store().find(order.certificate->serial);
  BOOST_TEST_REQUIRE(record != nullptr);
  BOOST_TEST(record->revocation.has_value());
  BOOST_TEST(bench.ca->revoke(receipt.order_id, RevocationReason::Superseded).error().code ==
             "FailedOperation.RevokeFailed");
  BOOST_TEST(bench.ca->download(receipt.order_id).error().code ==
             "FailedOperation.CertificateStatusNotAllowDownload");
  // The listener hears of the revocation from a kernel event at the same instant.
  BOOST_TEST(bench.updates.back().status == Status::Issued);
  bench.kernel.run_until(bench.kernel.now());
  BOOST_TEST(bench.updates.back().status == Status::Revoked);
}

BOOST_AUTO_TEST_CASE(domain_validation_reused_inside_the_window_repeated_outside) {
  CaConfig config = test_config();
  config.issue_certificates = false;
  Bench bench(config);
  const Receipt first = bench.submit_with_record(bench.dv("first", {"example.com"}));
  bench.run_for(kDay);
  // The record goes away: only reuse can validate from now on.
  bench.world.dns.remove_records(bench.kernel.now(), first.challenges[0].dns_name, world::DnsType::TXT);

  bench.run_for(kDay * 10);
  const auto inside = bench.ca->submit(bench.dv("inside", {"example.com"})).value();
  BOOST_TEST(inside.challenges[0].reused);
  bench.run_for(kDay);
  BOOST_TEST(bench.describe(inside.order_id).status == Status::Issued);

  bench.run_for(kDay * 200);  // validated 212 days ago: beyond the 200-day period
  const auto outside = bench.ca->submit(bench.dv("outside", {"example.com"})).value();
  BOOST_TEST(!outside.challenges[0].reused);
  bench.run_for(kDay * 4);
  const OrderDescription order = bench.describe(outside.order_id);
  BOOST_TEST(order.status == Status::ReviewFailed);
  BOOST_TEST(order.reasons.front() == Reason::DcvTimedOut);
}

BOOST_AUTO_TEST_CASE(organization_data_reused_for_a_later_ov_order) {
  CaConfig config = test_config();
  config.issue_certificates = false;
  Bench bench(config);
  bench.world.phones.set_line(kListedPhone, kStart, world::PhoneLine::always(world::CallResult::Confirmed));
  const Receipt first = bench.submit_with_record(bench.ov("ov-1", {"example.com"}));
  bench.run_for(kDay * 10);
  BOOST_TEST_REQUIRE(bench.describe(first.order_id).status == Status::Issued);
  const std::size_t calls = bench.world.phones.call_log().size();

  const Receipt second = bench.submit_with_record(bench.ov("ov-2", {"shop.example.com"}));
  bench.run_for(kDay * 10);
  BOOST_TEST(bench.describe(second.order_id).status == Status::Issued);
  BOOST_TEST(bench.world.phones.call_log().size() == calls);  // no new call
  BOOST_TEST(bench.event("ov-2", TraceStage::Review, TraceKind::Passed)->detail.find("reused") != std::string::npos);
}

namespace {

// One DV and one OV order with the default (random) pre-review durations.
std::uint64_t run_fingerprint(bool sign, std::uint64_t seed, std::vector<CertificateFacts>* facts = nullptr) {
  CaConfig config;
  config.issue_certificates = sign;
  config.review.ov_duration = casim::test::fixed_business_days(3);
  Bench bench(config, seed);
  bench.world.phones.set_line(kListedPhone, kStart, world::PhoneLine::always(world::CallResult::Confirmed));
  const Receipt dv = bench.submit_with_record(bench.dv("dv", {"example.com"}), kStart + kHour * 20);
  const Receipt ov = bench.submit_with_record(bench.ov("ov", {"shop.example.com"}));
  bench.run_for(kDay * 12);
  if (facts != nullptr) {
    for (const auto& id : {dv.order_id, ov.order_id}) facts->push_back(*bench.describe(id).certificate);
  }
  return bench.trace.fingerprint();
}

}  // namespace

BOOST_AUTO_TEST_CASE(timing_only_runs_give_the_signing_runs_trace) {
  std::vector<CertificateFacts> signed_facts;
  std::vector<CertificateFacts> recorded_facts;
  BOOST_TEST(run_fingerprint(true, 7, &signed_facts) == run_fingerprint(false, 7, &recorded_facts));
  BOOST_TEST_REQUIRE(signed_facts.size() == recorded_facts.size());
  for (std::size_t i = 0; i < signed_facts.size(); ++i) {
    BOOST_TEST(signed_facts[i].not_before == recorded_facts[i].not_before);
    BOOST_TEST(signed_facts[i].not_after == recorded_facts[i].not_after);
    BOOST_TEST(signed_facts[i].days == recorded_facts[i].days);
    BOOST_TEST(signed_facts[i].signed_certificate);
    BOOST_TEST(!recorded_facts[i].signed_certificate);
    BOOST_TEST(recorded_facts[i].serial.size() == 32u);
  }
}

BOOST_AUTO_TEST_CASE(same_seed_same_trace) {
  BOOST_TEST(run_fingerprint(false, 11) == run_fingerprint(false, 11));
  BOOST_TEST(run_fingerprint(false, 11) != run_fingerprint(false, 12));
}

// Issue 17, defect 1 (with test_ca_ov's CAA, review and cancel cases and test_ca_dv's
// pre-review case): only a failed or cancelled order is resubmitted, and a validation timeout is
// final.
BOOST_AUTO_TEST_CASE(which_orders_can_be_resubmitted) {
  const auto refused = [](Bench& bench, const std::string& id) {
    const auto answer = bench.ca->resubmit(id, std::nullopt);
    return !answer.ok() && answer.error().reason() == Reason::OrderStatusNotAllowResubmit;
  };
  Bench bench;
  const Receipt active = bench.submit_with_record(bench.dv("dv-active", {"example.com"}));
  BOOST_TEST(refused(bench, active.order_id));  // in pre-review
  bench.run_for(kMinute * 31);
  BOOST_TEST(refused(bench, active.order_id));  // validating or waiting to issue
  bench.run_for(kDay);
  BOOST_TEST_REQUIRE(bench.describe(active.order_id).status == Status::Issued);
  BOOST_TEST(refused(bench, active.order_id));
  BOOST_TEST(bench.ca->revoke(active.order_id, RevocationReason::Superseded).ok());
  BOOST_TEST(refused(bench, active.order_id));

  const Receipt late = bench.ca->submit(bench.dv("dv-late", {"example.net"})).value();
  bench.run_for(kDay * 4);
  BOOST_TEST_REQUIRE(bench.describe(late.order_id).reasons.front() == Reason::DcvTimedOut);
  const auto timed_out = bench.ca->resubmit(late.order_id, std::nullopt);
  BOOST_TEST(refused(bench, late.order_id));
  BOOST_TEST(timed_out.error().findings.front().message.find("domain validation timed out: final") !=
                 std::string::npos,
             timed_out.error().findings.front().message);

  CaConfig rejecting = test_config();
  rejecting.pre_review.outcomes = PreReviewPolicy::fixed(PreReviewOutcome::InformationRejected);
  Bench rejected(rejecting);
  const Receipt info = rejected.submit_with_record(rejected.ov("ov-info", {"example.com"}));
  rejected.run_for(kHour);
  BOOST_TEST_REQUIRE(rejected.describe(info.order_id).reasons.front() == Reason::PreReviewInformationRejected);
  BOOST_TEST(rejected.ca->resubmit(info.order_id, acme_info()).ok());
  BOOST_TEST(rejected.describe(info.order_id).status_msg == StatusMsg::PreReviewing);
}

BOOST_AUTO_TEST_SUITE_END()  // test_ca_lifecycle
