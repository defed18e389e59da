// A small HTTP/1.1 client for the casim serve tests (Boost.Beast, blocking, keep-alive): reseller
// API calls signed with TC3 as the SDKs sign them, management calls with the Bearer token, raw
// requests; and a Server running on its own thread for the length of a test.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "casim/api/tc3_signature.hpp"
#include "casim/serve/server.hpp"

namespace casim::serve::test {

struct HttpAnswer {
  unsigned status = 0;
  std::string body;
  std::string content_type;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port), stream_(io_) {
    stream_.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  // Sends one request on the connection and reads the answer.
  HttpAnswer send(const std::string& method, const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body) {
    namespace http = boost::beast::http;
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, host());
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(stream_, request);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream_, buffer, parser);
    const auto& response = parser.get();
    return {response.result_int(), response.body(), std::string(response[http::field::content_type])};
  }

  // A reseller API call signed by `credential` at `timestamp`.
  HttpAnswer api(const std::string& action, const nlohmann::json& params,
                 const api::Tc3Credential& credential = test_credential(), std::int64_t timestamp = unix_now()) {
    api::SignedHttpRequest request;
    request.headers = {{"Content-Type", "application/json"}, {"Host", host()}, {"X-TC-Action", action},
                       {"X-TC-Version", "2019-12-05"}, {"X-TC-Timestamp", std::to_string(timestamp)}};
    request.body = params.dump();
    std::vector<std::pair<std::string, std::string>> headers = request.headers;
    headers.emplace_back("Authorization", api::sign_tc3(request, credential, "ssl", timestamp));
    return send("POST", "/", headers, request.body);
  }

  // A management call with the test token (or `token`).
  HttpAnswer manage(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                    const std::string& token = std::string(kTestManagementToken)) {
    return send(method, path, {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                body.is_null() ? "" : body.dump());
  }

  static api::Tc3Credential test_credential() { return {std::string(kTestSecretId), std::string(kTestSecretKey)}; }

  boost::beast::tcp_stream& stream() { return stream_; }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  unsigned short port_;
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
};

// A Server on port 0 over `session`, run on its own thread until the object goes away.
class RunningServer {
 public:
  RunningServer(Session& session, ServerOptions options = {}) {
    options.port = 0;
    server_.emplace(session, std::move(options));
    thread_ = std::thread([this] { server_->run(); });
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  unsigned short port() const { return server_->port(); }

 private:
  std::optional<Server> server_;
  std::thread thread_;
};

}  // namespace casim::serve::test
