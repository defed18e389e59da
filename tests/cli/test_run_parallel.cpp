// Parallel and sharded `casim run`: the reports do not depend on --jobs (byte-identical
// report.json, junit.xml and timings.csv), and shards 1/3, 2/3 and 3/3 merged with `casim merge`
// give the same report.json as one unsharded run.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run_parallel)

using namespace casim::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(jobs_one_and_two_write_the_same_reports) {
  TempDir dir;
  const fs::path one = dir.path() / "jobs1";
  const fs::path two = dir.path() / "jobs2";
  const auto first = run_casim({"run", run_data("mc"), run_data("trace"), "--no-certs", "--jobs", "1", "--out", one.string()});
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
  const auto second = run_casim({"run", run_data("mc"), run_data("trace"), "--no-certs", "--jobs", "2", "--out", two.string()});
  BOOST_REQUIRE_MESSAGE(second.exit_code == 0, describe(second));
  BOOST_TEST(first.out == second.out);
  for (const char* file : {"report.json", "junit.xml", "timings.csv"}) {
    const std::string a = read_text(one / file);
    BOOST_TEST(a.size() > 100U, file);
    BOOST_TEST(a == read_text(two / file), file << " differs between --jobs 1 and --jobs 2");
  }
  BOOST_TEST(contains(read_text(one / "report.json"), "\"non_reproducible_fields\": []"), "timing-only runs reproduce");
  // 8 runs of two orders and 1 run of one: one CSV row per order per run, and a header.
  const std::string csv = read_text(one / "timings.csv");
  BOOST_TEST(std::count(csv.begin(), csv.end(), '\n') == 1 + 8 * 2 + 1, csv);
}

BOOST_AUTO_TEST_CASE(three_shards_merged_equal_the_unsharded_run) {
  TempDir dir;
  const std::vector<std::string> inputs{run_data("mc"), run_data("trace")};
  const auto run = [&](const fs::path& out, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"run"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    args.insert(args.end(), {"--no-certs", "--jobs", "2", "--out", out.string()});
    args.insert(args.end(), extra.begin(), extra.end());
    return run_casim(args);
  };
  const auto whole = run(dir.path() / "whole", {});
  BOOST_REQUIRE_MESSAGE(whole.exit_code == 0, describe(whole));
  std::vector<std::string> merge_args{"merge"};
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const fs::path out = dir.path() / ("shard" + std::string(1, shard[0]));
    const auto part = run(out, {"--shard", shard});
    BOOST_TEST(part.exit_code <= 1, shard << ": " << describe(part));
    BOOST_TEST(contains(read_text(out / "report.json"), shard), shard << ": the report names its shard");
    merge_args.push_back(out.string());
  }
  const fs::path merged = dir.path() / "merged";
  merge_args.insert(merge_args.end(), {"--out", merged.string()});
  const auto merge = run_casim(merge_args);
  BOOST_TEST(merge.exit_code == 0, describe(merge));
  BOOST_TEST(read_text(merged / "report.json") == read_text(dir.path() / "whole" / "report.json"));
  BOOST_TEST(read_text(merged / "junit.xml") == read_text(dir.path() / "whole" / "junit.xml"));
  BOOST_TEST(merge.out == whole.out);
}

BOOST_AUTO_TEST_SUITE_END()  // test_run_parallel
