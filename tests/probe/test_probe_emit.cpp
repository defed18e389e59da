// The emitted scenario against the simulation: for every probe case, the scenario written from
// what the probe saw loads (`casim lint`) and its run agrees with the probe's verdict (`casim run`
// exits 0; a verdict the run contradicts fails its expectations); several requests share one
// world; the file is replaced whole or not at all.
#include <boost/test/unit_test.hpp>

#include "casim/probe/emit_scenario.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"
#include "probe_cases.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_probe_emit)

using namespace casim;
using namespace casim::probe;
using namespace casim::probe::test;

namespace {

const sim::Instant kAt = sim::parse_instant("2026-12-05T04:00:00Z");

// Probes `requests` on the case's network and writes the scenario into `dir`.
std::filesystem::path emit(const casim::test::TempDir& dir, const std::string& name,
                           const std::function<void(ScriptedDns&, ScriptedWeb&)>& network,
                           const std::vector<ProbeRequest>& requests, std::vector<ProbeResult>& results) {
  ScriptedDns dns;
  ScriptedWeb web;
  network(dns, web);
  Prober prober(dns, web, kAt);
  for (const auto& request : requests) results.push_back(prober.probe(request));
  const auto file = dir.path() / (name + ".yaml");
  write_scenario_file(file, scenario_text(prober.world(), results, name));
  return file;
}

void check_agreement(const casim::test::TempDir& dir, const std::filesystem::path& file) {
  const auto lint = casim::test::run_casim({"lint", file.string()});
  BOOST_TEST(lint.exit_code == 0, casim::test::describe(lint) << casim::test::read_text(file));
  const auto run = casim::test::run_casim({"run", file.string(), "--out", (dir.path() / "out").string(), "--no-certs"});
  BOOST_TEST(run.exit_code == 0, casim::test::describe(run) << casim::test::read_text(file));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_replays_to_the_probes_verdict) {
  const casim::test::TempDir dir;
  for (const auto& probe_case : all_cases()) {
    BOOST_TEST_CONTEXT("case " << probe_case.name) {
      std::vector<ProbeResult> results;
      const auto file = emit(dir, "probe-" + probe_case.name, probe_case.network, {probe_case.request}, results);
      check_agreement(dir, file);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_expectation_the_simulation_contradicts_fails_the_run) {
  const casim::test::TempDir dir;
  const ProbeCase mismatch = dns_cases()[1];
  std::vector<ProbeResult> results;
  const auto file = emit(dir, "contradicted", mismatch.network, {mismatch.request}, results);
  std::string text = casim::test::read_text(file);
  const auto at = text.find("reason: DcvTxtMismatch");
  BOOST_TEST_REQUIRE(at != std::string::npos, text);
  text.replace(at, std::string("reason: DcvTxtMismatch").size(), "reason: DcvTxtNotFound");
  std::ofstream(file) << text;
  const auto run = casim::test::run_casim({"run", file.string(), "--out", (dir.path() / "out").string(), "--no-certs"});
  BOOST_TEST(run.exit_code == 1, casim::test::describe(run));
}

BOOST_AUTO_TEST_CASE(several_requests_share_one_world_and_one_scenario) {
  const casim::test::TempDir dir;
  const auto network = [](ScriptedDns& dns, ScriptedWeb& web) {
    dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", std::string(kValue))});
    dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "otherca.example")});
    web.respond(kFileUrl, 200, std::string(kValue));
  };
  ProbeRequest both = dns_request("www.example.com");
  both.check_caa = true;
  ProbeRequest file = file_request("shop.example.com");
  file.check_caa = true;
  std::vector<ProbeResult> results;
  // cloud.example.com's order publishes at _dnsauth.cloud.example.com, which nobody probed; the
  // wildcard's validates at _dnsauth.example.com, which the first request probed and passed.
  const auto scenario = emit(dir, "shared", network,
                             {both, file, caa_request("cloud.example.com"), caa_request("*.example.com")}, results);
  BOOST_TEST_REQUIRE(results.size() == 4u);
  BOOST_TEST(results[0].reasons().front() == mockca::Reason::CaaForbidden);
  BOOST_TEST(results[1].reasons().front() == mockca::Reason::CaaForbidden);
  BOOST_TEST(results[2].reasons().front() == mockca::Reason::CaaForbidden);
  BOOST_TEST(results[3].reasons().front() == mockca::Reason::CaaForbidden);
  const std::string text = casim::test::read_text(scenario);
  BOOST_TEST(text.find("ref: probe-4") != std::string::npos);
  check_agreement(dir, scenario);
}

BOOST_AUTO_TEST_CASE(a_caa_check_whose_validation_host_failed_elsewhere_is_not_emitted) {
  ScriptedDns dns;
  ScriptedWeb web;
  dns.answer("_dnsauth.example.com", DnsType::TXT, {DnsRecord::txt("_dnsauth.example.com", "wrong")});
  Prober prober(dns, web, kAt);
  const std::vector<ProbeResult> results{prober.probe(dns_request("example.com")), prober.probe(caa_request("example.com"))};
  BOOST_CHECK_THROW(scenario_text(prober.world(), results, "unreachable"), InputError);
}

// The simulated CA checks CAA for every validated order: a request that passed without CAA
// cannot share a world whose CAA (seen for another request) would refuse it.
BOOST_AUTO_TEST_CASE(a_request_without_caa_cannot_share_a_world_whose_caa_refuses_it) {
  ScriptedDns dns;
  ScriptedWeb web;
  dns.answer("example.com", DnsType::CAA, {caa("example.com", "issue", "otherca.example")});
  web.respond(kFileUrl, 200, std::string(kValue));
  Prober prober(dns, web, kAt);
  const std::vector<ProbeResult> results{prober.probe(file_request("shop.example.com")),
                                         prober.probe(caa_request("example.com"))};
  BOOST_TEST(results[0].passed());
  BOOST_CHECK_THROW(scenario_text(prober.world(), results, "caa-unasked"), InputError);
}

BOOST_AUTO_TEST_CASE(txt_and_cname_orders_cannot_share_a_scenario) {
  ScriptedDns dns;
  ScriptedWeb web;
  Prober prober(dns, web, kAt);
  const std::vector<ProbeResult> results{prober.probe(dns_request("example.com")),
                                         prober.probe(dns_request("example.org", mockca::DnsRecordKind::Cname))};
  BOOST_CHECK_THROW(scenario_text(prober.world(), results, "mixed"), InputError);
}

BOOST_AUTO_TEST_CASE(the_file_is_replaced_whole_or_left_as_it_was) {
  const casim::test::TempDir dir;
  const auto file = dir.write("kept.yaml", "old content\n");
  write_scenario_file(file, "new content\n");
  BOOST_TEST(casim::test::read_text(file) == "new content\n");

  std::filesystem::create_directory(dir.path() / "a-folder");
  BOOST_CHECK_THROW(write_scenario_file(dir.path() / "a-folder", "text\n"), InputError);
  BOOST_CHECK_THROW(write_scenario_file(dir.path() / "missing" / "x.yaml", "text\n"), InputError);
  BOOST_TEST(std::filesystem::is_directory(dir.path() / "a-folder"));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  BOOST_TEST(entries == 2u);  // kept.yaml and a-folder: no temporary file left behind
}

BOOST_AUTO_TEST_SUITE_END()  // test_probe_emit
