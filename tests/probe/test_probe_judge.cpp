// The probe's verdicts on scripted networks: for each case the CA's reason and LocalCheck value,
// and that the fixpoint asked exactly the questions the checks need, in order, each once; a
// failed validation keeps CAA unasked; requests sharing a prober share their answers.
#include <boost/test/unit_test.hpp>

#include "casim/probe/report.hpp"
#include "printers.hpp"
#include "probe_cases.hpp"

BOOST_AUTO_TEST_SUITE(test_probe_judge)

using namespace casim;
using namespace casim::probe;
using namespace casim::probe::test;

namespace {

const sim::Instant kAt = sim::parse_instant("2026-09-14T01:00:00Z");

void check_case(const ProbeCase& probe_case) {
  BOOST_TEST_CONTEXT("case " << probe_case.name) {
    ScriptedDns dns;
    ScriptedWeb web;
    probe_case.network(dns, web);
    Prober prober(dns, web, kAt);
    const ProbeResult result = prober.probe(probe_case.request);
    const auto reasons = result.reasons();
    if (probe_case.reason) {
      BOOST_TEST(!result.passed());
      BOOST_TEST_REQUIRE(!reasons.empty());
      BOOST_TEST(mockca::info(reasons.front()).code == mockca::info(*probe_case.reason).code);
    } else {
      BOOST_TEST(result.passed(), format_text({result}));
    }
    if (probe_case.local) {
      BOOST_TEST_REQUIRE(!result.targets.empty());
      BOOST_TEST(mockca::code(result.targets.front().local) == mockca::code(*probe_case.local));
    }
    BOOST_TEST(dns.asked == probe_case.dns_asked, boost::test_tools::per_element());
    BOOST_TEST(web.asked == probe_case.web_asked, boost::test_tools::per_element());
    // The evidence is what the verdict read: every question asked, each once.
    BOOST_TEST(result.dns.size() == probe_case.dns_asked.size());
    BOOST_TEST(result.web.size() == probe_case.web_asked.size());
    BOOST_TEST(result.complete);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(dns_verdicts) {
  for (const auto& probe_case : dns_cases()) check_case(probe_case);
}

BOOST_AUTO_TEST_CASE(file_verdicts) {
  for (const auto& probe_case : file_cases()) check_case(probe_case);
}

BOOST_AUTO_TEST_CASE(caa_verdicts) {
  for (const auto& probe_case : caa_cases()) check_case(probe_case);
}

BOOST_AUTO_TEST_CASE(a_scheme_not_fetched_is_refused_without_a_request) {
  ScriptedDns dns;
  ScriptedWeb web;
  web.respond(kFileUrl, 404, "");
  ProbeRequest request = file_request("shop.example.com");
  request.schemes = FetchSchemes::Http;
  const ProbeResult result = Prober(dns, web, kAt).probe(request);
  BOOST_TEST(web.asked == std::vector<std::string>{kFileUrl}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(result.web.size() == 2u);
  BOOST_TEST(result.web[1].url == kFileUrlHttps);
  BOOST_TEST(result.web[1].note.find("not fetched") != std::string::npos);
  BOOST_TEST(result.reasons().front() == mockca::Reason::DcvFileNotFound);
}

BOOST_AUTO_TEST_CASE(caa_waits_for_validation_as_the_ca_does) {
  ScriptedDns dns;
  ScriptedWeb web;
  dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", "wrong")});
  dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "otherca.example")});
  ProbeRequest request = dns_request("www.example.com");
  request.check_caa = true;
  Prober prober(dns, web, kAt);
  const ProbeResult failed = prober.probe(request);
  BOOST_TEST(!failed.caa_checked);
  BOOST_TEST(dns.asked == std::vector<std::string>{"TXT _dnsauth.example.com"}, boost::test_tools::per_element());
  BOOST_TEST((failed.reasons() == std::vector<mockca::Reason>{mockca::Reason::DcvTxtMismatch}));

  // The same names with the value found: validation passes, CAA is asked and refuses; the TXT
  // question is not asked again.
  request.value = "wrong";
  const ProbeResult refused = prober.probe(request);
  BOOST_TEST(refused.caa_checked);
  BOOST_TEST((refused.reasons() == std::vector<mockca::Reason>{mockca::Reason::CaaForbidden}));
  const std::vector<std::string> asked{"TXT _dnsauth.example.com", "CAA www.example.com", "CAA example.com"};
  BOOST_TEST(dns.asked == asked, boost::test_tools::per_element());
  BOOST_TEST(refused.dns.size() == 3u);
}

BOOST_AUTO_TEST_CASE(names_the_ca_refuses_and_wildcards_by_file_are_problems) {
  ScriptedDns dns;
  ScriptedWeb web;
  ProbeRequest request = file_request("*.example.com");
  const ProbeResult wildcard = Prober(dns, web, kAt).probe(request);
  BOOST_TEST_REQUIRE(wildcard.problems.size() == 1u);
  BOOST_TEST(wildcard.problems.front().reason == mockca::Reason::DcvWildcardFileNotAllowed);
  BOOST_TEST(web.asked.empty());

  const ProbeResult internal = Prober(dns, web, kAt).probe(caa_request("intranet.local"));
  BOOST_TEST_REQUIRE(!internal.problems.empty());
  BOOST_TEST(internal.problems.front().reason == mockca::Reason::NameInternal);
}

BOOST_AUTO_TEST_CASE(the_text_and_json_reports_carry_the_verdict_hint_and_evidence) {
  ScriptedDns dns;
  ScriptedWeb web;
  dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", "old", std::chrono::seconds{300})});
  const ProbeResult result = Prober(dns, web, kAt).probe(dns_request("example.com"));
  const std::string text = format_text({result});
  BOOST_TEST(text.find("FAILED") != std::string::npos);
  BOOST_TEST(text.find("LocalCheck  -2 (TXT value mismatch)") != std::string::npos, text);
  BOOST_TEST(text.find("DcvTxtMismatch") != std::string::npos);
  BOOST_TEST(text.find(std::string(mockca::info(mockca::Reason::DcvTxtMismatch).hint)) != std::string::npos);
  BOOST_TEST(text.find("_dnsauth.example.com. 300 IN TXT \"old\"") != std::string::npos, text);
  BOOST_TEST(text.find("from 192.0.2.53:53") != std::string::npos);
  BOOST_TEST(text.find("0 of 1 passed") != std::string::npos);

  const auto json = to_json({result});
  BOOST_TEST(!json["passed"].get<bool>());
  const auto& target = json["results"][0]["targets"][0];
  BOOST_TEST(target["local_check"].get<int>() == -2);
  BOOST_TEST(target["reason"]["code"].get<std::string>() == "DcvTxtMismatch");
  BOOST_TEST(json["results"][0]["evidence"]["dns"][0]["records"][0]["ttl"].get<int>() == 300);
}

BOOST_AUTO_TEST_SUITE_END()  // test_probe_judge
