// Text helpers of the intake checks: quoting untrusted bytes from a CSR for messages.
#pragma once

#include <string>
#include <string_view>

namespace casim::mockca {

// `text` in single quotes with control bytes and DEL written as \xNN, so a message never carries
// raw control characters from a request.
std::string in_quotes(std::string_view text);

}  // namespace casim::mockca
