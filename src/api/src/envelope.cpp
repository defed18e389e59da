// Response envelopes, errors as the reseller API writes them, and unknown actions.
#include "envelope.hpp"

#include "casim/sim/edit_distance.hpp"
#include "param_reader.hpp"

namespace casim::api::detail {

void finish(CallAnswer& answer, const mockca::ApiResult<nlohmann::json>& reply, std::string_view request_id) {
  nlohmann::json body = nlohmann::json::object();
  if (reply) {
    body = reply.value();
  } else {
    const mockca::ApiError& error = reply.error();
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& finding : error.findings) reasons.push_back(mockca::info(finding.reason).code);
    body["Error"] = {{"Code", error.code}, {"Message", error.findings.front().message}, {"Reasons", reasons}};
    answer.error = error;
  }
  body["RequestId"] = request_id;
  answer.response = {{"Response", std::move(body)}};
}

}  // namespace casim::api::detail

namespace casim::api {

CallAnswer error_answer(mockca::ApiError error, std::string_view request_id) {
  CallAnswer answer;
  detail::finish(answer, mockca::ApiResult<nlohmann::json>(std::move(error)), request_id);
  return answer;
}

}  // namespace casim::api

namespace casim::api::detail {

mockca::ApiError unknown_action(std::string_view action, std::span<const std::string_view> actions) {
  std::string_view closest;
  std::size_t best = 3;  // a hint only for up to two edits
  std::string known;
  for (const std::string_view each : actions) {
    known += (known.empty() ? "" : ", ") + std::string(each);
    const std::size_t distance = sim::edit_distance(action, each);
    if (distance < best) {
      best = distance;
      closest = each;
    }
  }
  return api_error(mockca::Reason::ApiInvalidAction,
                   "action '" + std::string(action) + "' is not served" +
                       (closest.empty() ? "" : " (did you mean " + std::string(closest) + "?)") + "; actions: " + known);
}

}  // namespace casim::api::detail
