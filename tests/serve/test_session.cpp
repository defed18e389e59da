// The casim serve Session without HTTP: a DV order through the codec with the DNS record published
// as the customer's DNS host would, the clock (business days across a weekend, never backwards),
// world edits the CA sees (CAA), faults by count and by probability (the same seed, the same
// faults), and the report of everything so far.
#include "serve_support.hpp"

#include <sstream>

#include "casim/report/writers.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"

BOOST_AUTO_TEST_SUITE(test_session)

using namespace casim;
using namespace casim::serve;
using namespace casim::serve::test;

namespace {

// Buys, informs and submits a DV order for `domain`; returns its CertificateId.
std::string submit_dv(Session& session, const std::string& domain) {
  const ServedCall bought = session.call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 2}, {"TimeSpan", 1}});
  BOOST_TEST_REQUIRE(!bought.answer.error, bought.answer.response.dump());
  const std::string id = bought.answer.certificate_id;
  const ServedCall informed = session.call("CertificateInfoSubmit", dv_info(id, domain));
  BOOST_TEST_REQUIRE(!informed.answer.error, informed.answer.response.dump());
  const ServedCall ordered = session.call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(!ordered.answer.error, ordered.answer.response.dump());
  return id;
}

json detail(Session& session, const std::string& id) {
  const ServedCall described = session.call("DescribeCertificateDetail", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(!described.answer.error, described.answer.response.dump());
  return response(described.answer.response);
}

void publish(Session& session, const std::string& id) {
  const DnsChallenge challenge = dns_challenge(detail(session, id));
  session.add_dns_record(sim::world::DnsRecord::txt(challenge.name, challenge.value));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_dv_order_is_issued_once_its_record_is_published_and_time_moves) {
  const auto session = make_session();
  const std::string id = submit_dv(*session, "example.com");
  BOOST_TEST(detail(*session, id).at("Status") == 0);
  publish(*session, id);
  const ClockReading moved = session->advance_by(sim::parse_duration("4d"));  // pre-review takes up to 72 h
  BOOST_TEST(moved.events_run > 0u);
  const json issued = detail(*session, id);
  BOOST_TEST(issued.at("Status") == 1, issued.dump());
  const ServedCall downloaded = session->call("DownloadCertificate", {{"CertificateId", id}});
  BOOST_TEST_REQUIRE(downloaded.answer.bundle.has_value());
  BOOST_TEST(downloaded.answer.bundle->certificate_pem.starts_with("-----BEGIN CERTIFICATE-----"));

  const report::ReportSet report = session->report();
  BOOST_TEST_REQUIRE(report.scenarios.size() == 1u);
  BOOST_TEST_REQUIRE(report.scenarios[0].runs.size() == 1u);
  const auto& orders = report.scenarios[0].runs[0].orders;
  BOOST_TEST_REQUIRE(orders.size() == 1u);
  BOOST_TEST(orders[0].outcome == order::Outcome::Issued);
  BOOST_TEST_REQUIRE(orders[0].certificate.has_value());
  BOOST_TEST(!orders[0].certificate->sha256_fingerprint.empty());  // from the download
  BOOST_TEST(orders[0].timing(order::Stage::TotalToIssue).entered());
  std::ostringstream json_text;
  report::write_json(report, json_text);
  BOOST_TEST(json_text.str().find("\"outcome\": \"issued\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_ov_order_is_issued_once_the_registry_and_the_phone_say_so) {
  const auto session = make_session();
  sim::world::Organization acme;
  acme.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  acme.registration_number = "91110000MA01ABCD2X";
  acme.jurisdiction = {"CN", "Beijing", "Beijing"};
  acme.address = "1 Zhongguancun Street, Haidian District";
  acme.registration_date = sim::parse_date("2020-03-05");
  acme.directory_phone = "+86 10 1234 5678";
  session->put_organization(acme, sim::world::RegistryStatus::Active);
  session->set_phone("+86 10 1234 5678", {"no_answer", "confirmed"});

  const ServedCall bought = session->call("CreateCertificate", {{"ProductId", 2}, {"DomainNum", 1}, {"TimeSpan", 1}});
  BOOST_TEST_REQUIRE(!bought.answer.error, bought.answer.response.dump());
  const std::string id = bought.answer.certificate_id;
  mockca::OnlineCsr csr;
  csr.common_name = "shop.example.com";
  const mockca::OrganizationInfo organization{acme.legal_name, acme.registration_number, "IT", "CN", "Beijing", "Beijing",
                                              acme.address, "+86 10 1234 5678", std::nullopt};
  json info = api::info_params(csr, organization, {"Li Lei", "CTO", "+86 138 0000 2222", "li@example.com"}, {});
  info["CertId"] = id;
  BOOST_TEST_REQUIRE(!session->call("CertificateInfoSubmit", info).answer.error);
  const ServedCall ordered = session->call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(!ordered.answer.error, ordered.answer.response.dump());
  publish(*session, id);
  session->advance_by(sim::parse_duration("10bd"));
  BOOST_TEST(detail(*session, id).at("Status") == 1, detail(*session, id).dump());
  const auto lines = session->trace_lines(id);
  BOOST_TEST(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
               return line.find("  review  call  ") != std::string::npos;
             }) == 2);  // no answer, then confirmed
}

BOOST_AUTO_TEST_CASE(without_the_record_the_order_stays_pending) {
  const auto session = make_session();
  const std::string id = submit_dv(*session, "example.com");
  session->advance_by(sim::parse_duration("4d"));
  BOOST_TEST(detail(*session, id).at("Status") == 0);
}

BOOST_AUTO_TEST_CASE(business_days_skip_the_weekend_and_the_clock_never_goes_back) {
  const auto session = make_session();
  BOOST_TEST(session->local_text(session->time().now) == "2026-09-07T09:00:00+08:00");  // a Monday
  session->advance_to(sim::parse_instant("2026-09-11T10:00:00+08:00"));                 // Friday
  session->advance_by(sim::parse_duration("3bd"));
  BOOST_TEST(session->local_text(session->time().now) == "2026-09-16T10:00:00+08:00");  // Wednesday
  BOOST_CHECK_THROW(session->advance_to(sim::parse_instant("2026-09-15T10:00:00+08:00")), InputError);
  BOOST_TEST(session->local_text(session->time().now) == "2026-09-16T10:00:00+08:00");
}

BOOST_AUTO_TEST_CASE(a_scaled_clock_follows_the_wall_clock_at_its_speed_and_a_manual_one_does_not) {
  const auto wall = std::chrono::steady_clock::time_point(std::chrono::hours(1000));
  const auto scaled = make_session(1, ServeClock(ClockMode::Scaled, 3600));
  scaled->anchor_clock(wall);
  scaled->sync(wall + std::chrono::milliseconds(1500));
  BOOST_TEST(scaled->local_text(scaled->time().now) == "2026-09-07T10:30:00+08:00");
  scaled->advance_by(sim::parse_duration("1d"));  // by hand: the scaled clock carries on from there
  scaled->anchor_clock(wall + std::chrono::seconds(2));
  scaled->sync(wall + std::chrono::seconds(3));
  BOOST_TEST(scaled->local_text(scaled->time().now) == "2026-09-08T11:30:00+08:00");

  const auto manual = make_session(1, ServeClock(ClockMode::Manual, 3600));
  manual->anchor_clock(wall);
  manual->sync(wall + std::chrono::hours(5));
  BOOST_TEST(manual->local_text(manual->time().now) == "2026-09-07T09:00:00+08:00");
  BOOST_TEST(manual->clock().speed() == 1.0);
}

BOOST_AUTO_TEST_CASE(a_caa_record_for_another_ca_fails_the_order) {
  const auto session = make_session();
  session->set_caa("example.com", {{0, "issue", "other-ca.example"}});
  const std::string id = submit_dv(*session, "example.com");
  publish(*session, id);
  session->advance_by(sim::parse_duration("1d"));
  const json described = detail(*session, id);
  BOOST_TEST(described.at("Status") != 1, described.dump());
  BOOST_CHECK_THROW(session->set_caa("not a name", {}), InputError);
}

BOOST_AUTO_TEST_CASE(world_edits_the_world_refuses_are_input_errors) {
  const auto session = make_session();
  BOOST_CHECK_THROW(session->set_phone("+86 10 1234 5678", {"maybe"}), InputError);
  BOOST_CHECK_THROW(session->set_web("http://www.example.com/x", 42, ""), InputError);
  session->set_phone("+86 10 1234 5678", {"no_answer", "confirmed"});
  session->set_web("http://www.example.com/.well-known/pki-validation/fileauth.txt", 200, "token");
  sim::world::Organization organization;
  organization.legal_name = "Example Ltd";
  organization.registration_number = "91110000000000000X";
  organization.jurisdiction.country = "CN";
  organization.registration_date = sim::parse_date("2015-01-01");
  session->put_organization(organization, sim::world::RegistryStatus::Active);
  session->put_organization(organization, sim::world::RegistryStatus::Inactive);  // a change of status
  const auto lines = session->trace_lines(std::nullopt);
  BOOST_TEST(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
               return line.find("registry: 91110000000000000X is now inactive") != std::string::npos;
             }) == 1);
}

BOOST_AUTO_TEST_CASE(a_counted_fault_meets_exactly_that_many_calls_of_its_action) {
  const auto session = make_session();
  const json buy{{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}};
  session->faults().add({0, "CreateCertificate", FaultKind::RateLimit, 2, std::nullopt, {}});
  for (int call = 0; call < 2; ++call) {
    const ServedCall limited = session->call("CreateCertificate", buy);
    BOOST_TEST_REQUIRE(limited.answer.error.has_value());
    BOOST_TEST(limited.answer.error->code == "RequestLimitExceeded");
  }
  BOOST_TEST(!session->call("CreateCertificate", buy).answer.error.has_value());
  BOOST_TEST(!session->call("DescribeCertificateDetail", {{"CertificateId", "none"}}).fault);
  BOOST_TEST(session->faults().rules().at(0).remaining.value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(probability_faults_are_the_same_for_the_same_seed) {
  const auto pattern = [](std::uint64_t seed) {
    const auto session = make_session(seed);
    session->faults().add({0, "*", FaultKind::NetworkError, std::nullopt, 0.3, {}});
    std::string hits;
    for (int call = 0; call < 300; ++call) hits += session->call("DescribeCertificateDetail", {{"CertificateId", "none"}}).fault ? 'x' : '.';
    return hits;
  };
  const std::string first = pattern(7);
  BOOST_TEST(first == pattern(7));
  BOOST_TEST(first != pattern(8));
  const auto hits = std::count(first.begin(), first.end(), 'x');
  BOOST_TEST(hits > 60);   // 90 expected
  BOOST_TEST(hits < 120);
}

BOOST_AUTO_TEST_CASE(a_network_error_applies_nothing) {
  const auto session = make_session();
  session->faults().add({0, "CreateCertificate", FaultKind::NetworkError, 1, std::nullopt, {}});
  const ServedCall failed = session->call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}});
  BOOST_TEST_REQUIRE(failed.answer.error.has_value());
  BOOST_TEST(failed.answer.error->code == "FailedOperation.NetworkError");
  BOOST_TEST(session->report().scenarios[0].runs[0].orders.empty());
}

BOOST_AUTO_TEST_CASE(request_ids_are_fresh_and_uuid_shaped) {
  const auto session = make_session();
  const std::string first = response(session->call("DescribeCertificateDetail", {{"CertificateId", "none"}}).answer.response).at("RequestId");
  const std::string second = response(session->call("DescribeCertificateDetail", {{"CertificateId", "none"}}).answer.response).at("RequestId");
  BOOST_TEST(first != second);
  BOOST_TEST(first.size() == 36u);
  BOOST_TEST(first[8] == '-');
  BOOST_TEST(first[14] == '4');
}

BOOST_AUTO_TEST_SUITE_END()  // test_session
