// ParamReader: typed reads of an action's params, the first problem kept as an ApiError.
#include "param_reader.hpp"

#include <limits>

namespace casim::api::detail {

mockca::ApiError api_error(mockca::Reason reason, std::string message) {
  return mockca::make_api_error({mockca::Finding{reason, std::move(message), ""}});
}

ParamReader::ParamReader(const nlohmann::json& params) : params_(params) {
  if (!params.is_object() && !params.is_null()) {
    fail(api_error(mockca::Reason::ApiInvalidParameter,
                   std::string("params must be an object, got ") + params.type_name()));
  }
}

const nlohmann::json* ParamReader::find(std::string_view field) const {
  if (!params_.is_object()) return nullptr;
  const auto found = params_.find(field);
  if (found == params_.end() || found->is_null()) return nullptr;
  return &*found;
}

bool ParamReader::has(std::string_view field) const { return find(field) != nullptr; }

bool ParamReader::require(std::string_view field, std::string_view why) {
  if (!ok()) return false;
  if (has(field)) return true;
  fail(api_error(mockca::Reason::ApiMissingParameter,
                 std::string(field) + " is required" + (why.empty() ? "" : " ") + std::string(why)));
  return false;
}

void ParamReader::wrong_type(std::string_view field, std::string_view expected, const nlohmann::json& value) {
  fail(api_error(mockca::Reason::ApiInvalidParameter,
                 std::string(field) + " must be " + std::string(expected) + ", got " + value.type_name()));
}

void ParamReader::bad_value(std::string_view field, std::string_view allowed, std::string_view got) {
  fail(api_error(mockca::Reason::ApiInvalidParameterValue,
                 std::string(field) + " must be " + std::string(allowed) + ", got '" + std::string(got) + "'"));
}

void ParamReader::fail(mockca::ApiError error) {
  if (!error_) error_ = std::move(error);
}

std::optional<std::string> ParamReader::string(std::string_view field) {
  const nlohmann::json* value = ok() ? find(field) : nullptr;
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(field, "a string", *value);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::string ParamReader::required_string(std::string_view field, std::string_view why) {
  if (!require(field, why)) return {};
  return string(field).value_or("");
}

std::optional<std::int64_t> ParamReader::integer(std::string_view field, std::int64_t min, std::int64_t max) {
  const nlohmann::json* value = ok() ? find(field) : nullptr;
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    wrong_type(field, "an integer", *value);
    return std::nullopt;
  }
  const bool too_big = value->is_number_unsigned() &&
                       value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const std::int64_t number = too_big ? std::numeric_limits<std::int64_t>::max() : value->get<std::int64_t>();
  if (too_big || number < min || number > max) {
    bad_value(field, std::to_string(min) + "–" + std::to_string(max), value->dump());
    return std::nullopt;
  }
  return number;
}

std::optional<bool> ParamReader::flag(std::string_view field) {
  const nlohmann::json* value = ok() ? find(field) : nullptr;
  if (value == nullptr) return std::nullopt;
  if (value->is_boolean()) return value->get<bool>();
  if (!value->is_number_integer()) {
    wrong_type(field, "a boolean (or 0 or 1)", *value);
    return std::nullopt;
  }
  const auto number = integer(field, 0, 1);
  if (!number) return std::nullopt;
  return *number == 1;
}

std::optional<std::vector<std::string>> ParamReader::strings(std::string_view field) {
  const nlohmann::json* value = ok() ? find(field) : nullptr;
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    wrong_type(field, "a list of strings", *value);
    return std::nullopt;
  }
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    if (!item.is_string()) {
      wrong_type(std::string(field) + "[" + std::to_string(i) + "]", "a string", item);
      return std::nullopt;
    }
    texts.push_back(item.get<std::string>());
  }
  return texts;
}

std::optional<std::vector<std::int64_t>> ParamReader::integers(std::string_view field) {
  const nlohmann::json* value = ok() ? find(field) : nullptr;
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    wrong_type(field, "a list of integers", *value);
    return std::nullopt;
  }
  std::vector<std::int64_t> numbers;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    if (!item.is_number_integer() || (item.is_number_unsigned() && item.get<std::uint64_t>() > INT64_MAX)) {
      wrong_type(std::string(field) + "[" + std::to_string(i) + "]", "an integer", item);
      return std::nullopt;
    }
    numbers.push_back(item.get<std::int64_t>());
  }
  return numbers;
}

}  // namespace casim::api::detail
