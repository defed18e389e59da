// Certificate and CA files in a hostile environment, as a user notices it: a full disk or too few
// file descriptors while writing certs/ is exit 2 naming the file (the previous report intact, no
// staging folder left); certs/ gets its documented modes whatever the umask; a CA folder open to
// group or others is used with a warning; parallel shards creating one new --ca all get one CA.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <future>
#include <map>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_safe_certificates)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return 01000;  // missing: no mode a test expects
  return info.st_mode & 07777U;
}

// Every file and folder under `dir`: relative path → content or "<dir>".
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    entries[fs::relative(entry.path(), dir).string()] = entry.is_directory() ? "<dir>" : read_text(entry.path());
  }
  return entries;
}

// The names in `dir` that start with '.': staging folders, lock files, temporary CA folders.
std::vector<std::string> hidden_names(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".")) names.push_back(name);
  }
  return names;
}

// casim run through /bin/sh, after `setup` (shell commands: ulimit, umask, trap).
CommandResult run_in_shell(const std::string& setup, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/bin/sh", "-c", setup + "; exec \"$0\" \"$@\"", casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

// A CA made beforehand (so that a limited run writes nothing there) and a first report in out/.
struct PreviousReport {
  TempDir dir;
  fs::path ca = dir.path() / "ca";
  fs::path out = dir.path() / "out";
  std::map<std::string, std::string> before;

  PreviousReport() {
    const auto init = run_casim({"ca", "init", "--dir", ca.string()});
    BOOST_REQUIRE_MESSAGE(init.exit_code == 0, describe(init));
    const auto first = run_casim({"run", run_data("pass"), "--ca", ca.string(), "--jobs", "1", "--out", out.string()});
    BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
    before = snapshot(out);
  }
  std::vector<std::string> run_args() const {
    return {"run", run_data("pass"), "--ca", ca.string(), "--jobs", "1", "--out", out.string()};
  }
};

// Runs casim under `limit` (a ulimit option) from 1 up, until it gets past writing certs/, and
// checks each failure that happened while writing there: exit 2, naming the file and `why`, the
// previous report intact and no staging folder left. Returns how many failed there.
int failures_in_certs_under(const std::string& limit, const std::string& why) {
  PreviousReport previous;
  int in_certs = 0;
  for (int value = 1; value <= 64; ++value) {
    const auto result = run_in_shell("trap '' XFSZ; ulimit " + limit + " " + std::to_string(value), previous.run_args());
    if (result.exit_code == 0) break;
    if (!contains(result.err, "/certs")) {  // failed before or after certs/: other cases' business
      if (in_certs > 0) break;
      continue;
    }
    ++in_certs;
    BOOST_TEST_CONTEXT("ulimit " << limit << " " << value << ": " << describe(result)) {
      BOOST_TEST(result.exit_code == 2);
      BOOST_TEST(contains(result.err, why));
      BOOST_TEST(!contains(result.err, "internal error"));
      BOOST_TEST((snapshot(previous.out) == previous.before), "the previous report is intact");
      BOOST_TEST(hidden_names(previous.dir.path()).empty(), "no staging folder is left");
    }
  }
  return in_certs;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(certificate_and_ca_files)

// RLIMIT_FSIZE stands in for a full disk (EFBIG where a disk gives ENOSPC: the same failed write).
BOOST_AUTO_TEST_CASE(a_file_too_large_for_the_disk_under_certs_is_exit_2_naming_it) {
  BOOST_TEST(failures_in_certs_under("-f", "File too large") > 0, "some file limit fails under certs/");
}

BOOST_AUTO_TEST_CASE(too_many_open_files_under_certs_is_exit_2_naming_the_file) {
  BOOST_TEST(failures_in_certs_under("-n", "Too many open files") > 0,
             "some descriptor limit fails under certs/");
}

BOOST_AUTO_TEST_CASE(certs_get_their_documented_modes_whatever_the_umask) {
  for (const char* umask : {"0777", "0277", "0000"}) {
    BOOST_TEST_CONTEXT("umask " << umask) {
      TempDir dir;
      const fs::path out = dir.path() / "out";
      const auto result = run_in_shell(std::string("umask ") + umask, {"run", run_data("pass"), "--out", out.string()});
      BOOST_REQUIRE_MESSAGE(result.exit_code == 0, describe(result));
      const fs::path order = out / "certs" / "run-dv-issued" / "dv-rsa";
      for (const auto& folder : {out / "certs", out / "certs" / "run-dv-issued", order, out / "ca", out / "ca" / "root"}) {
        BOOST_TEST(mode_of(folder) == 0700U, folder);
      }
      for (const auto& file : {out / "certs" / "root.pem", order / "cert.pem", order / "chain.pem", order / "fullchain.pem",
                               out / "ca" / "root" / "cert.pem"}) {
        BOOST_TEST(mode_of(file) == 0644U, file);
      }
      for (const auto& file : {order / "key.pem", out / "ca" / "root" / "key.pem"}) BOOST_TEST(mode_of(file) == 0600U, file);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_ca_folder_open_to_others_is_used_with_a_warning_naming_each_file) {
  PreviousReport previous;
  const auto quiet = run_casim(previous.run_args());
  BOOST_TEST(quiet.exit_code == 0, describe(quiet));
  BOOST_TEST(!contains(quiet.err, "warning"), describe(quiet));

  fs::permissions(previous.ca, fs::perms::all);
  fs::permissions(previous.ca / "root" / "key.pem", fs::perms(0666));
  fs::permissions(previous.ca / "casim" / "ev" / "key.pem", fs::perms(0640));
  const auto warned = run_casim(previous.run_args());
  BOOST_TEST(warned.exit_code == 0, describe(warned));
  for (const std::string& expected : {previous.ca.string() + " has mode 0777", (previous.ca / "root" / "key.pem").string() +
                                     " has mode 0666", (previous.ca / "casim" / "ev" / "key.pem").string() + " has mode 0640"}) {
    BOOST_TEST(contains(warned.err, "casim: warning: " + expected), describe(warned));
  }
  BOOST_TEST(!contains(warned.err, (previous.ca / "casim" / "dv" / "key.pem").string()), describe(warned));

  const auto crl = run_casim({"ca", "crl", "--dir", previous.ca.string()});
  BOOST_TEST(crl.exit_code == 0, describe(crl));
  BOOST_TEST(contains(crl.err, "casim: warning: " + (previous.ca / "root" / "key.pem").string()), describe(crl));
}

// Shards started at once, each told to sign with one CA folder that does not exist yet, and two
// `ca init` of it among them: all succeed, with one CA, every round.
BOOST_AUTO_TEST_CASE(parallel_shards_creating_one_new_ca_all_get_the_same_complete_ca) {
  constexpr int kShards = 8;
  for (int round = 0; round < 10; ++round) {
    BOOST_TEST_CONTEXT("round " << round) {
      TempDir dir;
      const fs::path ca = dir.path() / "shared" / "ca";
      std::vector<std::future<CommandResult>> started;
      for (int shard = 1; shard <= kShards; ++shard) {
        const std::vector<std::string> args{"run",     run_data("pass"), "--runs", std::to_string(kShards), "--shard",
                                            std::to_string(shard) + "/" + std::to_string(kShards), "--jobs", "1",
                                            "--ca",    ca.string(),      "--out",  (dir.path() / std::to_string(shard)).string()};
        started.push_back(std::async(std::launch::async, [args] { return run_casim(args); }));
        if (shard % 4 == 0) {
          started.push_back(std::async(std::launch::async, [ca] { return run_casim({"ca", "init", "--dir", ca.string()}); }));
        }
      }
      for (auto& result : started) {
        const CommandResult done = result.get();
        BOOST_TEST(done.exit_code == 0, describe(done));
      }
      const std::string root = read_text(ca / "root" / "cert.pem");
      for (int shard = 1; shard <= kShards; ++shard) {
        BOOST_TEST(read_text(dir.path() / std::to_string(shard) / "certs" / "root.pem") == root, "shard " << shard);
      }
      BOOST_TEST(hidden_names(ca.parent_path()).empty(), "no lock file or temporary folder is left");
      const auto later = run_casim({"run", run_data("pass"), "--ca", ca.string(), "--out", (dir.path() / "later").string()});
      BOOST_TEST(later.exit_code == 0, describe(later));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_safe_certificates
