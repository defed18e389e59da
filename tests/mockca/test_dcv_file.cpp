// Domain validation by file: the targets FILE needs (apex and www, no wildcards), the content
// check over http and https, redirects (how many, where to, which status and port), sites that
// force HTTPS or block overseas validators, and the CA's quorum of network perspectives.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "casim/mockca/dcv.hpp"
#include "casim/mockca/reason.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_dcv_file)


using namespace casim;
using namespace casim::mockca;
using namespace casim::sim;
using namespace casim::sim::world;
using namespace std::chrono_literals;

namespace {

const Instant kT0 = parse_instant("2026-10-01T10:00:00Z");
const std::string kPath = std::string(kFileValidationPath);

std::string reason_code(const std::optional<Reason>& reason) {
  return reason ? std::string(info(*reason).code) : "none";
}

DcvToken token_at(Instant at) {
  RandomStream stream(11, 0, "dcv.token");
  return draw_token(stream, at, DcvPolicy{}.token_validity);
}

DcvTarget file_target(const std::string& name, const DcvToken& token) {
  const DcvPlan plan =
      plan_validation(std::vector<std::string>{name}, VerifyType::File, token, DcvPolicy{});
  for (const auto& target : plan.targets) {
    if (target.name == name) return target;
  }
  BOOST_FAIL("no target " + name);
  return {};
}

std::string url(const std::string& scheme, const std::string& host) {
  return scheme + "://" + host + kPath;
}

std::vector<std::string> target_names(const DcvPlan& plan) {
  std::vector<std::string> names;
  for (const auto& target : plan.targets) names.push_back(target.name);
  return names;
}

// The world of one site, example.com, answering 404 everywhere until told otherwise.
struct Site {
  Dns dns;
  Web web;
  DcvToken token = token_at(kT0);
  DcvTarget target = file_target("example.com", token);

  Site() {
    web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::not_found());
    web.set_host(kT0, Scheme::Https, "example.com", WebBehaviour::not_found());
  }

  LocalCheckResult local(const DcvPolicy& policy = {}) {
    DcvValidator validator(dns, web, policy);
    return validator.check_local(target, kT0 + 1min);
  }
  CaCheckResult ca(const DcvPolicy& policy) {
    DcvValidator validator(dns, web, policy);
    return validator.check_ca(target, kT0 + 1min);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(targets)

BOOST_AUTO_TEST_CASE(an_apex_needs_its_www_name_and_a_www_name_needs_what_follows) {
  const DcvToken token = token_at(kT0);
  const DcvPlan apex =
      plan_validation(std::vector<std::string>{"example.com"}, VerifyType::File, token, DcvPolicy{});
  BOOST_TEST(target_names(apex) == (std::vector<std::string>{"example.com", "www.example.com"}),
             boost::test_tools::per_element());
  BOOST_TEST(apex.targets[1].for_names == std::vector<std::string>{"example.com"},
             boost::test_tools::per_element());
  BOOST_TEST(apex.targets[0].location == kPath);
  BOOST_TEST(apex.targets[0].expected == token.value);

  const DcvPlan deep = plan_validation(std::vector<std::string>{"www.a.example.co.uk"},
                                       VerifyType::File, token, DcvPolicy{});
  BOOST_TEST(target_names(deep) ==
                 (std::vector<std::string>{"www.a.example.co.uk", "a.example.co.uk"}),
             boost::test_tools::per_element());

  const DcvPlan plain = plan_validation(std::vector<std::string>{"cloud.example.com"},
                                        VerifyType::File, token, DcvPolicy{});
  BOOST_TEST(target_names(plain) == std::vector<std::string>{"cloud.example.com"},
             boost::test_tools::per_element());

  // Both names in the order: two targets, each needed by both names.
  const DcvPlan both = plan_validation(std::vector<std::string>{"www.example.com", "example.com"},
                                       VerifyType::File, token, DcvPolicy{});
  BOOST_TEST(target_names(both) == (std::vector<std::string>{"www.example.com", "example.com"}),
             boost::test_tools::per_element());
  for (const auto& target : both.targets) BOOST_TEST(target.for_names.size() == 2u);
}

BOOST_AUTO_TEST_CASE(wildcards_cannot_use_file_validation) {
  const DcvPlan plan =
      plan_validation(std::vector<std::string>{"*.example.com", "shop.example.com", "*.example.com"},
                      VerifyType::File, token_at(kT0), DcvPolicy{});
  BOOST_TEST(!plan.ok());
  BOOST_REQUIRE_EQUAL(plan.problems.size(), 1u);
  BOOST_TEST(plan.problems[0].name == "*.example.com");
  BOOST_TEST(info(plan.problems[0].reason).code == "DcvWildcardFileNotAllowed");
  BOOST_TEST(plan.problems[0].detail.find("choose DNS or DNS_AUTO") != std::string::npos);
  BOOST_TEST(target_names(plan) == std::vector<std::string>{"shop.example.com"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(content)

BOOST_AUTO_TEST_CASE(a_200_with_the_value_passes_and_surrounding_whitespace_is_ignored) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::content(site.token.value + "\r\n"));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == 1);
  BOOST_TEST(reason_code(result.reason) == "none");
  BOOST_TEST(result.detail.find("GET " + url("http", "example.com") + " → 200") == 0u, result.detail);
  // http passing is enough: https is not asked.
  BOOST_TEST(result.detail.find("https://") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_404_is_file_not_found) {
  Site site;
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == -4);
  BOOST_TEST(reason_code(result.reason) == "DcvFileNotFound");
  BOOST_TEST(result.detail.find("GET " + url("http", "example.com") + " → 404") != std::string::npos);
  BOOST_TEST(result.detail.find("GET " + url("https", "example.com") + " → 404") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_content_is_a_mismatch_even_when_the_other_scheme_says_404) {
  Site site;
  site.web.set_path(kT0, url("https", "example.com"), WebBehaviour::content("<html>welcome</html>"));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == -5);
  BOOST_TEST(reason_code(result.reason) == "DcvFileMismatch");
  BOOST_TEST(result.detail.find("expected \"" + site.token.value + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(error_statuses_and_silent_sites_fail_with_their_own_reasons) {
  Site site;
  site.web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::server_error(503));
  site.web.set_host(kT0, Scheme::Https, "example.com", WebBehaviour::timeout());
  const LocalCheckResult status = site.local();
  BOOST_TEST(code(status.local) == -4);
  BOOST_TEST(reason_code(status.reason) == "DcvHttpStatus");

  Dns dns;
  Web nothing;
  DcvValidator validator(dns, nothing, DcvPolicy{});
  const LocalCheckResult unknown = validator.check_local(site.target, kT0);
  BOOST_TEST(code(unknown.local) == -4);
  BOOST_TEST(reason_code(unknown.reason) == "DcvSiteUnreachable");
  BOOST_TEST(unknown.detail.find("unknown host") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(redirects)

BOOST_AUTO_TEST_CASE(a_redirect_within_the_registered_domain_is_followed) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"),
                    WebBehaviour::redirect(302, url("http", "static.cdn.example.com")));
  site.web.set_path(kT0, url("http", "static.cdn.example.com"), WebBehaviour::content(site.token.value));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == 1);
  BOOST_TEST(result.detail.find("302 → " + url("http", "static.cdn.example.com") + " → 200") !=
                 std::string::npos,
             result.detail);
}

BOOST_AUTO_TEST_CASE(a_redirect_off_the_registered_domain_is_refused) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"),
                    WebBehaviour::redirect(302, url("https", "other.org")));
  site.web.set_path(kT0, url("https", "other.org"), WebBehaviour::content(site.token.value));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == -4);
  BOOST_TEST(reason_code(result.reason) == "DcvRedirectOffDomain");
  BOOST_TEST(result.detail.find("GET " + url("http", "example.com") + " → 302 → " +
                                url("https", "other.org") +
                                ": redirect leaves the registered domain example.com") !=
                 std::string::npos,
             result.detail);
}

BOOST_AUTO_TEST_CASE(two_redirects_are_followed_and_a_third_is_refused) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::redirect(301, url("http", "a.example.com")));
  site.web.set_path(kT0, url("http", "a.example.com"), WebBehaviour::redirect(307, url("http", "b.example.com")));
  site.web.set_path(kT0, url("http", "b.example.com"), WebBehaviour::content(site.token.value));
  BOOST_TEST(code(site.local().local) == 1);

  site.web.set_path(kT0, url("http", "b.example.com"), WebBehaviour::redirect(308, url("http", "c.example.com")));
  site.web.set_path(kT0, url("http", "c.example.com"), WebBehaviour::content(site.token.value));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == -4);
  BOOST_TEST(reason_code(result.reason) == "DcvTooManyRedirects");
  BOOST_TEST(result.detail.find("more than 2 redirects") != std::string::npos);

  DcvPolicy lenient;
  lenient.max_redirects = 3;
  BOOST_TEST(code(site.local(lenient).local) == 1);
}

BOOST_AUTO_TEST_CASE(other_redirect_statuses_and_ports_are_refused) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::redirect(303, url("http", "www.example.com")));
  site.web.set_path(kT0, url("http", "www.example.com"), WebBehaviour::content(site.token.value));
  const LocalCheckResult see_other = site.local();
  BOOST_TEST(reason_code(see_other.reason) == "DcvRedirectInvalid");
  BOOST_TEST(see_other.detail.find("redirect status 303 is not followed") != std::string::npos);

  site.web.set_path(kT0, url("http", "example.com"),
                    WebBehaviour::redirect(301, "http://www.example.com:8080" + kPath));
  const LocalCheckResult port = site.local();
  BOOST_TEST(code(port.local) == -4);
  BOOST_TEST(reason_code(port.reason) == "DcvRedirectInvalid");
  BOOST_TEST(port.detail.find("port 8080") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(https)

BOOST_AUTO_TEST_CASE(a_site_that_forces_https_passes_through_https) {
  Site site;
  site.web.set_https_only(kT0, "example.com", HttpsOnly::RedirectHttp);
  site.web.set_path(kT0, url("https", "example.com"), WebBehaviour::content(site.token.value));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == 1);
  BOOST_TEST(result.detail.find("GET " + url("http", "example.com") + " → 301 → " +
                                url("https", "example.com") + " → 200") != std::string::npos,
             result.detail);
}

BOOST_AUTO_TEST_CASE(https_alone_passes_when_http_is_refused) {
  Site site;
  site.web.set_https_only(kT0, "example.com", HttpsOnly::RefuseHttp);
  site.web.set_path(kT0, url("https", "example.com"), WebBehaviour::content(site.token.value));
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == 1);
  BOOST_TEST(result.detail.find("connection refused") != std::string::npos, result.detail);
}

BOOST_AUTO_TEST_CASE(a_file_only_on_http_while_the_site_forces_https_is_diagnosed) {
  Site site;
  // The file sits in the HTTP site's folder, but every HTTP request is sent to HTTPS first.
  site.web.set_https_only(kT0, "example.com", HttpsOnly::RedirectHttp);
  const LocalCheckResult result = site.local();
  BOOST_TEST(code(result.local) == -4);
  BOOST_TEST(reason_code(result.reason) == "DcvHttpsOnly");
  BOOST_TEST(result.detail.find("the site forces HTTPS") != std::string::npos, result.detail);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(perspectives)

BOOST_AUTO_TEST_CASE(a_site_blocking_overseas_validators_passes_locally_and_fails_the_ca_abroad) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::content(site.token.value));
  site.web.block_abroad(kT0, "example.com", RegionBlock{"CN", WebBehaviour::timeout()});
  BOOST_TEST(code(site.local().local) == 1);  // the platform checks from CN

  const CaCheckResult ca = site.ca(DcvPolicy{});  // every default CA perspective is abroad
  BOOST_TEST(code(ca.ca) == -1);
  // Issue 17, defect 7: the cause the reseller documents, not DcvSiteUnreachable.
  BOOST_TEST(reason_code(ca.reason) == "DcvBlockedAbroad");
  BOOST_TEST(ca.detail.find("0 of 6 perspectives verified") != std::string::npos, ca.detail);
  BOOST_TEST(ca.detail.find("the platform's check from platform-home (CN) gets the file: the site answers only "
                            "visitors in CN and blocks the CA's validators abroad") != std::string::npos,
             ca.detail);
  BOOST_TEST(reason_code(ca.perspectives.front().reason) == "DcvSiteUnreachable");
  // Perspectives that saw the same are listed together.
  BOOST_TEST(ca.detail.find("ca-us-east (US), ca-us-west (US), ca-eu-frankfurt (DE), ca-eu-london (GB), "
                            "ca-ap-singapore (SG), ca-ap-tokyo (JP): GET " +
                            url("http", "example.com") + " → timeout") !=
                 std::string::npos,
             ca.detail);
}

BOOST_AUTO_TEST_CASE(a_site_down_everywhere_stays_unreachable) {
  Site site;
  site.web.set_host(kT0, Scheme::Http, "example.com", WebBehaviour::timeout());
  site.web.set_host(kT0, Scheme::Https, "example.com", WebBehaviour::timeout());
  BOOST_TEST(reason_code(site.local().reason) == "DcvSiteUnreachable");
  BOOST_TEST(reason_code(site.ca(DcvPolicy{}).reason) == "DcvSiteUnreachable");

  // With a CA perspective in the platform's region, the quorum itself names the block.
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::content(site.token.value));
  site.web.block_abroad(kT0, "example.com", RegionBlock{"CN", WebBehaviour::timeout()});
  DcvPolicy with_cn;
  with_cn.ca.remote.push_back({"ca-cn-beijing", "CN"});
  const CaCheckResult ca = site.ca(with_cn);
  BOOST_TEST(reason_code(ca.reason) == "DcvBlockedAbroad");
  BOOST_TEST(ca.detail.find("only perspectives in CN verified") != std::string::npos, ca.detail);
  BOOST_TEST(ca.detail.find("the platform's check") == std::string::npos, ca.detail);
}

BOOST_AUTO_TEST_CASE(one_remote_perspective_may_disagree_and_two_may_not) {
  Site site;
  site.web.set_path(kT0, url("http", "example.com"), WebBehaviour::content(site.token.value));
  site.web.block_abroad(kT0, "example.com", RegionBlock{"CN", WebBehaviour::respond(403, "forbidden")});

  DcvPolicy one_abroad;
  one_abroad.ca = {{"ca-cn-shanghai", "CN"},
                   {{"ca-cn-beijing", "CN"}, {"ca-cn-shenzhen", "CN"}, {"ca-us-east", "US"}},
                   1};
  const CaCheckResult tolerated = site.ca(one_abroad);
  BOOST_TEST(code(tolerated.ca) == 2);
  BOOST_TEST(reason_code(tolerated.reason) == "none");
  BOOST_TEST(tolerated.detail.find("disagreeing ca-us-east (US)") != std::string::npos,
             tolerated.detail);

  DcvPolicy two_abroad = one_abroad;
  two_abroad.ca.remote.push_back({"ca-eu-frankfurt", "DE"});
  const CaCheckResult refused = site.ca(two_abroad);
  BOOST_TEST(code(refused.ca) == -1);
  BOOST_TEST(reason_code(refused.reason) == "DcvBlockedAbroad");
  BOOST_TEST(refused.detail.find("3 of 5 perspectives verified") != std::string::npos, refused.detail);
  BOOST_TEST(refused.detail.find("only perspectives in CN verified") != std::string::npos);
  BOOST_REQUIRE_EQUAL(refused.perspectives.size(), 5u);
  BOOST_TEST(reason_code(refused.perspectives[3].reason) == "DcvHttpStatus");
  // Each perspective reports under its own name, in the quorum's order.
  std::vector<std::string> names;
  for (const auto& p : refused.perspectives) names.push_back(p.perspective.name);
  BOOST_TEST(names == (std::vector<std::string>{"ca-cn-shanghai", "ca-cn-beijing", "ca-cn-shenzhen",
                                                "ca-us-east", "ca-eu-frankfurt"}),
             boost::test_tools::per_element());

  // With two perspectives allowed to disagree, the same answers pass.
  two_abroad.ca.max_disagreeing = 2;
  BOOST_TEST(code(site.ca(two_abroad).ca) == 2);
}

BOOST_AUTO_TEST_CASE(the_quorum_rule_on_its_own) {
  const auto seen = [](std::string name, std::string region, bool passed) {
    return PerspectiveResult{{std::move(name), std::move(region)},
                             passed ? LocalCheck::Verified : LocalCheck::FileNotFound,
                             passed ? std::nullopt : std::optional<Reason>(Reason::DcvFileNotFound),
                             passed ? "200" : "404"};
  };
  // Passing perspectives in two regions and too many failing: a split the CA cannot explain.
  const CaCheckResult split = corroborate(
      "example.com", kT0,
      {seen("us", "US", true), seen("de", "DE", true), seen("jp", "JP", false), seen("sg", "SG", false)},
      1);
  BOOST_TEST(code(split.ca) == -1);
  BOOST_TEST(reason_code(split.reason) == "DcvQuorumNotMet");
  BOOST_TEST(split.detail.find("jp (JP), sg (SG): 404") != std::string::npos, split.detail);

  // The primary must verify, whatever the remote perspectives say.
  const CaCheckResult primary_failed = corroborate(
      "example.com", kT0, {seen("us", "US", false), seen("de", "DE", true), seen("jp", "JP", true)}, 1);
  BOOST_TEST(code(primary_failed.ca) == -1);
  BOOST_TEST(reason_code(primary_failed.reason) == "DcvFileNotFound");

  const CaCheckResult alone = corroborate("example.com", kT0, {seen("us", "US", true)}, 0);
  BOOST_TEST(code(alone.ca) == 2);
  BOOST_CHECK_THROW(corroborate("example.com", kT0, {}, 1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_dcv_file
