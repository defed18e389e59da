// `casim probe` end to end against Knot and web_server.py on loopback: for each case of the
// loopback world (TXT and CNAME records, loops, NXDOMAIN, SERVFAIL; the file, 404, wrong content,
// redirects off-domain and too many, https-only sites, a slow answer, an oversized body; CAA issue,
// issuewild, a critical unknown tag, a failed lookup) the verdict's reasons and exit code, and
// `casim run` of the scenario --emit-scenario wrote, which must agree (exit 0).
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "loopback_world.hpp"
#include "run_command.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_probe_loopback)

namespace {

using casim::test::CommandResult;
using casim::test::describe;
using casim::test::read_text;

struct LoopbackCase {
  std::vector<std::string> args;  // after `casim probe`
  std::vector<std::string> reasons;  // the verdict's reason codes; none: passed
};

std::ostream& operator<<(std::ostream& out, const LoopbackCase& probe_case) {
  out << "casim probe";
  for (const auto& arg : probe_case.args) out << " " << arg;
  return out;
}

// The first object in `report` (report.json of casim run) with "ref": `ref` and an "outcome".
const nlohmann::json* find_order(const nlohmann::json& report, const std::string& ref) {
  if (report.is_object() && report.contains("ref") && report.contains("outcome") && report["ref"] == ref) return &report;
  if (!report.is_structured()) return nullptr;
  for (const auto& item : report) {
    if (const nlohmann::json* found = find_order(item, ref)) return found;
  }
  return nullptr;
}

// Runs `casim probe ARGS… --json --emit-scenario` against the loopback servers, checks the
// reasons and the exit code, then runs the emitted scenario and checks that casim run agrees: its
// expectations (the probe's verdict) hold, and the replayed order ends as the probe judged, with
// the same reasons.
void check(const LoopbackCase& probe_case) {
  const auto& network = casim::test::loopback_network();
  const casim::test::TempDir dir;
  const auto scenario = dir.path() / "probe-case.yaml";
  std::vector<std::string> args{"probe"};
  args.insert(args.end(), probe_case.args.begin(), probe_case.args.end());
  args.insert(args.end(), {"--json", "--emit-scenario", scenario.string(), "--allow-private", "--resolver",
                           network.dns.address(), "--http-port", std::to_string(network.web.http_port()),
                           "--https-port", std::to_string(network.web.https_port()), "--timeout", "3s"});
  std::string command = "casim";
  for (const auto& arg : args) command += " " + arg;
  BOOST_TEST_MESSAGE(command);
  const CommandResult probed = casim::test::run_casim_within(120, args);
  BOOST_TEST_INFO(describe(probed) + network.logs());
  BOOST_TEST_REQUIRE(probed.exit_code == (probe_case.reasons.empty() ? 0 : 1));
  const auto report = nlohmann::json::parse(probed.out);
  const auto& result = report.at("results").at(0);
  BOOST_TEST(result.at("passed").get<bool>() == probe_case.reasons.empty());
  BOOST_TEST(result.at("reasons").get<std::vector<std::string>>() == probe_case.reasons,
             boost::test_tools::per_element());

  const CommandResult replayed = casim::test::run_casim_within(
      120, {"run", scenario.string(), "--out", (dir.path() / "out").string(), "--no-certs", "--format", "json"});
  BOOST_TEST_INFO(describe(replayed) + "scenario:\n" + read_text(scenario));
  BOOST_TEST_REQUIRE(replayed.exit_code == 0);
  const auto replay = nlohmann::json::parse(read_text(dir.path() / "out" / "report.json"));
  const nlohmann::json* order = find_order(replay, "probe-1");
  BOOST_TEST_REQUIRE(order != nullptr, "no order probe-1 in report.json");
  BOOST_TEST(order->at("outcome").get<std::string>() == (probe_case.reasons.empty() ? "issued" : "failed"));
  std::vector<std::string> replayed_reasons;
  for (const auto& reason : order->at("reasons")) replayed_reasons.push_back(reason.at("code").get<std::string>());
  for (const auto& reason : probe_case.reasons) {
    BOOST_TEST((std::find(replayed_reasons.begin(), replayed_reasons.end(), reason) != replayed_reasons.end()),
               "the replay's reasons lack " << reason);
  }
}

const std::vector<LoopbackCase> kDnsRecordCases{
    {{"dns", "txt-ok.example.com", "--value", "token-txt-ok"}, {}},
    {{"dns", "txt-bad.example.com", "--value", "token-txt-bad"}, {"DcvTxtMismatch"}},
    {{"dns", "txt-multi.example.com", "--value", "token-multi"}, {}},
    {{"dns", "via-cname.example.com", "--value", "token-via-cname"}, {}},
    {{"dns", "cname-ok.example.com", "--value", "token-cname-ok", "--method", "CNAME"}, {}},
    {{"dns", "cname-bad.example.com", "--value", "token-cname-bad", "--method", "CNAME"}, {"DcvCnameMismatch"}},
};

const std::vector<LoopbackCase> kDnsFailureCases{
    {{"dns", "loop.example.com", "--value", "token-loop"}, {"DcvDnsServfail"}},
    {{"dns", "dangling.example.com", "--value", "token-dangling"}, {"DcvTxtNotFound"}},
    {{"dns", "absent.example.com", "--value", "token-absent"}, {"DcvTxtNotFound"}},
    {{"dns", "www.broken.example.net", "--value", "token-broken"}, {"DcvDnsServfail"}},
};

const std::vector<LoopbackCase> kFileCases{
    {{"file", "ok.example.org", "--value", "token-file-ok"}, {}},
    {{"file", "mismatch.example.org", "--value", "token-file-mismatch"}, {"DcvFileMismatch"}},
    {{"file", "missing.example.org", "--value", "token-file-missing"}, {"DcvFileNotFound"}},
    {{"file", "offdomain.example.org", "--value", "token-file-offdomain"}, {"DcvRedirectOffDomain"}},
    {{"file", "chain.example.org", "--value", "token-file-chain"}, {"DcvTooManyRedirects"}},
    {{"file", "secure.example.org", "--value", "token-file-secure"}, {}},
    {{"file", "secure-missing.example.org", "--value", "token-file-secure-missing"}, {"DcvHttpsOnly"}},
    {{"file", "refuse.example.org", "--value", "token-file-refuse"}, {}},
    {{"file", "refuse.example.org", "--value", "token-file-refuse", "--scheme", "http"}, {"DcvSiteUnreachable"}},
    {{"file", "slow.example.org", "--value", "token-file-slow", "--http-timeout", "1500ms"}, {"DcvSiteUnreachable"}},
    {{"file", "big.example.org", "--value", "token-file-big"}, {"DcvFileMismatch"}},
};

const std::vector<LoopbackCase> kCaaCases{
    {{"caa", "www.caa.example.net"}, {}},
    {{"caa", "forbidden.caa.example.net"}, {"CaaForbidden"}},
    {{"caa", "forbidden.caa.example.net", "--ca-id", "other-ca.example"}, {}},
    {{"caa", "www.caa.example.net", "--wildcard"}, {"CaaForbidden"}},
    {{"caa", "wild.caa.example.net"}, {"CaaForbidden"}},
    {{"caa", "wild.caa.example.net", "--wildcard"}, {}},
    {{"caa", "critical.caa.example.net"}, {"CaaCriticalUnknownTag"}},
    {{"caa", "www.broken.example.net"}, {"CaaLookupFailed"}},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_loopback)

BOOST_DATA_TEST_CASE(dns_records_txt_and_cname, boost::unit_test::data::make(kDnsRecordCases), probe_case) {
  check(probe_case);
}

BOOST_DATA_TEST_CASE(dns_lookups_that_find_nothing_or_fail, boost::unit_test::data::make(kDnsFailureCases),
                     probe_case) {
  check(probe_case);
}

BOOST_DATA_TEST_CASE(validation_files, boost::unit_test::data::make(kFileCases), probe_case) { check(probe_case); }

BOOST_DATA_TEST_CASE(caa_records, boost::unit_test::data::make(kCaaCases), probe_case) { check(probe_case); }

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_probe_loopback
