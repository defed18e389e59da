// The exception casim throws for unreadable or invalid input: it says where and why.
// Business outcomes (a rejected CSR, a failed validation) are values, never exceptions.
#pragma once

#include <stdexcept>
#include <string>

namespace casim {

class InputError : public std::runtime_error {
 public:
  // `where` names the input (a file, file:line:column, an option, a field); `why` what is wrong.
  InputError(std::string where, const std::string& why)
      : std::runtime_error(where.empty() ? why : where + ": " + why), where_(std::move(where)) {}
  const std::string& where() const noexcept { return where_; }

 private:
  std::string where_;
};

}  // namespace casim
