// Text helpers of the intake checks: quoting untrusted bytes from a CSR for messages, counting
// characters.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace casim::mockca {

// `text` in single quotes with control bytes and DEL written as \xNN, so a message never carries
// raw control characters from a request.
std::string in_quotes(std::string_view text);

// The number of characters of UTF-8 `text` (bytes that do not continue a sequence).
std::size_t utf8_length(std::string_view text);

}  // namespace casim::mockca
