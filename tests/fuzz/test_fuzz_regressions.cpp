// Replays every committed input under tests/fuzz/corpus/<target>/ (seeds and the inputs that once
// found a crash, hang or undefined behaviour) through the same fuzz target bodies as libFuzzer, and
// checks each returns normally: casim's InputError counts as handled bad input, anything else fails.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "casim/sim/error.hpp"
#include "fuzz_targets.hpp"

BOOST_AUTO_TEST_SUITE(test_fuzz_regressions)

namespace {

namespace fs = std::filesystem;
using FuzzTarget = int (*)(const std::uint8_t*, std::size_t);

fs::path corpus_dir(const std::string& target) {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(source != nullptr, "CASIM_SOURCE_DIR is not set");
  return fs::path(source) / "tests" / "fuzz" / "corpus" / target;
}

std::vector<fs::path> corpus_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replay(const std::string& target, FuzzTarget body) {
  const auto files = corpus_files(corpus_dir(target));
  BOOST_TEST_REQUIRE(!files.empty(), "no corpus for " << target);
  for (const auto& file : files) {
    BOOST_TEST_CONTEXT(target << " on " << file.filename().string()) {
      const std::string bytes = read_bytes(file);
      int result = -1;
      try {
        result = body(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      } catch (const casim::InputError&) {
        result = 0;  // bad input refused the documented way
      }
      BOOST_TEST(result == 0);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(csr_intake_corpus) { replay("fuzz_csr_intake", casim::fuzz::fuzz_csr_intake); }
BOOST_AUTO_TEST_CASE(chain_check_corpus) { replay("fuzz_chain_check", casim::fuzz::fuzz_chain_check); }
BOOST_AUTO_TEST_CASE(scenario_corpus) { replay("fuzz_scenario", casim::fuzz::fuzz_scenario); }
BOOST_AUTO_TEST_CASE(calendar_file_corpus) { replay("fuzz_calendar_file", casim::fuzz::fuzz_calendar_file); }
BOOST_AUTO_TEST_CASE(time_parsers_corpus) { replay("fuzz_time_parsers", casim::fuzz::fuzz_time_parsers); }
BOOST_AUTO_TEST_CASE(report_merge_corpus) { replay("fuzz_report_merge", casim::fuzz::fuzz_report_merge); }

BOOST_AUTO_TEST_SUITE_END()  // test_fuzz_regressions
