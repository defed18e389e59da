// `casim run --agent` as a user runs it: the Python reference agent passes a scenario and leaves a
// transcript that the protocol's JSON Schema accepts, as does the Node.js example on three suites; broken agents (a wrong validation value
// shown, no polling, a wrong Status, a hang, garbage, an exit, a flood, a timer in the past) each
// end as a failed scenario with the reason in report.json, summary.txt and junit.xml — never a hang
// or a crash — and the agent is started again for the next run.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_agent_runs)

using namespace casim::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPython = "/usr/bin/python3";

std::string reference_agent() {
  return kPython + " " + source_path("examples/agents/python/reference_platform.py");
}

std::string broken_agent(const std::string& mode) {
  return kPython + " " + source_path("tests/agent/data/tampering_agent.py") + " " + mode + " -- " + reference_agent();
}

struct AgentRun {
  CommandResult result;
  json report;
  fs::path out;
};

// `casim run` of `scenario` (default: tests/cli/data/run/pass) with `agent`.
AgentRun run_with(const TempDir& dir, const std::string& agent, std::vector<std::string> extra = {},
                  const std::string& scenario = "") {
  AgentRun run;
  run.out = dir.path() / "out";
  std::vector<std::string> args{"run", scenario.empty() ? run_data("pass") : scenario, "--out", run.out.string(),
                                "--no-certs", "--agent", agent};
  args.insert(args.end(), extra.begin(), extra.end());
  run.result = run_casim(args);
  if (fs::exists(run.out / "report.json")) run.report = json::parse(read_text(run.out / "report.json"));
  return run;
}

const json& scenario_of(const AgentRun& run) { return run.report.at("scenarios").at(0); }

const json& order_of(const json& run, const std::string& ref) {
  for (const json& order : run.at("orders")) {
    if (order.at("ref") == ref) return order;
  }
  throw std::runtime_error("no order " + ref);
}

bool has_reason(const json& reasons, const std::string& code) {
  for (const json& reason : reasons) {
    if (reason.at("code") == code) return true;
  }
  return false;
}

// Each run stopped because of the agent with `code`, which every report format names.
void check_every_run_failed_with(const AgentRun& run, const std::string& code, const std::string& message_part) {
  BOOST_TEST(run.result.exit_code == 1, describe(run.result));
  const json& runs = scenario_of(run).at("runs");
  BOOST_TEST(runs.size() == 2u, "both runs were made: the agent was started again after its fault");
  for (const json& one : runs) {
    BOOST_TEST(one.at("stop") == "ordering logic failed");
    const json& warning = one.at("warnings").back();
    BOOST_TEST(warning.at("reason").at("code") == code, warning.dump());
    BOOST_TEST(contains(warning.at("message").get<std::string>(), message_part), warning.dump());
    BOOST_TEST(has_reason(order_of(one, "dv-www").at("reasons"), code), one.dump().substr(0, 2000));
  }
  BOOST_TEST(contains(read_text(run.out / "summary.txt"), code), read_text(run.out / "summary.txt"));
  BOOST_TEST(contains(read_text(run.out / "junit.xml"), code));
  BOOST_TEST(fs::is_regular_file(run.out / "agents" / "run-dv-issued" / "run-1.jsonl"),
             "a failed run's transcript is kept");
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_reference_agent_passes_and_its_transcript_follows_the_schema) {
  TempDir dir;
  const AgentRun run = run_with(dir, reference_agent());
  BOOST_TEST(run.result.exit_code == 0, describe(run.result));
  BOOST_TEST(run.report.at("meta").at("ordering_logic") == reference_agent());
  const fs::path transcript = run.out / "agents" / "run-dv-issued" / "run-0.jsonl";
  BOOST_TEST_REQUIRE(fs::is_regular_file(transcript), describe(run.result));
  BOOST_TEST(contains(run.result.out, "agent transcripts: 1 in"), run.result.out);
  const CommandResult checked = run_command({kPython, source_path("tests/agent/check_transcripts.py"),
                                             source_path("docs/agent-protocol.schema.json"), transcript.string()});
  BOOST_TEST(checked.exit_code == 0, describe(checked));
}

BOOST_AUTO_TEST_CASE(the_node_example_written_from_the_docs_passes_the_dcv_review_and_csr_suites) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const CommandResult result =
      run_casim({"run", source_path("scenarios/dcv"), source_path("scenarios/review"), source_path("scenarios/csr"), "--out",
                 out.string(), "--no-certs", "--jobs", "2", "--agent",
                 "/usr/bin/node " + source_path("examples/agents/node/minimal_platform.js")});
  BOOST_TEST(result.exit_code == 0, describe(result));
  const CommandResult checked = run_command({kPython, source_path("tests/agent/check_transcripts.py"),
                                             source_path("docs/agent-protocol.schema.json"), (out / "agents").string()});
  BOOST_TEST(checked.exit_code == 0, describe(checked));
}

BOOST_AUTO_TEST_CASE(an_agent_that_shows_a_wrong_value_fails_validation) {
  TempDir dir;
  const AgentRun run = run_with(dir, broken_agent("wrong-txt"));
  BOOST_TEST(run.result.exit_code == 1, describe(run.result));
  const json& order = order_of(scenario_of(run).at("runs").at(0), "dv-www");
  BOOST_TEST(order.at("outcome") != "issued", order.dump());
  BOOST_TEST(has_reason(order.at("reasons"), "DcvTxtMismatch"), order.at("reasons").dump());
}

BOOST_AUTO_TEST_CASE(an_agent_that_never_polls_is_issued_late) {
  TempDir dir;
  const std::string scenario = source_path("tests/agent/data/validate-now.yaml");
  const AgentRun polling = run_with(dir, reference_agent(), {}, scenario);
  BOOST_TEST(polling.result.exit_code == 0, describe(polling.result));
  TempDir idle;
  const AgentRun run = run_with(idle, broken_agent("never-polls"), {}, scenario);
  BOOST_TEST(run.result.exit_code == 1, describe(run.result));
  BOOST_TEST(contains(run.result.out, "expected issued within 3h in every run, found issued after 6 h"), describe(run.result));
}

BOOST_AUTO_TEST_CASE(an_agent_that_shows_a_wrong_status_is_warned_about_and_fails_the_expectation) {
  TempDir dir;
  const AgentRun run = run_with(dir, broken_agent("wrong-status"));
  BOOST_TEST(run.result.exit_code == 1, describe(run.result));
  bool warned = false;
  for (const json& warning : scenario_of(run).at("runs").at(0).at("warnings")) {
    warned = warned || warning.at("reason").at("code") == "AgentStatusContradicted";
  }
  BOOST_TEST(warned, scenario_of(run).at("runs").at(0).at("warnings").dump());
  BOOST_TEST(contains(read_text(run.out / "summary.txt"), "statuses"), read_text(run.out / "summary.txt"));
}

BOOST_AUTO_TEST_CASE(a_hung_agent_times_out_and_is_killed) {
  TempDir dir;
  check_every_run_failed_with(run_with(dir, broken_agent("sleeps"), {"--agent-timeout", "0.5", "--runs", "2"}),
                              "AgentTimeout", "did not yield within 500 ms");
}

BOOST_AUTO_TEST_CASE(an_agent_that_prints_garbage_breaks_the_protocol) {
  TempDir dir;
  check_every_run_failed_with(run_with(dir, broken_agent("garbage"), {"--runs", "2"}), "AgentProtocolError",
                              "is not JSON: at byte");
}

BOOST_AUTO_TEST_CASE(an_agent_that_exits_mid_run_is_reported_with_its_stderr) {
  TempDir dir;
  const AgentRun run = run_with(dir, broken_agent("exits"), {"--runs", "2"});
  check_every_run_failed_with(run, "AgentExited", "exit code 3");
  BOOST_TEST(contains(scenario_of(run).at("runs").at(0).at("warnings").back().at("message").get<std::string>(),
                      "the last lines of its stderr:"));
  BOOST_TEST(contains(read_text(run.out / "agents" / "run-dv-issued" / "run-0.jsonl"),
                      R"("dir":"stderr","message":"tampering agent: exiting in the middle of a run")"),
             "the agent's stderr is kept in the transcript");
}

BOOST_AUTO_TEST_CASE(an_agent_that_floods_requests_hits_the_per_turn_limit) {
  TempDir dir;
  check_every_run_failed_with(run_with(dir, broken_agent("flood"), {"--runs", "2"}), "AgentCallLimit",
                              "more than 10000 requests");
}

BOOST_AUTO_TEST_CASE(an_agent_that_asks_for_a_timer_in_the_past_is_stopped) {
  TempDir dir;
  check_every_run_failed_with(run_with(dir, broken_agent("timer-past"), {"--runs", "2"}), "AgentTimerInPast",
                              "2000-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(an_agent_command_that_cannot_start_is_bad_input) {
  TempDir dir;
  const AgentRun missing = run_with(dir, "/nonexistent/agent --flag");
  BOOST_TEST(missing.result.exit_code == 2, describe(missing.result));
  BOOST_TEST(contains(missing.result.out + missing.result.err, "cannot start /nonexistent/agent"), describe(missing.result));
  const AgentRun unsplittable = run_with(dir, "python3 'unterminated");
  BOOST_TEST(unsplittable.result.exit_code == 2, describe(unsplittable.result));
  BOOST_TEST(contains(unsplittable.result.err, "--agent"), describe(unsplittable.result));
}

BOOST_AUTO_TEST_SUITE_END()  // test_agent_runs
