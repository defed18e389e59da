// casim serve under load: 200 concurrent keep-alive clients doing a mix of calls (buy, submit
// information and the order, describe, check the domain, read the clock) for
// CASIM_SERVE_SOAK_SECONDS (default 4) — no error, no connection lost, and every certificate
// created describable afterwards. The figures are printed (run with --log_level=message).
#include "http_client.hpp"
#include "serve_support.hpp"

#include <atomic>
#include <cstdlib>
#include <mutex>

#include <fmt/format.h>

BOOST_AUTO_TEST_SUITE(test_soak)

using namespace casim;
using namespace casim::serve;
using namespace casim::serve::test;

namespace {

constexpr int kClients = 200;

double soak_seconds() {
  const char* text = std::getenv("CASIM_SERVE_SOAK_SECONDS");
  return text != nullptr && *text != '\0' ? std::atof(text) : 4.0;
}

struct Tally {
  std::atomic<long> requests{0};
  std::atomic<long> errors{0};
  std::mutex mutex;
  std::vector<std::string> created;
  std::vector<std::string> problems;  // the first few

  void problem(std::string text) {
    ++errors;
    const std::lock_guard lock(mutex);
    if (problems.size() < 5) problems.push_back(std::move(text));
  }
};

// One client's loop: an order's life in calls, again and again, until `until`.
void client_loop(unsigned short port, int index, std::chrono::steady_clock::time_point until, Tally& tally) {
  try {
    HttpClient client(port);
    const auto call = [&](const std::string& action, const json& params) {
      const HttpAnswer answer = client.api(action, params);
      ++tally.requests;
      const json body = answer.json();
      if (answer.status != 200 || body.at("Response").contains("Error")) {
        tally.problem(action + ": " + answer.body.substr(0, 300));
        return json();
      }
      return body.at("Response");
    };
    for (int round = 0; std::chrono::steady_clock::now() < until; ++round) {
      const json bought = call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", 2}, {"TimeSpan", 1}});
      if (bought.is_null()) continue;
      const std::string id = bought.at("CertificateIds").at(0);
      {
        const std::lock_guard lock(tally.mutex);
        tally.created.push_back(id);
      }
      const std::string domain = "c" + std::to_string(index) + "r" + std::to_string(round) + ".example.com";
      call("CertificateInfoSubmit", dv_info(id, domain));
      call("CertificateOrderSubmit", {{"CertId", id}, {"VerifyType", "DNS"}});
      call("DescribeCertificateDetail", {{"CertificateId", id}});
      call("CheckCertificateDomainVerification", {{"CertificateId", id}});
      if (client.manage("GET", "/_casim/time").status != 200) tally.problem("GET /_casim/time");
      ++tally.requests;
    }
  } catch (const std::exception& failure) {
    tally.problem(std::string("client ") + std::to_string(index) + ": " + failure.what());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_hundred_concurrent_clients_lose_nothing) {
  const auto session = make_session();
  RunningServer server(*session);
  Tally tally;
  const auto began = std::chrono::steady_clock::now();
  const auto until = began + std::chrono::milliseconds(static_cast<long>(soak_seconds() * 1000));
  std::vector<std::thread> clients;
  for (int index = 0; index < kClients; ++index) {
    clients.emplace_back(client_loop, server.port(), index, until, std::ref(tally));
  }
  for (auto& client : clients) client.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  BOOST_TEST_MESSAGE(fmt::format("{} clients, {:.1f} s: {} requests ({:.0f}/s), {} certificates created, {} errors",
                                 kClients, elapsed, tally.requests.load(), static_cast<double>(tally.requests.load()) / elapsed,
                                 tally.created.size(), tally.errors.load()));
  for (const auto& problem : tally.problems) BOOST_TEST_MESSAGE(problem);
  BOOST_TEST(tally.errors.load() == 0);
  BOOST_TEST(tally.created.size() >= static_cast<std::size_t>(kClients));

  HttpClient checker(server.port());
  std::size_t described = 0;
  for (const std::string& id : tally.created) {
    const json detail = checker.api("DescribeCertificateDetail", {{"CertificateId", id}}).json().at("Response");
    if (!detail.contains("Error") && detail.at("CertificateId") == id) ++described;
  }
  BOOST_TEST(described == tally.created.size());
}

BOOST_AUTO_TEST_SUITE_END()  // test_soak
