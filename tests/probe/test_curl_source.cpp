// CurlSource against web_server.py and Knot on loopback: the file, a wrong content, a 404,
// redirects (off-domain, a chain of three, relative locations made absolute), https with a
// self-signed certificate, https-only sites, a slow answer, an oversized body, hosts without an
// address, and the refusal to connect to non-public addresses unless allowed.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "casim/probe/curl_source.hpp"
#include "casim/probe/ldns_source.hpp"
#include "casim/sim/world/url.hpp"
#include "loopback_world.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_curl_source)

namespace {

using casim::probe::CurlSource;
using casim::probe::LdnsSource;
using casim::probe::NetworkLimits;
using casim::probe::WebObservation;
using casim::sim::world::WebError;
using casim::test::loopback::kFilePath;
using namespace std::chrono_literals;

// Limits that reach the loopback servers.
NetworkLimits loopback_limits() {
  const auto& network = casim::test::loopback_network();
  NetworkLimits limits;
  limits.allow_private = true;
  limits.http_port = network.web.http_port();
  limits.https_port = network.web.https_port();
  limits.dns_timeout = 2s;
  limits.http_timeout = 3s;
  return limits;
}

// One request through a CurlSource that resolves with the loopback Knot.
WebObservation fetch(const std::string& url, const NetworkLimits& limits = loopback_limits()) {
  const auto& network = casim::test::loopback_network();
  LdnsSource dns(network.dns.address(), limits);
  CurlSource web(dns, limits);
  const WebObservation answer = web.fetch(casim::sim::world::parse_url(url));
  BOOST_TEST_MESSAGE(url << ": " << to_string(answer.error) << " " << answer.status << " '"
                         << answer.body.substr(0, 60) << "' " << answer.location << " " << answer.note);
  return answer;
}

std::string logs() { return casim::test::loopback_network().logs(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(curl_source_answers)

BOOST_AUTO_TEST_CASE(the_file_is_fetched_over_http_from_the_address_dns_gives) {
  const auto answer = fetch("http://ok.example.org" + kFilePath);
  BOOST_TEST_INFO(logs());
  BOOST_TEST(answer.error == WebError::None);
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.body == "token-file-ok");
  BOOST_TEST(!answer.truncated);
  BOOST_TEST(answer.location == "");
  BOOST_TEST(answer.address == "127.0.0.1");
  BOOST_TEST(answer.url == "http://ok.example.org" + kFilePath);
}

BOOST_AUTO_TEST_CASE(https_with_a_self_signed_certificate_is_fetched) {
  const auto answer = fetch("https://ok.example.org" + kFilePath);
  BOOST_TEST_INFO(logs());
  BOOST_TEST(answer.error == WebError::None);
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.body == "token-file-ok");
}

BOOST_AUTO_TEST_CASE(a_wrong_content_and_a_404_are_answers_with_their_status) {
  const auto wrong = fetch("http://mismatch.example.org" + kFilePath);
  BOOST_TEST(wrong.status == 200);
  BOOST_TEST(wrong.body == "not-the-token");
  const auto missing = fetch("http://missing.example.org" + kFilePath);
  BOOST_TEST(missing.error == WebError::None);
  BOOST_TEST(missing.status == 404);
}

BOOST_AUTO_TEST_CASE(a_host_reached_through_a_cname_is_asked_by_its_own_name) {
  const auto answer = fetch("http://alias.example.org" + kFilePath);
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.body == "served for alias.example.org");
  BOOST_TEST(answer.address == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(a_redirect_is_reported_not_followed) {
  const auto answer = fetch("http://offdomain.example.org" + kFilePath);
  BOOST_TEST(answer.error == WebError::None);
  BOOST_TEST(answer.status == 302);
  BOOST_TEST(answer.location == "http://elsewhere.example.net" + kFilePath);
  BOOST_TEST(answer.body == "");
}

BOOST_AUTO_TEST_CASE(a_chain_of_three_redirects_is_walked_one_request_at_a_time) {
  const auto first = fetch("http://chain.example.org" + kFilePath);
  BOOST_TEST(first.status == 301);
  BOOST_TEST(first.location == "http://chain.example.org/hop1");
  const auto second = fetch(first.location);
  BOOST_TEST(second.status == 302);
  BOOST_TEST(second.location == "http://chain.example.org/hop2");  // "/hop2", made absolute
  const auto third = fetch(second.location);
  BOOST_TEST(third.status == 307);
  BOOST_TEST(third.location == "https://chain.example.org/hop3");
  const auto last = fetch(third.location);
  BOOST_TEST(last.status == 200);
  BOOST_TEST(last.body == "token-file-chain");
}

BOOST_AUTO_TEST_CASE(an_https_only_site_redirects_or_refuses_plain_http) {
  const auto redirected = fetch("http://secure.example.org" + kFilePath);
  BOOST_TEST(redirected.status == 301);
  BOOST_TEST(redirected.location == "https://secure.example.org" + kFilePath);
  BOOST_TEST(fetch(redirected.location).body == "token-file-secure");

  const auto refused = fetch("http://refuse.example.org" + kFilePath);
  BOOST_TEST(refused.error == WebError::ConnectionRefused);
  BOOST_TEST(refused.note != "");
  BOOST_TEST(fetch("https://refuse.example.org" + kFilePath).body == "token-file-refuse");
}

BOOST_AUTO_TEST_CASE(a_slow_answer_is_a_timeout_at_the_limit) {
  NetworkLimits limits = loopback_limits();
  limits.http_timeout = 1s;
  const auto answer = fetch("http://slow.example.org" + kFilePath, limits);
  BOOST_TEST(answer.error == WebError::Timeout);
  BOOST_TEST(answer.note.find("no complete answer within 1000 ms") == 0u, answer.note);
  BOOST_TEST(answer.elapsed >= 900ms);
  BOOST_TEST(answer.elapsed < 1000ms * casim::test::loopback::kSlowSeconds);
}

BOOST_AUTO_TEST_CASE(an_oversized_body_is_cut_at_max_body_and_still_an_answer) {
  const auto answer = fetch("http://big.example.org" + kFilePath);
  BOOST_TEST(casim::test::loopback::kBigBody > NetworkLimits{}.max_body);
  BOOST_TEST(answer.error == WebError::None);
  BOOST_TEST(answer.status == 200);
  BOOST_TEST(answer.truncated);
  BOOST_TEST(answer.body.size() == NetworkLimits{}.max_body);
  BOOST_TEST(answer.body.find_first_not_of('x') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(max_body_counts_bytes_exactly) {
  NetworkLimits limits = loopback_limits();
  limits.max_body = std::string("token-file-ok").size();
  const auto whole = fetch("http://ok.example.org" + kFilePath, limits);
  BOOST_TEST(whole.body == "token-file-ok");
  BOOST_TEST(!whole.truncated);
  limits.max_body = 5;
  const auto cut = fetch("https://ok.example.org" + kFilePath, limits);
  BOOST_TEST(cut.status == 200);
  BOOST_TEST(cut.body == "token");
  BOOST_TEST(cut.truncated);
}

BOOST_AUTO_TEST_CASE(a_port_where_nothing_listens_is_connection_refused) {
  NetworkLimits limits = loopback_limits();
  limits.http_port = casim::test::free_loopback_port();
  const auto answer = fetch("http://ok.example.org" + kFilePath, limits);
  BOOST_TEST(answer.error == WebError::ConnectionRefused);
  BOOST_TEST(answer.note != "");
}

BOOST_AUTO_TEST_CASE(a_proxy_in_the_environment_is_not_used) {
  setenv("http_proxy", "http://127.0.0.1:9", 1);
  setenv("HTTPS_PROXY", "http://127.0.0.1:9", 1);
  const auto plain = fetch("http://ok.example.org" + kFilePath);
  const auto secure = fetch("https://ok.example.org" + kFilePath);
  unsetenv("http_proxy");
  unsetenv("HTTPS_PROXY");
  BOOST_TEST(plain.body == "token-file-ok");
  BOOST_TEST(secure.body == "token-file-ok");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(curl_source_hosts_without_an_answer)

BOOST_AUTO_TEST_CASE(a_host_without_an_address_is_unknown_and_says_why) {
  const auto nxdomain = fetch("http://absent.example.org" + kFilePath);
  BOOST_TEST(nxdomain.error == WebError::UnknownHost);
  BOOST_TEST(nxdomain.note == "no address for absent.example.org: absent.example.org: NXDOMAIN");
  const auto no_a = fetch("http://no-address.example.org" + kFilePath);
  BOOST_TEST(no_a.error == WebError::UnknownHost);
  BOOST_TEST(no_a.note == "no address for no-address.example.org: no-address.example.org: no A record");
  const auto servfail = fetch("http://www.broken.example.net" + kFilePath);
  BOOST_TEST(servfail.error == WebError::UnknownHost);
  BOOST_TEST(servfail.note == "no address for www.broken.example.net: www.broken.example.net: SERVFAIL");
  const auto loop = fetch("http://alias-loop.example.org" + kFilePath);
  BOOST_TEST(loop.error == WebError::UnknownHost);
  BOOST_TEST(loop.note == "no address for alias-loop.example.org: alias-loop2.example.org: CNAME loop back to alias-loop.example.org");
}

BOOST_AUTO_TEST_CASE(a_loopback_address_is_refused_unasked_without_allow_private) {
  NetworkLimits limits = loopback_limits();
  limits.allow_private = false;
  const std::string path = "/never-sent-to-the-server";
  const auto answer = fetch("http://ok.example.org" + path, limits);
  BOOST_TEST(answer.error == WebError::ConnectionRefused);
  BOOST_TEST(answer.note == "not connected: 127.0.0.1 is a loopback address (--allow-private allows it)");
  BOOST_TEST(answer.address == "");
  BOOST_TEST(casim::test::loopback_network().web.log().find(path) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_private_address_is_refused_and_named) {
  NetworkLimits limits = loopback_limits();
  limits.allow_private = false;
  const auto answer = fetch("https://intranet.example.org" + kFilePath, limits);
  BOOST_TEST(answer.error == WebError::ConnectionRefused);
  BOOST_TEST(answer.note == "not connected: 10.1.2.3 is a private (RFC 1918) address (--allow-private allows it)");
}

BOOST_AUTO_TEST_CASE(non_public_ranges_are_recognized_and_public_addresses_pass) {
  using casim::probe::non_public_ipv4;
  const std::vector<std::pair<std::string, std::string>> non_public{
      {"0.1.2.3", "a 'this network' (0.0.0.0/8) address"},
      {"10.255.0.1", "a private (RFC 1918) address"},
      {"100.64.0.1", "a shared (carrier-grade NAT, RFC 6598) address"},
      {"100.127.255.255", "a shared (carrier-grade NAT, RFC 6598) address"},
      {"127.8.9.10", "a loopback address"},
      {"169.254.169.254", "a link-local address"},
      {"172.16.0.1", "a private (RFC 1918) address"},
      {"172.31.255.255", "a private (RFC 1918) address"},
      {"192.0.0.8", "an IETF protocol assignment (192.0.0.0/24) address"},
      {"192.0.2.1", "a documentation (TEST-NET-1) address"},
      {"192.88.99.1", "a deprecated 6to4 relay (192.88.99.0/24) address"},
      {"192.168.1.1", "a private (RFC 1918) address"},
      {"198.19.255.1", "a benchmarking (RFC 2544) address"},
      {"198.51.100.7", "a documentation (TEST-NET-2) address"},
      {"203.0.113.9", "a documentation (TEST-NET-3) address"},
      {"224.0.0.251", "a multicast address"},
      {"240.0.0.1", "a reserved (240.0.0.0/4) address"},
      {"255.255.255.255", "a reserved (240.0.0.0/4) address"},
  };
  for (const auto& [address, kind] : non_public) BOOST_TEST(non_public_ipv4(address).value_or("public") == kind, address);
  for (const std::string address : {"1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.15.255.255",
                                    "172.32.0.1", "192.0.1.1", "192.169.0.1", "198.20.0.1", "223.255.255.255"}) {
    BOOST_TEST(!non_public_ipv4(address).has_value(), address);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_curl_source
