// CurlSource: the host's address from the probe's DnsSource, the address policy, and one libcurl
// request to exactly that address, read into a WebObservation.
#include "casim/probe/curl_source.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "casim/sim/world/dns.hpp"

namespace casim::probe {
namespace {

using sim::world::DnsRcode;
using sim::world::DnsRecord;
using sim::world::DnsType;
using sim::world::WebError;

struct CurlRange {
  std::uint32_t network;
  int prefix;
  const char* kind;
};

// IANA's special-purpose IPv4 registry, less the globally reachable entries.
constexpr std::array<CurlRange, 15> kCurlNonPublicRanges{{
    {0x00000000, 8, "a 'this network' (0.0.0.0/8)"},
    {0x0A000000, 8, "a private (RFC 1918)"},
    {0x64400000, 10, "a shared (carrier-grade NAT, RFC 6598)"},
    {0x7F000000, 8, "a loopback"},
    {0xA9FE0000, 16, "a link-local"},
    {0xAC100000, 12, "a private (RFC 1918)"},
    {0xC0000000, 24, "an IETF protocol assignment (192.0.0.0/24)"},
    {0xC0000200, 24, "a documentation (TEST-NET-1)"},
    {0xC0586300, 24, "a deprecated 6to4 relay (192.88.99.0/24)"},
    {0xC0A80000, 16, "a private (RFC 1918)"},
    {0xC6120000, 15, "a benchmarking (RFC 2544)"},
    {0xC6336400, 24, "a documentation (TEST-NET-2)"},
    {0xCB007100, 24, "a documentation (TEST-NET-3)"},
    {0xE0000000, 4, "a multicast"},
    {0xF0000000, 4, "a reserved (240.0.0.0/4)"},
}};

struct CurlFreeEasy {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlFreeList {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// curl_global_init once per process, before the first handle (thread-safe as a static's
// initialization is).
void curl_initialize_once() {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialized != CURLE_OK) {
    throw std::runtime_error(fmt::format("libcurl cannot start: {}", curl_easy_strerror(initialized)));
  }
}

bool curl_is_ipv4(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

// The host's IPv4 addresses, or why it has none.
struct CurlAddresses {
  std::vector<std::string> addresses;
  std::string why_none;
};

CurlAddresses curl_addresses_of(DnsSource& dns, const std::string& host) {
  if (curl_is_ipv4(host)) return {{host}, {}};
  std::vector<std::string> names{host};
  while (true) {
    const std::string& name = names.back();
    const DnsObservation answer = dns.lookup(name, DnsType::A);
    const std::string detail = answer.note.empty() ? "" : fmt::format(" ({})", answer.note);
    switch (answer.rcode) {
      case DnsRcode::NxDomain: return {{}, fmt::format("{}: NXDOMAIN", name)};
      case DnsRcode::ServFail:
      case DnsRcode::CnameLoop: return {{}, fmt::format("{}: SERVFAIL{}", name, detail)};
      case DnsRcode::Timeout: return {{}, fmt::format("{}: no DNS answer{}", name, detail)};
      case DnsRcode::NoError: break;
    }
    CurlAddresses found;
    const DnsRecord* alias = nullptr;
    for (const DnsRecord& record : answer.records) {
      if (record.type == DnsType::A) found.addresses.push_back(record.value);
      if (record.type == DnsType::CNAME) alias = &record;
    }
    if (!found.addresses.empty()) return found;
    if (alias == nullptr) return {{}, fmt::format("{}: no A record", name)};
    if (std::find(names.begin(), names.end(), alias->value) != names.end()) {
      return {{}, fmt::format("{}: CNAME loop back to {}", name, alias->value)};
    }
    if (names.size() > sim::world::kMaxCnameChain) {
      return {{}, fmt::format("{}: CNAME chain longer than {} links", host, sim::world::kMaxCnameChain)};
    }
    names.push_back(alias->value);
  }
}

struct CurlBody {
  std::string text;
  std::size_t max = 0;
  bool truncated = false;
};

// libcurl's write callback: keeps at most `max` bytes, then stops the transfer.
std::size_t curl_keep_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& body = *static_cast<CurlBody*>(user);
  const std::size_t length = size * count;
  const std::size_t room = body.max - body.text.size();
  if (length > room) {
    body.text.append(data, room);
    body.truncated = true;
    return 0;  // anything short of `length` ends the transfer with CURLE_WRITE_ERROR
  }
  body.text.append(data, length);
  return length;
}

std::chrono::milliseconds curl_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
}

}  // namespace

std::optional<std::string> non_public_ipv4(std::string_view address) {
  in_addr parsed{};
  if (inet_pton(AF_INET, std::string(address).c_str(), &parsed) != 1) return std::nullopt;
  const std::uint32_t value = ntohl(parsed.s_addr);
  for (const CurlRange& range : kCurlNonPublicRanges) {
    const std::uint32_t mask = ~std::uint32_t{0} << (32 - range.prefix);
    if ((value & mask) == range.network) return fmt::format("{} address", range.kind);
  }
  return std::nullopt;
}

CurlSource::CurlSource(DnsSource& dns, const NetworkLimits& limits) : dns_(dns), limits_(limits) {
  curl_initialize_once();
}

WebObservation CurlSource::fetch(const sim::world::Url& url) {
  if (url.port != sim::world::default_port(url.scheme)) {
    throw std::invalid_argument(fmt::format("CurlSource fetches default ports only, not {}", url.to_string()));
  }
  const auto started = std::chrono::steady_clock::now();
  WebObservation observation;
  observation.url = url.to_string();

  const CurlAddresses resolved = curl_addresses_of(dns_, url.host);
  if (resolved.addresses.empty()) {
    observation.error = WebError::UnknownHost;
    observation.note = fmt::format("no address for {}: {}", url.host, resolved.why_none);
    observation.elapsed = curl_since(started);
    return observation;
  }
  const auto usable = std::find_if(resolved.addresses.begin(), resolved.addresses.end(), [&](const auto& address) {
    return limits_.allow_private || !non_public_ipv4(address);
  });
  if (usable == resolved.addresses.end()) {
    const std::string& first = resolved.addresses.front();
    observation.error = WebError::ConnectionRefused;
    observation.note = fmt::format("not connected: {} is {} (--allow-private allows it)", first,
                                   *non_public_ipv4(first));
    observation.elapsed = curl_since(started);
    return observation;
  }
  observation.address = *usable;

  const std::unique_ptr<CURL, CurlFreeEasy> easy(curl_easy_init());
  if (!easy) throw std::bad_alloc();
  CURL* handle = easy.get();
  const std::uint16_t port = url.scheme == sim::world::Scheme::Http ? limits_.http_port : limits_.https_port;
  const std::string connect_to = fmt::format("{}:{}:{}:{}", url.host, url.port, observation.address, port);
  const std::unique_ptr<curl_slist, CurlFreeList> connect_list(curl_slist_append(nullptr, connect_to.c_str()));
  if (!connect_list) throw std::bad_alloc();
  CurlBody body;
  body.max = limits_.max_body;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(handle, CURLOPT_URL, observation.url.c_str());
  curl_easy_setopt(handle, CURLOPT_CONNECT_TO, connect_list.get());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 0L);  // the CA ignores certificate errors
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(handle, CURLOPT_PROXY, "");  // never a proxy from the environment
  curl_easy_setopt(handle, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "casim-probe");
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(limits_.http_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits_.http_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &curl_keep_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(handle);
  observation.elapsed = curl_since(started);
  const std::string transport_error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT) {
    observation.error = WebError::Timeout;
    observation.note = fmt::format("no complete answer within {} ms ({})", limits_.http_timeout.count(), transport_error);
    return observation;
  }
  if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && body.truncated)) {
    observation.error = WebError::ConnectionRefused;
    observation.note = transport_error;
    return observation;
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  observation.status = static_cast<int>(status);
  char* location = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
    observation.location = location;
  }
  observation.body = std::move(body.text);
  observation.truncated = body.truncated;
  return observation;
}

}  // namespace casim::probe
