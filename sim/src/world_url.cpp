// Parsing and printing of the simulated web's http(s) URLs.
#include "casim/sim/world/url.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::sim::world {

std::string_view to_string(Scheme scheme) { return scheme == Scheme::Http ? "http" : "https"; }

std::uint16_t default_port(Scheme scheme) { return scheme == Scheme::Http ? 80 : 443; }

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(value);
}

bool has_space_or_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; });
}

std::string Url::to_string() const {
  const std::string port_text = port == default_port(scheme) ? "" : fmt::format(":{}", port);
  return fmt::format("{}://{}{}{}", world::to_string(scheme), host, port_text, path);
}

Url parse_url(std::string_view text, const std::string& where) {
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("'{}' is not an http(s) URL: {}", text, why));
  };
  if (has_space_or_control(text)) throw bad("it contains a space or control character");
  Url url;
  const auto separator = text.find("://");
  if (separator == std::string_view::npos) throw bad("no scheme (expected http:// or https://)");
  std::string scheme_storage;
  const std::string_view scheme = normal_name_view(text.substr(0, separator), scheme_storage);
  if (scheme == "http") {
    url.scheme = Scheme::Http;
  } else if (scheme == "https") {
    url.scheme = Scheme::Https;
  } else {
    throw bad(fmt::format("scheme '{}' is neither http nor https", text.substr(0, separator)));
  }
  std::string_view rest = text.substr(separator + 3);
  // Not find_first_of, which asks memchr about every character.
  const auto authority_end = static_cast<std::size_t>(
      std::find_if(rest.begin(), rest.end(), [](char c) { return c == '/' || c == '?' || c == '#'; }) - rest.begin());
  std::string_view authority = rest.substr(0, authority_end);
  rest = rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) throw bad("user information is not allowed");
  url.port = default_port(url.scheme);
  if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    const auto number = parse_port(port);
    if (!number) throw bad(fmt::format("port '{}' is not a number from 1 to 65535", port));
    url.port = *number;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) throw bad("no host");
  url.host = checked_name(authority, where);
  rest = rest.substr(0, rest.find('#'));
  url.path = rest.empty() ? "/" : rest.front() == '/' ? std::string(rest) : fmt::format("/{}", rest);
  return url;
}

}  // namespace casim::sim::world
