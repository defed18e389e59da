// merge(): shards of runs {0,2} and {1,3} give the same report.json as the unsharded runs
// {0,1,2,3} (the same aggregates and verdicts, issue 6), also through report.json files; a run
// present twice and shards that disagree about a scenario are refused, naming the scenario.
#include "casim/sim/error.hpp"
#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_merge)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

const scenario::Scenario& scenario_under_test() {
  static const scenario::Scenario scenario = golden_scenario();
  return scenario;
}

ReportSet shard(const std::vector<std::uint64_t>& runs, const std::string& name) {
  return set_of({simulate(scenario_under_test(), runs)}, name);
}

std::string merge_error(std::vector<ReportSet> shards) {
  try {
    merge(std::move(shards));
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(merged_shards_equal_the_unsharded_run) {
  const ReportSet whole = set_of({simulate(scenario_under_test(), {0, 1, 2, 3})});
  const ReportSet first = shard({0, 2}, "1/2");
  const ReportSet second = shard({1, 3}, "2/2");
  // The shards alone see other aggregates (only half the runs each).
  BOOST_TEST(to_json(first)["scenarios"][0]["runs"].size() == 2u);

  const ReportSet merged = merge({second, first});
  BOOST_TEST(!merged.shard.has_value());
  BOOST_TEST(to_json(merged).dump(2) == to_json(whole).dump(2));

  // The same through report.json, as casim merge reads the shard folders.
  const ReportSet read = merge({report_from_json(to_json(first), "a/report.json"),
                                report_from_json(to_json(second), "b/report.json")});
  BOOST_TEST(to_json(read).dump(2) == to_json(whole).dump(2));
}

BOOST_AUTO_TEST_CASE(scenarios_in_one_shard_only_are_kept) {
  ReportSet first = shard({0}, "1/2");
  first.scenarios.push_back(bare_report("a-only-here"));
  const ReportSet merged = merge({first, shard({1}, "2/2")});
  BOOST_TEST_REQUIRE(merged.scenarios.size() == 2u);
  BOOST_TEST(merged.scenarios[0].name == "a-only-here");  // sorted by name
  BOOST_TEST(merged.scenarios[1].runs.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_run_in_two_shards_is_refused) {
  const std::string error = merge_error({shard({0, 1}, "1/2"), shard({1, 2}, "2/2")});
  BOOST_TEST(error == "scenario golden-mixed: run 1 is in more than one shard");
}

BOOST_AUTO_TEST_CASE(shards_that_disagree_are_refused) {
  ReportSet other_seed = shard({1}, "2/2");
  other_seed.scenarios[0].seed = 43;
  BOOST_TEST(merge_error({shard({0}, "1/2"), other_seed}) == "scenario golden-mixed: the shards disagree on its seed (42 and 43)");
  ReportSet other_expectations = shard({1}, "2/2");
  other_expectations.scenarios[0].order_expectations.pop_back();
  BOOST_TEST(merge_error({shard({0}, "1/2"), other_expectations}) ==
             "scenario golden-mixed: the shards disagree on its order expectations");
  ReportSet other_holidays = shard({1}, "2/2");
  other_holidays.scenarios[0].review_calendar.holidays.pop_back();
  BOOST_TEST(merge_error({shard({0}, "1/2"), other_holidays}) ==
             "scenario golden-mixed: the shards disagree on its review calendar");
}

BOOST_AUTO_TEST_SUITE_END()  // test_merge
