// Safe output as a user notices it: SIGINT and SIGTERM stop `casim run` cleanly (exit 130/143, a
// message, no staging folder left, the previous report byte for byte); the staging folder of a
// killed run is removed by the next run, never that of a run still going; links planted in an
// output folder are never written through (run, csr generate, ca issue) nor copied by merge; names
// taken from scenario files cannot make casim write outside --out.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "output_snapshot.hpp"
#include "temp_dir.hpp"
#include "test_run_support.hpp"

BOOST_AUTO_TEST_SUITE(test_safe_output)

using namespace casim::test;
namespace fs = std::filesystem;

namespace {

constexpr auto kPatience = std::chrono::seconds{120};  // generous: the suite also runs under ASan

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777U;
}

// True once a run's own staging folder carries casim's marker: before that a kill leaves a folder
// that is not known to be casim's, which no later run may remove.
bool a_marked_staging_folder_exists(const fs::path& dir) {
  for (const auto& name : leftovers(dir)) {
    if (contains(name, ".staging-") && fs::exists(dir / name / ".casim-output")) return true;
  }
  return false;
}

bool wait_until(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds{20});
  }
  return true;
}

// casim started in the background, its output going to files, SIGINT and SIGTERM at their
// default actions whatever the test runner ignores; killed and reaped when the object goes away.
class Background {
 public:
  Background(const std::vector<std::string>& args, const fs::path& logs) : out_(logs / "stdout"), err_(logs / "stderr") {
    std::vector<std::string> argv{casim_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& text : argv) pointers.push_back(text.data());
    pointers.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes, &signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    posix_spawnattr_setsigdefault(&attributes, &signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const int spawned = posix_spawn(&pid_, pointers[0], &actions, &attributes, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) throw std::runtime_error("cannot start casim");
  }
  ~Background() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;

  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }
  void signal(int number) const { ::kill(pid_, number); }

  // Waits for the end; the exit code, or 128 + the signal that ended it (-1 if it does not end).
  int wait() {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string out() const { return read_text(out_); }
  std::string err() const { return read_text(err_); }

 private:
  fs::path out_;
  fs::path err_;
  pid_t pid_ = -1;
};

// A run that takes seconds (a Release build) to minutes: the Monte Carlo scenario with as many runs
// as --max-runs allows, timing only.
std::vector<std::string> long_run(const fs::path& out, const char* jobs) {
  return {"run", run_data("mc"), "--runs", "10000", "--no-certs", "--jobs", jobs, "--out", out.string()};
}

// Runs a long run into `out` (holding a previous report), sends `number` once it is clearly
// working, and checks the clean stop.
void check_clean_stop(int number, int code, const std::string& name) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto good = run_casim({"run", run_data("pass"), "--out", out.string()});
  BOOST_REQUIRE_MESSAGE(good.exit_code == 0, describe(good));
  const auto before = snapshot(out);

  Background run(long_run(out, "2"), dir.path());
  BOOST_REQUIRE_MESSAGE(wait_until([&] { return leftovers(dir.path()).size() == 1 || !run.running(); }),
                        "no staging folder appeared");
  BOOST_REQUIRE_MESSAGE(run.running(), "the long run ended by itself: " << run.err());
  std::this_thread::sleep_for(std::chrono::milliseconds{300});
  run.signal(number);
  const int exit_code = run.wait();
  BOOST_TEST(exit_code == code, run.err());
  BOOST_TEST(contains(run.err(), "interrupted by " + name), run.err());
  BOOST_TEST(contains(run.err(), "nothing was published"), run.err());
  BOOST_TEST(leftovers(dir.path()).empty(), "no staging folder is left");
  BOOST_TEST((snapshot(out) == before), "the previous report is intact, byte for byte");
}

fs::path plant_victim(const TempDir& dir) {
  const fs::path victim = dir.path() / "victim";
  fs::create_directories(victim);
  dir.write("victim/secret.txt", "untouched\n");
  return victim;
}

// dv-issued.yaml with `from` replaced everywhere by `to` (a YAML double-quoted string).
fs::path scenario_with(const TempDir& dir, const std::string& from, const std::string& to) {
  std::string quoted = "\"";
  for (const char c : to) {
    if (c == '\0') {
      quoted += "\\0";
    } else {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
  }
  quoted += "\"";
  std::string text = read_text(run_data("pass/dv-issued.yaml"));
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + quoted.size())) {
    text.replace(at, from.size(), quoted);
  }
  return dir.write("hostile.yaml", text);
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigint_stops_a_run_and_keeps_the_previous_report) { check_clean_stop(SIGINT, 130, "SIGINT"); }

BOOST_AUTO_TEST_CASE(sigterm_stops_a_run_and_keeps_the_previous_report) { check_clean_stop(SIGTERM, 143, "SIGTERM"); }

BOOST_AUTO_TEST_CASE(the_help_of_run_and_merge_gives_the_exit_codes_of_an_interrupt) {
  for (const char* command : {"run", "merge"}) {
    const auto help = run_casim({command, "--help"});
    BOOST_TEST(help.exit_code == 0, describe(help));
    BOOST_TEST(contains(help.out, "130 (SIGINT)"), describe(help));
    BOOST_TEST(contains(help.out, "143 (SIGTERM)"), describe(help));
  }
}

BOOST_AUTO_TEST_CASE(the_next_run_removes_the_staging_folder_of_a_killed_run) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  fs::create_directories(dir.path() / ".out.staging-mine");
  dir.write(".out.staging-mine/notes.txt", "not casim's: no marker");
  {
    Background run(long_run(out, "1"), dir.path());
    BOOST_REQUIRE(wait_until([&] { return a_marked_staging_folder_exists(dir.path()) || !run.running(); }));
    run.signal(SIGKILL);
    BOOST_TEST(run.wait() == 128 + SIGKILL);
  }
  BOOST_TEST(leftovers(dir.path()).size() == 2U, "the killed run left its staging folder");

  const auto next = run_casim({"run", run_data("pass"), "--no-certs", "--out", out.string()});
  BOOST_TEST(next.exit_code == 0, describe(next));
  BOOST_TEST(leftovers(dir.path()) == std::vector<std::string>{".out.staging-mine"},
             boost::test_tools::per_element());
  BOOST_TEST(read_text(dir.path() / ".out.staging-mine" / "notes.txt") == "not casim's: no marker");
  BOOST_TEST(read_text(out / "summary.txt") == next.out);
}

BOOST_AUTO_TEST_CASE(the_staging_folder_of_a_run_still_going_is_left_alone) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  Background first(long_run(out, "1"), dir.path());
  BOOST_REQUIRE(wait_until([&] { return a_marked_staging_folder_exists(dir.path()) || !first.running(); }));
  const auto staging = leftovers(dir.path());

  const auto second = run_casim({"run", run_data("pass"), "--no-certs", "--out", out.string()});
  BOOST_TEST(second.exit_code == 0, describe(second));
  BOOST_TEST(first.running(), first.err());
  BOOST_TEST(leftovers(dir.path()) == staging, boost::test_tools::per_element());

  first.signal(SIGTERM);
  BOOST_TEST(first.wait() == 143, first.err());
  BOOST_TEST(leftovers(dir.path()).empty());
  BOOST_TEST(read_text(out / "summary.txt") == second.out, "the second run's report stays published");
}

BOOST_AUTO_TEST_CASE(links_planted_in_the_output_folder_are_not_written_through) {
  TempDir dir;
  const fs::path out = dir.path() / "out";
  const auto first = run_casim({"run", run_data("pass"), "--out", out.string()});
  BOOST_REQUIRE_MESSAGE(first.exit_code == 0, describe(first));
  const fs::path victim = plant_victim(dir);
  const auto victim_before = snapshot(victim);
  fs::remove(out / "report.json");
  fs::create_symlink(victim / "secret.txt", out / "report.json");
  fs::remove_all(out / "certs");
  fs::create_directory_symlink(victim, out / "certs");

  const auto second = run_casim({"run", run_data("pass"), "--out", out.string()});
  BOOST_TEST(second.exit_code == 0, describe(second));
  BOOST_TEST((snapshot(victim) == victim_before), "nothing was written through the links");
  BOOST_TEST(fs::is_regular_file(fs::symlink_status(out / "report.json")));
  BOOST_TEST(fs::is_directory(fs::symlink_status(out / "certs")));
  BOOST_TEST(mode_of(out / "certs") == 0700U);
  BOOST_TEST(mode_of(out / "certs" / "run-dv-issued" / "dv-rsa" / "key.pem") == 0600U);
  BOOST_TEST(mode_of(out / "certs" / "run-dv-issued" / "dv-rsa") == 0700U);
}

BOOST_AUTO_TEST_CASE(names_from_a_scenario_cannot_leave_the_output_folder) {
  const std::string absolute = (fs::temp_directory_path() / "casim-escaped").string();
  const std::vector<std::string> names{"../../etc", absolute, "a/../../b", "*.example.com", std::string("nul\0byte", 8),
                                       "..", ".", std::string(256, 'n'), "a\\..\\..\\b", ""};
  for (const char* field : {"run-dv-issued", "dv-www"}) {
    for (const auto& name : names) {
      BOOST_TEST_CONTEXT(field << " as '" << name.substr(0, 40) << "'") {
        TempDir dir;
        const fs::path scenario = scenario_with(dir, field, name);
        const auto before = snapshot(dir.path());
        const auto result = run_casim({"run", scenario.string(), "--out", (dir.path() / "out").string()});
        BOOST_TEST(result.exit_code == 2, describe(result));
        BOOST_TEST(contains(result.err, "hostile.yaml"), describe(result));
        BOOST_TEST((snapshot(dir.path()) == before), "nothing was written");
        BOOST_TEST(!fs::exists(absolute));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(the_longest_names_a_file_system_takes_stay_inside_the_output_folder) {
  TempDir dir;
  const std::string scenario_name(255, 's');
  const std::string ref(255, 'r');
  const fs::path scenario = scenario_with(dir, "dv-www", ref);
  std::string text = read_text(scenario);
  text.replace(text.find("run-dv-issued"), std::string("run-dv-issued").size(), scenario_name);
  dir.write("hostile.yaml", text);
  const fs::path out = dir.path() / "out";
  const auto result = run_casim({"run", scenario.string(), "--out", out.string()});
  BOOST_TEST(result.exit_code == 0, describe(result));
  BOOST_TEST(mode_of(out / "certs" / scenario_name / ref / "cert.pem") == 0644U);
  std::vector<std::string> top;
  for (const auto& entry : fs::directory_iterator(dir.path())) top.push_back(entry.path().filename().string());
  std::sort(top.begin(), top.end());
  BOOST_TEST(top == (std::vector<std::string>{"hostile.yaml", "out"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csr_generate_replaces_a_planted_key_link_and_never_writes_through_it) {
  TempDir dir;
  const fs::path victim = plant_victim(dir);
  const auto victim_before = snapshot(victim);
  const fs::path keys = dir.path() / "keys";
  fs::create_directories(keys);
  fs::create_symlink(victim / "secret.txt", keys / "key.pem");
  const std::vector<std::string> generate{"csr", "generate", "--algorithm", "ecc", "--cn", "www.example.com",
                                          "--out", keys.string()};

  const auto refused = run_casim(generate);
  BOOST_TEST(refused.exit_code == 2, describe(refused));
  BOOST_TEST(contains(refused.err, "key.pem"), describe(refused));
  auto forced = generate;
  forced.push_back("--force");
  const auto written = run_casim(forced);
  BOOST_TEST(written.exit_code == 0, describe(written));
  BOOST_TEST((snapshot(victim) == victim_before), "nothing was written through the link");
  BOOST_TEST(fs::is_regular_file(fs::symlink_status(keys / "key.pem")));
  BOOST_TEST(mode_of(keys / "key.pem") == 0600U);
}

BOOST_AUTO_TEST_CASE(ca_commands_never_write_through_planted_links) {
  TempDir dir;
  const fs::path victim = plant_victim(dir);
  const auto victim_before = snapshot(victim);
  const fs::path empty = dir.path() / "empty";
  fs::create_directories(empty);
  fs::create_directory_symlink(empty, dir.path() / "linked-ca");
  const auto linked_init = run_casim({"ca", "init", "--dir", (dir.path() / "linked-ca").string()});
  BOOST_TEST(linked_init.exit_code == 2, describe(linked_init));
  BOOST_TEST(contains(linked_init.err, "symbolic link"), describe(linked_init));
  BOOST_TEST(fs::is_empty(empty), "no key was written through the link");

  const fs::path ca = dir.path() / "ca";
  BOOST_REQUIRE(run_casim({"ca", "init", "--dir", ca.string()}).exit_code == 0);
  BOOST_TEST(mode_of(ca) == 0700U);
  BOOST_TEST(mode_of(ca / "root" / "key.pem") == 0600U);
  BOOST_REQUIRE(run_casim({"csr", "generate", "--algorithm", "ecc", "--cn", "www.example.com", "--out",
                           (dir.path() / "request").string()})
                    .exit_code == 0);
  const std::vector<std::string> issue{"ca",    "issue", "--dir", ca.string(), "--csr",
                                       (dir.path() / "request" / "csr.pem").string(), "--type", "DV", "--out"};

  const fs::path planted_cert = dir.path() / "planted-cert";
  fs::create_directories(planted_cert);
  fs::create_symlink(victim / "new-cert.pem", planted_cert / "cert.pem");
  auto args = issue;
  args.push_back(planted_cert.string());
  const auto refused = run_casim(args);
  BOOST_TEST(refused.exit_code == 2, describe(refused));
  BOOST_TEST(contains(refused.err, "cert.pem"), describe(refused));

  const fs::path planted_chain = dir.path() / "planted-chain";
  fs::create_directories(planted_chain);
  fs::create_symlink(victim / "secret.txt", planted_chain / "chain.pem");
  args = issue;
  args.push_back(planted_chain.string());
  const auto issued = run_casim(args);
  BOOST_TEST(issued.exit_code == 0, describe(issued));
  BOOST_TEST(fs::is_regular_file(fs::symlink_status(planted_chain / "chain.pem")));
  BOOST_TEST((snapshot(victim) == victim_before), "nothing was written through the links");
}

BOOST_AUTO_TEST_CASE(merge_copies_no_link_from_a_shard) {
  TempDir dir;
  const fs::path shard = dir.path() / "shard";
  const auto run = run_casim({"run", run_data("pass"), "--out", shard.string()});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, describe(run));
  const fs::path victim = plant_victim(dir);
  fs::create_symlink(victim / "secret.txt", shard / "certs" / "run-dv-issued" / "leak.pem");
  fs::create_directory_symlink(victim, shard / "certs" / "run-dv-issued" / "leak");

  const fs::path merged = dir.path() / "merged";
  const auto merge = run_casim({"merge", shard.string(), "--out", merged.string()});
  BOOST_TEST(merge.exit_code == 0, describe(merge));
  BOOST_TEST(fs::is_regular_file(merged / "certs" / "run-dv-issued" / "dv-rsa" / "key.pem"));
  BOOST_TEST(mode_of(merged / "certs" / "run-dv-issued" / "dv-rsa" / "key.pem") == 0600U);
  BOOST_TEST(!fs::exists(fs::symlink_status(merged / "certs" / "run-dv-issued" / "leak.pem")));
  BOOST_TEST(!fs::exists(fs::symlink_status(merged / "certs" / "run-dv-issued" / "leak")));
}

BOOST_AUTO_TEST_SUITE_END()  // test_safe_output
