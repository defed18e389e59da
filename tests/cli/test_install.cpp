// CMake's install() rules: `cmake --install` into a fresh prefix gives a casim that runs there — its
// --version, a bundled scenario from share/casim/scenarios — with the bash completion, the calendar
// files, the schemas and the docs in their places.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_install)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') throw std::runtime_error(std::string(name) + " is not set (run through ctest)");
  return value;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_installed_casim_runs_with_its_files_in_place) {
  const TempDir prefix;
  const auto installed = run_command(
      {environment("CASIM_CMAKE"), "--install", environment("CASIM_BUILD_DIR"), "--prefix", prefix.path().string()});
  BOOST_TEST_REQUIRE(installed.exit_code == 0, describe(installed));

  const fs::path casim = prefix.path() / "bin" / "casim";
  const auto version = run_command({casim.string(), "--version"});
  BOOST_TEST(version.exit_code == 0, describe(version));
  BOOST_TEST(version.out.starts_with("casim "), describe(version));

  const fs::path share = prefix.path() / "share";
  const fs::path scenario = share / "casim" / "scenarios" / "dcv" / "dns-txt-happy-path.yaml";
  const auto ran = run_command({casim.string(), "run", scenario.string(), "--out", (prefix.path() / "out").string()});
  BOOST_TEST(ran.exit_code == 0, describe(ran));
  BOOST_TEST(fs::is_regular_file(prefix.path() / "out" / "report.json"));

  for (const fs::path& file : {share / "bash-completion" / "completions" / "casim", share / "casim" / "calendars" / "CN.yaml",
                              share / "casim" / "calendars" / "README.md",
                              share / "casim" / "scenarios" / "schema" / "scenario.schema.json",
                              share / "doc" / "casim" / "README.md", share / "doc" / "casim" / "scenario-format.md",
                              share / "doc" / "casim" / "agent-protocol.schema.json"}) {
    BOOST_TEST(fs::is_regular_file(file), file << " is not installed");
  }
  BOOST_TEST(read_text(share / "bash-completion" / "completions" / "casim") ==
             read_text(source_path("scripts/completion/casim.bash")));
  BOOST_TEST(fs::exists(share / "casim" / "report.schema.json") ==
             fs::exists(source_path("reports/report.schema.json")));
}

BOOST_AUTO_TEST_SUITE_END()  // test_install
