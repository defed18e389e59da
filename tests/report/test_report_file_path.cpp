// The scenario file a report names is its path relative to the working folder, whichever way it
// was given (relative, ./relative, absolute), so the same suite run from two checkouts gives the
// same report.json, junit.xml, timings.csv and summary byte for byte; a file outside the working
// folder is named by its absolute path.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_report_file_path)

using namespace casim::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A checkout: <root>/<name>/suite/dv-issued.yaml.
fs::path checkout(const TempDir& dir, const std::string& name) {
  const fs::path root = dir.path() / name;
  fs::create_directories(root / "suite");
  fs::copy_file(run_data("pass/dv-issued.yaml"), root / "suite" / "dv-issued.yaml");
  return root;
}

// `casim run SCENARIO --out out --no-certs` in the folder `cwd`.
CommandResult run_in(const fs::path& cwd, const std::string& scenario) {
  return run_command({"/usr/bin/env", "-C", cwd.string(), casim_path(), "run", scenario, "--out", "out", "--no-certs"});
}

std::string file_field(const fs::path& out) {
  return json::parse(read_text(out / "report.json")).at("scenarios").at(0).at("file").get<std::string>();
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_same_suite_run_from_two_checkouts_gives_the_same_report) {
  const TempDir dir;
  const fs::path first = checkout(dir, "first");
  const fs::path second = checkout(dir, "second-checkout");
  const CommandResult relative = run_in(first, "suite");
  const CommandResult absolute = run_in(second, (second / "suite").string());
  BOOST_TEST_REQUIRE(relative.exit_code == 0, describe(relative));
  BOOST_TEST_REQUIRE(absolute.exit_code == 0, describe(absolute));
  BOOST_TEST(file_field(first / "out") == "suite/dv-issued.yaml");
  for (const char* file : {"report.json", "junit.xml", "timings.csv", "summary.txt"}) {
    BOOST_TEST(read_text(first / "out" / file) == read_text(second / "out" / file), file);
  }
  BOOST_TEST(relative.out == absolute.out);
}

BOOST_AUTO_TEST_CASE(a_dotted_path_is_named_plainly_and_a_file_outside_the_working_folder_absolutely) {
  const TempDir dir;
  const fs::path root = checkout(dir, "checkout");
  fs::create_directories(root / "elsewhere");
  const CommandResult dotted = run_in(root, "./suite/../suite/dv-issued.yaml");
  BOOST_TEST_REQUIRE(dotted.exit_code == 0, describe(dotted));
  BOOST_TEST(file_field(root / "out") == "suite/dv-issued.yaml");
  const CommandResult outside = run_in(root / "elsewhere", "../suite/dv-issued.yaml");
  BOOST_TEST_REQUIRE(outside.exit_code == 0, describe(outside));
  const std::string named = file_field(root / "elsewhere" / "out");
  BOOST_TEST(named == fs::weakly_canonical(root / "suite" / "dv-issued.yaml").lexically_normal().string());
}

BOOST_AUTO_TEST_SUITE_END()  // test_report_file_path
