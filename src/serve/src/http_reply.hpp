// Reply: what the server sends back for one request, decided by the reseller and management
// endpoints (reseller_endpoint.cpp, management_endpoint.cpp) before the connection writes it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/serve/server.hpp"
#include "casim/serve/session.hpp"

namespace casim::serve::detail {

struct Reply {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::chrono::milliseconds delay{0};  // an injected delay before it is sent
  bool shutdown = false;               // stop the server once it is sent

  static Reply json(unsigned status, const nlohmann::json& body) { return {status, "application/json", body.dump() + "\n"}; }
  static Reply text(std::string body) { return {200, "text/plain; charset=utf-8", std::move(body)}; }
};

// What the endpoints read of a request.
struct Request {
  std::string method;
  std::string target;  // path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const;  // case-insensitive; the first
};

// POST / : TC3 verification, then the session's call (faults included).
Reply reseller_reply(Session& session, const ServerOptions& options, const Request& request);
// /_casim/… : the Bearer token, then the management action.
Reply management_reply(Session& session, const ServerOptions& options, const Request& request);
// The 413 of a body over the limit: the API's error envelope.
Reply too_large_reply(Session& session, std::size_t limit);

}  // namespace casim::serve::detail
