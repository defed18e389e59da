// The simulated DNS: record changes over time, propagation, negative and positive caching in the
// validator's resolver, failure windows, CNAME chains and loops, names and input checks.
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "casim/sim/world/dns.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_world_dns)


using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-03-02T09:00:00Z");

Dns zone_with_delay(Duration propagation) {
  Dns dns;
  dns.add_zone("example.com", DnsZoneSettings{propagation, kDefaultDnsTtl});
  return dns;
}

std::vector<std::string> texts(const DnsAnswer& answer) {
  std::vector<std::string> values;
  for (const auto& record : answer.records) values.push_back(record.value);
  return values;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(authoritative)

BOOST_AUTO_TEST_CASE(record_is_visible_only_after_propagation_and_until_removed) {
  Dns dns = zone_with_delay(5min);
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "token-1"));
  dns.remove_record(kT0 + 2h, DnsRecord::txt("_dnsauth.example.com", "token-1"));

  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 - 1s).rcode == DnsRcode::NxDomain);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 4min).rcode == DnsRcode::NxDomain);
  const DnsAnswer visible = dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 5min);
  BOOST_TEST(visible.rcode == DnsRcode::NoError);
  BOOST_TEST(texts(visible) == std::vector<std::string>{"token-1"});
  BOOST_TEST(visible.records.front().ttl == 600s);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 2h + 4min).records.size() == 1);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 2h + 5min).rcode ==
             DnsRcode::NxDomain);
}

BOOST_AUTO_TEST_CASE(nodata_nxdomain_and_empty_non_terminals) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.www.example.com", "v"));
  dns.add_record(kT0, DnsRecord::a("www.example.com", "192.0.2.1"));

  // The name exists (an A record): NODATA for TXT, with the zone's negative TTL.
  const DnsAnswer nodata = dns.query("www.example.com", DnsType::TXT, kT0);
  BOOST_TEST(nodata.is_nodata());
  BOOST_TEST(nodata.negative_ttl == 600s);
  // The apex always exists; a name with records only below it exists too.
  BOOST_TEST(dns.query("example.com", DnsType::CAA, kT0).is_nodata());
  dns.add_record(kT0, DnsRecord::txt("_acme.deep.sub.example.com", "x"));
  BOOST_TEST(dns.query("sub.example.com", DnsType::TXT, kT0).is_nodata());
  BOOST_TEST(dns.query("deep.sub.example.com", DnsType::A, kT0).is_nodata());
  // Names with nothing at or below them, and names outside every zone, do not exist.
  BOOST_TEST(dns.query("other.example.com", DnsType::TXT, kT0).rcode == DnsRcode::NxDomain);
  BOOST_TEST(dns.query("example.org", DnsType::TXT, kT0).rcode == DnsRcode::NxDomain);
  // Before the records appear, sub.example.com does not exist.
  BOOST_TEST(dns.query("sub.example.com", DnsType::TXT, kT0 - 1s).rcode == DnsRcode::NxDomain);
}

BOOST_AUTO_TEST_CASE(several_records_replacement_and_removal_by_type) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "a"));
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "b", 60s));
  dns.add_record(kT0 + 1min, DnsRecord::txt("_dnsauth.example.com", "a", 30s));  // new TTL only
  BOOST_TEST(texts(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 1min)) ==
             (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 1min).records.front().ttl == 30s);
  dns.remove_records(kT0 + 10min, "_dnsauth.example.com", DnsType::TXT);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 10min).rcode == DnsRcode::NxDomain);
  BOOST_TEST(dns.changes("_DNSAUTH.example.com.").size() == 4);
}

BOOST_AUTO_TEST_CASE(changes_added_out_of_order_apply_in_instant_order) {
  Dns dns;
  dns.add_zone("example.com");
  dns.remove_record(kT0 + 1h,
                    DnsRecord::txt("x.example.com", "v"));    // a scenario action known in advance
  dns.add_record(kT0, DnsRecord::txt("x.example.com", "v"));  // added later, but earlier in time
  BOOST_TEST(dns.query("x.example.com", DnsType::TXT, kT0 + 30min).records.size() == 1);
  BOOST_TEST(dns.query("x.example.com", DnsType::TXT, kT0 + 1h).rcode == DnsRcode::NxDomain);
}

BOOST_AUTO_TEST_CASE(caa_records_keep_flags_tag_and_value) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::caa("example.com", 0, "ISSUE", "digicert.com"));
  dns.add_record(kT0, DnsRecord::caa("example.com", 128, "tbs", "unknown"));
  const DnsAnswer answer = dns.query("example.com", DnsType::CAA, kT0);
  BOOST_TEST_REQUIRE(answer.records.size() == 2);
  BOOST_TEST(answer.records[0].caa_tag == "issue");
  BOOST_TEST(answer.records[0].value == "digicert.com");
  BOOST_TEST(!answer.records[0].caa_critical());
  BOOST_TEST(answer.records[1].caa_critical());
  BOOST_TEST(describe(answer.records[1]) == "example.com. 600 IN CAA 128 tbs \"unknown\"");
}

BOOST_AUTO_TEST_CASE(servfail_and_timeout_windows_per_zone_and_name) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "v"));
  dns.add_record(kT0, DnsRecord::txt("www.example.com", "w"));
  dns.add_zone_failure("example.com", DnsFailure::ServFail, kT0 + 1h, kT0 + 2h);
  dns.add_name_failure("_dnsauth.example.com", DnsFailure::Timeout, kT0 + 3h, kT0 + 4h);

  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 59min).rcode == DnsRcode::NoError);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 1h).rcode == DnsRcode::ServFail);
  BOOST_TEST(dns.query("www.example.com", DnsType::TXT, kT0 + 90min).rcode == DnsRcode::ServFail);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 2h).rcode == DnsRcode::NoError);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 3h).rcode == DnsRcode::Timeout);
  BOOST_TEST(dns.query("www.example.com", DnsType::TXT, kT0 + 3h).rcode == DnsRcode::NoError);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 4h).rcode == DnsRcode::NoError);
}

// The same question at the same instant, asked again after each kind of change, sees the change
// (query() remembers recent answers; a change must make it forget them).
BOOST_AUTO_TEST_CASE(a_question_asked_again_after_a_change_sees_the_change) {
  Dns dns;
  dns.add_zone("example.com");
  const auto ask = [&] { return dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 1h); };
  BOOST_TEST(ask().rcode == DnsRcode::NxDomain);
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "v"));
  BOOST_TEST(texts(ask()) == std::vector<std::string>{"v"});
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "w"));
  BOOST_TEST(texts(ask()) == (std::vector<std::string>{"v", "w"}));
  dns.remove_record(kT0, DnsRecord::txt("_dnsauth.example.com", "v"));
  BOOST_TEST(texts(ask()) == std::vector<std::string>{"w"});
  dns.add_name_failure("_dnsauth.example.com", DnsFailure::Timeout, kT0, kT0 + 2h);
  BOOST_TEST(ask().rcode == DnsRcode::Timeout);
  // Another name, type or instant is another question, even while the first is remembered.
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 3h).rcode == DnsRcode::NoError);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::CAA, kT0 + 3h).is_nodata());
  BOOST_TEST(dns.query("www.example.com", DnsType::TXT, kT0 + 3h).rcode == DnsRcode::NxDomain);
  dns.add_zone_failure("example.com", DnsFailure::ServFail, kT0, kT0 + 4h);
  BOOST_TEST(dns.query("_dnsauth.example.com", DnsType::TXT, kT0 + 3h).rcode == DnsRcode::ServFail);
  BOOST_TEST(dns.query("sub.example.com", DnsType::TXT, kT0 + 5h).rcode == DnsRcode::NxDomain);
  dns.add_zone("sub.example.com");
  BOOST_TEST(dns.query("sub.example.com", DnsType::TXT, kT0 + 5h).is_nodata());
}

BOOST_AUTO_TEST_CASE(names_are_case_insensitive_and_tolerate_a_trailing_dot) {
  Dns dns;
  dns.add_zone("Example.COM.");
  dns.add_record(kT0, DnsRecord::txt("_DnsAuth.Example.Com", "MixedCaseValue"));
  const DnsAnswer answer = dns.query("_dnsauth.EXAMPLE.com.", DnsType::TXT, kT0);
  BOOST_TEST(texts(answer) == std::vector<std::string>{"MixedCaseValue"});  // values keep their case
  BOOST_TEST(answer.records.front().name == "_dnsauth.example.com");
  BOOST_TEST(dns.zone_of("A.b.EXAMPLE.com").value() == "example.com");
}

BOOST_AUTO_TEST_CASE(nested_zones_have_their_own_settings) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_zone("cdn.example.com", DnsZoneSettings{10min, 60s});
  dns.add_record(kT0, DnsRecord::txt("x.cdn.example.com", "v"));
  BOOST_TEST(dns.zone_of("x.cdn.example.com").value() == "cdn.example.com");
  BOOST_TEST(dns.zone_settings("x.cdn.example.com")->propagation_delay == 10min);
  BOOST_TEST(dns.zone_settings("www.example.com")->propagation_delay == Duration::zero());
  BOOST_TEST(dns.zone_settings("example.org") == nullptr);
  BOOST_TEST(dns.query("x.cdn.example.com", DnsType::TXT, kT0 + 9min).rcode == DnsRcode::NxDomain);
  BOOST_TEST(dns.query("x.cdn.example.com", DnsType::TXT, kT0 + 9min).negative_ttl == 60s);
  BOOST_TEST(dns.query("x.cdn.example.com", DnsType::TXT, kT0 + 10min).records.size() == 1);
  BOOST_TEST(dns.query("cdn.example.com", DnsType::TXT, kT0).is_nodata());
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_input_error_naming_where) {
  Dns dns;
  dns.add_zone("example.com");
  const auto fails = [&](DnsRecord record, const std::string& expected) {
    try {
      dns.add_record(kT0, std::move(record), "scenario.yaml:12:5");
      BOOST_ERROR("no error for " + expected);
    } catch (const casim::InputError& error) {
      BOOST_TEST(error.where() == "scenario.yaml:12:5");
      BOOST_TEST(std::string(error.what()).find(expected) != std::string::npos, error.what());
    }
  };
  fails(DnsRecord::caa("example.com", 0, "is-sue", "ca.example"), "tag 'is-sue'");
  fails(DnsRecord::caa("example.com", 0, "", "ca.example"), "tag ''");
  fails(DnsRecord::cname("www.example.com", ""), "empty target");
  fails(DnsRecord::txt("x.example.com", "v", -1s), "negative TTL");
  fails(DnsRecord::a("x.example.com", "300.1.2.3"), "not an IPv4 address");
  fails(DnsRecord::txt("bad name.example.com", "v"), "not a host name");
  fails(DnsRecord::txt("x.example.org", "v"), "no declared zone");
  BOOST_CHECK_THROW(dns.add_zone("cdn.example.com", DnsZoneSettings{-1s, 600s}), casim::InputError);
  BOOST_CHECK_THROW(dns.add_zone("example.com"), casim::InputError);
  BOOST_CHECK_THROW(dns.add_zone_failure("example.com", DnsFailure::ServFail, kT0, kT0),
                    casim::InputError);
  BOOST_CHECK_THROW(dns.add_zone_failure("example.org", DnsFailure::ServFail, kT0, kT0 + 1s),
                    casim::InputError);
  BOOST_TEST(parse_dns_type("caa") == DnsType::CAA);
  BOOST_CHECK_THROW(parse_dns_type("MX"), casim::InputError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(resolver)

BOOST_AUTO_TEST_CASE(negative_answer_is_cached_until_the_negative_ttl_expires) {
  Dns dns;
  dns.add_zone("example.com", DnsZoneSettings{Duration::zero(), 600s});
  dns.add_record(kT0 + 1min, DnsRecord::txt("_dnsauth.example.com", "token"));
  DnsResolver resolver;

  // The validator looks before the record exists.
  const DnsResult early = resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0);
  BOOST_TEST(early.rcode == DnsRcode::NxDomain);
  BOOST_TEST(!early.from_cache);
  BOOST_TEST(early.cached_until == kT0 + 600s);
  // The record is there from kT0 + 1 min, but the resolver keeps its NXDOMAIN for 600 s.
  const DnsResult stale = resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 9min);
  BOOST_TEST(stale.rcode == DnsRcode::NxDomain);
  BOOST_TEST(stale.from_cache);
  BOOST_TEST(resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 600s - 1us).from_cache);
  const DnsResult fresh = resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 600s);
  BOOST_TEST(fresh.rcode == DnsRcode::NoError);
  BOOST_TEST(!fresh.from_cache);
  BOOST_TEST(fresh.records.front().value == "token");
  // Another perspective's resolver has its own cache.
  DnsResolver other;
  BOOST_TEST(other.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 2min).rcode ==
             DnsRcode::NoError);
}

BOOST_AUTO_TEST_CASE(nodata_is_cached_too) {
  Dns dns;
  dns.add_zone("example.com", DnsZoneSettings{Duration::zero(), 300s});
  dns.add_record(kT0, DnsRecord::a("www.example.com", "192.0.2.1"));
  dns.add_record(kT0 + 1min, DnsRecord::txt("www.example.com", "token"));
  DnsResolver resolver;
  BOOST_TEST(resolver.query(dns, "www.example.com", DnsType::TXT, kT0).is_nodata());
  BOOST_TEST(resolver.query(dns, "www.example.com", DnsType::TXT, kT0 + 299s).is_nodata());
  BOOST_TEST(resolver.query(dns, "www.example.com", DnsType::TXT, kT0 + 300s).records.size() == 1);
}

BOOST_AUTO_TEST_CASE(positive_answer_is_cached_for_its_ttl_after_a_change) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "old", 120s));
  dns.remove_record(kT0 + 1min, DnsRecord::txt("_dnsauth.example.com", "old"));
  dns.add_record(kT0 + 1min, DnsRecord::txt("_dnsauth.example.com", "new", 120s));
  DnsResolver resolver;
  BOOST_TEST(resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0).records.front().value ==
             "old");
  const DnsResult cached = resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 119s);
  BOOST_TEST(cached.records.front().value == "old");
  BOOST_TEST(cached.from_cache);
  BOOST_TEST(cached.cached_until == kT0 + 120s);
  BOOST_TEST(
      resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 120s).records.front().value ==
      "new");
}

BOOST_AUTO_TEST_CASE(failures_are_not_cached_by_default_and_briefly_when_configured) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "v"));
  dns.add_zone_failure("example.com", DnsFailure::ServFail, kT0, kT0 + 10s);
  DnsResolver plain;
  BOOST_TEST(plain.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 9s).rcode ==
             DnsRcode::ServFail);
  BOOST_TEST(plain.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 10s).rcode ==
             DnsRcode::NoError);

  DnsResolver brief(DnsResolverOptions{5s});
  BOOST_TEST(brief.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 9s).rcode ==
             DnsRcode::ServFail);
  const DnsResult cached = brief.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 13s);
  BOOST_TEST(cached.rcode == DnsRcode::ServFail);
  BOOST_TEST(cached.from_cache);
  BOOST_TEST(brief.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 14s).rcode ==
             DnsRcode::NoError);
}

BOOST_AUTO_TEST_CASE(cname_chain_is_followed_to_txt_and_caa) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_zone("dnsprovider.net");
  dns.add_record(kT0, DnsRecord::cname("_dnsauth.example.com", "_dnsauth.Example.dnsprovider.net."));
  dns.add_record(kT0, DnsRecord::cname("_dnsauth.example.dnsprovider.net", "final.dnsprovider.net"));
  dns.add_record(kT0, DnsRecord::txt("final.dnsprovider.net", "token"));
  dns.add_record(kT0, DnsRecord::cname("shop.example.com", "shop.dnsprovider.net"));
  dns.add_record(kT0, DnsRecord::caa("shop.dnsprovider.net", 0, "issue", "other-ca.example"));
  DnsResolver resolver;

  const DnsResult txt = resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0);
  BOOST_TEST(txt.rcode == DnsRcode::NoError);
  BOOST_TEST(txt.cname_chain ==
             (std::vector<std::string>{"_dnsauth.example.dnsprovider.net", "final.dnsprovider.net"}));
  BOOST_TEST(txt.final_name() == "final.dnsprovider.net");
  BOOST_TEST_REQUIRE(txt.records.size() == 1);
  BOOST_TEST(txt.records.front().value == "token");

  const DnsResult caa = resolver.query(dns, "shop.example.com", DnsType::CAA, kT0);
  BOOST_TEST(caa.cname_chain == std::vector<std::string>{"shop.dnsprovider.net"});
  BOOST_TEST_REQUIRE(caa.records.size() == 1);
  BOOST_TEST(caa.records.front().value == "other-ca.example");
  BOOST_TEST(describe(caa) ==
             "CAA shop.example.com → CNAME shop.dnsprovider.net → NOERROR 0 issue \"other-ca.example\"");

  // Asking for the CNAME itself does not follow it.
  const DnsResult alias = resolver.query(dns, "shop.example.com", DnsType::CNAME, kT0);
  BOOST_TEST(alias.cname_chain.empty());
  BOOST_TEST(alias.records.front().value == "shop.dnsprovider.net");
  // A dangling alias ends in NXDOMAIN at its target, with the chain reported.
  dns.add_record(kT0, DnsRecord::cname("gone.example.com", "nowhere.dnsprovider.net"));
  const DnsResult dangling = resolver.query(dns, "gone.example.com", DnsType::TXT, kT0);
  BOOST_TEST(dangling.rcode == DnsRcode::NxDomain);
  BOOST_TEST(dangling.cname_chain == std::vector<std::string>{"nowhere.dnsprovider.net"});
}

BOOST_AUTO_TEST_CASE(cname_loops_and_over_long_chains_end_promptly_in_a_loop_error) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::cname("a.example.com", "b.example.com"));
  dns.add_record(kT0, DnsRecord::cname("b.example.com", "a.example.com"));
  dns.add_record(kT0, DnsRecord::cname("self.example.com", "self.example.com"));
  DnsResolver resolver;

  const DnsResult loop = resolver.query(dns, "a.example.com", DnsType::TXT, kT0);
  BOOST_TEST(loop.rcode == DnsRcode::CnameLoop);
  BOOST_TEST(loop.cname_chain == (std::vector<std::string>{"b.example.com", "a.example.com"}));
  BOOST_TEST(resolver.query(dns, "self.example.com", DnsType::CAA, kT0).rcode == DnsRcode::CnameLoop);
  // Cached links do not change the outcome.
  BOOST_TEST(resolver.query(dns, "a.example.com", DnsType::TXT, kT0 + 1s).rcode == DnsRcode::CnameLoop);

  // l0 → l1 → … → l9 holds TXT: 9 links, one more than allowed.
  for (int i = 0; i < 9; ++i) {
    dns.add_record(
        kT0, DnsRecord::cname(fmt::format("l{}.example.com", i), fmt::format("l{}.example.com", i + 1)));
  }
  dns.add_record(kT0, DnsRecord::txt("l9.example.com", "end"));
  const DnsResult too_long = resolver.query(dns, "l0.example.com", DnsType::TXT, kT0);
  BOOST_TEST(too_long.rcode == DnsRcode::CnameLoop);
  BOOST_TEST(too_long.cname_chain.size() == kMaxCnameChain + 1);
  // 8 links are still followed.
  const DnsResult eight = resolver.query(dns, "l1.example.com", DnsType::TXT, kT0);
  BOOST_TEST(eight.rcode == DnsRcode::NoError);
  BOOST_TEST(eight.cname_chain.size() == kMaxCnameChain);
  BOOST_TEST(eight.records.front().value == "end");
}

BOOST_AUTO_TEST_CASE(resolver_names_are_case_insensitive) {
  Dns dns;
  dns.add_zone("example.com");
  dns.add_record(kT0, DnsRecord::txt("_dnsauth.example.com", "v"));
  DnsResolver resolver;
  BOOST_TEST(resolver.query(dns, "_DNSAUTH.Example.Com.", DnsType::TXT, kT0).name ==
             "_dnsauth.example.com");
  BOOST_TEST(resolver.query(dns, "_dnsauth.example.com", DnsType::TXT, kT0 + 1s).from_cache);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_world_dns
