// LdnsSource: DNS questions to a real server with ldns (Debian libldns-dev) — a resolver given by
// address, or the system's from /etc/resolv.conf — and their answers as DnsObservations.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "casim/probe/network.hpp"

struct ldns_struct_resolver;

namespace casim::probe {

// A resolver's address as given on the command line.
struct ResolverAddress {
  std::string ip;  // "192.0.2.53", "::1" (no brackets)
  std::uint16_t port = 53;

  std::string to_string() const;  // "192.0.2.53:53", "[::1]:53"
};

// "IP", "IP:PORT", "[IPv6]" or "[IPv6]:PORT" (a bare IPv6 address takes the default port).
// Throws InputError naming `where` with what is wrong otherwise.
ResolverAddress parse_resolver_address(std::string_view text, const std::string& where = "--resolver");

// Asks with recursion desired (so recursive and authoritative servers both answer), over UDP
// with a fallback to EDNS and then TCP when an answer is truncated. limits.dns_timeout bounds each
// lookup, retries included. Not thread-safe: one lookup at a time.
class LdnsSource : public DnsSource {
 public:
  // `resolver`: as parse_resolver_address reads it (InputError naming --resolver when it does not
  // parse); std::nullopt: the system's resolvers (InputError when /etc/resolv.conf is unusable).
  LdnsSource(std::optional<std::string_view> resolver, const NetworkLimits& limits);

  DnsObservation lookup(std::string_view name, sim::world::DnsType type) override;

 private:
  struct FreeResolver {
    void operator()(ldns_struct_resolver* resolver) const;
  };

  std::unique_ptr<ldns_struct_resolver, FreeResolver> resolver_;
  NetworkLimits limits_;
  std::string servers_;  // the addresses asked, for notes: "127.0.0.1:5353"
};

}  // namespace casim::probe
