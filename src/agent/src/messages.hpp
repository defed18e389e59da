// The agent protocol's messages as JSON: the events casim sends (hello, the customer's order form,
// ca_update) and the typed reading of the fields of the agent's requests, whose faults are
// ProtocolErrors naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/reseller_api.hpp"
#include "casim/order/ordering_logic.hpp"

namespace casim::agent {

inline constexpr int kProtocolVersion = 1;

// The brands the run's plans name, the default brand ("") first: the product catalogue's order.
std::vector<std::string> brands_of(const std::vector<order::OrderPlan>& plans);
nlohmann::json hello_event(const order::RunContext& context, const std::vector<api::Product>& products);
// The order form of a `place` request.
nlohmann::json order_form(const order::OrderPlan& plan, const std::vector<api::Product>& products);
nlohmann::json ca_update_event(const mockca::OrderUpdate& update, const std::string& ref,
                               const std::string& certificate_id);

// Fields of a request: a ProtocolError naming the field when it is missing or of another type.
std::string string_field(const nlohmann::json& request, std::string_view name);
std::optional<std::string> optional_string(const nlohmann::json& request, std::string_view name);
std::optional<double> optional_number(const nlohmann::json& request, std::string_view name);
std::optional<long long> optional_integer(const nlohmann::json& request, std::string_view name);
// An instant field (ISO 8601, as casim writes them).
std::optional<sim::Instant> optional_instant(const nlohmann::json& request, std::string_view name);

}  // namespace casim::agent
