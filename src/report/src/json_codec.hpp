// Shared by json_write.cpp and json_read.cpp: the JSON form of the scenario's expectation
// definitions (so a merged report is evaluated again exactly as the shards were).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "casim/report/report.hpp"

namespace casim::report::detail {

nlohmann::json expectation_json(const scenario::OrderExpectation& expectation);
nlohmann::json expectation_json(const scenario::AggregateExpectation& expectation);

}  // namespace casim::report::detail
