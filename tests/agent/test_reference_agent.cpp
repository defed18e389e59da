// The differential test of the agent protocol: the bundled scenario suite (the 10,000-order load
// scenario aside) run with the Python reference agent gives the same report.json as with the
// built-in ordering logic — every scenario, run, order, status history, stage timing, refusal and
// warning — except the fields that name the logic: meta.ordering_logic, and each run's trace
// fingerprint, which hashes the ordering logic's own trace lines. Certificates are signed where a
// scenario asks for them, so the downloads are compared too. Every transcript it leaves follows the
// protocol's JSON Schema.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_reference_agent)

using namespace casim::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPython = "/usr/bin/python3";
const std::vector<std::string> kSuites{"calendar", "csr", "dcv", "lifecycle", "review"};

// report.json of the bundled suites run with `agent` ("builtin" for casim's own logic).
json run_suites(const fs::path& out, const std::string& agent) {
  std::vector<std::string> args{"run"};
  for (const std::string& suite : kSuites) args.push_back(source_path("scenarios/" + suite));
  args.insert(args.end(), {"--out", out.string(), "--jobs", "2", "--agent", agent});
  const CommandResult result = run_casim(args);
  BOOST_TEST_REQUIRE(result.exit_code == 0, describe(result));
  return json::parse(read_text(out / "report.json"));
}

// The report without the fields that name the ordering logic, and with a signed certificate's
// random serial and fingerprint (meta.non_reproducible_fields) reduced to whether there is one.
json without_logic_names(json report) {
  report.at("meta").erase("ordering_logic");
  for (json& scenario : report.at("scenarios")) {
    for (json& run : scenario.at("runs")) {
      run.erase("fingerprint");
      for (json& order : run.at("orders")) {
        json& certificate = order.at("certificate");
        if (certificate.is_null()) continue;
        for (const char* field : {"serial", "sha256_fingerprint"}) {
          certificate[field] = !certificate.at(field).get<std::string>().empty();
        }
      }
    }
  }
  return report;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_reference_agent_reports_what_the_builtin_logic_reports) {
  TempDir dir;
  const std::string agent = kPython + " " + source_path("examples/agents/python/reference_platform.py");
  const json builtin = run_suites(dir.path() / "builtin", "builtin");
  const json external = run_suites(dir.path() / "agent", agent);
  BOOST_TEST(external.at("meta").at("ordering_logic") == agent);
  BOOST_TEST_REQUIRE(builtin.at("scenarios").size() == external.at("scenarios").size());
  BOOST_TEST(builtin.at("scenarios").size() >= 60u, "the bundled suites hold the scenarios this test is about");
  const json expected = without_logic_names(builtin);
  const json found = without_logic_names(external);
  for (std::size_t i = 0; i < expected.at("scenarios").size(); ++i) {
    const json& one = expected.at("scenarios").at(i);
    const json difference = json::diff(one, found.at("scenarios").at(i));
    BOOST_TEST(difference.empty(), one.at("name").get<std::string>() << " differs: " << difference.dump().substr(0, 1500));
  }
  BOOST_TEST(expected == found);

  const CommandResult checked = run_command({kPython, source_path("tests/agent/check_transcripts.py"),
                                             source_path("docs/agent-protocol.schema.json"),
                                             (dir.path() / "agent" / "agents").string()});
  BOOST_TEST(checked.exit_code == 0, describe(checked));
}

BOOST_AUTO_TEST_SUITE_END()  // test_reference_agent
