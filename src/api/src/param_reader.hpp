// ParamReader: an action's params read with the types the reseller API gives them. The first
// problem found is kept as an ApiError — MissingParameter, InvalidParameter (wrong JSON type) or
// InvalidParameterValue (a value outside those allowed), its message naming the field — and every
// read after it gives nothing. A field that is null counts as absent; fields nobody reads are
// ignored, as the reseller's API ignores them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/mockca/api.hpp"

namespace casim::api::detail {

// An ApiError of one finding with an Api* reason.
mockca::ApiError api_error(mockca::Reason reason, std::string message);

class ParamReader {
 public:
  // `params` must outlive the reader; anything but an object or null is an InvalidParameter.
  explicit ParamReader(const nlohmann::json& params);

  bool has(std::string_view field) const;  // present and not null
  // Absent: nothing (and, when required, MissingParameter "<field> is required <why>").
  bool require(std::string_view field, std::string_view why = "");

  std::optional<std::string> string(std::string_view field);
  std::string required_string(std::string_view field, std::string_view why = "");
  std::optional<std::int64_t> integer(std::string_view field, std::int64_t min, std::int64_t max);
  std::optional<bool> flag(std::string_view field);  // true/false, or the SDK's 1/0
  std::optional<std::vector<std::string>> strings(std::string_view field);
  std::optional<std::vector<std::int64_t>> integers(std::string_view field);

  // A string that must be text_of(v) for one of `values`.
  template <typename T, typename TextOf>
  std::optional<T> choice(std::string_view field, std::span<const T> values, TextOf text_of) {
    const auto text = string(field);
    if (!text) return std::nullopt;
    for (const T& value : values) {
      if (text_of(value) == *text) return value;
    }
    std::string allowed;
    for (const T& value : values) allowed += (allowed.empty() ? "" : ", ") + std::string(text_of(value));
    bad_value(field, "one of " + allowed, *text);
    return std::nullopt;
  }

  // InvalidParameterValue: "<field> must be <allowed>, got '<got>'".
  void bad_value(std::string_view field, std::string_view allowed, std::string_view got);
  // Keeps `error` unless an earlier one is kept.
  void fail(mockca::ApiError error);

  bool ok() const { return !error_; }
  const std::optional<mockca::ApiError>& error() const { return error_; }

 private:
  const nlohmann::json* find(std::string_view field) const;
  void wrong_type(std::string_view field, std::string_view expected, const nlohmann::json& value);

  const nlohmann::json& params_;
  std::optional<mockca::ApiError> error_;
};

}  // namespace casim::api::detail
