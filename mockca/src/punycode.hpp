// Punycode (RFC 3492) decoding and encoding, used to tell a valid `xn--` label from a malformed
// one. Works on the part after `xn--`; code points are UTF-32.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace casim::mockca {

// Decodes a Punycode string (the label without its "xn--" prefix); nothing when it is malformed
// (a non-basic character, a bad digit, overflow, or a code point out of range).
std::optional<std::u32string> punycode_decode(std::string_view encoded);

// Encodes code points as Punycode (without the "xn--" prefix); nothing on overflow.
std::optional<std::string> punycode_encode(std::u32string_view code_points);

}  // namespace casim::mockca
