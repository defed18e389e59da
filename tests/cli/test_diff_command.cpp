// `casim diff` on real runs of bundled scenarios: a run against itself says "no changes" (exit 0);
// against a run where ov-happy-path's review takes a business day longer, that scenario's shift and
// failure are reported (exit 1; the other way round improvements, exit 0), in text, in diff.json (which parses) and in diff.md (with the
// table); added and removed scenarios and another seed are listed; trace files name the first
// differing event; bad input exits 2 naming the file.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_diff_command)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

// Copies bundled scenarios, and the bases they extend, into `folder`; with `slower`, the OV review
// takes 4bd, not the bases' 3bd.
void scenarios_into(const fs::path& folder, const std::vector<std::string>& names, bool slower = false) {
  fs::create_directories(folder);
  fs::copy(source_path("scenarios/_base"), folder / "_base", fs::copy_options::recursive);
  for (const auto& name : names) {
    std::string text = read_text(source_path("scenarios/" + name));
    if (slower) text += "ca:\n  review: {ov_duration: 4bd}\n";
    fs::create_directories(folder / fs::path(name).parent_path());
    std::ofstream(folder / name) << text;
  }
}

// Runs the scenarios of `folder` into `out` (report.json only); extra arguments after.
void run_into(const fs::path& folder, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"run", folder.string(), "--out", out.string(), "--format", "json", "--no-certs"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto run = run_casim(args);
  BOOST_REQUIRE_MESSAGE(run.exit_code <= 1, describe(run));
}

const std::vector<std::string> kScenarios{"review/ov-happy-path.yaml", "dcv/dns-txt-happy-path.yaml"};

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_against_itself_has_no_changes) {
  TempDir dir;
  scenarios_into(dir.path() / "s", kScenarios);
  run_into(dir.path() / "s", dir.path() / "base");
  const auto diff = run_casim({"diff", (dir.path() / "base").string(), (dir.path() / "base" / "report.json").string()});
  BOOST_TEST(diff.exit_code == 0, describe(diff));
  BOOST_TEST(contains(diff.out, "\nno changes\n"), describe(diff));
}

BOOST_AUTO_TEST_CASE(a_slowed_scenario_regresses_in_every_format) {
  TempDir dir;
  scenarios_into(dir.path() / "a", kScenarios);
  scenarios_into(dir.path() / "b", kScenarios, true);
  run_into(dir.path() / "a", dir.path() / "base");
  run_into(dir.path() / "b", dir.path() / "new");
  const fs::path out = dir.path() / "diff";
  const auto diff = run_casim({"diff", (dir.path() / "base").string(), (dir.path() / "new").string(), "--out", out.string()});
  BOOST_TEST(diff.exit_code == 1, describe(diff));
  BOOST_TEST(contains(diff.out, "ov-happy-path: passed → failed"), describe(diff));
  BOOST_TEST(contains(diff.out, "REGRESSION   OV review p50/p90 (business days): 3.00 business days → 4.00 business days "
                                "(+33.3%, beyond 5%)"), describe(diff));
  BOOST_TEST(contains(diff.out, "run 0, order ov: ended the same (issued, 1 (issued)) by another path"), describe(diff));
  BOOST_TEST(!contains(diff.out, "dns-txt-happy-path"), describe(diff));  // unchanged: not listed
  BOOST_TEST(read_text(out / "diff.txt") == diff.out);

  const auto json = nlohmann::json::parse(read_text(out / "diff.json"));
  BOOST_TEST(json["regressed"] == true);
  BOOST_TEST(json["scenarios"].size() == 1u);
  BOOST_TEST(json["scenarios"][0]["name"] == "ov-happy-path");
  const std::string markdown = read_text(out / "diff.md");
  BOOST_TEST(contains(markdown, "| scenario | what | BASE | NEW | why |"), markdown);
  BOOST_TEST(contains(markdown, "| ov-happy-path | OV time to issue min/p50/p90/p99/max (calendar) | 3 d 4 h 2 min | 4 d 4 h 2 min |"),
             markdown);

  // The other way round everything is faster and passes again: improvements only, exit 0.
  const auto back = run_casim({"diff", (dir.path() / "new").string(), (dir.path() / "base").string()});
  BOOST_TEST(back.exit_code == 0, describe(back));
  BOOST_TEST(contains(back.out, "0 regressions, "), describe(back));
  BOOST_TEST(contains(back.out, "ov-happy-path: failed → passed"), describe(back));
  BOOST_TEST(contains(back.out, "improvement  OV review p50/p90 (business days)"), describe(back));

  // A generous absolute threshold lets the figures through; the failed expectations still regress.
  const auto loose = run_casim({"diff", (dir.path() / "base").string(), (dir.path() / "new").string(), "--max-shift", "2d",
                                "--max-shift", "2bd", "--format", "json"});
  BOOST_TEST(loose.exit_code == 1, describe(loose));
  const auto loose_json = nlohmann::json::parse(loose.out);
  for (const auto& shift : loose_json["scenarios"][0]["shifts"]) BOOST_TEST(shift["verdict"] == "change");
}

BOOST_AUTO_TEST_CASE(scenario_sets_and_seeds_that_differ_are_listed) {
  TempDir dir;
  scenarios_into(dir.path() / "a", kScenarios);
  scenarios_into(dir.path() / "b", {"review/ov-happy-path.yaml", "review/call-refused.yaml"});
  run_into(dir.path() / "a", dir.path() / "base");
  run_into(dir.path() / "b", dir.path() / "new", {"--seed", "7"});
  const auto diff = run_casim({"diff", (dir.path() / "base").string(), (dir.path() / "new").string()});
  BOOST_TEST(diff.exit_code == 0, describe(diff));
  BOOST_TEST(contains(diff.out, "dns-txt-happy-path: in BASE only (passed)"), describe(diff));
  BOOST_TEST(contains(diff.out, "call-refused: in NEW only (passed)"), describe(diff));
  BOOST_TEST(contains(diff.out, "seed 1 vs 7: per-order comparison skipped, percentiles compared"), describe(diff));
}

BOOST_AUTO_TEST_CASE(trace_files_name_the_first_differing_event) {
  TempDir dir;
  scenarios_into(dir.path() / "a", {"review/ov-happy-path.yaml"});
  scenarios_into(dir.path() / "b", {"review/ov-happy-path.yaml"}, true);
  run_into(dir.path() / "a", dir.path() / "base");
  run_into(dir.path() / "b", dir.path() / "new");
  const std::string start =
      R"({"at": "2026-09-14T05:00:00Z", "order": "ov", "stage": "review", "event": "started", "status": 0, "reason": null, "detail": "OV review"})";
  const auto ended = [](const std::string& at) {
    return R"({"at": ")" + at + R"(", "order": "ov", "stage": "review", "event": "passed", "status": null, "reason": null, "detail": "review done"})";
  };
  fs::create_directories(dir.path() / "base/traces/ov-happy-path");
  fs::create_directories(dir.path() / "new/traces/ov-happy-path");
  dir.write("base/traces/ov-happy-path/run-0.jsonl", start + "\n" + ended("2026-09-17T05:00:00Z") + "\n");
  dir.write("new/traces/ov-happy-path/run-0.jsonl", start + "\n" + ended("2026-09-18T05:00:00Z") + "\n");
  const auto diff = run_casim({"diff", (dir.path() / "base").string(), (dir.path() / "new").string()});
  BOOST_TEST(diff.exit_code == 1, describe(diff));
  BOOST_TEST(contains(diff.out, "first parts at trace entry 2: BASE 2026-09-17T05:00:00Z review passed \"review done\" | "
                                "NEW 2026-09-18T05:00:00Z review passed \"review done\""), describe(diff));
}

BOOST_AUTO_TEST_CASE(bad_input_exits_two_naming_the_file) {
  TempDir dir;
  scenarios_into(dir.path() / "s", {"review/ov-happy-path.yaml"});
  run_into(dir.path() / "s", dir.path() / "base");
  const std::string base = (dir.path() / "base").string();

  const auto missing = run_casim({"diff", base, (dir.path() / "nothing").string()});
  BOOST_TEST(missing.exit_code == 2, describe(missing));
  BOOST_TEST(contains(missing.err, "nothing: no such file or folder"), describe(missing));

  fs::create_directories(dir.path() / "empty");
  const auto not_a_run = run_casim({"diff", (dir.path() / "empty").string(), base});
  BOOST_TEST(not_a_run.exit_code == 2, describe(not_a_run));
  BOOST_TEST(contains(not_a_run.err, "empty/report.json"), describe(not_a_run));

  const fs::path broken = dir.write("broken.json", "{\"meta\": ");
  const auto unreadable = run_casim({"diff", base, broken.string()});
  BOOST_TEST(unreadable.exit_code == 2, describe(unreadable));
  BOOST_TEST(contains(unreadable.err, "broken.json"), describe(unreadable));

  const fs::path other = dir.write("other.json", "{\"meta\": {}}");
  const auto not_a_report = run_casim({"diff", other.string(), base});
  BOOST_TEST(not_a_report.exit_code == 2, describe(not_a_report));
  BOOST_TEST(contains(not_a_report.err, "other.json"), describe(not_a_report));

  const auto one_side = run_casim({"diff", base});
  BOOST_TEST(one_side.exit_code == 2, describe(one_side));
  const auto threshold = run_casim({"diff", base, base, "--max-shift", "fast"});
  BOOST_TEST(threshold.exit_code == 2, describe(threshold));
  BOOST_TEST(contains(threshold.err, "--max-shift"), describe(threshold));
  const auto format = run_casim({"diff", base, base, "--format", "html"});
  BOOST_TEST(format.exit_code == 2, describe(format));
}

BOOST_AUTO_TEST_SUITE_END()  // test_diff_command
