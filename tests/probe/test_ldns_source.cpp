// LdnsSource against Knot on loopback: each kind of answer (TXT, several TXT, CNAME to another
// zone, chains, loops, CAA with critical tags, NXDOMAIN, NODATA, SERVFAIL, REFUSED, a large answer
// over TCP, a server that never answers) as the observation the probe judges; and --resolver text.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "casim/probe/ldns_source.hpp"
#include "casim/sim/error.hpp"
#include "loopback_world.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_ldns_source)

namespace {

using casim::probe::DnsObservation;
using casim::probe::LdnsSource;
using casim::probe::NetworkLimits;
using casim::sim::world::DnsRcode;
using casim::sim::world::DnsRecord;
using casim::sim::world::DnsType;
using namespace std::chrono_literals;

std::vector<std::string> described(const std::vector<DnsRecord>& records) {
  std::vector<std::string> lines;
  for (const auto& record : records) lines.push_back(describe(record));
  return lines;
}

std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// One lookup through a source pointed at the loopback Knot; failures show Knot's log.
DnsObservation ask(const std::string& name, DnsType type) {
  auto& network = casim::test::loopback_network();
  LdnsSource source(network.dns.address(), NetworkLimits{});
  DnsObservation answer = source.lookup(name, type);
  BOOST_TEST_INFO(network.dns.log());
  BOOST_TEST(answer.server == network.dns.address());
  return answer;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ldns_source_answers)

BOOST_AUTO_TEST_CASE(a_txt_record_is_read_with_its_ttl) {
  const auto answer = ask("_dnsauth.txt-ok.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(answer.name == "_dnsauth.txt-ok.example.com");
  BOOST_TEST(described(answer.records) == std::vector<std::string>{"_dnsauth.txt-ok.example.com. 300 IN TXT \"token-txt-ok\""},
             boost::test_tools::per_element());
  BOOST_TEST(answer.chain.empty());
  BOOST_TEST(answer.negative_ttl == 0s);
}

BOOST_AUTO_TEST_CASE(names_are_asked_and_reported_lower_case_without_the_trailing_dot) {
  const auto answer = ask("_DNSAUTH.Txt-Ok.EXAMPLE.Com.", DnsType::TXT);
  BOOST_TEST(answer.name == "_dnsauth.txt-ok.example.com");
  BOOST_TEST_REQUIRE(answer.records.size() == 1u);
  BOOST_TEST(answer.records[0].name == "_dnsauth.txt-ok.example.com");
  BOOST_TEST(answer.records[0].value == "token-txt-ok");
}

BOOST_AUTO_TEST_CASE(several_txt_records_each_join_their_character_strings) {
  const auto answer = ask("_dnsauth.txt-multi.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(sorted(described(answer.records)) ==
                 (std::vector<std::string>{"_dnsauth.txt-multi.example.com. 600 IN TXT \"token-multi\"",
                                           "_dnsauth.txt-multi.example.com. 600 IN TXT \"unrelated\"",
                                           "_dnsauth.txt-multi.example.com. 600 IN TXT \"v=spf1 -all\""}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_cname_at_the_validation_host_is_the_record_and_the_rest_is_chain) {
  const auto answer = ask("_dnsauth.via-cname.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(described(answer.records) ==
                 std::vector<std::string>{"_dnsauth.via-cname.example.com. 300 IN CNAME _dnsauth.target.example.net."},
             boost::test_tools::per_element());
  // Knot adds what it knows of the target from the zones it serves; it is evidence only.
  for (const auto& record : answer.chain) BOOST_TEST(record.name == "_dnsauth.target.example.net");
}

BOOST_AUTO_TEST_CASE(asking_for_the_cname_itself_gives_its_target_and_ttl) {
  const auto answer = ask("_dnsauth.cname-ok.example.com", DnsType::CNAME);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(described(answer.records) ==
                 std::vector<std::string>{"_dnsauth.cname-ok.example.com. 120 IN CNAME token-cname-ok.dcv.casim.test."},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_target_of_a_cname_answers_for_itself) {
  const auto answer = ask("_dnsauth.target.example.net", DnsType::TXT);
  BOOST_TEST(described(answer.records) ==
                 std::vector<std::string>{"_dnsauth.target.example.net. 200 IN TXT \"token-via-cname\""},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_cname_chain_gives_the_first_link_as_record_and_the_next_as_chain) {
  const auto answer = ask("chain1.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(described(answer.records) == std::vector<std::string>{"chain1.example.com. 300 IN CNAME chain2.example.com."},
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(!answer.chain.empty());
  BOOST_TEST(describe(answer.chain.front()) == "chain2.example.com. 300 IN CNAME chain3.example.net.");
}

BOOST_AUTO_TEST_CASE(a_cname_loop_is_reported_link_by_link_without_being_followed) {
  const auto answer = ask("_dnsauth.loop.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(described(answer.records) ==
                 std::vector<std::string>{"_dnsauth.loop.example.com. 300 IN CNAME loop-b.example.com."},
             boost::test_tools::per_element());
  BOOST_TEST(described(answer.chain) == std::vector<std::string>{"loop-b.example.com. 300 IN CNAME _dnsauth.loop.example.com."},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_alias_of_a_missing_name_exists_itself) {
  // Knot answers NXDOMAIN with the CNAME: the code speaks of the chain's end (RFC 6604).
  const auto answer = ask("_dnsauth.dangling.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(described(answer.records) ==
                 std::vector<std::string>{"_dnsauth.dangling.example.com. 300 IN CNAME nothing-here.example.com."},
             boost::test_tools::per_element());
  BOOST_TEST(answer.note == "NXDOMAIN at the end of the CNAME chain");
}

BOOST_AUTO_TEST_CASE(nxdomain_carries_the_negative_ttl_from_the_soa) {
  const auto answer = ask("_dnsauth.absent.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NxDomain);
  BOOST_TEST(answer.records.empty());
  // The SOA's TTL (90 s) caps its minimum (120 s).
  BOOST_TEST(answer.negative_ttl == 90s);
}

BOOST_AUTO_TEST_CASE(nodata_is_noerror_without_records_and_with_the_negative_ttl) {
  const auto answer = ask("ok.example.org", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(answer.records.empty());
  BOOST_TEST(answer.negative_ttl == 90s);
}

BOOST_AUTO_TEST_CASE(a_zone_knot_cannot_load_answers_servfail) {
  const auto answer = ask("_dnsauth.www.broken.example.net", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::ServFail);
  BOOST_TEST(answer.records.empty());
  BOOST_TEST(answer.note == "");
}

BOOST_AUTO_TEST_CASE(refused_counts_as_servfail_and_is_named) {
  const auto answer = ask("www.not-served.example", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::ServFail);
  BOOST_TEST(answer.note == "REFUSED");
}

BOOST_AUTO_TEST_CASE(caa_records_keep_flags_tag_and_value) {
  const auto apex = ask("caa.example.net", DnsType::CAA);
  BOOST_TEST(sorted(described(apex.records)) == (std::vector<std::string>{"caa.example.net. 300 IN CAA 0 issue \"casim.test\"",
                                                                         "caa.example.net. 300 IN CAA 0 issuewild \"other-ca.example\""}),
             boost::test_tools::per_element());
  const auto critical = ask("critical.caa.example.net", DnsType::CAA);
  BOOST_TEST(sorted(described(critical.records)) ==
                 (std::vector<std::string>{"critical.caa.example.net. 300 IN CAA 0 issue \"casim.test\"",
                                           "critical.caa.example.net. 300 IN CAA 128 tbs \"unknown\""}),
             boost::test_tools::per_element());
  const bool any_critical = std::any_of(critical.records.begin(), critical.records.end(),
                                        [](const DnsRecord& record) { return record.caa_critical(); });
  BOOST_TEST(any_critical);
}

BOOST_AUTO_TEST_CASE(a_name_without_caa_below_an_apex_with_caa_has_none_itself) {
  const auto answer = ask("www.caa.example.net", DnsType::CAA);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(answer.records.empty());
}

BOOST_AUTO_TEST_CASE(a_and_ns_records_are_read) {
  BOOST_TEST(described(ask("www.caa.example.net", DnsType::A).records) ==
                 std::vector<std::string>{"www.caa.example.net. 300 IN A 127.0.0.1"},
             boost::test_tools::per_element());
  BOOST_TEST(described(ask("example.com", DnsType::NS).records) ==
                 std::vector<std::string>{"example.com. 300 IN NS ns.example.com."},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_answer_too_large_for_udp_arrives_whole_over_tcp) {
  const auto answer = ask("big.example.com", DnsType::TXT);
  BOOST_TEST(answer.rcode == DnsRcode::NoError);
  BOOST_TEST(answer.records.size() == 30u);
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_is_a_timeout_within_the_limit) {
  const casim::test::SilentUdpPort silent;
  NetworkLimits limits;
  limits.dns_timeout = 400ms;
  const std::string address = "127.0.0.1:" + std::to_string(silent.port());
  LdnsSource source(address, limits);
  for (int lookup = 0; lookup < 2; ++lookup) {  // the second one waits again: no server is written off
    const auto answer = source.lookup("_dnsauth.txt-ok.example.com", DnsType::TXT);
    BOOST_TEST(answer.rcode == DnsRcode::Timeout);
    BOOST_TEST(answer.note.find("no answer from " + address + " within 400 ms") == 0u, answer.note);
    BOOST_TEST(answer.elapsed >= 300ms);
    BOOST_TEST(answer.elapsed < 3000ms);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ldns_source_resolver_text)

BOOST_AUTO_TEST_CASE(addresses_and_ports_are_read) {
  using casim::probe::parse_resolver_address;
  BOOST_TEST(parse_resolver_address("192.0.2.53").to_string() == "192.0.2.53:53");
  BOOST_TEST(parse_resolver_address("127.0.0.1:5353").to_string() == "127.0.0.1:5353");
  BOOST_TEST(parse_resolver_address("[::1]:5353").to_string() == "[::1]:5353");
  BOOST_TEST(parse_resolver_address("[2001:db8::53]").to_string() == "[2001:db8::53]:53");
  BOOST_TEST(parse_resolver_address("2001:db8::53").to_string() == "[2001:db8::53]:53");
}

BOOST_AUTO_TEST_CASE(bad_text_is_an_input_error_naming_the_option) {
  for (const std::string text : {"", "dns.example", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:53x",
                                 "300.1.1.1", "[::1", "[::1]53", "[127.0.0.1]:53", "::1::2"}) {
    BOOST_TEST_CONTEXT("--resolver '" << text << "'") {
      try {
        LdnsSource source(text, NetworkLimits{});
        BOOST_ERROR("accepted");
      } catch (const casim::InputError& error) {
        BOOST_TEST(error.where() == "--resolver");
        BOOST_TEST(std::string(error.what()).find("is not a resolver address") != std::string::npos, error.what());
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_ldns_source
