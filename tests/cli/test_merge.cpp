// `casim merge` on bad input (a folder without report.json, the same shard twice, an unknown
// format: exit 2, nothing written) and the certificates of shards that signed with one --ca.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_merge)

using namespace casim::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(bad_inputs_exit_two_and_write_nothing) {
  TempDir dir;
  const fs::path shard = dir.path() / "shard1";
  const auto run = run_casim({"run", run_data("mc"), "--no-certs", "--shard", "1/2", "--out", shard.string()});
  BOOST_REQUIRE_MESSAGE(run.exit_code <= 1, describe(run));
  const std::string out = (dir.path() / "merged").string();

  const auto missing = run_casim({"merge", shard.string(), (dir.path() / "nothing").string(), "--out", out});
  BOOST_TEST(missing.exit_code == 2, describe(missing));
  BOOST_TEST(contains(missing.err, "report.json"), describe(missing));

  const auto twice = run_casim({"merge", shard.string(), shard.string(), "--out", out});
  BOOST_TEST(twice.exit_code == 2, describe(twice));
  BOOST_TEST(contains(twice.err, "run-monte-carlo"), describe(twice));

  const auto format = run_casim({"merge", shard.string(), "--out", out, "--format", "xml"});
  BOOST_TEST(format.exit_code == 2, describe(format));

  fs::create_directories(dir.path() / "broken");
  dir.write("broken/report.json", "{\"scenarios\": ");
  const auto broken = run_casim({"merge", (dir.path() / "broken").string(), "--out", out});
  BOOST_TEST(broken.exit_code == 2, describe(broken));
  BOOST_TEST(contains(broken.err, "broken/report.json"), describe(broken));

  const auto no_out = run_casim({"merge", shard.string()});
  BOOST_TEST(no_out.exit_code == 2, describe(no_out));
  BOOST_TEST(!fs::exists(out));
}

BOOST_AUTO_TEST_CASE(shards_signed_by_one_ca_keep_their_certificates) {
  TempDir dir;
  const std::string ca = (dir.path() / "ca").string();
  std::vector<std::string> merge_args{"merge"};
  for (const char* shard : {"1/2", "2/2"}) {
    const fs::path out = dir.path() / ("shard" + std::string(1, shard[0]));
    const auto part = run_casim({"run", run_data("pass"), run_data("trace"), "--ca", ca, "--shard", shard, "--out", out.string()});
    BOOST_REQUIRE_MESSAGE(part.exit_code <= 1, shard << ": " << describe(part));
    merge_args.push_back(out.string());
  }
  const fs::path merged = dir.path() / "merged";
  merge_args.insert(merge_args.end(), {"--out", merged.string()});
  const auto merge = run_casim(merge_args);
  BOOST_TEST(merge.exit_code == 0, describe(merge));
  BOOST_TEST(read_text(merged / "certs" / "root.pem") == read_text(dir.path() / "ca" / "root" / "cert.pem"));
  BOOST_TEST(fs::is_regular_file(merged / "certs" / "run-dv-issued" / "dv-www" / "cert.pem"));
  BOOST_TEST(fs::is_regular_file(merged / "report.html"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_merge
