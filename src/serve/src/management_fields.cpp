// Fields (management_fields.hpp): typed reads of a management body's fields.
#include "management_fields.hpp"

#include <fmt/format.h>

namespace casim::serve::detail {

Fields::Fields(const std::string& body) {
  object_ = nlohmann::json::parse(body.empty() ? "{}" : body, nullptr, false);
  if (object_.is_discarded()) throw BadRequest("InvalidJson", "the body is not well-formed JSON");
  if (!object_.is_object()) throw BadRequest("InvalidJson", "the body must be a JSON object");
}

const nlohmann::json* Fields::find(std::string_view name) const {
  const auto found = object_.find(name);
  return found == object_.end() || found->is_null() ? nullptr : &*found;
}

void Fields::bad(std::string_view name, std::string_view expected) const {
  throw BadRequest("InvalidField", fmt::format("\"{}{}\" must be {}", prefix_, name, expected));
}

bool Fields::has(std::string_view name) const { return find(name) != nullptr; }

std::optional<std::string> Fields::optional_text(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) bad(name, "a string");
  return value->get<std::string>();
}

std::string Fields::text(std::string_view name) const {
  const auto value = optional_text(name);
  if (!value) throw BadRequest("MissingField", fmt::format("\"{}{}\" is required", prefix_, name));
  return *value;
}

std::optional<std::int64_t> Fields::optional_integer(std::string_view name, std::int64_t min, std::int64_t max) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  const std::string expected = fmt::format("an integer from {} to {}", min, max);
  if (!value->is_number_integer()) bad(name, expected);
  const auto number = value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                          ? max + 1
                          : value->get<std::int64_t>();
  if (number < min || number > max) bad(name, expected);
  return number;
}

std::int64_t Fields::integer(std::string_view name, std::int64_t min, std::int64_t max) const {
  const auto value = optional_integer(name, min, max);
  if (!value) throw BadRequest("MissingField", fmt::format("\"{}{}\" is required", prefix_, name));
  return *value;
}

std::optional<double> Fields::optional_number(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) bad(name, "a number");
  return value->get<double>();
}

std::optional<bool> Fields::optional_bool(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) bad(name, "true or false");
  return value->get<bool>();
}

std::vector<std::string> Fields::texts(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) throw BadRequest("MissingField", fmt::format("\"{}{}\" is required", prefix_, name));
  if (!value->is_array()) bad(name, "an array of strings");
  std::vector<std::string> texts;
  for (const auto& item : *value) {
    if (!item.is_string()) bad(name, "an array of strings");
    texts.push_back(item.get<std::string>());
  }
  return texts;
}

std::vector<Fields> Fields::objects(std::string_view name) const {
  const nlohmann::json* value = find(name);
  if (value == nullptr) throw BadRequest("MissingField", fmt::format("\"{}{}\" is required", prefix_, name));
  if (!value->is_array()) bad(name, "an array of objects");
  std::vector<Fields> objects;
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_object()) bad(name, "an array of objects");
    objects.emplace_back((*value)[i], fmt::format("{}{}[{}].", prefix_, name, i));
  }
  return objects;
}

}  // namespace casim::serve::detail
