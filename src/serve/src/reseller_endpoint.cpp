// The reseller API endpoint (http_reply.hpp): POST / checked as the cloud API checks it — the TC3
// signature against the accepted credentials, the action and version headers, a JSON object body —
// then served by the session; every refusal is the API's error envelope with HTTP 200.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "casim/mockca/api.hpp"
#include "casim/sim/text.hpp"
#include "http_reply.hpp"

namespace casim::serve::detail {
namespace {

constexpr std::string_view kApiVersion = "2019-12-05";

Reply envelope(const api::CallAnswer& answer) { return Reply::json(200, answer.response); }

Reply refusal(Session& session, mockca::Reason reason, std::string message) {
  return envelope(session.refuse(mockca::make_api_error({mockca::Finding{reason, std::move(message), ""}})));
}

std::int64_t wall_unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (sim::equal_ignoring_case(key, name)) return value;
  }
  return std::nullopt;
}

Reply reseller_reply(Session& session, const ServerOptions& options, const Request& request) {
  if (request.method != "POST") {
    return refusal(session, mockca::Reason::ApiInvalidAction,
                   fmt::format("the reseller API takes POST requests, not {}", request.method));
  }
  const auto query = request.target.find('?');
  api::SignedHttpRequest signed_request{request.method, request.target.substr(0, query),
                                        query == std::string::npos ? "" : request.target.substr(query + 1),
                                        request.headers, request.body};
  if (const auto problem = api::verify_tc3_signature(signed_request, options.credentials, wall_unix_seconds())) {
    return envelope(session.refuse(*problem));
  }
  const std::optional<std::string> action = request.header("X-TC-Action");
  if (!action || action->empty()) {
    return refusal(session, mockca::Reason::ApiMissingParameter, "the X-TC-Action header is missing");
  }
  const std::optional<std::string> version = request.header("X-TC-Version");
  if (!version || *version != kApiVersion) {
    return refusal(session, mockca::Reason::ApiInvalidParameterValue,
                   fmt::format("X-TC-Version must be {}, got \"{}\"", kApiVersion, version.value_or("")));
  }
  nlohmann::json params = nlohmann::json::parse(request.body.empty() ? "{}" : request.body, nullptr, false);
  if (params.is_discarded() || !params.is_object()) {
    return refusal(session, mockca::Reason::ApiInvalidParameter,
                   params.is_discarded() ? "the body is not well-formed JSON" : "the body must be a JSON object");
  }
  const ServedCall served = session.call(*action, params);
  Reply reply = envelope(served.answer);
  if (served.fault && served.fault->kind == FaultKind::EmptyBody) reply.body.clear();
  if (served.fault && served.fault->kind == FaultKind::Delay) reply.delay = served.fault->delay;
  return reply;
}

Reply too_large_reply(Session& session, std::size_t limit) {
  Reply reply = refusal(session, mockca::Reason::ApiRequestTooLarge,
                        fmt::format("the request body exceeds the limit of {} bytes", limit));
  reply.status = 413;
  return reply;
}

}  // namespace casim::serve::detail
