// Quoting of untrusted request bytes for intake messages.
#include "intake_text.hpp"

#include <fmt/format.h>

namespace casim::mockca {

std::string in_quotes(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

}  // namespace casim::mockca
