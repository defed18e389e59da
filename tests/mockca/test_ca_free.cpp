// The free DV product through the CA's Api (ApplyCertificate): no pre-review and 90 days of
// validity, the keys it takes (RSA 2048, ECC P-256) and refuses, one domain, the account's limit
// (FailedOperation.ExceedsFreeLimit) and renewal through the old certificate within 30 days of
// its expiry.
#include <boost/test/unit_test.hpp>

#include "test_ca_fixture.hpp"

BOOST_AUTO_TEST_SUITE(test_ca_free)

using namespace casim::mockca;
using namespace casim::mockca::test;
using casim::sim::kDay;
using casim::sim::kMinute;

namespace {

ApplyRequest free_dv(std::string ref, std::string domain, KeySpec key = {}) {
  ApplyRequest request;
  request.order_ref = std::move(ref);
  OnlineCsr csr;
  csr.common_name = std::move(domain);
  csr.key = key;
  request.csr = csr;
  return request;
}

// Applies, and publishes every challenge's TXT record at once.
Receipt apply_with_record(Bench& bench, const ApplyRequest& request) {
  auto receipt = bench.ca->apply_certificate(request);
  if (!receipt) throw std::runtime_error("apply refused: " + receipt.error().code);
  for (const auto& challenge : receipt.value().challenges) {
    bench.world.dns.add_record(bench.kernel.now(), casim::sim::world::DnsRecord::txt(challenge.dns_name, challenge.value));
  }
  return receipt.value();
}

CaConfig timing_only(int free_limit = 50) {
  CaConfig config = test_config();
  config.issue_certificates = false;
  config.free_limit = free_limit;
  return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_free_order_skips_pre_review_and_is_issued_for_90_days) {
  Bench bench;
  const Receipt receipt = apply_with_record(bench, free_dv("free", "www.example.com"));
  BOOST_TEST(receipt.names == (std::vector<std::string>{"www.example.com"}));
  BOOST_TEST(bench.describe(receipt.order_id).free);
  BOOST_TEST(bench.describe(receipt.order_id).status_msg == StatusMsg::PendingDcv);

  bench.run_for(kDay);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Issued);
  BOOST_TEST(!bench.event("free", TraceStage::PreReview, TraceKind::Started).has_value());
  // The check at once misses the record published after it; the recheck at +10 min (the cached
  // negative answer's 600 s over) passes; signing 2 minutes later.
  BOOST_TEST(bench.event("free", TraceStage::Dcv, TraceKind::Started)->at == kStart);
  BOOST_TEST(bench.event("free", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kMinute * 10);
  BOOST_TEST_REQUIRE(order.certificate.has_value());
  BOOST_TEST(order.certificate->not_before == kStart + kMinute * 12);
  BOOST_TEST(order.certificate->days == 90);
  BOOST_TEST(!order.certificate->capped);
  BOOST_TEST(order.certificate->not_after == kStart + kMinute * 12 + kDay * 90 - casim::sim::kSecond);
  BOOST_TEST(order.certificate->signed_certificate);
  BOOST_TEST(order.certificate->key == "ECC P-256");

  std::vector<Status> statuses;
  for (const auto& update : bench.updates) {
    if (statuses.empty() || statuses.back() != update.status) statuses.push_back(update.status);
  }
  BOOST_TEST(statuses == (std::vector<Status>{Status::UnderReview, Status::Issued}));
}

BOOST_AUTO_TEST_CASE(rsa_2048_is_taken_and_other_keys_are_refused) {
  Bench bench(timing_only());
  BOOST_TEST(bench.ca->apply_certificate(free_dv("rsa-2048", "a.example.com", {KeyAlgorithm::Rsa, 2048, "P-256"})).ok());
  for (const KeySpec& key : {KeySpec{KeyAlgorithm::Rsa, 4096, "P-256"}, KeySpec{KeyAlgorithm::Ecc, 2048, "P-384"}}) {
    const auto refused = bench.ca->apply_certificate(free_dv("other-key", "b.example.com", key));
    BOOST_TEST_REQUIRE(!refused.ok());
    BOOST_TEST((refused.error().reason() == Reason::FreeKeyUnsupported));
    BOOST_TEST(refused.error().code == "InvalidParameterValue");
  }
  BOOST_TEST(bench.ca->order_count() == 1u, "refused applications create no order");
}

BOOST_AUTO_TEST_CASE(a_free_certificate_covers_one_domain) {
  Bench bench(timing_only());
  ApplyRequest request = free_dv("two", "example.com");
  std::get<OnlineCsr>(request.csr).other_names = {"shop.example.com"};
  const auto refused = bench.ca->apply_certificate(request);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().reason() == Reason::NameTooMany));
  BOOST_TEST(refused.error().code == "InvalidParameter.DomainCountInvalid");
}

BOOST_AUTO_TEST_CASE(the_application_after_the_limit_is_refused_with_exceeds_free_limit) {
  Bench bench(timing_only(3));
  for (int i = 1; i <= 3; ++i) {
    BOOST_TEST(bench.ca->apply_certificate(free_dv("free-" + std::to_string(i), "a.example.com")).ok());
  }
  const auto fourth = bench.ca->apply_certificate(free_dv("free-4", "a.example.com"));
  BOOST_TEST_REQUIRE(!fourth.ok());
  BOOST_TEST((fourth.error().reason() == Reason::FreeLimitExceeded));
  BOOST_TEST(fourth.error().code == "FailedOperation.ExceedsFreeLimit");
  BOOST_TEST(bench.event("free-4", TraceStage::Intake, TraceKind::Rejected).has_value());
  // Paid orders are not counted against it.
  BOOST_TEST(bench.ca->submit(bench.dv("paid", {"a.example.com"})).ok());
}

BOOST_AUTO_TEST_CASE(renewal_is_taken_within_30_days_of_expiry_and_refused_before) {
  Bench bench(timing_only());
  const Receipt old = apply_with_record(bench, free_dv("free", "www.example.com"));
  bench.run_for(kDay);
  const CertificateFacts certificate = *bench.describe(old.order_id).certificate;

  ApplyRequest renewal = free_dv("free/renewal", "www.example.com");
  renewal.old_order_id = old.order_id;
  const casim::sim::Instant expiry = certificate.not_after + casim::sim::kSecond;
  bench.kernel.run_until(expiry - kDay * 30 - casim::sim::kSecond);
  const auto early = bench.ca->apply_certificate(renewal);
  BOOST_TEST_REQUIRE(!early.ok());
  BOOST_TEST((early.error().reason() == Reason::FreeRenewalTooEarly));

  bench.kernel.run_until(expiry - kDay * 30);
  const auto taken = bench.ca->apply_certificate(renewal);
  BOOST_TEST_REQUIRE(taken.ok());
  const OrderDescription renewed = bench.describe(taken.value().order_id);
  BOOST_TEST(renewed.free);
  BOOST_TEST(renewed.renewal_of == old.order_id);
  bench.run_for(kDay);
  BOOST_TEST(bench.describe(taken.value().order_id).certificate->days == 90);
}

BOOST_AUTO_TEST_CASE(only_an_issued_free_certificate_can_be_renewed) {
  Bench bench(timing_only());
  const Receipt paid = bench.submit_with_record(bench.dv("paid", {"www.example.com"}));
  bench.run_for(kDay);
  ApplyRequest renewal = free_dv("paid/renewal", "www.example.com");
  renewal.old_order_id = paid.order_id;
  const auto refused = bench.ca->apply_certificate(renewal);
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().reason() == Reason::FreeRenewalNotFree));

  renewal.old_order_id = "ca-999999";
  BOOST_TEST((bench.ca->apply_certificate(renewal).error().reason() == Reason::OrderNotFound));
}

BOOST_AUTO_TEST_SUITE_END()  // test_ca_free
