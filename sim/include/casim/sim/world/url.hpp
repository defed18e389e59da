// URLs as the simulated web understands them: http or https, a host name, a port, a path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace casim::sim::world {

enum class Scheme { Http, Https };
std::string_view to_string(Scheme scheme);
std::uint16_t default_port(Scheme scheme);
// A TCP port from 1 to 65535 in decimal digits; nothing for any other text.
std::optional<std::uint16_t> parse_port(std::string_view text);
// Whether `text` has a space or a control character, which no part of a URL may hold.
bool has_space_or_control(std::string_view text);

struct Url {
  Scheme scheme = Scheme::Http;
  std::string host;  // normalized (lower-case, no trailing dot)
  std::uint16_t port = 80;
  std::string path = "/";  // starts with '/', includes any query; the fragment is dropped

  // scheme://host[:port]path, the port only when it is not the scheme's default.
  std::string to_string() const;

  friend bool operator==(const Url&, const Url&) = default;
};

// Parses an absolute http(s) URL. No user information, no IP literals beyond dotted names, no
// spaces or control characters. Throws InputError naming `where` with the reason otherwise.
Url parse_url(std::string_view text, const std::string& where = "url");

}  // namespace casim::sim::world
