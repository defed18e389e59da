// The CA's DV path through its Api on a kernel: the happy path with DNS (pre-review, validation
// once the record is seen, the issuance instant, the listener), intake rejections, the 3-day
// timeout, a record stuck behind a negative cache, CAA (directly and through a CNAME), file
// validation (404 then fixed, a redirect off the registered domain, a site blocked abroad) and the
// validate-now rate limit.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "test_ca_fixture.hpp"

BOOST_AUTO_TEST_SUITE(test_ca_dv)

using namespace casim::mockca;
using namespace casim::mockca::test;
using casim::sim::kDay;
using casim::sim::kHour;
using casim::sim::kMinute;
namespace world = casim::sim::world;

namespace {

bool has_reason(const OrderDescription& order, Reason reason) {
  return std::find(order.reasons.begin(), order.reasons.end(), reason) != order.reasons.end();
}

}  // namespace

BOOST_AUTO_TEST_CASE(receipts_and_updates_carry_the_running_order_number) {
  Bench bench;
  const Receipt first = bench.submit_with_record(bench.dv("first", {"example.com"}));
  BOOST_TEST(!bench.ca->submit(bench.dv("refused", {"example..com"})).ok());  // a rejection takes no number
  const Receipt second = bench.submit_with_record(bench.dv("second", {"www.example.com"}));
  BOOST_TEST(first.order_number == 0u);
  BOOST_TEST(second.order_number == 1u);
  bench.run_for(kDay);
  BOOST_TEST_REQUIRE(bench.updates.size() >= 4u);
  for (const auto& update : bench.updates) {
    BOOST_TEST(update.order_number == (update.order_id == first.order_id ? 0u : 1u), update.order_id);
  }
}

BOOST_AUTO_TEST_CASE(dv_dns_happy_path_timings_and_listener) {
  Bench bench;
  const Receipt receipt =
      bench.submit_with_record(bench.dv("dv-shop", {"example.com", "www.example.com"}), kStart + kMinute * 45);
  BOOST_TEST(receipt.names == (std::vector<std::string>{"example.com", "www.example.com"}));
  BOOST_TEST_REQUIRE(receipt.challenges.size() == 1u);  // www. validated at its base
  BOOST_TEST(receipt.challenges[0].dns_name == "_dnsauth.example.com");
  BOOST_TEST((receipt.challenges[0].dns_record == DnsRecordKind::Txt));
  BOOST_TEST(receipt.challenges[0].value.size() == 32u);
  BOOST_TEST(bench.describe(receipt.order_id).status_msg == StatusMsg::PreReviewing);

  bench.run_for(kDay);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Issued);
  BOOST_TEST(order.phase == OrderPhase::Issued);
  // Pre-review ends at +30 min; the checks at +30 and +40 min miss (the record comes at +45), the
  // recheck at +50 min (the +40 negative answer cached 600 s has expired) sees it; signing 2
  // minutes later.
  BOOST_TEST(bench.event("dv-shop", TraceStage::PreReview, TraceKind::Passed)->at == kStart + kMinute * 30);
  BOOST_TEST(bench.event("dv-shop", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kMinute * 50);
  BOOST_TEST_REQUIRE(order.certificate.has_value());
  BOOST_TEST(order.certificate->not_before == kStart + kMinute * 52);
  BOOST_TEST(order.certificate->days == 200);  // 2026: the BR maximum caps one year
  BOOST_TEST(order.certificate->capped);
  BOOST_TEST(order.certificate->signed_certificate);
  BOOST_TEST(*order.finished_at == kStart + kMinute * 52);

  std::vector<StatusMsg> messages;
  for (const auto& update : bench.updates) {
    if (messages.empty() || messages.back() != update.status_msg) messages.push_back(update.status_msg);
  }
  BOOST_TEST(messages == (std::vector<StatusMsg>{StatusMsg::PreReviewing, StatusMsg::PendingDcv,
                                                 StatusMsg::WaitIssue, StatusMsg::None}));
  BOOST_TEST(bench.updates.back().at == kStart + kMinute * 52);
  BOOST_TEST(bench.updates.back().status == Status::Issued);

  const auto bundle = bench.ca->download(receipt.order_id);
  BOOST_TEST_REQUIRE(bundle.ok());
  BOOST_TEST(bundle.value().certificate_pem.starts_with("-----BEGIN CERTIFICATE-----"));
  BOOST_TEST(bundle.value().private_key_pem.find("PRIVATE KEY") != std::string::npos);
  BOOST_TEST(bench.ca->store().find(order.certificate->serial) != nullptr);
}

BOOST_AUTO_TEST_CASE(intake_rejections_are_values_with_reseller_codes) {
  Bench bench;
  SubmitRequest garbage = bench.dv("bad-csr", {"example.com"});
  garbage.csr = PastedCsr{"-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n", ""};
  const auto rejected = bench.ca->submit(garbage);
  BOOST_TEST_REQUIRE(!rejected.ok());
  BOOST_TEST(rejected.error().code == "FailedOperation.CertificateCsrParseFailed");
  BOOST_TEST(bench.event("bad-csr", TraceStage::Intake, TraceKind::Rejected).has_value());

  const auto repeated = bench.ca->submit(bench.dv("repeat", {"example.com", "example.com"}));
  BOOST_TEST_REQUIRE(!repeated.ok());
  BOOST_TEST(repeated.error().reason() == Reason::OrderNameRepeatsCommonName);
  BOOST_TEST(repeated.error().code == "InvalidParameter.DomainInvalid");
  const auto repeated_in_capitals = bench.ca->submit(bench.dv("repeat-case", {"example.com", "EXAMPLE.com"}));
  BOOST_TEST_REQUIRE(!repeated_in_capitals.ok());
  BOOST_TEST(repeated_in_capitals.error().reason() == Reason::OrderNameRepeatsCommonName);

  SubmitRequest no_org = bench.ov("no-org", {"example.com"});
  no_org.organization.reset();
  BOOST_TEST(bench.ca->submit(no_org).error().reason() == Reason::OrderOrganizationMissing);

  const auto ev_wild = bench.ca->submit(bench.ov("ev-wild", {"*.example.com"}, ValidationLevel::EV));
  BOOST_TEST(ev_wild.error().reason() == Reason::IssuanceEvWildcard);

  const auto file_wild = bench.ca->submit(bench.dv("file-wild", {"*.example.com"}, VerifyType::File));
  BOOST_TEST(file_wild.error().reason() == Reason::DcvWildcardFileNotAllowed);

  const auto auto_dns = bench.ca->submit(bench.dv("auto", {"example.net"}, VerifyType::DnsAuto));
  BOOST_TEST(auto_dns.error().reason() == Reason::OrderDnsAutoNotHosted);
  BOOST_TEST(bench.ca->order_count() == 0u);
}

BOOST_AUTO_TEST_CASE(missing_record_times_out_after_three_days) {
  Bench bench;
  const auto receipt = bench.ca->submit(bench.dv("dv-late", {"example.com"})).value();
  bench.run_for(kDay * 5);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::ReviewFailed);
  BOOST_TEST(order.phase == OrderPhase::Failed);
  BOOST_TEST(order.reasons.front() == Reason::DcvTimedOut);
  BOOST_TEST(has_reason(order, Reason::DcvTxtNotFound));
  BOOST_TEST(order.status_text == "domain validation timed out, order auto-closed");
  BOOST_TEST(*order.finished_at == kStart + kMinute * 30 + kDay * 3);
  // The repeated failure is traced once, not at every recheck.
  const auto failures = std::count_if(bench.trace.events().begin(), bench.trace.events().end(),
                                      [](const auto& e) { return e.kind == TraceKind::TargetFailed; });
  BOOST_TEST(failures == 1);
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).error().code ==
             "FailedOperation.CertificateStatusNotAllowResubmit");
}

BOOST_AUTO_TEST_CASE(record_added_late_is_hidden_by_the_negative_cache) {
  Bench bench;
  bench.world.dns.add_zone("slow.com", world::DnsZoneSettings{casim::sim::Duration::zero(), kHour});
  const Receipt receipt = bench.submit_with_record(bench.dv("dv-slow", {"slow.com"}), kStart + kMinute * 45);
  bench.run_for(kDay);
  // First check at +30 min caches NXDOMAIN for the zone's hour: the record (+45 min) is seen at +90.
  BOOST_TEST(bench.event("dv-slow", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kMinute * 90);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::Issued);
}

BOOST_AUTO_TEST_CASE(caa_naming_another_ca_blocks_directly_and_through_a_cname) {
  Bench bench;
  bench.world.dns.add_record(kStart, world::DnsRecord::caa("example.com", 0, "issue", "otherca.com"));
  const Receipt direct = bench.submit_with_record(bench.dv("caa-direct", {"example.com"}));
  bench.world.dns.add_record(kStart, world::DnsRecord::cname("shop.example.net", "cdn.example.com"));
  bench.world.dns.add_record(kStart, world::DnsRecord::caa("cdn.example.com", 0, "issue", "otherca.com"));
  const Receipt via_cname = bench.submit_with_record(bench.dv("caa-cname", {"shop.example.net"}));
  bench.run_for(kDay * 4);
  for (const auto& id : {direct.order_id, via_cname.order_id}) {
    const OrderDescription order = bench.describe(id);
    BOOST_TEST(order.status == Status::ReviewFailed);
    BOOST_TEST(order.domain_validation == TrackState::Failed);
    BOOST_TEST(has_reason(order, Reason::CaaForbidden));
  }
  const auto refused = bench.event("caa-cname", TraceStage::Caa, TraceKind::Refused);
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST((refused->reason == Reason::CaaForbidden));
}

BOOST_AUTO_TEST_CASE(file_not_found_then_fixed) {
  Bench bench;
  const Receipt receipt = bench.ca->submit(bench.dv("dv-file", {"example.com"}, VerifyType::File)).value();
  BOOST_TEST_REQUIRE(receipt.challenges.size() == 2u);  // example.com and www.example.com
  for (const auto& challenge : receipt.challenges) {
    bench.world.web.set_host(kStart, world::Scheme::Http, challenge.domain, world::WebBehaviour::not_found());
    bench.world.web.set_path(kStart + kHour * 2, "http://" + challenge.domain + challenge.file_path,
                             world::WebBehaviour::content(challenge.value));
  }
  bench.run_for(kHour);
  const auto checks = bench.ca->check_domain_verification(receipt.order_id).value();
  BOOST_TEST(checks[0].local_check == LocalCheck::FileNotFound);
  BOOST_TEST(checks[0].ca_check == CaCheck::Failed);
  bench.run_for(kDay);
  BOOST_TEST(bench.event("dv-file", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kHour * 2);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::Issued);
}

BOOST_AUTO_TEST_CASE(file_redirect_off_the_registered_domain_and_blocked_abroad) {
  Bench bench;
  const Receipt redirected = bench.ca->submit(bench.dv("dv-redirect", {"example.com"}, VerifyType::File)).value();
  for (const auto& challenge : redirected.challenges) {
    bench.world.web.set_host(kStart, world::Scheme::Http, challenge.domain,
                             world::WebBehaviour::redirect(302, "http://example.net" + challenge.file_path));
  }
  bench.world.web.set_host(kStart, world::Scheme::Http, "example.net",
                           world::WebBehaviour::content(redirected.challenges[0].value));
  const Receipt blocked = bench.ca->submit(bench.dv("dv-blocked", {"shop.example.net"}, VerifyType::File)).value();
  BOOST_TEST_REQUIRE(blocked.challenges.size() == 1u);
  bench.world.web.set_host(kStart, world::Scheme::Http, "shop.example.net",
                           world::WebBehaviour::content(blocked.challenges[0].value));
  bench.world.web.block_abroad(kStart, "shop.example.net", world::RegionBlock{"CN", world::WebBehaviour::timeout()});
  bench.run_for(kHour);
  BOOST_TEST((bench.ca->check_domain_verification(redirected.order_id).value()[0].ca_reason ==
              std::optional<Reason>(Reason::DcvRedirectOffDomain)));
  const auto blocked_check = bench.ca->check_domain_verification(blocked.order_id).value()[0];
  BOOST_TEST(blocked_check.local_check == LocalCheck::Verified);  // the platform looks from CN
  BOOST_TEST(blocked_check.ca_check == CaCheck::Failed);
  // Every CA perspective is abroad (US primary): the site times out for all of them, while the
  // platform's check from CN gets the file — blocked abroad, not unreachable (issue 17, defect 7).
  BOOST_TEST((blocked_check.ca_reason == std::optional<Reason>(Reason::DcvBlockedAbroad)));
}

BOOST_AUTO_TEST_CASE(validate_now_is_rate_limited_and_checks_at_once) {
  Bench bench;
  bench.world.dns.add_zone("now.com", world::DnsZoneSettings{casim::sim::Duration::zero(), kMinute});
  const auto receipt = bench.ca->submit(bench.dv("dv-now", {"now.com"})).value();
  BOOST_TEST(bench.ca->complete_certificate(receipt.order_id).error().code ==
             "FailedOperation.CertificateStatusNotAllowVerify");  // still in pre-review
  bench.run_for(kMinute * 31);
  BOOST_TEST(bench.ca->complete_certificate(receipt.order_id).ok());
  const auto again = bench.ca->complete_certificate(receipt.order_id);
  BOOST_TEST_REQUIRE(!again.ok());
  BOOST_TEST(again.error().code == "LimitExceeded.RateLimitExceeded");
  BOOST_TEST(again.error().findings[0].message.find("try again in 5 minutes") != std::string::npos);
  const auto local = bench.ca->check_domain_verification(receipt.order_id).value();
  BOOST_TEST(!local[0].frequently);
  BOOST_TEST(bench.ca->check_domain_verification(receipt.order_id).value()[0].frequently);

  // After the window, with the record in place (the negative answer of the +40 min recheck
  // cached for one minute only), validate now passes at that very instant.
  bench.run_for(kMinute * 12);
  bench.world.dns.add_record(bench.kernel.now(),
                             world::DnsRecord::txt(receipt.challenges[0].dns_name, receipt.challenges[0].value));
  bench.run_for(kMinute * 1);
  const Instant asked = bench.kernel.now();
  BOOST_TEST(bench.ca->complete_certificate(receipt.order_id).ok());
  bench.kernel.run_until(asked);
  BOOST_TEST(bench.describe(receipt.order_id).domain_validation == TrackState::Passed);
}

BOOST_AUTO_TEST_CASE(pre_review_failure_and_resubmission) {
  CaConfig config = test_config();
  config.pre_review.outcomes = PreReviewPolicy::fixed(PreReviewOutcome::DomainSecurityFailed);
  Bench bench(config);
  const Receipt receipt = bench.submit_with_record(bench.dv("dv-sec", {"example.com"}));
  bench.run_for(kHour);
  OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::ReviewFailed);
  BOOST_TEST(order.reasons.front() == Reason::PreReviewDomainSecurityFailed);
  BOOST_TEST(order.domain_validation == TrackState::NotStarted);
  BOOST_TEST(bench.ca->complete_certificate(receipt.order_id).error().code ==
             "FailedOperation.CertificateStatusNotAllowVerify");
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).ok());
  BOOST_TEST(bench.describe(receipt.order_id).status_msg == StatusMsg::PreReviewing);
  bench.run_for(kHour);
  order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::ReviewFailed);  // the same outcome again
  BOOST_TEST(*order.finished_at == kStart + kHour + kMinute * 30);
}

BOOST_AUTO_TEST_CASE(a_resubmitted_orders_pre_review_is_its_next_attempt) {
  CaConfig config = test_config();
  config.pre_review.duration =
      DurationDistribution::uniform(DurationSpec::calendar(kMinute * 10), DurationSpec::calendar(kHour * 10), "test");
  config.pre_review.outcomes = PreReviewPolicy::fixed(PreReviewOutcome::DomainSecurityFailed);
  Bench bench(config);
  const Receipt receipt = bench.submit_with_record(bench.dv("dv-again", {"example.com"}));
  bench.run_for(kDay);
  const Instant first_end = *bench.describe(receipt.order_id).finished_at;
  const Instant resubmitted = bench.kernel.now();
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).ok());
  bench.run_for(kDay);
  const Instant second_end = *bench.describe(receipt.order_id).finished_at;
  // Attempt 2 draws from streams of its own; attempt 1's again would take as long as the first.
  BOOST_TEST((second_end - resubmitted).count() != (first_end - kStart).count());
}

BOOST_AUTO_TEST_SUITE_END()  // test_ca_dv
