// diff_reports on hand-made report sets: a set against itself has no changes; a slower time to
// issue beyond --max-shift is a regression (faster: an improvement, within it: a change only), with
// several thresholds counting only moves beyond all; passed → failed scenarios and expectations
// regress; an order that ended differently names where the runs part, in the trace files when both
// sides kept them and in the status history otherwise; other seeds, run counts and scenario sets
// are compared where they can be and listed; the three writers say so.
#include <sstream>

#include "casim/report/diff.hpp"
#include "casim/sim/error.hpp"
#include "report_support.hpp"

BOOST_AUTO_TEST_SUITE(test_diff)

using namespace casim;
using namespace casim::report;
using namespace casim::report::test_support;

namespace {

constexpr auto OV = mockca::ValidationLevel::OV;

// Scenario `name` with one run of one OV order "ov" issued after `total` (business time: the same)
// and an expectation that it is issued.
ScenarioReport scenario_with(const std::string& name, sim::Duration total) {
  ScenarioReport report = bare_report(name);
  report.seed = 1;
  report.runs_planned = 1;
  report.runs = {run_of(0, {issued("ov", OV, total, total)})};
  scenario::OrderExpectation expect;
  expect.order = "ov";
  expect.outcome = order::Outcome::Issued;
  report.order_expectations.push_back(expect);
  return report;
}

ReportDiff diff_of(const ReportSet& base, const ReportSet& now, std::vector<std::string> thresholds = {"5%"},
                   std::optional<std::filesystem::path> base_folder = std::nullopt,
                   std::optional<std::filesystem::path> new_folder = std::nullopt) {
  DiffOptions options;
  options.max_shift.clear();
  for (const auto& t : thresholds) options.max_shift.push_back(parse_shift_threshold(t));
  return diff_reports({"base", &base, std::move(base_folder)}, {"new", &now, std::move(new_folder)}, options);
}

std::string text_of(const ReportDiff& diff) {
  std::ostringstream out;
  write_diff_text(diff, out);
  return out.str();
}

const Shift* find_shift(const ScenarioDiff& s, const std::string& figure, bool business) {
  for (const Shift& shift : s.shifts) {
    if (shift.figure == figure && shift.business == business) return &shift;
  }
  return nullptr;
}

// The same scenario where order "ov" failed for `reason` instead.
ScenarioReport with_failed_order(ScenarioReport report, mockca::Reason reason) {
  order::OrderResult& o = report.runs[0].orders[0];
  o = failed("ov", OV, reason);
  o.history = {{kMonday, mockca::Status::PendingSubmission, mockca::StatusMsg::None, "", std::nullopt},
               {kMonday, mockca::Status::UnderReview, mockca::StatusMsg::PreReviewing, "",
                order::OrderEvent::SubmitInformation},
               {kMonday + 2h, mockca::Status::ReviewFailed, mockca::StatusMsg::None, "the call was refused",
                order::OrderEvent::CaFailed}};
  return report;
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

std::string trace_line(const std::string& at, const std::string& event, const std::string& detail) {
  return R"({"at": ")" + at + R"(", "order": "ov", "stage": "review", "event": ")" + event +
         R"(", "status": null, "reason": null, "detail": ")" + detail + "\"}\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_set_against_itself_has_no_changes) {
  const ReportSet set = set_of({scenario_with("a", 72h), scenario_with("b", 30h)});
  const ReportDiff diff = diff_of(set, set);
  BOOST_TEST(diff.empty());
  BOOST_TEST(!diff.regressed());
  BOOST_TEST(text_of(diff).find("no changes") != std::string::npos);
  BOOST_TEST(diff_to_json(diff)["no_changes"] == true);
}

BOOST_AUTO_TEST_CASE(a_slower_time_to_issue_beyond_the_threshold_regresses) {
  const ReportSet base = set_of({scenario_with("a", 72h)});
  const ReportDiff slower = diff_of(base, set_of({scenario_with("a", 96h)}));
  BOOST_TEST(slower.regressed());
  BOOST_REQUIRE_EQUAL(slower.scenarios.size(), 1u);
  const Shift* p90 = find_shift(slower.scenarios[0], "time to issue p90", false);
  BOOST_REQUIRE(p90 != nullptr);
  BOOST_TEST(*p90->base == 72 * 3600.0);
  BOOST_TEST(*p90->now == 96 * 3600.0);
  BOOST_TEST(verdict_name(p90->verdict) == "regression");
  BOOST_TEST(p90->beyond == "5%");
  BOOST_TEST(text_of(slower).find("OV time to issue min/p50/p90/p99/max (calendar): 3 d 0 h 0 min → 4 d 0 h 0 min (+33.3%, beyond 5%)") !=
             std::string::npos, text_of(slower));
  // The per-order comparison sees the same order take another path.
  BOOST_REQUIRE_EQUAL(slower.scenarios[0].orders.size(), 1u);
  BOOST_TEST(!slower.scenarios[0].orders[0].ended_differently());

  const ReportDiff faster = diff_of(set_of({scenario_with("a", 96h)}), base);
  BOOST_TEST(!faster.regressed());
  BOOST_TEST(faster.count(Verdict::Improvement) > 0);

  const ReportDiff within = diff_of(base, set_of({scenario_with("a", 72h + 10min)}));
  BOOST_TEST(!within.regressed());
  BOOST_TEST(within.count(Verdict::Improvement) == 0);
  BOOST_TEST(text_of(within).find("within --max-shift") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(several_thresholds_count_only_moves_beyond_all_of_their_unit) {
  const ReportSet base = set_of({scenario_with("a", 72h)});
  const ReportSet now = set_of({scenario_with("a", 80h)});  // +11%, 8 h; the business time moves as much
  BOOST_TEST(diff_of(base, now, {"5%"}).regressed());
  BOOST_TEST(diff_of(base, now, {"5%", "12h"}).regressed());  // 12h judges calendar figures only …
  const ReportDiff both = diff_of(base, now, {"5%", "12h", "2bd"});
  BOOST_TEST(!both.regressed());  // … and 2bd the business ones: 8 business hours is 1 business day
  const ReportDiff calendar_only = diff_of(base, now, {"5%", "12h"});
  const Shift* calendar = find_shift(calendar_only.scenarios[0], "time to issue p50", false);
  const Shift* business = find_shift(calendar_only.scenarios[0], "time to issue p50", true);
  BOOST_REQUIRE(calendar && business);
  BOOST_TEST(verdict_name(calendar->verdict) == "change");
  BOOST_TEST(verdict_name(business->verdict) == "regression");
  BOOST_TEST(business->beyond == "5%");
  // A unit no threshold was given for is judged by 5%.
  BOOST_TEST(verdict_name(find_shift(diff_of(base, now, {"12h"}).scenarios[0], "time to issue p50", true)->verdict) ==
             "regression");
}

BOOST_AUTO_TEST_CASE(thresholds_are_percentages_or_durations) {
  BOOST_TEST(*parse_shift_threshold("5%").fraction == 0.05);
  BOOST_TEST(*parse_shift_threshold("12.5%").fraction == 0.125);
  BOOST_TEST(parse_shift_threshold("0.5bd").amount->amount == 0.5);
  BOOST_TEST(parse_shift_threshold("30m").amount->as_calendar().count() == 30LL * 60 * 1'000'000);
  BOOST_CHECK_THROW(parse_shift_threshold("five%"), InputError);
  BOOST_CHECK_THROW(parse_shift_threshold("-5%"), InputError);
  BOOST_CHECK_THROW(parse_shift_threshold("5"), InputError);
}

BOOST_AUTO_TEST_CASE(passed_to_failed_regresses_and_the_history_shows_where_the_runs_part) {
  const ScenarioReport good = scenario_with("a", 72h);
  const ReportSet base = set_of({good});
  const ReportSet now = set_of({with_failed_order(good, mockca::Reason::ReviewCallRefused)});
  const ReportDiff diff = diff_of(base, now);
  BOOST_TEST(diff.regressed());
  const ScenarioDiff& s = diff.scenarios.at(0);
  BOOST_TEST(s.pass_fail_changed());
  BOOST_TEST(verdict_name(s.verdict()) == "regression");
  bool outcome_regressed = false;
  for (const auto& e : s.expectations) outcome_regressed |= e.id == "order ov: outcome" && e.verdict == Verdict::Regression;
  BOOST_TEST(outcome_regressed);
  BOOST_REQUIRE_EQUAL(s.orders.size(), 1u);
  const OrderChange& change = s.orders[0];
  BOOST_TEST(change.ended_differently());
  BOOST_TEST(parting_source_name(change.parted_in) == "status history");
  BOOST_TEST(*change.parted_at == 2u);  // the third entry: issued vs review failed
  BOOST_TEST(change.base_entry->status == "1 (issued)");
  BOOST_TEST(change.new_entry->detail == "the call was refused");
  BOOST_TEST(change.trace_note == "the trace was not kept: neither side has traces/a/run-0.jsonl");
  // The failure count of the level moved too, and the regained order is an improvement the other way.
  BOOST_REQUIRE_EQUAL(s.failures.size(), 1u);
  BOOST_TEST(s.failures[0].now == 1);
  BOOST_TEST(diff_of(now, base).count(Verdict::Improvement) > 0);
}

BOOST_AUTO_TEST_CASE(the_trace_files_name_the_first_differing_event) {
  const ScenarioReport good = scenario_with("a", 72h);
  const ReportSet base = set_of({good});
  const ReportSet now = set_of({with_failed_order(good, mockca::Reason::ReviewCallRefused)});
  const std::filesystem::path root = std::filesystem::temp_directory_path() / "casim-test-diff-traces";
  std::filesystem::remove_all(root);
  const std::string common = trace_line("2026-09-14T01:00:00Z", "started", "review of ov");
  write_file(trace_file(root / "base", "a", 0), common + trace_line("2026-09-14T03:00:00Z", "call", "answered: confirmed"));
  write_file(trace_file(root / "new", "a", 0), common + trace_line("2026-09-14T03:00:00Z", "call", "refused"));

  const ReportDiff diff = diff_of(base, now, {"5%"}, root / "base", root / "new");
  const OrderChange& change = diff.scenarios.at(0).orders.at(0);
  BOOST_TEST(parting_source_name(change.parted_in) == "trace");
  BOOST_TEST(*change.parted_at == 1u);
  BOOST_TEST(change.base_entry->stage == "review");
  BOOST_TEST(change.base_entry->event == "call");
  BOOST_TEST(change.base_entry->detail == "answered: confirmed");
  BOOST_TEST(change.new_entry->detail == "refused");
  BOOST_TEST(change.trace_note.empty());

  // Only one side kept it: the history, and why.
  const ReportDiff one_side = diff_of(base, now, {"5%"}, root / "base", root / "elsewhere");
  const OrderChange& fallback = one_side.scenarios.at(0).orders.at(0);
  BOOST_TEST(parting_source_name(fallback.parted_in) == "status history");
  BOOST_TEST(fallback.trace_note == "the trace was not kept: NEW has no traces/a/run-0.jsonl");

  // A line that is not a trace event is bad input, with file and line.
  write_file(trace_file(root / "new", "a", 0), common + "{\"at\": 3}\n");
  try {
    diff_of(base, now, {"5%"}, root / "base", root / "new");
    BOOST_ERROR("a broken trace file was read");
  } catch (const InputError& error) {
    BOOST_TEST(std::string(error.what()).find("run-0.jsonl:2: field \"at\"") != std::string::npos, error.what());
  }
  std::filesystem::remove_all(root);
}

BOOST_AUTO_TEST_CASE(other_seeds_run_counts_and_scenario_sets_are_listed) {
  ScenarioReport base_a = scenario_with("a", 72h);
  ScenarioReport new_a = scenario_with("a", 72h);
  new_a.seed = 8;
  base_a.seed = 7;
  ScenarioReport base_b = scenario_with("b", 72h);
  ScenarioReport new_b = scenario_with("b", 72h);
  new_b.runs.push_back(run_of(1, {issued("ov", OV, 72h, 72h)}));
  new_b.runs.push_back(run_of(2, {issued("ov", OV, 72h, 72h)}));
  ReportSet base = set_of({base_a, base_b, scenario_with("gone", 1h)});
  ReportSet now = set_of({new_a, new_b, scenario_with("added", 1h)});
  now.casim_version = "9.9.9";
  const ReportDiff diff = diff_of(base, now);
  BOOST_TEST(!diff.regressed());
  const std::string text = text_of(diff);
  BOOST_TEST(text.find("seed 7 vs 8: per-order comparison skipped, percentiles compared") != std::string::npos, text);
  BOOST_TEST(text.find("1 vs 3 runs (run 1–2 in NEW only): per-order comparison over the 1 run both made") !=
             std::string::npos, text);
  BOOST_TEST(text.find("gone: in BASE only (passed)") != std::string::npos, text);
  BOOST_TEST(text.find("added: in NEW only (passed)") != std::string::npos, text);
  BOOST_TEST(text.find("casim 0.0.0-test vs 9.9.9") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(json_and_markdown_carry_the_regressions) {
  const ReportSet base = set_of({scenario_with("a", 72h)});
  const ReportSet now = set_of({with_failed_order(scenario_with("a", 72h), mockca::Reason::ReviewCallRefused)});
  const ReportDiff diff = diff_of(base, now);
  const nlohmann::json json = nlohmann::json::parse(diff_to_json(diff).dump());
  BOOST_TEST(json["regressed"] == true);
  BOOST_TEST(json["scenarios"][0]["verdict"] == "regression");
  BOOST_TEST(json["scenarios"][0]["orders"][0]["new"]["reasons"][0] == mockca::info(mockca::Reason::ReviewCallRefused).code);
  std::ostringstream markdown;
  write_diff_markdown(diff, markdown);
  BOOST_TEST(markdown.str().find("| scenario | what | BASE | NEW | why |") != std::string::npos, markdown.str());
  BOOST_TEST(markdown.str().find("| a | expectation `order ov: outcome` | passed | failed |") != std::string::npos);
  BOOST_TEST(markdown.str().find("<details>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_stays_within_a_comment) {
  std::vector<ScenarioReport> base_scenarios, new_scenarios;
  for (int i = 0; i < 300; ++i) {
    const std::string name = "scenario-" + std::to_string(1000 + i);
    base_scenarios.push_back(scenario_with(name, 72h));
    new_scenarios.push_back(with_failed_order(scenario_with(name, 72h), mockca::Reason::ReviewCallRefused));
  }
  const ReportDiff diff = diff_of(set_of(base_scenarios), set_of(new_scenarios));
  std::ostringstream markdown;
  write_diff_markdown(diff, markdown);
  BOOST_TEST(markdown.str().size() < 65'536u);
  BOOST_TEST(markdown.str().find("| … | 500 more regressions: see diff.txt | | | |") != std::string::npos);
  BOOST_TEST(markdown.str().find("… cut here to fit a comment: diff.txt has every change") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()  // test_diff
