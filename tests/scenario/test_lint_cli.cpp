// `casim lint` through the built command (CASIM_BIN): exit 0 and a clean count for good files,
// exit 2 with file:line:column lines for malformed or missing ones.
#include <boost/test/unit_test.hpp>

#include "run_command.hpp"
#include "scenario_test_support.hpp"

namespace {

using casim::scenario::test::data_dir;
using casim::test::casim_path;
using casim::test::run_command;

BOOST_AUTO_TEST_CASE(good_files_pass_with_exit_0) {
  const auto result = run_command({casim_path(), "lint", (data_dir() / "good").string()});
  BOOST_TEST(result.exit_code == 0, result.out << result.err);
  BOOST_TEST(result.out == "4 files checked, 0 errors\n");
}

BOOST_AUTO_TEST_CASE(a_malformed_file_prints_where_and_exits_2) {
  const auto file = (data_dir() / "malformed" / "unknown-key.yaml").string();
  const auto result = run_command({casim_path(), "lint", file});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.find(file + ":3:1: error: unknown key 'runz' (did you mean 'runs'?)") == 0u, result.out);
  BOOST_TEST(result.out.ends_with("1 file checked, 1 error\n"), result.out);
}

BOOST_AUTO_TEST_CASE(errors_in_several_files_are_all_counted) {
  const auto malformed = data_dir() / "malformed";
  const auto result =
      run_command({casim_path(), "lint", (data_dir() / "good").string(), (malformed / "several-errors.yaml").string(),
                   (malformed / "bad-ref.yaml").string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.ends_with("6 files checked, 5 errors\n"), result.out);
}

BOOST_AUTO_TEST_CASE(a_missing_path_or_no_path_exits_2) {
  const auto missing = (data_dir() / "nothing-here.yaml").string();
  const auto result = run_command({casim_path(), "lint", missing});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.find(missing + ": error: no such file or directory") == 0u, result.out);
  BOOST_TEST(run_command({casim_path(), "lint"}).exit_code == 2);
}

}  // namespace
