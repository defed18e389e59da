// Domain validation by DNS: validation targets (the apex/www rule), random values, the TXT and
// CNAME checks with their LocalCheck codes, negative caching per validator, SERVFAIL windows,
// undelegated domains, expired values, the CA check, the rate limit and the policy defaults.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_dcv_dns)


using namespace casim;
using namespace casim::mockca;
using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-10-01T10:00:00Z");

std::string reason_code(const std::optional<Reason>& reason) {
  return reason ? std::string(info(*reason).code) : "none";
}

DcvToken token_at(Instant at) {
  RandomStream stream(7, 0, "dcv.token");
  return draw_token(stream, at, DcvPolicy{}.token_validity);
}

DcvTarget only_target(const std::vector<std::string>& names, const DcvToken& token,
                      const DcvPolicy& policy = {}) {
  const DcvPlan plan = plan_validation(names, VerifyType::Dns, token, policy);
  BOOST_REQUIRE_EQUAL(plan.targets.size(), 1u);
  return plan.targets.front();
}

std::vector<std::string> target_names(const DcvPlan& plan) {
  std::vector<std::string> names;
  for (const auto& target : plan.targets) names.push_back(target.name);
  return names;
}

// A world with the zone example.com and nothing on the web.
struct DnsWorld {
  Dns dns;
  Web web;
  DnsWorld() { dns.add_zone("example.com"); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(tokens)

BOOST_AUTO_TEST_CASE(a_token_has_128_bits_is_deterministic_per_seed_and_expires_after_30_days) {
  RandomStream first(42, 0, "dcv.token");
  RandomStream again(42, 0, "dcv.token");
  RandomStream other_seed(43, 0, "dcv.token");
  const DcvToken token = draw_token(first, kT0, DcvPolicy{}.token_validity);
  BOOST_TEST(token.value.size() == 32u);  // 128 bits as hex digits
  BOOST_TEST(std::all_of(token.value.begin(), token.value.end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  BOOST_TEST(kTokenBits >= 112);
  BOOST_TEST(draw_token(again, kT0, 30 * kDay).value == token.value);
  BOOST_TEST(draw_token(other_seed, kT0, 30 * kDay).value != token.value);
  BOOST_TEST(draw_token(first, kT0, 30 * kDay).value != token.value);  // the next draw differs

  BOOST_TEST(token.issued == kT0);
  BOOST_TEST(token.expires == kT0 + 30 * kDay);
  BOOST_TEST(!token.expired(kT0 + 30 * kDay - 1s));
  BOOST_TEST(token.expired(kT0 + 30 * kDay));
}

BOOST_AUTO_TEST_CASE(an_expired_value_is_not_checked_and_asks_for_a_new_one) {
  DnsWorld world;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  world.dns.add_record(kT0, DnsRecord::txt(target.location, token.value));
  DcvValidator validator(world.dns, world.web, DcvPolicy{});

  BOOST_TEST(validator.check_local(target, kT0 + 29 * kDay).passed());
  const LocalCheckResult expired = validator.check_local(target, kT0 + 30 * kDay);
  BOOST_TEST(code(expired.local) == -2);
  BOOST_TEST(reason_code(expired.reason) == "DcvTokenExpired");
  BOOST_TEST(expired.detail.find("expired at 2026-10-31T10:00:00Z") != std::string::npos);
  BOOST_TEST(reason_code(validator.check_ca(target, kT0 + 31 * kDay).reason) == "DcvTokenExpired");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(targets)

BOOST_AUTO_TEST_CASE(dns_validates_the_apex_for_its_www_name_and_wildcards_at_their_base) {
  const DcvToken token = token_at(kT0);
  const std::vector<std::string> names{"example.com", "WWW.Example.com", "*.example.com",
                                       "cloud.example.com", "www.a.example.com", "*.a.example.com"};
  const DcvPlan plan = plan_validation(names, VerifyType::Dns, token, DcvPolicy{});
  BOOST_TEST(plan.ok());
  BOOST_TEST(target_names(plan) ==
                 (std::vector<std::string>{"example.com", "cloud.example.com", "a.example.com"}),
             boost::test_tools::per_element());
  const DcvTarget& apex = plan.targets[0];
  BOOST_TEST(apex.for_names ==
                 (std::vector<std::string>{"example.com", "www.example.com", "*.example.com"}),
             boost::test_tools::per_element());
  BOOST_TEST(apex.location == "_dnsauth.example.com");
  BOOST_TEST(apex.expected == token.value);
  BOOST_TEST((apex.record == DnsRecordKind::Txt));
  BOOST_TEST(plan.targets[2].for_names ==
                 (std::vector<std::string>{"www.a.example.com", "*.a.example.com"}),
             boost::test_tools::per_element());
  // Every target carries the order's one value.
  for (const auto& target : plan.targets) BOOST_TEST(target.token.value == token.value);
}

BOOST_AUTO_TEST_CASE(www_is_kept_when_what_remains_is_a_public_suffix) {
  const DcvPlan plan =
      plan_validation(std::vector<std::string>{"www.co.uk", "www.example.co.uk"}, VerifyType::DnsAuto,
                      token_at(kT0), DcvPolicy{});
  BOOST_TEST(target_names(plan) == (std::vector<std::string>{"www.co.uk", "example.co.uk"}),
             boost::test_tools::per_element());
  BOOST_TEST((plan.method == VerifyType::DnsAuto));
}

BOOST_AUTO_TEST_CASE(cname_brands_expect_an_alias_of_the_value_under_their_suffix) {
  DcvPolicy policy;
  policy.dns_record = DnsRecordKind::Cname;
  policy.cname_suffix = "dcv.trustasia.test";
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"www.example.com"}, token, policy);
  BOOST_TEST(target.location == "_dnsauth.example.com");
  BOOST_TEST(target.expected == token.value + ".dcv.trustasia.test");
  BOOST_TEST((target.record == DnsRecordKind::Cname));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(txt)

BOOST_AUTO_TEST_CASE(a_missing_record_is_txt_not_found) {
  DnsWorld world;
  const DcvTarget target = only_target({"example.com"}, token_at(kT0));
  DcvValidator validator(world.dns, world.web, DcvPolicy{});
  const LocalCheckResult result = validator.check_local(target, kT0);
  BOOST_TEST(code(result.local) == -1);
  BOOST_TEST(!result.frequently);
  BOOST_TEST(reason_code(result.reason) == "DcvTxtNotFound");
  BOOST_TEST(result.detail.find("TXT _dnsauth.example.com → NXDOMAIN") != std::string::npos);
  BOOST_TEST(result.name == "example.com");
  BOOST_TEST(result.at == kT0);
}

BOOST_AUTO_TEST_CASE(a_record_added_after_the_first_look_is_seen_when_the_negative_ttl_runs_out) {
  DnsWorld world;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  DcvValidator validator(world.dns, world.web, DcvPolicy{});

  BOOST_TEST(code(validator.check_local(target, kT0).local) == -1);  // NXDOMAIN, cached 600 s
  world.dns.add_record(kT0 + 1min, DnsRecord::txt(target.location, token.value));

  const LocalCheckResult cached = validator.check_local(target, kT0 + 2min);
  BOOST_TEST(code(cached.local) == -1);
  BOOST_TEST(reason_code(cached.reason) == "DcvDnsCacheStale");
  BOOST_TEST(cached.detail.find("NXDOMAIN (cached until 2026-10-01T10:10:00Z)") != std::string::npos,
             cached.detail);
  BOOST_TEST(code(validator.check_local(target, kT0 + 10min - 1s).local) == -1);

  const LocalCheckResult seen = validator.check_local(target, kT0 + 10min);
  BOOST_TEST(code(seen.local) == 1);
  BOOST_TEST(reason_code(seen.reason) == "none");
  BOOST_TEST(seen.detail.find(token.value) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_validator_keeps_its_own_cache) {
  DnsWorld world;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  DcvValidator validator(world.dns, world.web, DcvPolicy{});

  // The CA looked too early; the platform had not looked yet. Each perspective reports under its
  // own name, the primary first, and each saw a fresh answer, not one cached by the others' look.
  const CaCheckResult early = validator.check_ca(target, kT0);
  BOOST_TEST(!early.passed());
  const DcvPolicy policy;
  BOOST_REQUIRE_EQUAL(early.perspectives.size(), 1 + policy.ca.remote.size());
  BOOST_TEST(early.perspectives.front().perspective.name == policy.ca.primary.name);
  for (std::size_t i = 0; i < policy.ca.remote.size(); ++i) {
    BOOST_TEST(early.perspectives[i + 1].perspective.name == policy.ca.remote[i].name);
  }
  for (const auto& p : early.perspectives) {
    BOOST_TEST(p.detail.starts_with("TXT _dnsauth.example.com → NXDOMAIN: "), p.perspective.name << ": " << p.detail);
    BOOST_TEST(p.detail.find("cached") == std::string::npos, p.perspective.name << ": " << p.detail);
  }
  world.dns.add_record(kT0 + 1min, DnsRecord::txt(target.location, token.value));
  BOOST_TEST(validator.check_local(target, kT0 + 2min).passed());
  const CaCheckResult ca = validator.check_ca(target, kT0 + 2min);
  BOOST_TEST(code(ca.ca) == -1);
  BOOST_TEST(reason_code(ca.reason) == "DcvDnsCacheStale");
  // Every CA perspective saw the same world: no partial agreement.
  BOOST_TEST(ca.perspectives.size() == 6u);
  for (const auto& p : ca.perspectives) BOOST_TEST(!p.passed());

  const CaCheckResult later = validator.check_ca(target, kT0 + 10min);
  BOOST_TEST(code(later.ca) == 2);
  BOOST_TEST(later.detail.find("6 of 6 perspectives verified") != std::string::npos, later.detail);
}

BOOST_AUTO_TEST_CASE(a_wrong_value_is_a_mismatch_and_any_matching_value_passes) {
  DnsWorld world;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  world.dns.add_record(kT0, DnsRecord::txt(target.location, "stale-value-from-last-year"));
  DcvValidator validator(world.dns, world.web, DcvPolicy{});

  const LocalCheckResult wrong = validator.check_local(target, kT0);
  BOOST_TEST(code(wrong.local) == -2);
  BOOST_TEST(reason_code(wrong.reason) == "DcvTxtMismatch");
  BOOST_TEST(wrong.detail.find("\"stale-value-from-last-year\"") != std::string::npos);
  BOOST_TEST(wrong.detail.find("expected \"" + token.value + "\"") != std::string::npos);

  // Beside the old value, the right one counts (seen once the cached answer expires).
  world.dns.add_record(kT0, DnsRecord::txt(target.location, " " + token.value + " "));
  BOOST_TEST(code(validator.check_local(target, kT0 + 10min).local) == 1);
}

BOOST_AUTO_TEST_CASE(the_record_may_be_reached_through_a_cname) {
  DnsWorld world;
  world.dns.add_zone("dcv-delegate.net");
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  world.dns.add_record(kT0, DnsRecord::cname(target.location, "example.dcv-delegate.net"));
  world.dns.add_record(kT0, DnsRecord::txt("example.dcv-delegate.net", token.value));
  DcvValidator validator(world.dns, world.web, DcvPolicy{});
  const LocalCheckResult result = validator.check_local(target, kT0);
  BOOST_TEST(result.passed());
  BOOST_TEST(result.detail.find("CNAME example.dcv-delegate.net") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(servfail_fails_the_check_only_inside_its_window) {
  DnsWorld world;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token);
  world.dns.add_record(kT0, DnsRecord::txt(target.location, token.value));
  world.dns.add_zone_failure("example.com", DnsFailure::ServFail, kT0 + 1h, kT0 + 2h);
  DcvValidator validator(world.dns, world.web, DcvPolicy{});

  const LocalCheckResult failing = validator.check_local(target, kT0 + 1h);
  BOOST_TEST(code(failing.local) == -1);
  BOOST_TEST(reason_code(failing.reason) == "DcvDnsServfail");
  BOOST_TEST(failing.detail.find("SERVFAIL") != std::string::npos, failing.detail);
  BOOST_TEST(!validator.check_ca(target, kT0 + 90min).passed());
  // Failures are not cached (the default): the first query after the window succeeds.
  BOOST_TEST(validator.check_local(target, kT0 + 2h).passed());
  BOOST_TEST(validator.check_ca(target, kT0 + 2h).passed());
}

BOOST_AUTO_TEST_CASE(a_domain_that_is_not_delegated_has_no_ns_record) {
  Dns dns;  // no zone at all: nothing under example.org resolves
  Web web;
  const DcvTarget target = only_target({"www.example.org"}, token_at(kT0));
  DcvValidator validator(dns, web, DcvPolicy{});
  const LocalCheckResult result = validator.check_local(target, kT0);
  BOOST_TEST(code(result.local) == -3);
  BOOST_TEST(reason_code(result.reason) == "DcvNsNotFound");
  BOOST_TEST(result.detail.find("NS example.org → NXDOMAIN") != std::string::npos, result.detail);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cname)

BOOST_AUTO_TEST_CASE(the_cname_method_finds_the_alias_or_reports_it_missing_or_wrong) {
  DcvPolicy policy;
  policy.dns_record = DnsRecordKind::Cname;
  const DcvToken token = token_at(kT0);
  const DcvTarget target = only_target({"example.com"}, token, policy);

  DnsWorld missing;
  DcvValidator missing_validator(missing.dns, missing.web, policy);
  const LocalCheckResult none = missing_validator.check_local(target, kT0);
  BOOST_TEST(code(none.local) == -6);
  BOOST_TEST(reason_code(none.reason) == "DcvCnameNotFound");

  // A TXT record where the brand expects a CNAME is not found either.
  DnsWorld txt;
  txt.dns.add_record(kT0, DnsRecord::txt(target.location, token.value));
  DcvValidator txt_validator(txt.dns, txt.web, policy);
  BOOST_TEST(code(txt_validator.check_local(target, kT0).local) == -6);

  DnsWorld wrong;
  wrong.dns.add_record(kT0, DnsRecord::cname(target.location, "somewhere.else.test"));
  DcvValidator wrong_validator(wrong.dns, wrong.web, policy);
  const LocalCheckResult mismatch = wrong_validator.check_local(target, kT0);
  BOOST_TEST(code(mismatch.local) == -7);
  BOOST_TEST(reason_code(mismatch.reason) == "DcvCnameMismatch");
  BOOST_TEST(mismatch.detail.find("somewhere.else.test") != std::string::npos);

  DnsWorld right;  // names compare case-insensitively
  std::string upper = target.expected;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  right.dns.add_record(kT0, DnsRecord::cname(target.location, upper));
  DcvValidator right_validator(right.dns, right.web, policy);
  BOOST_TEST(code(right_validator.check_local(target, kT0 + 10min).local) == 1);
  BOOST_TEST(right_validator.check_ca(target, kT0 + 10min).passed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_limit_and_policy)

BOOST_AUTO_TEST_CASE(validate_now_is_allowed_once_per_window) {
  RateLimiter limiter(DcvPolicy{}.rate_limit_window);
  BOOST_TEST(!limiter.next_allowed().has_value());
  BOOST_TEST(limiter.try_acquire(kT0));
  BOOST_TEST(!limiter.try_acquire(kT0 + 4min));
  BOOST_TEST((limiter.next_allowed() == kT0 + 5min));  // a refused request does not restart it
  BOOST_TEST(limiter.try_acquire(kT0 + 5min));
  BOOST_TEST((limiter.next_allowed() == kT0 + 10min));

  const LocalCheckResult refused = rate_limited("example.com", kT0 + 6min, kT0 + 10min);
  BOOST_TEST(code(refused.local) == -1);
  BOOST_TEST(refused.frequently);
  BOOST_TEST(reason_code(refused.reason) == "DcvRateLimited");
  BOOST_TEST(info(Reason::DcvRateLimited).reseller_code == "LimitExceeded.RateLimitExceeded");
  BOOST_TEST(refused.detail.find("try again at 2026-10-01T10:10:00Z (in 4m)") != std::string::npos,
             refused.detail);

  RateLimiter custom(1min);
  BOOST_TEST(custom.try_acquire(kT0));
  BOOST_TEST(custom.try_acquire(kT0 + 1min));
}

BOOST_AUTO_TEST_CASE(policy_defaults_follow_the_documentation_and_the_br) {
  const DcvPolicy policy;
  BOOST_TEST((policy.timeout(ValidationLevel::DV) == 3 * kDay));
  BOOST_TEST((policy.deadline(ValidationLevel::DV, kT0) == kT0 + 72h));
  BOOST_TEST((policy.rate_limit_window == 5min));
  BOOST_TEST((policy.token_validity == 30 * kDay));
  BOOST_TEST(policy.max_redirects == 2u);
  BOOST_TEST(policy.ca.remote.size() >= 5u);  // BR from 2026-12-15
  BOOST_TEST(policy.ca.max_disagreeing == 1u);
  BOOST_TEST(policy.local.region == "CN");
  std::set<std::string> regions;
  for (const auto& p : policy.ca.remote) regions.insert(p.region);
  BOOST_TEST(regions.count("CN") == 0u);  // the CA validates from abroad
  BOOST_TEST(info(Reason::DcvTimedOut).meaning == "domain validation timed out, order auto-closed");
  BOOST_TEST(category_name(info(Reason::DcvTxtNotFound).category) == "validation");
}

BOOST_AUTO_TEST_CASE(verify_types_read_and_print_as_the_reseller_writes_them) {
  BOOST_TEST(to_string(VerifyType::DnsAuto) == "DNS_AUTO");
  BOOST_TEST((parse_verify_type("dns_auto") == VerifyType::DnsAuto));
  BOOST_TEST((parse_verify_type("FILE") == VerifyType::File));
  BOOST_TEST((parse_verify_type("Dns") == VerifyType::Dns));
  BOOST_CHECK_THROW(parse_verify_type("EMAIL", "order.verify_type"), InputError);
  BOOST_TEST(to_string(LocalCheck::CnameMismatch) == "CNAME mismatch");
  BOOST_TEST(to_string(CaCheck::NotChecked) == "not checked");
  BOOST_TEST(code(CaCheck::Passed) == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_dcv_dns
