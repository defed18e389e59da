// `casim run` as a user runs it: exit codes (0 all expectations hold, 1 one fails, 2 bad input),
// the report files in --out, the previous report kept when the input is bad, certificates that
// openssl verifies against the written root with private keys of mode 0600, a reused --ca, and the
// --trace table of an order whose domain validation timed out.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_run)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777U;
}

// Files in `dir` whose names start with '.' and mention a staging or previous folder.
int leftovers(const fs::path& dir) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (contains(name, ".staging-") || contains(name, ".previous-")) ++count;
  }
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(exit_zero_and_every_report_file_when_expectations_hold) {
  TempDir dir;
  const fs::path out = dir.path() / "reports" / "latest";
  const auto result = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs"});
  BOOST_TEST(result.exit_code == 0, describe(result));
  BOOST_TEST(contains(result.out, "run-dv-issued"), describe(result));
  for (const char* file : {"summary.txt", "report.json", "junit.xml", "timings.csv", "report.html"}) {
    BOOST_TEST(fs::is_regular_file(out / file), file);
  }
  BOOST_TEST(read_text(out / "summary.txt") == result.out);
  BOOST_TEST(!fs::exists(out / "certs"), "--no-certs writes no certificates");
  BOOST_TEST(leftovers(dir.path() / "reports") == 0);
}

BOOST_AUTO_TEST_CASE(exit_one_when_an_expectation_fails) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", run_data("fail"), "--out", out.string(), "--no-certs"});
  BOOST_TEST(result.exit_code == 1, describe(result));
  BOOST_TEST(contains(result.out, "run-dv-expect-wrong"), describe(result));
  BOOST_TEST(contains(read_text(out / "junit.xml"), "<failure"), "the failed expectation is a JUnit failure");
}

BOOST_AUTO_TEST_CASE(bad_file_exits_two_and_keeps_the_previous_report) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto good = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs"});
  BOOST_REQUIRE_MESSAGE(good.exit_code == 0, describe(good));
  const std::string before = read_text(out / "report.json");

  const auto bad = run_casim({"run", run_data("pass"), run_data("bad"), "--out", out.string()});
  BOOST_TEST(bad.exit_code == 2, describe(bad));
  BOOST_TEST(contains(bad.err, "unknown-key.yaml:3:1"), describe(bad));
  BOOST_TEST(contains(bad.err, "ordres"), describe(bad));
  BOOST_TEST(bad.out.empty(), describe(bad));
  BOOST_TEST(read_text(out / "report.json") == before, "the previous report is untouched");
  BOOST_TEST(leftovers(dir.path()) == 0);
}

BOOST_AUTO_TEST_CASE(a_folder_that_is_not_a_casim_output_is_never_replaced) {
  TempDir dir;
  const fs::path mine = dir.path() / "mine";
  fs::create_directories(mine);
  dir.write("mine/notes.txt", "precious");
  const auto result = run_casim({"run", run_data("pass"), "--no-certs", "--out", mine.string()});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, "not a casim output folder"), describe(result));
  BOOST_TEST(read_text(mine / "notes.txt") == "precious");
  BOOST_TEST(std::distance(fs::directory_iterator(mine), fs::directory_iterator()) == 1);
  BOOST_TEST(leftovers(dir.path()) == 0);
}

BOOST_AUTO_TEST_CASE(a_killed_run_leaves_the_previous_report) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto good = run_casim({"run", run_data("pass"), "--out", out.string(), "--no-certs"});
  BOOST_REQUIRE_MESSAGE(good.exit_code == 0, describe(good));
  const std::string before = read_text(out / "report.json");
  const auto killed = run_command({"/usr/bin/timeout", "-s", "KILL", "2", casim_path(), "run", run_data("mc"),
                                   "--runs", "10000", "--jobs", "1", "--no-certs", "--out", out.string()});
  BOOST_TEST(killed.exit_code == 128 + 9, describe(killed));
  BOOST_TEST(read_text(out / "report.json") == before, "the previous report is untouched");
  BOOST_TEST(read_text(out / "summary.txt") == good.out);
}

BOOST_AUTO_TEST_CASE(bad_options_exit_two) {
  TempDir dir;
  const std::string out = (dir.path() / "out").string();
  const auto format = run_casim({"run", run_data("pass"), "--out", out, "--format", "json,pdf"});
  BOOST_TEST(format.exit_code == 2, describe(format));
  BOOST_TEST(contains(format.err, "unknown format 'pdf'"), describe(format));
  for (const char* shard : {"4/3", "0/2", "x", "1/0", "1"}) {
    const auto result = run_casim({"run", run_data("pass"), "--out", out, "--shard", shard});
    BOOST_TEST(result.exit_code == 2, shard << ": " << describe(result));
    BOOST_TEST(contains(result.err, "--shard"), shard << ": " << describe(result));
  }
  const auto jobs = run_casim({"run", run_data("pass"), "--out", out, "--jobs", "0"});
  BOOST_TEST(jobs.exit_code == 2, describe(jobs));
  const auto ca_inside = run_casim({"run", run_data("pass"), "--out", out, "--ca", out + "/ca"});
  BOOST_TEST(ca_inside.exit_code == 2, describe(ca_inside));
  BOOST_TEST(contains(ca_inside.err, "inside --out"), describe(ca_inside));
  const auto missing = run_casim({"run", (dir.path() / "nowhere.yaml").string(), "--out", out});
  BOOST_TEST(missing.exit_code == 2, describe(missing));
  BOOST_TEST(contains(missing.err, "nowhere.yaml"), describe(missing));
  BOOST_TEST(!fs::exists(out), "nothing is written on bad input");
}

BOOST_AUTO_TEST_CASE(names_that_would_leave_the_output_folder_are_refused) {
  TempDir dir;
  const auto scenario = dir.write("escape.yaml", read_text(run_data("pass/dv-issued.yaml")));
  std::string text = read_text(scenario);
  text.replace(text.find("run-dv-issued"), std::string("run-dv-issued").size(), "..");
  dir.write("escape.yaml", text);
  const auto result = run_casim({"run", scenario.string(), "--out", (dir.path() / "out").string()});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, "escape.yaml"), describe(result));
  BOOST_TEST(!fs::exists(dir.path() / "out"));
}

BOOST_AUTO_TEST_CASE(certificates_verify_against_the_written_root) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", run_data("pass"), "--out", out.string()});
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, describe(result));
  const fs::path certs = out / "certs";
  BOOST_TEST(fs::is_regular_file(out / "ca" / "ca.json"), "a fresh CA in the output");
  BOOST_TEST(contains(read_text(out / "report.json"), "certificate.serial"),
             "random serials are listed among the report's non-reproducible fields");
  for (const char* order : {"dv-www", "dv-rsa"}) {
    const fs::path folder = certs / "run-dv-issued" / order;
    for (const char* file : {"cert.pem", "chain.pem", "fullchain.pem", "key.pem"}) {
      BOOST_TEST(fs::is_regular_file(folder / file), order << "/" << file);
    }
    BOOST_TEST(mode_of(folder / "key.pem") == 0600U, order);
    BOOST_TEST(mode_of(folder) == 0700U, order);
    const auto verify = run_command({"/usr/bin/openssl", "verify", "-CAfile", (certs / "root.pem").string(),
                                     "-untrusted", (folder / "chain.pem").string(), (folder / "cert.pem").string()});
    BOOST_TEST(verify.exit_code == 0, order << ": " << describe(verify));
    BOOST_TEST(contains(verify.out, ": OK"), order << ": " << describe(verify));
    const auto cert_key = run_command({"/usr/bin/openssl", "x509", "-noout", "-pubkey", "-in", (folder / "cert.pem").string()});
    const auto key_pub = run_command({"/usr/bin/openssl", "pkey", "-pubout", "-in", (folder / "key.pem").string()});
    BOOST_TEST(cert_key.out == key_pub.out, order << ": key.pem is the certificate's key");
  }
}

BOOST_AUTO_TEST_CASE(a_named_ca_is_reused_and_not_copied_into_the_output) {
  TempDir dir;
  const fs::path ca = dir.path() / "ca";
  const auto first = run_casim({"run", run_data("pass"), "--out", (dir.path() / "a").string(), "--ca", ca.string()});
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
  const std::string root = read_text(ca / "root" / "cert.pem");
  const auto second = run_casim({"run", run_data("pass"), "--out", (dir.path() / "b").string(), "--ca", ca.string()});
  BOOST_REQUIRE_MESSAGE(second.exit_code == 0, describe(second));
  BOOST_TEST(read_text(ca / "root" / "cert.pem") == root, "the hierarchy is reused, not replaced");
  BOOST_TEST(read_text(dir.path() / "a" / "certs" / "root.pem") == root);
  BOOST_TEST(read_text(dir.path() / "b" / "certs" / "root.pem") == root);
  BOOST_TEST(!fs::exists(dir.path() / "b" / "ca"));
}

BOOST_AUTO_TEST_CASE(trace_shows_why_domain_validation_failed) {
  TempDir dir;
  const auto result = run_casim({"run", run_data("trace"), "--out", (dir.path() / "out").string(), "--no-certs",
                                 "--trace", "dv-never"});
  BOOST_TEST(result.exit_code == 0, describe(result));
  BOOST_TEST(contains(result.out, "Trace of order dv-never (seed 3, run 0; CA calendar CN)"), describe(result));
  BOOST_TEST(contains(result.out, "business time since submission"), describe(result));
  BOOST_TEST(contains(result.out, "2026-09-14 09:00:00 +08:00"), describe(result));
  BOOST_TEST(contains(result.out, "pre_review"), describe(result));
  BOOST_TEST(contains(result.out, "DcvTimedOut"), describe(result));
  BOOST_TEST(contains(result.out, "2 review failed"), describe(result));
  // The timeout comes three calendar days after validation started: after the submission.
  const auto table = result.out.substr(result.out.find("Trace of order"));
  BOOST_TEST(table.find("DcvTimedOut") > table.find("pre_review"), describe(result));
  // Issue 17: the instants within details read in the CA's zone too, with the offset.
  BOOST_TEST(contains(table, "2026-09-17T10:00:00+08:00"), describe(result));
  BOOST_TEST(table.find("Z ") == std::string::npos, describe(result));
  BOOST_TEST(table.find("Z:") == std::string::npos, describe(result));
}

BOOST_AUTO_TEST_CASE(trace_of_an_unknown_order_lists_the_known_ones) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", run_data("trace"), "--out", out.string(), "--no-certs", "--trace", "nope"});
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, "known orders: dv-never"), describe(result));
  BOOST_TEST(!fs::exists(out), "nothing is published");
  BOOST_TEST(leftovers(dir.path()) == 0);
  const auto two = run_casim({"run", run_data("trace"), run_data("pass"), "--out", out.string(), "--trace", "dv-never"});
  BOOST_TEST(two.exit_code == 2, describe(two));
  BOOST_TEST(contains(two.err, "exactly one scenario"), describe(two));
}

BOOST_AUTO_TEST_SUITE_END()  // test_run
