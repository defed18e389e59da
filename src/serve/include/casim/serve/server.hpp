// Server: `casim serve`'s HTTP/1.1 front — the reseller API (POST /, TC3-signed) and the management
// API (/_casim/, Bearer token) over one Session, on one thread with asynchronous I/O (Boost.Beast).
// Requests are applied to the session one at a time, in the order they are read.
//
// Contract:
// - Keep-alive; bodies over ServerOptions::body_limit are answered 413 with the API's error
//   envelope (InvalidParameter.RequestTooLarge) and the connection is closed; a client that does
//   not finish a request within read_timeout is dropped, others are served meanwhile.
// - Every reseller API answer is HTTP 200 with the API's envelope (a fault may send an empty body
//   or answer late); management answers are JSON (errors HTTP 4xx {"error":{"code","message"}}),
//   except /_casim/trace and /_casim/root (text/plain).
// - run() returns when POST /_casim/shutdown was answered, stop() was called, or one of
//   `stop_signals` arrived (which it then names). Binding throws (a std::runtime_error saying why).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "casim/api/tc3_signature.hpp"
#include "casim/serve/session.hpp"

namespace casim::serve {

// The public test credentials of docs/serve.md, accepted when no credentials file is given.
inline constexpr std::string_view kTestSecretId = "AKIDcasimTESTsecretId00000000000000";
inline constexpr std::string_view kTestSecretKey = "casimTESTsecretKey000000000000000";
inline constexpr std::string_view kTestManagementToken = "casim-test-token";

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 9180;  // 0: a free port
  std::vector<api::Tc3Credential> credentials{{std::string(kTestSecretId), std::string(kTestSecretKey)}};
  std::string management_token{kTestManagementToken};
  std::chrono::milliseconds read_timeout{10'000};
  std::size_t body_limit = 1 << 20;
  std::vector<int> stop_signals;  // e.g. SIGINT, SIGTERM
  // Scaled clocks: how often simulated time catches up with the wall clock between requests.
  std::chrono::milliseconds clock_tick{100};
};

// Why run() returned.
struct ServerStop {
  int signal = 0;  // the stop signal that arrived; 0 for the shutdown endpoint or stop()
};

class Server {
 public:
  // Binds and listens; `session` must outlive the server.
  Server(Session& session, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;  // the port bound (the real one when 0 was asked)
  ServerStop run();
  void stop();  // from any thread

  struct Impl;  // server.cpp (named here for its connections)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace casim::serve
