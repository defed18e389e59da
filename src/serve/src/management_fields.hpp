// Reading a management request's JSON body: typed fields, and a BadRequest naming the field for
// anything missing or of the wrong type (answered HTTP 400).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace casim::serve::detail {

class BadRequest : public std::runtime_error {
 public:
  BadRequest(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const noexcept { return code_; }

 private:
  std::string code_;
};

class Fields {
 public:
  // The body as a JSON object (empty = {}); BadRequest otherwise.
  explicit Fields(const std::string& body);
  explicit Fields(nlohmann::json object, std::string prefix) : object_(std::move(object)), prefix_(std::move(prefix)) {}

  bool has(std::string_view name) const;
  std::string text(std::string_view name) const;  // required
  std::optional<std::string> optional_text(std::string_view name) const;
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max) const;  // required
  std::optional<std::int64_t> optional_integer(std::string_view name, std::int64_t min, std::int64_t max) const;
  std::optional<double> optional_number(std::string_view name) const;
  std::optional<bool> optional_bool(std::string_view name) const;
  std::vector<std::string> texts(std::string_view name) const;  // a required array of strings
  std::vector<Fields> objects(std::string_view name) const;      // a required array of objects

 private:
  const nlohmann::json* find(std::string_view name) const;
  [[noreturn]] void bad(std::string_view name, std::string_view expected) const;

  nlohmann::json object_;
  std::string prefix_;  // "records[0]." inside an array
};

}  // namespace casim::serve::detail
