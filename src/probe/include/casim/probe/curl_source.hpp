// CurlSource: one HTTP(S) request with libcurl (Debian libcurl4-openssl-dev) to the address the
// probe's own DnsSource gives, under the CA's rules rather than curl's defaults: no redirect
// followed, certificate errors ignored, bounded time and body, no connection to a non-public
// address unless allowed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "casim/probe/network.hpp"

namespace casim::probe {

// Why an IPv4 address is not on the public internet ("a loopback address", "a private (RFC 1918)
// address", …), or std::nullopt for a public one (and for text that is no dotted quad).
std::optional<std::string> non_public_ipv4(std::string_view address);

// Resolves the host with `dns` (A records, following its CNAME chain up to
// sim::world::kMaxCnameChain links) and connects to the first usable address on
// limits.http_port or limits.https_port, with the Host header and TLS server name the URL's host.
// Not thread-safe: one request at a time.
class CurlSource : public WebSource {
 public:
  // `dns` must outlive the source.
  CurlSource(DnsSource& dns, const NetworkLimits& limits);

  WebObservation fetch(const sim::world::Url& url) override;

 private:
  DnsSource& dns_;
  NetworkLimits limits_;
};

}  // namespace casim::probe
