// The reproduce command of a failed expectation: file, seed, runs, the first failing run and the
// order to trace; no --run/--trace for aggregates; --agent for an external ordering logic; words
// quoted for the shell only when they need it, and quoted so that a shell gives them back.
#include <cstdio>

#include "casim/report/reproduce.hpp"
#include "report_support.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_reproduce)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

const ExpectationResult& result_named(const ScenarioReport& scenario, const std::string& id) {
  for (const ExpectationResult& result : scenario.results) {
    if (result.id == id) return result;
  }
  throw std::runtime_error("no result " + id);
}

// What `sh` prints for `printf '%s\n' WORD`: the word after the shell's quote removal.
std::string through_the_shell(const std::string& word) {
  const casim::test::TempDir dir;
  const auto out = dir.path() / "word.txt";
  const std::string command = "printf '%s' " + shell_word(word) + " > '" + out.string() + "'";
  if (std::system(command.c_str()) != 0) return "(shell failed)";
  return read_text(out);
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_order_expectation_reproduces_its_first_failing_run_and_traces_the_order) {
  ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3})});
  const ScenarioReport& scenario = set.scenarios[0];
  const ExpectationResult& outcome = result_named(scenario, "order dv-missing: outcome");
  BOOST_TEST(outcome.order == "dv-missing");
  BOOST_TEST(reproduce_command(set, scenario, outcome) ==
             "casim run scenarios/test/golden.yaml --seed 42 --runs 4 --run 0 --trace dv-missing");
  set.ordering_logic = "python3 my platform's.py";
  BOOST_TEST(reproduce_command(set, scenario, outcome) ==
             "casim run scenarios/test/golden.yaml --seed 42 --runs 4 --run 0 --trace dv-missing "
             "--agent 'python3 my platform'\\''s.py'");
}

BOOST_AUTO_TEST_CASE(an_aggregate_reproduces_every_run_without_a_trace) {
  const ReportSet set = set_of({simulate(golden_scenario(), {0, 1, 2, 3})});
  const ScenarioReport& scenario = set.scenarios[0];
  const ExpectationResult& rate = result_named(scenario, "failure rate");
  BOOST_TEST(rate.order.empty());
  BOOST_TEST(reproduce_command(set, scenario, rate) == "casim run scenarios/test/golden.yaml --seed 42 --runs 4");
}

BOOST_AUTO_TEST_CASE(an_order_aggregate_traces_its_order_unless_it_names_a_count_template) {
  ScenarioReport report = bare_report("aggregates");
  report.runs_planned = 1;
  report.runs.push_back(run_of(0, {issued("www", mockca::ValidationLevel::DV, sim::kHour, sim::kHour),
                                   issued("load-00001", mockca::ValidationLevel::DV, sim::kHour, sim::kHour)}));
  for (const char* ref : {"www", "load"}) {
    scenario::AggregateExpectation rate;
    rate.kind = scenario::AggregateExpectation::Kind::FailureRate;
    rate.order = ref;
    rate.min_rate = 1;  // fails: every order was issued
    report.aggregate_expectations.push_back(rate);
  }
  const ReportSet set = set_of({report});
  BOOST_TEST(result_named(set.scenarios[0], "order www failure rate").order == "www");
  BOOST_TEST(result_named(set.scenarios[0], "order load failure rate").order.empty());
  BOOST_TEST(reproduce_command(set, set.scenarios[0], result_named(set.scenarios[0], "order www failure rate")) ==
             "casim run scenarios/hand-made.yaml --seed 0 --runs 1 --trace www");
}

BOOST_AUTO_TEST_CASE(words_are_quoted_only_when_the_shell_needs_it) {
  BOOST_TEST(shell_word("scenarios/dcv/dns-record-missing.yaml") == "scenarios/dcv/dns-record-missing.yaml");
  BOOST_TEST(shell_word("") == "''");
  BOOST_TEST(shell_word("my scenarios/a b.yaml") == "'my scenarios/a b.yaml'");
  for (const std::string word : {"a b", "it's", "$HOME", "`id`", "x;y", "*", "~", "\"q\"", "'", "a\nb", "é"}) {
    BOOST_TEST(through_the_shell(word) == word);
  }
}

BOOST_AUTO_TEST_SUITE_END()  // test_reproduce
