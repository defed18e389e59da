// TranscriptKeeper: run 0 and the first failed runs by run index are kept, whatever order the runs
// finish in; passed runs other than run 0 are not; the files land under <dir>/<scenario>/.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "casim/run/transcripts.hpp"
#include "casim/sim/error.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_transcripts)

using casim::run::TranscriptKeeper;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_CASE(keeps_run_zero_and_the_lowest_failed_runs_whatever_the_finishing_order) {
  std::vector<std::uint64_t> runs(40);
  for (std::uint64_t i = 0; i < runs.size(); ++i) runs[i] = i;
  std::shuffle(runs.begin(), runs.end(), std::mt19937(7));
  TranscriptKeeper keeper(3);
  for (const std::uint64_t run : runs) {
    const bool failed = run % 2 == 1;  // runs 1, 3, 5, … fail
    keeper.offer("dcv/late", run, failed, {"{\"run\":" + std::to_string(run) + "}"});
  }
  BOOST_TEST(keeper.kept() == 4u);
  BOOST_TEST(keeper.left_out() == 17u);  // 20 failed runs, 3 kept
  casim::test::TempDir dir;
  keeper.write(dir.path());
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir.path() / "dcv" / "late")) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  BOOST_TEST(files == (std::vector<std::string>{"run-0.jsonl", "run-1.jsonl", "run-3.jsonl", "run-5.jsonl"}),
             boost::test_tools::per_element());
  BOOST_TEST(casim::test::read_text(dir.path() / "dcv" / "late" / "run-5.jsonl") == "{\"run\":5}\n");
}

BOOST_AUTO_TEST_CASE(a_scenario_name_that_leaves_the_folder_is_refused) {
  TranscriptKeeper keeper(1);
  keeper.offer("../escape", 0, false, {"{}"});
  casim::test::TempDir dir;
  BOOST_CHECK_THROW(keeper.write(dir.path() / "agents"), casim::InputError);
  BOOST_TEST(!fs::exists(dir.path() / "escape"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_transcripts
