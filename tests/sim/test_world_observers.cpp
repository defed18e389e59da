// The world's query observers: Dns reports every question its authoritative side is asked (a
// resolver's CNAME links included, cached answers not), Web every URL fetched; neither changes an
// answer, and an observer can be removed.
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/web.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_world_observers)

using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-03-02T09:00:00Z");
const Perspective kProbe{"probe", "CN"};

}  // namespace

BOOST_AUTO_TEST_CASE(dns_reports_each_question_a_resolver_asks) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::cname("_dnsauth.example.com", "token.dcv.example.com"));
  dns.add_record(kT0, DnsRecord::txt("token.dcv.example.com", "abc"));
  std::vector<std::pair<std::string, DnsType>> asked;
  dns.set_query_observer([&](std::string_view name, DnsType type) { asked.emplace_back(name, type); });

  DnsResolver resolver;
  const DnsResult first = resolver.query(dns, "_DNSAUTH.Example.com.", DnsType::TXT, kT0);
  BOOST_TEST(first.records.size() == 1u);
  resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 1s);  // cached: not asked again
  resolver.query(dns, "example.com", DnsType::CAA, kT0);

  const std::vector<std::pair<std::string, DnsType>> expected{{"_dnsauth.example.com", DnsType::TXT},
                                                              {"token.dcv.example.com", DnsType::TXT},
                                                              {"example.com", DnsType::CAA}};
  BOOST_TEST((asked == expected));

  dns.set_query_observer({});
  dns.query("example.com", DnsType::NS, kT0);
  BOOST_TEST(asked.size() == 3u);
}

BOOST_AUTO_TEST_CASE(web_reports_each_url_and_answers_as_before) {
  Web web;
  web.set_path(kT0, "http://example.com/.well-known/pki-validation/fileauth.txt",
               WebBehaviour::redirect(301, "https://example.com/.well-known/pki-validation/fileauth.txt"));
  const WebResponse unobserved = web.fetch("http://example.com/.well-known/pki-validation/fileauth.txt", kT0, kProbe);
  std::vector<std::string> fetched;
  web.set_fetch_observer([&](const Url& url) { fetched.push_back(url.to_string()); });

  const WebResponse observed = web.fetch("http://Example.com/.well-known/pki-validation/fileauth.txt", kT0, kProbe);
  BOOST_TEST(observed.status == unobserved.status);
  BOOST_TEST(observed.location == unobserved.location);
  BOOST_TEST(web.fetch("https://unknown.example.org/x", kT0, kProbe).error == WebError::UnknownHost);
  BOOST_TEST(web.fetch("http://example.com:8080/x", kT0, kProbe).error == WebError::ConnectionRefused);

  const std::vector<std::string> expected{"http://example.com/.well-known/pki-validation/fileauth.txt",
                                          "https://unknown.example.org/x", "http://example.com:8080/x"};
  BOOST_TEST(fetched == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()  // test_world_observers
