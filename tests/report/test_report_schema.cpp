// reports/report.schema.json against the reports casim writes, checked with Debian's
// python3-jsonschema (tests/report/check_report_schema.py): the golden report, the bundled
// scenario suite's, a run with certificates, a failure and Monte Carlo runs, an unreadable file
// kept going past, shards and their merge. The schema is closed: a field the writer does not
// write, a missing one or an unknown name is refused, so the schema and the writer cannot drift
// apart unnoticed. reports/README.md describes every field the schema has.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_report_schema)

using namespace casim::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPython = "/usr/bin/python3";

CommandResult check(const std::vector<std::string>& files, bool with_readme = false) {
  std::vector<std::string> argv{kPython, source_path("tests/report/check_report_schema.py"),
                                source_path("reports/report.schema.json")};
  if (with_readme) argv.insert(argv.end(), {"--readme", source_path("reports/README.md")});
  argv.insert(argv.end(), files.begin(), files.end());
  return run_command(argv);
}

// The golden report with `change` made to it, written into `dir`, checked.
CommandResult check_changed(const TempDir& dir, const std::string& name, void (*change)(json&)) {
  json document = json::parse(read_text(source_path("tests/report/golden/report.json")));
  change(document);
  return check({dir.write(name + ".json", document.dump(2)).string()});
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_golden_report_follows_the_schema_and_the_readme_describes_every_field) {
  const CommandResult result = check({source_path("tests/report/golden/report.json")}, true);
  BOOST_TEST(result.exit_code == 0, describe(result));
}

BOOST_AUTO_TEST_CASE(the_bundled_scenarios_report_follows_the_schema) {
  const TempDir dir;
  const fs::path out = dir.path() / "out";
  const CommandResult run =
      run_casim({"run", source_path("scenarios"), "--no-certs", "--jobs", "2", "--out", out.string()});
  BOOST_TEST_REQUIRE(run.exit_code == 0, describe(run));
  const CommandResult result = check({(out / "report.json").string()});
  BOOST_TEST(result.exit_code == 0, describe(result));
}

BOOST_AUTO_TEST_CASE(reports_with_certificates_failures_shards_unreadable_files_and_a_merge_follow_the_schema) {
  const TempDir dir;
  const fs::path whole = dir.path() / "whole";
  const CommandResult run = run_casim({"run", run_data("pass"), run_data("fail"), run_data("mc"), run_data("trace"),
                                       "--out", whole.string(), "--ca", (dir.path() / "ca").string()});
  BOOST_TEST_REQUIRE(run.exit_code == 1, describe(run));  // fail/ fails on purpose
  std::vector<std::string> reports{(whole / "report.json").string()};
  for (const char* shard : {"1/2", "2/2"}) {
    const fs::path out = dir.path() / ("shard-" + std::string(1, shard[0]));
    const CommandResult sharded = run_casim({"run", run_data("mc"), "--shard", shard, "--no-certs", "--out", out.string()});
    BOOST_TEST_REQUIRE(sharded.exit_code == 0, describe(sharded));
    reports.push_back((out / "report.json").string());
  }
  const fs::path kept_going = dir.path() / "kept-going";  // an unreadable file as a failed scenario
  const CommandResult keep_going = run_casim({"run", run_data("bad"), run_data("flaky"), "--no-certs", "--keep-going",
                                              "--out", kept_going.string()});
  BOOST_TEST_REQUIRE(keep_going.exit_code == 2, describe(keep_going));
  reports.push_back((kept_going / "report.json").string());
  const fs::path merged = dir.path() / "merged";
  const CommandResult merge = run_casim({"merge", (dir.path() / "shard-1").string(), (dir.path() / "shard-2").string(),
                                         "--out", merged.string()});
  BOOST_TEST_REQUIRE(merge.exit_code == 0, describe(merge));
  reports.push_back((merged / "report.json").string());
  const json document = json::parse(read_text(whole / "report.json"));
  BOOST_TEST(contains(document.dump(), "\"signed\":true"), "the run signed certificates");
  const CommandResult result = check(reports);
  BOOST_TEST(result.exit_code == 0, describe(result));
}

BOOST_AUTO_TEST_CASE(the_schema_refuses_what_the_writer_does_not_write) {
  const TempDir dir;
  const auto refused = [&](const std::string& name, void (*change)(json&), const std::string& why) {
    const CommandResult result = check_changed(dir, name, change);
    BOOST_TEST(result.exit_code == 1, name << ": " << describe(result));
    BOOST_TEST(contains(result.out, why), name << ": " << describe(result));
  };
  refused("unknown-field", [](json& d) { d["scenarios"][0]["results"][0]["extra"] = 1; },
          "Additional properties are not allowed ('extra' was unexpected)");
  refused("missing-field", [](json& d) { d["scenarios"][0]["results"][0].erase("reproduce"); },
          "'reproduce' is a required property");
  refused("unknown-outcome", [](json& d) { d["scenarios"][0]["runs"][0]["orders"][0]["outcome"] = "done"; },
          ".scenarios[0].runs[0].orders[0].outcome: 'done' is not one of");
  refused("unknown-status-code", [](json& d) { d["scenarios"][0]["runs"][0]["orders"][0]["status"]["code"] = 16; },
          ".scenarios[0].runs[0].orders[0].status.code: 16 is greater than the maximum of 15");
  refused("unknown-stop", [](json& d) { d["scenarios"][0]["runs"][0]["stop"] = "stopped"; },
          ".scenarios[0].runs[0].stop: 'stopped' is not one of");
  refused("other-schema-version", [](json& d) { d["meta"]["schema_version"] = 1; }, ".meta.schema_version:");
}

BOOST_AUTO_TEST_SUITE_END()  // test_report_schema
