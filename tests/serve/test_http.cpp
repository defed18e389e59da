// casim serve over HTTP: a whole DV order signed as the SDKs sign (create, submit information with
// an online CSR, submit with DNS, read DvAuthDetail, publish through /_casim/dns/records, advance,
// Status 1, DownloadCertificate), the management API's shapes and errors, refusals before any
// action (bad secret, expired timestamp, no Authorization, malformed JSON, unknown action, a
// wrong-type parameter, a 10 MiB body), faults, and a slow client that never finishes while
// another is served.
#include "http_client.hpp"
#include "serve_support.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

BOOST_AUTO_TEST_SUITE(test_http)

using namespace casim;
using namespace casim::serve;
using namespace casim::serve::test;

namespace {

std::string error_code(const HttpAnswer& answer) {
  return answer.json().at("Response").at("Error").at("Code").get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_dv_order_over_http_from_purchase_to_download) {
  const auto session = make_session();
  RunningServer server(*session);
  HttpClient client(server.port());

  const HttpAnswer bought = client.api("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 2}, {"TimeSpan", 1}});
  BOOST_TEST_REQUIRE(bought.status == 200u);
  const json ids = bought.json().at("Response").at("CertificateIds");
  BOOST_TEST_REQUIRE(ids.size() == 1u, bought.body);
  const std::string id = ids[0];
  BOOST_TEST(client.api("CertificateInfoSubmit", dv_info(id, "example.com")).json().at("Response").contains("Error") == false);
  const HttpAnswer ordered = client.api("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
  BOOST_TEST_REQUIRE(!ordered.json().at("Response").contains("Error"), ordered.body);
  const json detail = client.api("DescribeCertificateDetail", {{"CertificateId", id}}).json().at("Response");
  BOOST_TEST(detail.at("Status") == 0);
  const DnsChallenge challenge = dns_challenge(detail);

  const HttpAnswer published =
      client.manage("POST", "/_casim/dns/records", {{"name", challenge.name}, {"type", "TXT"}, {"value", challenge.value}, {"ttl", 600}});
  BOOST_TEST_REQUIRE(published.status == 200u, published.body);
  const HttpAnswer advanced = client.manage("POST", "/_casim/time/advance", {{"by", "4d"}});  // pre-review takes up to 72 h
  BOOST_TEST_REQUIRE(advanced.status == 200u, advanced.body);
  BOOST_TEST(advanced.json().at("now") == "2026-09-11T09:00:00+08:00");
  BOOST_TEST(advanced.json().at("events_run").get<int>() > 0);
  BOOST_TEST(advanced.json().at("clock") == "manual");

  BOOST_TEST(client.api("DescribeCertificateDetail", {{"CertificateId", id}}).json().at("Response").at("Status") == 1);
  const json downloaded = client.api("DownloadCertificate", {{"CertificateId", id}}).json().at("Response");
  BOOST_TEST(downloaded.at("ContentType") == "application/zip");
  BOOST_TEST(!downloaded.at("Content").get<std::string>().empty());

  const HttpAnswer root = client.manage("GET", "/_casim/root");
  BOOST_TEST(root.body.starts_with("-----BEGIN CERTIFICATE-----"));
  BOOST_TEST(root.content_type.starts_with("text/plain"));
  const HttpAnswer report = client.manage("GET", "/_casim/report");
  BOOST_TEST_REQUIRE(report.status == 200u);
  BOOST_TEST(report.json().at("scenarios").at(0).at("runs").at(0).at("orders").at(0).at("outcome") == "issued");
  const HttpAnswer trace = client.manage("GET", "/_casim/trace?certificate=" + id);
  BOOST_TEST(trace.body.find("API DownloadCertificate") != std::string::npos, trace.body);
  BOOST_TEST(trace.body.find("casim serve, seed") == std::string::npos);  // the run's own events are not the order's
}

BOOST_AUTO_TEST_CASE(refusals_before_any_action_are_api_errors_and_the_server_goes_on) {
  const auto session = make_session();
  RunningServer server(*session);
  HttpClient client(server.port());
  const json buy{{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}};

  BOOST_TEST(error_code(client.api("CreateCertificate", buy, {std::string(kTestSecretId), "wrong-key"})) ==
             "AuthFailure.SignatureFailure");
  BOOST_TEST(error_code(client.api("CreateCertificate", buy, {"AKIDunknown", "key"})) == "AuthFailure.SecretIdNotFound");
  BOOST_TEST(error_code(client.api("CreateCertificate", buy, HttpClient::test_credential(), unix_now() - 3600)) ==
             "AuthFailure.SignatureExpire");
  const HttpAnswer unsigned_call = client.send("POST", "/", {{"X-TC-Action", "CreateCertificate"}, {"Content-Type", "application/json"}}, buy.dump());
  BOOST_TEST(unsigned_call.status == 200u);
  BOOST_TEST(error_code(unsigned_call) == "AuthFailure.InvalidAuthorization");

  BOOST_TEST(error_code(client.api("NoSuchAction", json::object())) == "InvalidAction");
  BOOST_TEST(error_code(client.api("CreateCertificate", {{"ProductId", "one"}, {"DomainNum", 1}, {"TimeSpan", 1}})) ==
             "InvalidParameter");

  api::SignedHttpRequest malformed;
  malformed.headers = {{"Content-Type", "application/json"}, {"Host", client.host()}, {"X-TC-Action", "CreateCertificate"},
                       {"X-TC-Version", "2019-12-05"}, {"X-TC-Timestamp", std::to_string(unix_now())}};
  malformed.body = "{\"ProductId\": 1,";
  auto headers = malformed.headers;
  headers.emplace_back("Authorization", api::sign_tc3(malformed, HttpClient::test_credential(), "ssl", unix_now()));
  const HttpAnswer broken = client.send("POST", "/", headers, malformed.body);
  BOOST_TEST(error_code(broken) == "InvalidParameter");
  BOOST_TEST(broken.json().at("Response").at("RequestId").get<std::string>().size() == 36u);

  // The same connection still serves.
  BOOST_TEST(!client.api("CreateCertificate", buy).json().at("Response").contains("Error"));
}

BOOST_AUTO_TEST_CASE(a_body_over_one_mebibyte_is_answered_413_with_the_error_envelope) {
  const auto session = make_session();
  RunningServer server(*session);
  HttpClient client(server.port());
  const std::string huge(10 * 1024 * 1024, 'x');
  const HttpAnswer refused = client.send("POST", "/", {{"Content-Type", "application/json"}}, huge);
  BOOST_TEST(refused.status == 413u);
  BOOST_TEST(error_code(refused) == "RequestSizeLimitExceeded");
  HttpClient next(server.port());
  BOOST_TEST(next.manage("GET", "/_casim/time").status == 200u);
}

BOOST_AUTO_TEST_CASE(the_management_api_needs_the_token_and_names_bad_fields) {
  const auto session = make_session();
  RunningServer server(*session);
  HttpClient client(server.port());
  BOOST_TEST(client.manage("GET", "/_casim/time", nullptr, "wrong").status == 401u);
  BOOST_TEST(client.send("GET", "/_casim/time", {}, "").status == 401u);
  BOOST_TEST(client.manage("GET", "/_casim/nothing").status == 404u);
  const HttpAnswer time = client.manage("GET", "/_casim/time");
  BOOST_TEST(time.json() == (json{{"now", "2026-09-07T09:00:00+08:00"}, {"clock", "manual"}, {"speed", 1.0},
                                  {"pending_events", 0}}));
  const HttpAnswer backwards = client.manage("POST", "/_casim/time/advance", {{"to", "2026-09-01T09:00:00+08:00"}});
  BOOST_TEST(backwards.status == 400u);
  BOOST_TEST(backwards.json().at("error").at("message").get<std::string>().find("backwards") != std::string::npos);
  const HttpAnswer bad_ttl = client.manage("POST", "/_casim/dns/records", {{"name", "a.example.com"}, {"type", "TXT"}, {"value", "v"}, {"ttl", "x"}});
  BOOST_TEST(bad_ttl.status == 400u);
  BOOST_TEST(bad_ttl.json().at("error").at("message").get<std::string>().find("\"ttl\"") != std::string::npos);
  BOOST_TEST(client.manage("PUT", "/_casim/caa", {{"name", "example.com"}, {"records", {{{"flags", 0}, {"tag", "issue"}, {"value", "ca.example"}}}}}).status == 200u);
  BOOST_TEST(client.manage("PUT", "/_casim/phones", {{"number", "+86 10 1234 5678"}, {"answers", {"busy", "confirmed"}}}).status == 200u);
  BOOST_TEST(client.manage("PUT", "/_casim/web", {{"url", "http://www.example.com/a.txt"}, {"status", 200}, {"body", "x"}}).status == 200u);
  BOOST_TEST(client.manage("PUT", "/_casim/organizations",
                           {{"legal_name", "Example Ltd"}, {"registration_number", "9111"}, {"country", "CN"},
                            {"registration_date", "2015-01-01"}}).status == 200u);

  const HttpAnswer added = client.manage("POST", "/_casim/faults", {{"action", "CreateCertificate"}, {"fault", "empty_body"}, {"count", 1}});
  BOOST_TEST_REQUIRE(added.status == 200u, added.body);
  BOOST_TEST(added.json().at("id") == 1);
  BOOST_TEST(client.manage("GET", "/_casim/faults").json().at("faults").at(0).at("fault") == "empty_body");
  const HttpAnswer empty = client.api("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}});
  BOOST_TEST(empty.status == 200u);
  BOOST_TEST(empty.body.empty());
  BOOST_TEST(client.manage("POST", "/_casim/faults", {{"action", "X"}, {"fault", "delay"}, {"probability", 2}}).status == 400u);
  BOOST_TEST(client.manage("DELETE", "/_casim/faults").status == 200u);
  BOOST_TEST(client.manage("GET", "/_casim/faults").json().at("faults").empty());
}

BOOST_AUTO_TEST_CASE(a_slow_client_is_dropped_while_another_is_served) {
  const auto session = make_session();
  ServerOptions options;
  options.read_timeout = std::chrono::milliseconds(500);
  RunningServer server(*session, options);
  HttpClient slow(server.port());
  const std::string start = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"Pro";
  boost::asio::write(slow.stream().socket(), boost::asio::buffer(start));
  const auto began = std::chrono::steady_clock::now();
  HttpClient other(server.port());
  BOOST_TEST(other.manage("GET", "/_casim/time").status == 200u);
  const auto served_after = std::chrono::steady_clock::now() - began;
  BOOST_TEST((served_after < std::chrono::milliseconds(400)));
  char byte = 0;
  boost::system::error_code error;
  boost::asio::read(slow.stream().socket(), boost::asio::buffer(&byte, 1), error);
  BOOST_TEST(static_cast<bool>(error));  // closed by the server
  const auto dropped_after = std::chrono::steady_clock::now() - began;
  BOOST_TEST((dropped_after >= std::chrono::milliseconds(450)));
  HttpClient later(server.port());  // `other` sat idle past the read timeout too, and was closed
  BOOST_TEST(later.manage("GET", "/_casim/time").status == 200u);
}

BOOST_AUTO_TEST_CASE(a_delayed_answer_keeps_other_clients_waiting_for_nothing) {
  const auto session = make_session();
  RunningServer server(*session);
  HttpClient manager(server.port());
  BOOST_TEST_REQUIRE(manager.manage("POST", "/_casim/faults",
                                    {{"action", "CreateCertificate"}, {"fault", "delay"}, {"count", 1}, {"delay_ms", 600}})
                         .status == 200u);
  const auto began = std::chrono::steady_clock::now();
  std::thread delayed([&] {
    HttpClient client(server.port());
    const HttpAnswer bought = client.api("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}});
    BOOST_TEST(!bought.json().at("Response").contains("Error"));  // applied, only late
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  BOOST_TEST(manager.manage("GET", "/_casim/time").status == 200u);
  const auto other_served = std::chrono::steady_clock::now() - began;
  delayed.join();
  const auto delayed_served = std::chrono::steady_clock::now() - began;
  BOOST_TEST((other_served < std::chrono::milliseconds(500)));
  BOOST_TEST((delayed_served >= std::chrono::milliseconds(600)));
}

BOOST_AUTO_TEST_SUITE_END()  // test_http
