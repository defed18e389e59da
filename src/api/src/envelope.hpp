// The reseller API's response envelope: {"Response": {…fields…, "RequestId"}} and the error form
// {"Response": {"Error": {"Code", "Message", "Reasons"}, "RequestId"}} ("Reasons", the catalogue
// codes of every finding, is casim's extension); and how an action's reply becomes a CallAnswer.
#pragma once

#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "casim/api/call_answer.hpp"

namespace casim::api::detail {

// Sets the answer's response (and error) from what the action replied.
void finish(CallAnswer& answer, const mockca::ApiResult<nlohmann::json>& reply, std::string_view request_id);

// InvalidAction naming the actions served, and the closest one when it is a likely typo.
mockca::ApiError unknown_action(std::string_view action, std::span<const std::string_view> actions);

}  // namespace casim::api::detail
