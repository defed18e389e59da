// What `casim probe` asks the real network, one DNS question or one HTTP request at a time, and
// what it got back: the seam between the sources that talk to the network (ldns_source.hpp,
// curl_source.hpp; scripted fakes in tests) and the code that turns answers into a simulated
// world and judges it with the mock CA's own checks. Sources follow nothing: no CNAME chains, no
// redirects, no retries beyond their transport's; the checks decide what to ask next.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/url.hpp"
#include "casim/sim/world/web.hpp"

namespace casim::probe {

// Limits on everything the probe does on the network, and where it connects.
struct NetworkLimits {
  std::chrono::milliseconds dns_timeout{5000};    // per DNS question, retries included
  std::chrono::milliseconds http_timeout{10000};  // per HTTP request, connection included
  std::size_t max_body = 64 * 1024;               // bytes of a response body kept; the rest is cut
  // A CA must not be usable to scan internal networks: without this, no connection is made to a
  // loopback, private, link-local or otherwise non-public address (the request is answered as
  // ConnectionRefused with a note saying why).
  bool allow_private = false;
  // The ports actually connected to for http and https URLs on their default ports (80, 443);
  // tests point these at servers on unprivileged loopback ports. URLs on other ports are never
  // fetched: the CA's rules refuse them before a source is asked.
  std::uint16_t http_port = 80;
  std::uint16_t https_port = 443;
};

// One DNS question's answer as the server gave it.
struct DnsObservation {
  std::string name;  // as asked, normalized (lower-case, no trailing dot)
  sim::world::DnsType type = sim::world::DnsType::TXT;
  // NoError, NxDomain, ServFail (also REFUSED and other error codes, named in `note`), Timeout.
  sim::world::DnsRcode rcode = sim::world::DnsRcode::NxDomain;
  // NoError: the answer's records owned by `name` — of the asked type, or `name`'s CNAME when it
  // is an alias. Records further down a chain a recursive server added are in `chain`.
  std::vector<sim::world::DnsRecord> records;
  std::vector<sim::world::DnsRecord> chain;  // evidence only
  // NXDOMAIN and NODATA: how long the absence may be cached (the authority SOA's minimum, capped
  // by its TTL); zero when the server sent no SOA.
  sim::Duration negative_ttl{};
  std::string server;  // who answered: "127.0.0.1:53"
  std::chrono::milliseconds elapsed{};
  std::string note;  // anything the verdict's reader needs: "REFUSED", "no answer in 5 s", …
};

class DnsSource {
 public:
  virtual ~DnsSource() = default;
  virtual DnsObservation lookup(std::string_view name, sim::world::DnsType type) = 0;
};

// One HTTP request's answer.
struct WebObservation {
  std::string url;  // as requested
  // None (an HTTP answer), Timeout, ConnectionRefused (also TLS failures and refused private
  // addresses, named in `note`), UnknownHost (the name has no address).
  sim::world::WebError error = sim::world::WebError::None;
  int status = 0;
  std::string body;        // at most NetworkLimits::max_body bytes
  bool truncated = false;  // the body was longer; `body` holds its first bytes
  std::string location;    // 3xx: the Location header resolved to an absolute URL ("" if none)
  std::string address;     // the address connected to ("127.0.0.1"), "" when none
  std::chrono::milliseconds elapsed{};
  std::string note;  // why there was no answer: the transport's error, a refused address, …
};

class WebSource {
 public:
  virtual ~WebSource() = default;
  // One request, no redirect followed. `url` is on its scheme's default port.
  virtual WebObservation fetch(const sim::world::Url& url) = 0;
};

}  // namespace casim::probe
