// CAA: the closest record set up the tree (and through CNAMEs) decides; issue and issuewild; `;`;
// the CA's identities per brand; critical unknown tags; lookup failures; freshness before signing;
// records that change over time as the CA's caching resolver sees them.
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "casim/mockca/caa.hpp"
#include "casim/mockca/reason.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_caa)


using namespace casim::mockca;
using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-10-01T10:00:00Z");

std::string reason_code(const std::optional<Reason>& reason) {
  return reason ? std::string(info(*reason).code) : "none";
}

struct Zone {
  Dns dns;
  Zone() { dns.add_zone("example.com"); }

  void caa(std::string name, std::string tag, std::string value, std::uint8_t flags = 0,
           Duration ttl = kDefaultDnsTtl) {
    dns.add_record(kT0 - 1h, DnsRecord::caa(std::move(name), flags, std::move(tag), std::move(value), ttl));
  }
  CaaCheck check(std::string_view name, std::string_view brand = "casim", Instant at = kT0) {
    CaaChecker checker(dns, CaaPolicy{});
    return checker.check(name, brand, at);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(issue)

BOOST_AUTO_TEST_CASE(no_caa_anywhere_permits_any_ca) {
  Zone zone;
  const CaaCheck check = zone.check("www.example.com");
  BOOST_TEST(check.permitted);
  BOOST_TEST(reason_code(check.reason) == "none");
  BOOST_TEST(check.found_at.empty());
  BOOST_TEST(check.detail.find("no CAA at www.example.com, example.com") == 0u, check.detail);
  BOOST_TEST(check.name == "www.example.com");
  BOOST_TEST(check.brand == "casim");
}

BOOST_AUTO_TEST_CASE(issue_naming_this_ca_permits_and_naming_another_forbids) {
  Zone ours;
  ours.caa("example.com", "issue", "Casim.TEST; account=12345; validationmethods=dns-01");
  const CaaCheck permitted = ours.check("example.com");
  BOOST_TEST(permitted.permitted);
  BOOST_TEST(permitted.found_at == "example.com");
  BOOST_TEST(!permitted.via_cname);

  Zone theirs;
  theirs.caa("example.com", "issue", "letsencrypt.org");
  theirs.caa("example.com", "iodef", "mailto:security@example.com");
  const CaaCheck forbidden = theirs.check("example.com");
  BOOST_TEST(!forbidden.permitted);
  BOOST_TEST(reason_code(forbidden.reason) == "CaaForbidden");
  BOOST_TEST(forbidden.detail.find("issue names letsencrypt.org, not casim.test") != std::string::npos,
             forbidden.detail);
}

BOOST_AUTO_TEST_CASE(each_brand_answers_to_its_own_issuer_domain_names) {
  Zone zone;
  zone.caa("example.com", "issue", "trustasia.com");
  BOOST_TEST(zone.check("example.com", "trustasia").permitted);
  BOOST_TEST(!zone.check("example.com", "casim").permitted);
  BOOST_TEST(!zone.check("example.com", "digicert").permitted);

  CaaPolicy policy;
  policy.ca_domains = {"ca.example.net"};
  policy.brand_domains = {{"acme", {"acme-ca.test"}}};
  BOOST_TEST(policy.identities("acme") == (std::vector<std::string>{"ca.example.net", "acme-ca.test"}),
             boost::test_tools::per_element());
  CaaChecker checker(zone.dns, policy);
  BOOST_TEST(!checker.check("example.com", "trustasia", kT0).permitted);
}

BOOST_AUTO_TEST_CASE(an_empty_issuer_forbids_every_ca) {
  Zone zone;
  zone.caa("example.com", "issue", ";");
  const CaaCheck check = zone.check("example.com");
  BOOST_TEST(!check.permitted);
  BOOST_TEST(reason_code(check.reason) == "CaaForbidden");
  BOOST_TEST(check.detail.find("issue \";\" forbids every CA") != std::string::npos, check.detail);
}

BOOST_AUTO_TEST_CASE(a_record_set_without_issue_does_not_restrict) {
  Zone zone;
  zone.caa("example.com", "iodef", "mailto:security@example.com");
  zone.caa("example.com", "future", "whatever");  // unknown, not critical: ignored
  BOOST_TEST(zone.check("example.com").permitted);
}

BOOST_AUTO_TEST_CASE(a_critical_unknown_tag_blocks_issuance) {
  Zone zone;
  zone.caa("example.com", "issue", "casim.test");
  zone.caa("example.com", "tbs", "unknown", kCaaCriticalFlag);
  const CaaCheck check = zone.check("example.com");
  BOOST_TEST(!check.permitted);
  BOOST_TEST(reason_code(check.reason) == "CaaCriticalUnknownTag");
  BOOST_TEST(check.detail.find("'tbs'") != std::string::npos, check.detail);

  // The critical flag on a known tag is fine.
  Zone known;
  known.caa("example.com", "issue", "casim.test", kCaaCriticalFlag);
  BOOST_TEST(known.check("example.com").permitted);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(issuewild)

BOOST_AUTO_TEST_CASE(issuewild_governs_wildcards_and_issue_the_other_names) {
  Zone zone;
  zone.caa("example.com", "issue", "letsencrypt.org");
  zone.caa("example.com", "issuewild", "casim.test");
  const CaaCheck wildcard = zone.check("*.example.com");
  BOOST_TEST(wildcard.permitted);
  BOOST_TEST(wildcard.name == "*.example.com");
  BOOST_TEST(wildcard.found_at == "example.com");
  BOOST_TEST(!zone.check("example.com").permitted);
}

BOOST_AUTO_TEST_CASE(wildcards_fall_back_to_issue_without_issuewild) {
  Zone zone;
  zone.caa("example.com", "issue", "casim.test");
  BOOST_TEST(zone.check("*.example.com").permitted);

  Zone forbidding;
  forbidding.caa("example.com", "issue", "casim.test");
  forbidding.caa("example.com", "issuewild", ";");
  const CaaCheck wildcard = forbidding.check("*.example.com");
  BOOST_TEST(!wildcard.permitted);
  BOOST_TEST(wildcard.detail.find("issuewild \";\" forbids every CA") != std::string::npos);
  BOOST_TEST(forbidding.check("www.example.com").permitted);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tree)

BOOST_AUTO_TEST_CASE(the_closest_record_set_up_the_tree_wins) {
  Zone zone;
  zone.caa("example.com", "issue", "letsencrypt.org");
  zone.caa("shop.example.com", "issue", "casim.test");
  zone.dns.add_record(kT0 - 1h, DnsRecord::a("www.shop.example.com", "192.0.2.10"));
  zone.dns.add_record(kT0 - 1h, DnsRecord::a("www.example.com", "192.0.2.11"));

  const CaaCheck below_shop = zone.check("www.shop.example.com");
  BOOST_TEST(below_shop.permitted);
  BOOST_TEST(below_shop.found_at == "shop.example.com");

  const CaaCheck from_parent = zone.check("www.example.com");
  BOOST_TEST(!from_parent.permitted);
  BOOST_TEST(from_parent.found_at == "example.com");
  BOOST_TEST(from_parent.detail.find("no CAA at www.example.com; CAA example.com") == 0u,
             from_parent.detail);
}

BOOST_AUTO_TEST_CASE(caa_reached_through_a_cname_counts) {
  Zone zone;
  zone.dns.add_zone("cdn-provider.net");
  zone.dns.add_record(kT0 - 1h, DnsRecord::cname("www.example.com", "example.cdn-provider.net"));
  zone.dns.add_record(kT0 - 1h, DnsRecord::caa("example.cdn-provider.net", 0, "issue", "digicert.com"));
  const CaaCheck check = zone.check("www.example.com", "trustasia");
  BOOST_TEST(!check.permitted);
  BOOST_TEST(reason_code(check.reason) == "CaaForbidden");
  BOOST_TEST(check.found_at == "www.example.com");
  BOOST_TEST(check.via_cname);
  BOOST_TEST(check.detail.find("CNAME example.cdn-provider.net") != std::string::npos, check.detail);
  // The CDN's CAA is inherited by this name only, not by the apex.
  BOOST_TEST(zone.check("example.com", "trustasia").permitted);
}

BOOST_AUTO_TEST_CASE(the_climb_stops_before_the_public_suffix) {
  Dns dns;
  dns.add_zone("co.uk");
  dns.add_record(kT0 - 1h, DnsRecord::caa("co.uk", 0, "issue", ";"));
  dns.add_record(kT0 - 1h, DnsRecord::a("www.example.co.uk", "192.0.2.1"));
  CaaChecker checker(dns, CaaPolicy{});
  const CaaCheck check = checker.check("www.example.co.uk", "casim", kT0);
  BOOST_TEST(check.permitted);
  BOOST_TEST(check.detail.find("no CAA at www.example.co.uk, example.co.uk") == 0u, check.detail);
}

BOOST_AUTO_TEST_CASE(a_lookup_failure_is_not_permission) {
  Zone zone;
  zone.dns.add_name_failure("example.com", DnsFailure::Timeout, kT0, kT0 + 1h);
  const CaaCheck check = zone.check("www.example.com");
  BOOST_TEST(!check.permitted);
  BOOST_TEST(reason_code(check.reason) == "CaaLookupFailed");
  BOOST_TEST(check.found_at == "example.com");
  BOOST_TEST(check.detail.find("TIMEOUT") != std::string::npos, check.detail);
  BOOST_TEST(zone.check("www.example.com", "casim", kT0 + 1h).permitted);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(over_time)

BOOST_AUTO_TEST_CASE(a_check_is_fresh_for_8_hours_or_the_ttl_if_longer) {
  Zone zone;
  zone.caa("example.com", "issue", "casim.test", 0, 600s);
  zone.caa("long.example.com", "issue", "casim.test", 0, 2 * kDay);

  const CaaCheck short_ttl = zone.check("example.com");
  BOOST_TEST((short_ttl.ttl == 600s));
  BOOST_TEST((short_ttl.fresh_until == kT0 + 8h));
  BOOST_TEST(caa_fresh(short_ttl, kT0 + 8h - 1s));
  BOOST_TEST(!caa_fresh(short_ttl, kT0 + 8h));

  const CaaCheck long_ttl = zone.check("long.example.com");
  BOOST_TEST((long_ttl.fresh_until == kT0 + 2 * kDay));
  BOOST_TEST(caa_fresh(long_ttl, kT0 + 47h));
  BOOST_TEST(!caa_fresh(long_ttl, kT0 + 48h));

  // Without any CAA the 8 hours apply; a stale check has its own reason for the issuance gate.
  BOOST_TEST((zone.check("other.example.com").fresh_until == kT0 + 8h));
  BOOST_TEST(info(Reason::CaaCheckStale).code == "CaaCheckStale");
  BOOST_TEST(category_name(info(Reason::CaaCheckStale).category) == "caa");
}

BOOST_AUTO_TEST_CASE(a_record_changed_over_time_is_seen_when_the_cache_lets_the_ca_see_it) {
  Zone zone;
  CaaChecker checker(zone.dns, CaaPolicy{});
  BOOST_TEST(checker.check("example.com", "casim", kT0).permitted);  // NODATA cached 600 s
  zone.dns.add_record(kT0 + 1min, DnsRecord::caa("example.com", 0, "issue", "sectigo.com"));

  BOOST_TEST(checker.check("example.com", "casim", kT0 + 5min).permitted);  // still cached
  const CaaCheck after = checker.check("example.com", "casim", kT0 + 10min);
  BOOST_TEST(!after.permitted);
  BOOST_TEST(after.detail.find("sectigo.com") != std::string::npos);
  BOOST_TEST(checker.check("example.com", "sectigo", kT0 + 10min).permitted);

  zone.dns.remove_record(kT0 + 1h, DnsRecord::caa("example.com", 0, "issue", "sectigo.com"));
  BOOST_TEST(!checker.check("example.com", "casim", kT0 + 55min).permitted);  // cached 600 s
  BOOST_TEST(!checker.check("example.com", "casim", kT0 + 1h + 4min).permitted);  // still cached
  BOOST_TEST(checker.check("example.com", "casim", kT0 + 2h).permitted);

  const std::vector<std::string> names{"example.com", "*.example.com"};
  const auto checks = checker.check(names, "casim", kT0 + 2h);
  BOOST_REQUIRE_EQUAL(checks.size(), 2u);
  BOOST_TEST(checks[1].name == "*.example.com");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_caa
