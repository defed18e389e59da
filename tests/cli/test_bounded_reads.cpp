// Every file a command reads is a regular file of bounded size (docs/limits.md). /dev/zero, a FIFO
// without a writer and a 3 GB sparse file, given to `csr check`, `chain check`, `ca issue --csr`,
// `merge` (a shard's report.json, an entry of its certs/) and the calendar commands (a file on
// CASIM_CALENDAR_PATH), are each refused at once: exit 2, a message naming the file and why,
// nothing published. Commands run under timeout(1): a read that blocks fails a test, not hangs it.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_bounded_reads)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

constexpr int kSeconds = 20;  // a refusal takes milliseconds; a blocked read, forever
constexpr std::uintmax_t kSparseBytes = 3ULL << 30U;

const std::string kDevice = "is a character device, not a regular file";
const std::string kFifo = "is a FIFO (named pipe), not a regular file";

CommandResult run_bounded(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  return run_casim_within(kSeconds, args, env);
}

fs::path make_fifo(const fs::path& file) {
  BOOST_TEST_REQUIRE(::mkfifo(file.c_str(), 0600) == 0, "mkfifo " << file);
  return file;
}

fs::path make_sparse(const fs::path& file) {
  std::ofstream{file};
  fs::resize_file(file, kSparseBytes);
  return file;
}

// `result` is a refusal: exit 2, stderr naming `file` and saying `why`.
void check_refused(const CommandResult& result, const fs::path& file, const std::string& why) {
  BOOST_TEST(result.exit_code == 2, describe(result));
  BOOST_TEST(contains(result.err, file.string() + ": " + why), describe(result));
}

std::string too_large(const std::string& bound, const std::string& kind) {
  return "is " + std::to_string(kSparseBytes) + " bytes, more than the " + bound + " allowed for " + kind;
}

}  // namespace

BOOST_AUTO_TEST_CASE(csr_check_reads_regular_files_only_and_bounded) {
  TempDir dir;
  check_refused(run_bounded({"csr", "check", "/dev/zero"}), "/dev/zero", kDevice);
  const fs::path fifo = make_fifo(dir.path() / "csr.pem");
  check_refused(run_bounded({"csr", "check", fifo.string()}), fifo, kFifo);
  check_refused(run_bounded({"csr", "check", "--blocked-names", fifo.string(), "/dev/null"}), fifo, kFifo);
  const fs::path sparse = make_sparse(dir.path() / "big.csr");
  check_refused(run_bounded({"csr", "check", sparse.string()}), sparse, too_large("65536 bytes (64 KiB)", "a CSR file"));
}

BOOST_AUTO_TEST_CASE(chain_check_reads_regular_files_only_and_bounded) {
  TempDir dir;
  check_refused(run_bounded({"chain", "check", "/dev/zero"}), "/dev/zero", kDevice);
  const fs::path fifo = make_fifo(dir.path() / "chain.pem");
  check_refused(run_bounded({"chain", "check", fifo.string()}), fifo, kFifo);
  const fs::path chain = dir.write("leaf.pem", "not a certificate\n");
  check_refused(run_bounded({"chain", "check", chain.string(), "--key", fifo.string()}), fifo, kFifo);
  check_refused(run_bounded({"chain", "check", chain.string(), "--roots", "/dev/zero"}), "/dev/zero", kDevice);
  const fs::path sparse = make_sparse(dir.path() / "big.pem");
  check_refused(run_bounded({"chain", "check", sparse.string()}), sparse,
                too_large("1048576 bytes (1 MiB)", "a certificate file"));
}

BOOST_AUTO_TEST_CASE(ca_issue_refuses_a_csr_that_is_not_a_regular_file) {
  TempDir dir;
  const fs::path ca = dir.path() / "ca";
  const auto init = run_bounded({"ca", "init", "--dir", ca.string()});
  BOOST_REQUIRE_MESSAGE(init.exit_code == 0, describe(init));
  const fs::path fifo = make_fifo(dir.path() / "csr.pem");
  for (const fs::path& csr : {fs::path("/dev/zero"), fifo}) {
    const fs::path out = dir.path() / "issued";
    const auto issue = run_bounded({"ca", "issue", "--dir", ca.string(), "--csr", csr.string(), "--type", "DV",
                                    "--out", out.string()});
    check_refused(issue, csr, csr == fifo ? kFifo : kDevice);
    BOOST_TEST(!fs::exists(out / "cert.pem"), "nothing issued");
  }
}

BOOST_AUTO_TEST_CASE(merge_refuses_a_report_json_that_is_not_a_regular_file) {
  TempDir dir;
  const fs::path device = dir.path() / "device";
  fs::create_directories(device);
  fs::create_symlink("/dev/zero", device / "report.json");
  const fs::path fifo = dir.path() / "fifo";
  fs::create_directories(fifo);
  make_fifo(fifo / "report.json");
  const fs::path out = dir.path() / "merged";
  check_refused(run_bounded({"merge", device.string(), "--out", out.string()}), device / "report.json", kDevice);
  check_refused(run_bounded({"merge", fifo.string(), "--out", out.string()}), fifo / "report.json", kFifo);
  BOOST_TEST(!fs::exists(out), "nothing published");
}

BOOST_AUTO_TEST_CASE(merge_refuses_a_fifo_among_a_shards_certificates_and_publishes_nothing) {
  TempDir dir;
  const fs::path shard = dir.path() / "shard";
  const auto run = run_bounded({"run", run_data("pass"), "--out", shard.string()});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, describe(run));
  const fs::path out = dir.path() / "merged";
  const auto first = run_bounded({"merge", shard.string(), "--out", out.string(), "--format", "json"});
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
  const std::string before = read_text(out / "report.json");

  const fs::path fifo = make_fifo(shard / "certs" / "run-dv-issued" / "planted.pem");
  const auto merge = run_bounded({"merge", shard.string(), "--out", out.string()});
  check_refused(merge, fifo, kFifo);
  BOOST_TEST(read_text(out / "report.json") == before, "the previous merged report is intact");
  BOOST_TEST(!fs::exists(out / "report.html"), "nothing of the refused merge was published");
}

BOOST_AUTO_TEST_CASE(calendar_files_on_the_calendar_path_are_regular_and_bounded) {
  TempDir dir;
  const std::vector<std::string> ask{"calendar", "is-business-day", "--calendar", "CN", "--date", "2026-01-05"};
  const std::vector<std::string> env{"CASIM_CALENDAR_PATH=" + dir.path().string()};
  const fs::path fifo = make_fifo(dir.path() / "CN.yaml");
  check_refused(run_bounded(ask, env), fifo, kFifo);
  fs::remove(fifo);
  const fs::path sparse = make_sparse(dir.path() / "CN.yaml");
  check_refused(run_bounded(ask, env), sparse, too_large("1048576 bytes (1 MiB)", "a calendar file"));
}

BOOST_AUTO_TEST_SUITE_END()  // test_bounded_reads
