// AgentProcess against real programs (sh and python3 scripts): line round trips, the line limit,
// timeouts, heavy traffic both ways without deadlock, bounded stderr, exit statuses, killing a
// process group that ignores SIGTERM, a command that cannot start, and writes after the agent left.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "casim/agent/process.hpp"
#include "casim/sim/error.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_process)

using casim::agent::AgentProcess;
using casim::agent::ReadStatus;
using namespace std::chrono_literals;

namespace {

constexpr auto kPatience = 10s;  // for what must happen: long enough never to be reached
constexpr auto kShort = 150ms;   // for what must time out

std::vector<std::string> sh(const std::string& script) { return {"/bin/sh", "-c", script}; }
std::vector<std::string> python(const std::string& code) { return {"python3", "-c", code}; }

// True while `pid` names a live process (a zombie awaiting its parent counts as gone).
bool alive(int pid) {
  if (kill(pid, 0) != 0) return errno != ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string field;
  for (int i = 0; i < 3 && stat >> field; ++i) {}
  return field != "Z";
}

// Whether `pid` is gone within kPatience (SIGKILL takes effect a little after kill returns).
bool gone_soon(int pid) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (alive(pid) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  return !alive(pid);
}

void expect_line(AgentProcess& agent, const std::string& expected) {
  const auto read = agent.read_line(kPatience);
  BOOST_TEST(read.status == ReadStatus::Line);
  BOOST_TEST(read.line == expected);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_thousand_lines_make_the_round_trip_through_cat) {
  AgentProcess agent({"cat"});
  for (int i = 0; i < 1000; ++i) {
    const std::string line = "{\"n\":" + std::to_string(i) + ",\"text\":\"a b\\tc\"}";
    BOOST_TEST_REQUIRE(agent.write_line(line, kPatience));
    expect_line(agent, line);
  }
  BOOST_TEST(agent.running());
  agent.terminate();
  BOOST_TEST(!agent.running());
  BOOST_TEST(agent.exit_status().has_value());
}

BOOST_AUTO_TEST_CASE(a_line_of_the_limit_passes_one_byte_more_is_too_long) {
  AgentProcess agent(python("import sys; sys.stdout.write('a' * 1000 + '\\n' + 'b' * 1001 + '\\nok\\r\\ntail')"), 1000);
  expect_line(agent, std::string(1000, 'a'));
  const auto too_long = agent.read_line(kPatience);
  BOOST_TEST(too_long.status == ReadStatus::TooLong);
  BOOST_TEST(too_long.line == std::string(200, 'b'));
  expect_line(agent, "ok");
  expect_line(agent, "tail");  // the partial last line
  BOOST_TEST(agent.read_line(kPatience).status == ReadStatus::Closed);
  BOOST_TEST(agent.read_line(kPatience).status == ReadStatus::Closed);
}

BOOST_AUTO_TEST_CASE(the_rest_of_a_too_long_line_is_skipped_when_it_comes) {
  AgentProcess agent(sh("head -c 3000 /dev/zero | tr '\\0' c; sleep 0.2; echo more; echo next"), 1000);
  const auto too_long = agent.read_line(kPatience);
  BOOST_TEST(too_long.status == ReadStatus::TooLong);
  BOOST_TEST(too_long.line == std::string(200, 'c'));
  expect_line(agent, "next");
}

BOOST_AUTO_TEST_CASE(a_silent_agent_times_out_and_a_slow_one_does_not) {
  AgentProcess silent(sh("exec sleep 30"));
  BOOST_TEST(silent.read_line(kShort).status == ReadStatus::Timeout);
  BOOST_TEST(silent.running());
  BOOST_TEST(!silent.exit_status(kShort).has_value());
  silent.terminate();
  BOOST_TEST(silent.exit_status()->describe() == "killed by signal 15 (SIGTERM)");

  AgentProcess slow(sh("sleep 0.1; echo late"));
  expect_line(slow, "late");
}

BOOST_AUTO_TEST_CASE(five_mebibytes_each_way_and_to_stderr_do_not_deadlock) {
  constexpr int kLines = 5 * 1024;  // of 1 KiB with the newline: 5 MiB
  AgentProcess agent(python(R"(
import sys
out, err = sys.stdout.buffer, sys.stderr.buffer
for i in range(5 * 1024):
    out.write(b'o' * 1023 + b'\n')
    err.write(b'e' * 1023 + b'\n')
out.flush()
err.flush()
count = total = 0
for line in sys.stdin.buffer:
    count += 1
    total += len(line)
    if count == 5 * 1024:
        break
out.write(b'got %d %d\n' % (count, total))
)"));
  for (int i = 0; i < kLines; ++i) BOOST_TEST_REQUIRE(agent.write_line(std::string(1023, 'x'), kPatience));
  int received = 0;
  for (; received < kLines; ++received) {
    const auto read = agent.read_line(kPatience);
    BOOST_TEST_REQUIRE((read.status == ReadStatus::Line && read.line == std::string(1023, 'o')));
  }
  expect_line(agent, "got 5120 5242880");
  BOOST_TEST(agent.read_line(kPatience).status == ReadStatus::Closed);
  BOOST_TEST(agent.exit_status(kPatience)->describe() == "exit code 0");

  const std::string err = agent.take_stderr();
  const std::string note = "[… ";
  BOOST_TEST_REQUIRE(err.substr(0, note.size()) == note);
  const std::size_t note_end = err.find(" bytes of stderr dropped]\n");
  BOOST_TEST_REQUIRE(note_end != std::string::npos);
  const std::size_t dropped = std::stoul(err.substr(note.size(), note_end - note.size()));
  const std::string kept = err.substr(err.find('\n') + 1);
  BOOST_TEST(kept.size() == std::size_t{1} << 20);
  BOOST_TEST(dropped + kept.size() == std::size_t{5} << 20);
  BOOST_TEST(kept.substr(kept.size() - 1024) == std::string(1023, 'e') + "\n");
  BOOST_TEST(agent.take_stderr() == "");
  BOOST_TEST(agent.stderr_tail(2) == (std::vector<std::string>(2, std::string(500, 'e'))));
}

BOOST_AUTO_TEST_CASE(an_agent_that_exits_with_code_3_leaves_its_last_words) {
  AgentProcess agent(sh("echo hello; echo 'first words' >&2; echo 'last words' >&2; exit 3"));
  expect_line(agent, "hello");
  BOOST_TEST(agent.read_line(kPatience).status == ReadStatus::Closed);
  const auto status = agent.exit_status(kPatience);
  BOOST_TEST_REQUIRE(status.has_value());
  BOOST_TEST(status->describe() == "exit code 3");
  BOOST_TEST(!agent.running());
  BOOST_TEST(agent.stderr_tail(1) == (std::vector<std::string>{"last words"}));
  BOOST_TEST(agent.stderr_tail(10) == (std::vector<std::string>{"first words", "last words"}));
  BOOST_TEST(agent.take_stderr() == "first words\nlast words\n");
}

BOOST_AUTO_TEST_CASE(an_agent_that_closes_stdout_but_runs_on_is_closed_then_terminated) {
  AgentProcess agent(sh("exec >&-; exec sleep 30"));
  BOOST_TEST(agent.read_line(kPatience).status == ReadStatus::Closed);
  BOOST_TEST(agent.running());
  agent.terminate();
  BOOST_TEST(!agent.running());
  BOOST_TEST(agent.exit_status()->describe() == "killed by signal 15 (SIGTERM)");
}

BOOST_AUTO_TEST_CASE(terminate_kills_the_whole_group_even_when_sigterm_is_ignored) {
  // The child ignores SIGTERM in both cases; the agent itself ignores it only in the first.
  for (const std::string agent_trap : {"trap '' TERM; ", ""}) {
    AgentProcess agent(sh(agent_trap + "(trap '' TERM; exec sleep 30) & echo $!; wait"));
    const auto read = agent.read_line(kPatience);
    BOOST_TEST_REQUIRE(read.status == ReadStatus::Line);
    const int child = std::stoi(read.line);
    BOOST_TEST(alive(child));
    agent.terminate(100ms);
    BOOST_TEST(gone_soon(child), "the agent's child " << child << " outlived terminate");
    BOOST_TEST(agent.exit_status()->describe() ==
               (agent_trap.empty() ? "killed by signal 15 (SIGTERM)" : "killed by signal 9 (SIGKILL)"));
    agent.terminate();  // a second time does nothing
    BOOST_TEST(!agent.running());
  }
}

BOOST_AUTO_TEST_CASE(a_command_that_cannot_start_is_an_input_error_naming_it) {
  try {
    AgentProcess agent({"casim-no-such-agent", "--flag"});
    BOOST_FAIL("a missing command started");
  } catch (const casim::InputError& error) {
    BOOST_TEST(error.where() == "--agent");
    BOOST_TEST(std::string(error.what()) == "--agent: cannot start casim-no-such-agent: No such file or directory");
  }
  BOOST_CHECK_THROW(AgentProcess({"/etc/hostname"}), casim::InputError);  // not executable
}

BOOST_AUTO_TEST_CASE(writing_to_an_agent_that_has_gone_returns_false_without_sigpipe) {
  AgentProcess agent(sh("read first; exit 0"));
  BOOST_TEST(agent.write_line("first", kPatience));
  BOOST_TEST_REQUIRE(agent.exit_status(kPatience).has_value());
  BOOST_TEST(!agent.write_line("second", kPatience));
  BOOST_TEST(!agent.write_line("third", kPatience));
  sigset_t blocked;
  sigset_t pending;
  pthread_sigmask(SIG_BLOCK, nullptr, &blocked);
  sigpending(&pending);
  BOOST_TEST(!sigismember(&blocked, SIGPIPE));
  BOOST_TEST(!sigismember(&pending, SIGPIPE));
}

BOOST_AUTO_TEST_CASE(the_agent_gets_no_descriptor_of_casim_but_its_three_pipes) {
  const int leaked = open("/dev/null", O_RDONLY);  // not close-on-exec
  BOOST_TEST_REQUIRE(leaked > 2);
  AgentProcess agent(sh("test -e /proc/$$/fd/" + std::to_string(leaked) + " && echo open || echo closed"));
  expect_line(agent, "closed");
  close(leaked);
}

BOOST_AUTO_TEST_CASE(agents_on_several_threads_at_once_keep_to_their_own_lines) {
  std::vector<std::thread> threads;
  std::vector<int> answered(4, 0);
  for (std::size_t t = 0; t < answered.size(); ++t) {
    threads.emplace_back([t, &answered] {
      AgentProcess agent({"cat"});
      for (int i = 0; i < 200; ++i) {
        const std::string line = std::to_string(t) + ":" + std::to_string(i);
        const bool echoed = agent.write_line(line, kPatience) && agent.read_line(kPatience).line == line;
        answered[t] += echoed ? 1 : 0;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  BOOST_TEST(answered == std::vector<int>(4, 200), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()  // test_process
