// `casim lint` through the built command (CASIM_BIN): exit 0 and a clean count for good files,
// exit 2 with file:line:column lines for malformed or missing ones.
#include <boost/test/unit_test.hpp>

#include "run_command.hpp"
#include "scenario_test_support.hpp"

BOOST_AUTO_TEST_SUITE(test_lint_cli)

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

// Issue 17: names must be unique across the files given, as `casim run` requires.
BOOST_AUTO_TEST_CASE(a_name_used_twice_is_an_error_at_the_second_file) {
  const auto folder = data_dir() / "same-name";
  const auto result = run_command({casim_path(), "lint", folder.string()});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.find((folder / "b.yaml").string() + ":1:7: error: name: 'twin' is also the name of " +
                             (folder / "a.yaml").string() + ":1; scenario names must be unique in a suite") == 0u,
             result.out);
  BOOST_TEST(result.out.ends_with("2 files checked, 1 error\n"), result.out);
}

// Issue 17: an order the run can never place is a warning; the file still passes (exit 0).
BOOST_AUTO_TEST_CASE(an_order_placed_after_the_horizon_is_a_warning) {
  const auto file = (data_dir() / "placed-after-horizon.yaml").string();
  const auto result = run_command({casim_path(), "lint", file});
  BOOST_TEST(result.exit_code == 0, result.out << result.err);
  BOOST_TEST(result.out.find(file + ":6:51: warning: orders[1]: order late is placed at 2026-09-24T01:00:00Z, not "
                                    "before the run's horizon 2026-09-24T01:00:00Z (limits.horizon)") == 0u,
             result.out);
  BOOST_TEST(result.out.ends_with("1 file checked, 0 errors, 1 warning\n"), result.out);
}

// Issue 17: an inline PEM the intake cannot read is reported where the PEM is written, not only
// at the expectation its rejection fails; the file still loads (exit 0).
BOOST_AUTO_TEST_CASE(an_unreadable_inline_csr_is_a_warning_at_the_pem) {
  const auto file = (data_dir() / "unreadable-inline-csr.yaml").string();
  const auto result = run_command({casim_path(), "lint", file});
  BOOST_TEST(result.exit_code == 0, result.out << result.err);
  BOOST_TEST(result.out.find(file + ":10:12: warning: orders[0].csr.pem: the intake cannot read this CSR "
                                    "(CsrUnparsable: ") == 0u,
             result.out);
  BOOST_TEST(result.out.ends_with("1 file checked, 0 errors, 1 warning\n"), result.out);
}

BOOST_AUTO_TEST_CASE(a_missing_path_or_no_path_exits_2) {
  const auto missing = (data_dir() / "nothing-here.yaml").string();
  const auto result = run_command({casim_path(), "lint", missing});
  BOOST_TEST(result.exit_code == 2);
  BOOST_TEST(result.out.find(missing + ": error: no such file or directory") == 0u, result.out);
  BOOST_TEST(run_command({casim_path(), "lint"}).exit_code == 2);
}

}  // namespace

// Issue 17: the schema editors validate with knows `extends:`, and bases (folders named _…) are
// checked against base.schema.json; Debian's python3-jsonschema does the checking.
BOOST_AUTO_TEST_CASE(the_bundled_scenarios_and_bases_follow_the_json_schema) {
  const auto source = casim::scenario::test::source_dir();
  const auto result = run_command({"/usr/bin/python3", (source / "tests/scenario/check_scenario_schema.py").string(),
                                   (source / "scenarios/schema").string(), (source / "scenarios").string()});
  BOOST_TEST(result.exit_code == 0, result.out << result.err);
  BOOST_TEST(result.out.find(" files checked, 0 problems") != std::string::npos, result.out);
}

BOOST_AUTO_TEST_SUITE_END()  // test_lint_cli
