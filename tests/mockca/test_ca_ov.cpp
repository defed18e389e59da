// The CA's OV/EV path through its Api: manual review beside domain validation on the China
// calendar (no answer then confirmed, refused, wrong number, organization inactive, EV without
// operational existence), CAA changed during a long review and caught at the gate, cancelling
// during review, and resubmitting after a failed review.
#include <boost/test/unit_test.hpp>

#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "test_ca_fixture.hpp"

BOOST_AUTO_TEST_SUITE(test_ca_ov)

using namespace casim::mockca;
using namespace casim::mockca::test;
using casim::sim::kDay;
using casim::sim::kHour;
using casim::sim::kMinute;
using casim::sim::parse_instant;
namespace world = casim::sim::world;

namespace {

void phone(Bench& bench, std::vector<world::PhoneAnswer> script,
           world::ScriptEnd end = world::ScriptEnd::repeat_last()) {
  bench.world.phones.set_line(kListedPhone, kStart, world::PhoneLine::scripted(std::move(script), end));
}

std::vector<std::string> messages(const Bench& bench) {
  std::vector<std::string> seen;
  for (const auto& update : bench.updates) seen.emplace_back(status_msg_text(update.status_msg));
  return seen;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The subject of a PEM certificate as OpenSSL parses it: (short name, value) in encoding order.
SubjectAttributes parsed_subject(const std::string& pem, std::string& key) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                      &BIO_free);
  const std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                         &X509_free);
  BOOST_TEST_REQUIRE(cert != nullptr);
  SubjectAttributes subject;
  const X509_NAME* name = X509_get_subject_name(cert.get());
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
    subject.emplace_back(OBJ_nid2sn(OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry))),
                         std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                                     static_cast<std::size_t>(ASN1_STRING_length(data))));
  }
  const EVP_PKEY* public_key = X509_get0_pubkey(cert.get());
  key = (EVP_PKEY_get_base_id(public_key) == EVP_PKEY_RSA ? "RSA " : "ECC P-") +
        std::to_string(EVP_PKEY_get_bits(public_key));
  return subject;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ov_call_unanswered_then_confirmed_issues_after_review) {
  Bench bench;
  phone(bench, {world::CallResult::NoAnswer, world::CallResult::Confirmed});
  const Receipt receipt = bench.submit_with_record(bench.ov("ov-shop", {"example.com"}));
  bench.run_for(kDay * 10);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Issued);
  BOOST_TEST(order.review == TrackState::Passed);
  BOOST_TEST(bench.world.phones.call_log().size() == 2u);
  // Validation passes at the end of pre-review; the review (3 business days from Monday 09:30
  // Beijing) ends Thursday 09:30; signing 2 minutes later.
  BOOST_TEST(bench.event("ov-shop", TraceStage::Dcv, TraceKind::Passed)->at == kStart + kMinute * 30);
  BOOST_TEST(order.certificate->not_before == parse_instant("2026-09-17T01:32:00Z"));
  const auto seen = messages(bench);
  BOOST_TEST(contains(seen, "LEGAL-REVIEWING"));
  BOOST_TEST(contains(seen, "CA-REVIEWING"));
  BOOST_TEST(contains(seen, "WAIT-ISSUE"));
  BOOST_TEST(bench.event("ov-shop", TraceStage::Review, TraceKind::Call).has_value());
  // Issue 17: the calls as made, and the subject and key the order's facts give are the signed
  // certificate's as OpenSSL reads them (no OU).
  BOOST_TEST_REQUIRE(order.review_calls.size() == 2u);
  BOOST_TEST((order.review_calls[0].result == world::CallResult::NoAnswer));
  BOOST_TEST((order.review_calls[1].result == world::CallResult::Confirmed));
  BOOST_TEST((order.review_calls[1].at == bench.world.phones.call_log()[1].at));
  BOOST_TEST(!order.organization_data_reused);
  std::string key;
  const SubjectAttributes signed_subject =
      parsed_subject(bench.ca->download(receipt.order_id).value().certificate_pem, key);
  BOOST_TEST((order.certificate->subject == signed_subject));
  BOOST_TEST(order.certificate->key == key);
  BOOST_TEST((signed_subject.back() == std::pair<std::string, std::string>{"CN", "example.com"}));
  BOOST_TEST(std::none_of(signed_subject.begin(), signed_subject.end(),
                          [](const auto& attribute) { return attribute.first == "OU"; }));
}

BOOST_AUTO_TEST_CASE(ov_review_failures_end_the_order_with_status_2) {
  struct Case {
    const char* ref;
    Reason reason;
  };
  for (const Case& c : {Case{"refused", Reason::ReviewCallRefused}, Case{"wrong", Reason::ReviewWrongNumber},
                        Case{"inactive", Reason::ReviewOrganizationInactive}}) {
    BOOST_TEST_CONTEXT(c.ref) {
      Bench bench;
      if (c.reason == Reason::ReviewCallRefused) phone(bench, {world::CallResult::Refused});
      if (c.reason == Reason::ReviewWrongNumber) phone(bench, {world::CallResult::WrongNumber});
      if (c.reason == Reason::ReviewOrganizationInactive) {
        phone(bench, {world::CallResult::Confirmed});
        bench.world.registry.set_status(kRegistration, kStart, world::RegistryStatus::Inactive);
      }
      const Receipt receipt = bench.submit_with_record(bench.ov(c.ref, {"example.com"}));
      bench.run_for(kDay * 10);
      const OrderDescription order = bench.describe(receipt.order_id);
      BOOST_TEST(order.status == Status::ReviewFailed);
      BOOST_TEST(order.review == TrackState::Failed);
      BOOST_TEST(order.reasons.front() == c.reason);
      BOOST_TEST(order.status_text == std::string(info(c.reason).meaning));
      BOOST_TEST(!order.certificate.has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(ev_without_operational_existence_fails) {
  Bench bench;
  world::Organization young = acme();
  young.legal_name = "Newco (Beijing) Co., Ltd.";
  young.registration_number = "91110000MA09NEWCO1";
  young.registration_date = casim::sim::parse_date("2025-06-01");
  young.directory_phone = "+861099999999";
  bench.world.registry.add(young);
  bench.world.phones.set_line("+861099999999", kStart, world::PhoneLine::always(world::CallResult::Confirmed));
  SubmitRequest request = bench.ov("ev-young", {"example.com"}, ValidationLevel::EV);
  request.organization->legal_name = young.legal_name;
  request.organization->registration_number = young.registration_number;
  const Receipt receipt = bench.submit_with_record(request);
  bench.run_for(kDay * 14);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::ReviewFailed);
  BOOST_TEST(order.reasons.front() == Reason::ReviewEvOperationalExistence);
}

BOOST_AUTO_TEST_CASE(caa_changed_during_a_long_review_is_caught_at_the_gate) {
  Bench bench;
  phone(bench, {world::CallResult::Confirmed});
  const Receipt receipt = bench.submit_with_record(bench.ov("ov-caa", {"example.com"}));
  bench.world.dns.add_record(kStart + kDay, world::DnsRecord::caa("example.com", 0, "issue", "otherca.com"));
  bench.run_for(kDay * 10);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.domain_validation == TrackState::Passed);
  BOOST_TEST(order.review == TrackState::Passed);
  BOOST_TEST(order.status == Status::ReviewFailed);
  BOOST_TEST(order.reasons.front() == Reason::CaaForbidden);
  const auto stale = bench.event("ov-caa", TraceStage::Caa, TraceKind::Stale);
  BOOST_TEST_REQUIRE(stale.has_value());
  BOOST_TEST(stale->at == parse_instant("2026-09-17T01:32:00Z"));
  BOOST_TEST(bench.event("ov-caa", TraceStage::Order, TraceKind::Failed)->detail.find("refused at the issuance gate") !=
             std::string::npos);
  // Issue 17, defect 1: once CAA is fixed the order is resubmitted; the CA checks CAA again
  // before signing, and neither validation nor the review runs again.
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).ok());
  bench.run_for(kHour);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::ReviewFailed);  // CAA still forbids
  BOOST_TEST(bench.describe(receipt.order_id).reasons.front() == Reason::CaaForbidden);
  bench.world.dns.remove_records(bench.kernel.now(), "example.com", world::DnsType::CAA);
  const Instant fixed = bench.kernel.now();
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).ok());
  bench.run_for(kHour);
  const OrderDescription issued = bench.describe(receipt.order_id);
  BOOST_TEST(issued.status == Status::Issued);
  BOOST_TEST(issued.certificate->not_before == fixed + kMinute * 2);
  BOOST_TEST(bench.world.phones.call_log().size() == 1u);
  const auto resubmitted = bench.event("ov-caa", TraceStage::Order, TraceKind::Resubmitted);
  BOOST_TEST(resubmitted->detail == "back to the issuance gate; CAA checked again before signing");
}

BOOST_AUTO_TEST_CASE(cancel_during_review_then_resubmit) {
  Bench bench;
  phone(bench, {world::CallResult::Confirmed});
  const Receipt receipt = bench.submit_with_record(bench.ov("ov-cancel", {"example.com"}));
  bench.run_for(kHour * 2);
  BOOST_TEST(bench.describe(receipt.order_id).review == TrackState::InProgress);
  BOOST_TEST(bench.ca->cancel(receipt.order_id).ok());
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::Cancelled);
  bench.run_for(kDay * 10);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::Cancelled);
  BOOST_TEST(bench.updates.back().status == Status::Cancelled);
  BOOST_TEST(bench.ca->cancel(receipt.order_id).error().code ==
             "FailedOperation.CertificateNotFoundOrCantCancel");

  BOOST_TEST(bench.ca->resubmit(receipt.order_id, std::nullopt).ok());
  bench.run_for(kDay * 10);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Issued);
  // Validation had passed before the cancellation and is kept: only the review runs again.
  BOOST_TEST(std::count_if(bench.trace.events().begin(), bench.trace.events().end(),
                           [](const auto& e) { return e.stage == TraceStage::Dcv && e.kind == TraceKind::Passed; }) == 1);
}

BOOST_AUTO_TEST_CASE(resubmit_after_failed_review_goes_back_to_review) {
  Bench bench;
  phone(bench, {world::CallResult::Refused}, world::ScriptEnd::answer(world::CallResult::Confirmed));
  const Receipt receipt = bench.submit_with_record(bench.ov("ov-again", {"example.com"}));
  bench.run_for(kDay * 6);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::ReviewFailed);
  BOOST_TEST(bench.ca->download(receipt.order_id).error().code ==
             "FailedOperation.CertificateStatusNotAllowDownload");
  const Instant resubmitted = bench.kernel.now();
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, acme_info()).ok());
  bench.run_for(kDay * 10);
  const OrderDescription order = bench.describe(receipt.order_id);
  BOOST_TEST(order.status == Status::Issued);
  // A second review of 3 business days (from Sunday 2026-09-20, a working day in China).
  BOOST_TEST(order.certificate->not_before > resubmitted + kDay * 2);
  BOOST_TEST(bench.world.phones.call_log().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_resubmitted_orders_review_is_its_next_attempt) {
  // A line that refuses or confirms by chance: each review draws its answers from streams of its
  // own attempt, so the resubmission's call is not the first review's answer again.
  Bench bench(test_config(), 2);  // seed 2: the first review's call is refused, the second's confirmed
  bench.world.phones.set_line(kListedPhone, kStart,
                              world::PhoneLine::weighted({{world::CallResult::Refused, 1},
                                                          {world::CallResult::Confirmed, 1}}));
  const Receipt receipt = bench.submit_with_record(bench.ov("ov-chance", {"example.com"}));
  bench.run_for(kDay * 6);
  BOOST_TEST_REQUIRE(bench.describe(receipt.order_id).status == Status::ReviewFailed);
  BOOST_TEST(bench.ca->resubmit(receipt.order_id, acme_info()).ok());
  bench.run_for(kDay * 10);
  BOOST_TEST(bench.describe(receipt.order_id).status == Status::Issued);
  const auto& calls = bench.world.phones.call_log();
  BOOST_TEST_REQUIRE(calls.size() == 2u);
  BOOST_TEST(calls[0].outcome.result == world::CallResult::Refused);
  BOOST_TEST(calls[1].outcome.result == world::CallResult::Confirmed);
}

BOOST_AUTO_TEST_SUITE_END()  // test_ca_ov
