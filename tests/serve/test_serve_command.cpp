// `casim serve` as a process: the ready line, SIGTERM ⇒ exit 143 with the final reports published
// into --out, POST /_casim/shutdown ⇒ exit 0, and exit 2 with a clear message for bad options,
// credentials files and scenarios.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

using namespace casim;
using namespace casim::serve::test;
using casim::test::casim_path;
using casim::test::run_command;
using casim::test::TempDir;

namespace {

// `casim serve ARGS…` started with its stdout on a pipe; the port read from the ready line.
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    args.insert(args.begin(), {casim_path(), "serve", "--listen", "127.0.0.1:0"});
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int out[2];
    BOOST_TEST_REQUIRE(pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    BOOST_TEST_REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    std::string line;
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    ready_line_ = line;
    const std::string prefix = "casim serve: listening on http://127.0.0.1:";
    BOOST_TEST_REQUIRE(line.starts_with(prefix), line);
    port_ = static_cast<unsigned short>(std::stoi(line.substr(prefix.size())));
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      wait();
    }
  }

  unsigned short port() const { return port_; }
  void signal(int number) const { kill(pid_, number); }
  // The exit code (128 + signal when killed).
  int wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = 0;
  unsigned short port_ = 0;
  std::string ready_line_;
};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

BOOST_AUTO_TEST_CASE(sigterm_publishes_the_reports_and_exits_143) {
  const TempDir dir;
  const auto out = dir.path() / "out";
  ServeProcess serve({"--out", out.string()});
  {
    HttpClient client(serve.port());
    const HttpAnswer bought = client.api("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}});
    BOOST_TEST_REQUIRE(!bought.json().at("Response").contains("Error"), bought.body);
  }
  serve.signal(SIGTERM);
  BOOST_TEST(serve.wait() == 143);
  const nlohmann::json report = nlohmann::json::parse(read_file(out / "report.json"));
  BOOST_TEST(report.at("scenarios").at(0).at("runs").at(0).at("orders").size() == 1u);
  BOOST_TEST(std::filesystem::exists(out / "junit.xml"));
  BOOST_TEST(read_file(out / "certs" / "root.pem").starts_with("-----BEGIN CERTIFICATE-----"));
}

BOOST_AUTO_TEST_CASE(the_shutdown_endpoint_publishes_and_exits_0) {
  const TempDir dir;
  const auto out = dir.path() / "out";
  ServeProcess serve({"--out", out.string(), "--clock", "scaled", "--speed", "3600"});
  {
    HttpClient client(serve.port());
    const HttpAnswer time = client.manage("GET", "/_casim/time");
    BOOST_TEST(time.json().at("clock") == "scaled");
    BOOST_TEST(client.manage("POST", "/_casim/shutdown").json() == (nlohmann::json{{"ok", true}}));
  }
  BOOST_TEST(serve.wait() == 0);
  BOOST_TEST(std::filesystem::exists(out / "report.json"));
}

BOOST_AUTO_TEST_CASE(bad_options_credentials_and_scenarios_exit_2_saying_why) {
  const TempDir dir;
  const auto listen = run_command({casim_path(), "serve", "--listen", "127.0.0.1"});
  BOOST_TEST(listen.exit_code == 2);
  BOOST_TEST(listen.err.find("HOST:PORT") != std::string::npos, listen.err);
  const auto clock = run_command({casim_path(), "serve", "--clock", "sometimes"});
  BOOST_TEST(clock.exit_code == 2);
  BOOST_TEST(clock.err.find("--clock") != std::string::npos, clock.err);

  const auto credentials = dir.path() / "credentials.json";
  std::ofstream(credentials) << R"({"credentials": [{"SecretId": "AKIDx"}], "management_token": "t"})";
  const auto bad_credentials = run_command({casim_path(), "serve", "--credentials", credentials.string()});
  BOOST_TEST(bad_credentials.exit_code == 2);
  BOOST_TEST(bad_credentials.err.find("credentials.json") != std::string::npos, bad_credentials.err);
  BOOST_TEST(bad_credentials.err.find("SecretKey") != std::string::npos, bad_credentials.err);

  const auto scenario = dir.path() / "broken.yaml";
  std::ofstream(scenario) << "name: broken\nstart: yesterday\n";
  const auto bad_scenario = run_command({casim_path(), "serve", scenario.string(), "--out", (dir.path() / "o").string()});
  BOOST_TEST(bad_scenario.exit_code == 2);
  BOOST_TEST(bad_scenario.err.find("broken.yaml:") != std::string::npos, bad_scenario.err);
  BOOST_TEST(bad_scenario.out.empty());
}
