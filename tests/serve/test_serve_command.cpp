// `casim serve` as a process: the ready line, SIGTERM ⇒ exit 143 with the final reports published
// into --out, POST /_casim/shutdown ⇒ exit 0, and exit 2 with a clear message for bad options,
// credentials files and scenarios.
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "run_command.hpp"
#include "serve_process.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_serve_command)

using namespace casim;
using namespace casim::serve::test;
using casim::test::casim_path;
using casim::test::read_text;
using casim::test::ServeProcess;
using casim::test::run_command;
using casim::test::TempDir;

BOOST_AUTO_TEST_CASE(sigterm_publishes_the_reports_and_exits_143) {
  const TempDir dir;
  const auto out = dir.path() / "out";
  ServeProcess serve({"--out", out.string()}, dir.path());
  {
    HttpClient client(serve.port());
    const HttpAnswer bought = client.api("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 1}, {"TimeSpan", 1}});
    BOOST_TEST_REQUIRE(!bought.json().at("Response").contains("Error"), bought.body);
  }
  serve.signal(SIGTERM);
  BOOST_TEST(serve.wait() == 143);
  const nlohmann::json report = nlohmann::json::parse(read_text(out / "report.json"));
  BOOST_TEST(report.at("scenarios").at(0).at("runs").at(0).at("orders").size() == 1u);
  BOOST_TEST(std::filesystem::exists(out / "junit.xml"));
  BOOST_TEST(read_text(out / "certs" / "root.pem").starts_with("-----BEGIN CERTIFICATE-----"));
}

BOOST_AUTO_TEST_CASE(the_shutdown_endpoint_publishes_and_exits_0) {
  const TempDir dir;
  const auto out = dir.path() / "out";
  ServeProcess serve({"--out", out.string(), "--clock", "scaled", "--speed", "3600"}, dir.path());
  {
    HttpClient client(serve.port());
    const HttpAnswer time = client.manage("GET", "/_casim/time");
    BOOST_TEST(time.json().at("clock") == "scaled");
    BOOST_TEST(client.manage("POST", "/_casim/shutdown").json() == (nlohmann::json{{"ok", true}}));
  }
  BOOST_TEST(serve.wait() == 0);
  BOOST_TEST(std::filesystem::exists(out / "report.json"));
}

BOOST_AUTO_TEST_CASE(a_scenario_without_orders_gives_its_start_and_seed) {
  const TempDir dir;
  const auto scenario = dir.path() / "tiny.yaml";
  std::ofstream(scenario) << "name: tiny\nstart: 2026-09-14T09:00:00+08:00\nseed: 5\nworld:\n  dns:\n    zones: [example.org]\n";
  ServeProcess serve({scenario.string(), "--out", (dir.path() / "out").string()}, dir.path());
  HttpClient client(serve.port());
  BOOST_TEST(client.manage("GET", "/_casim/time").json().at("now") == "2026-09-14T09:00:00+08:00");
  const std::string request_id = client.api("NoSuchAction", nlohmann::json::object()).json().at("Response").at("RequestId");
  BOOST_TEST(request_id.starts_with("00000005-"));  // the scenario's seed
  BOOST_TEST(client.manage("POST", "/_casim/shutdown").status == 200u);
  BOOST_TEST(serve.wait() == 0);
  const nlohmann::json report = nlohmann::json::parse(read_text(dir.path() / "out" / "report.json"));
  BOOST_TEST(report.at("scenarios").at(0).at("name") == "tiny");
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

BOOST_AUTO_TEST_SUITE_END()  // test_serve_command
