// LdnsSource: one DNS question through ldns, and the reply read into a DnsObservation (rcode,
// the asked name's records, the rest of a recursive server's chain, the negative TTL).
#include "casim/probe/ldns_source.hpp"

#include <arpa/inet.h>
#include <ldns/ldns.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/url.hpp"

namespace casim::probe {
namespace {

using sim::world::DnsRcode;
using sim::world::DnsRecord;
using sim::world::DnsType;

// Two tries per server: one UDP retransmission for a lost packet.
constexpr std::uint8_t kLdnsTries = 2;

struct LdnsFreePacket {
  void operator()(ldns_pkt* packet) const { ldns_pkt_free(packet); }
};
struct LdnsFreeRdf {
  void operator()(ldns_rdf* rdf) const { ldns_rdf_deep_free(rdf); }
};
using LdnsPacket = std::unique_ptr<ldns_pkt, LdnsFreePacket>;
using LdnsRdf = std::unique_ptr<ldns_rdf, LdnsFreeRdf>;

bool ldns_is_ipv4(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool ldns_is_ipv6(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// ldns's presentation form of an rdf (a name with its trailing dot, an address).
std::string ldns_text(const ldns_rdf* rdf) {
  char* text = ldns_rdf2str(rdf);
  if (text == nullptr) return {};
  std::string result(text);
  std::free(text);
  return result;
}

ldns_rr_type ldns_type_of(DnsType type) {
  switch (type) {
    case DnsType::A: return LDNS_RR_TYPE_A;
    case DnsType::NS: return LDNS_RR_TYPE_NS;
    case DnsType::CNAME: return LDNS_RR_TYPE_CNAME;
    case DnsType::TXT: return LDNS_RR_TYPE_TXT;
    case DnsType::CAA: return LDNS_RR_TYPE_CAA;
  }
  return LDNS_RR_TYPE_TXT;
}

// A character-string or tag rdf: a length byte, then that many bytes.
std::string ldns_counted_string(const ldns_rdf* rdf) {
  const std::size_t size = ldns_rdf_size(rdf);
  if (size == 0) return {};
  const std::uint8_t* data = ldns_rdf_data(rdf);
  const std::size_t length = std::min<std::size_t>(data[0], size - 1);
  return std::string(reinterpret_cast<const char*>(data + 1), length);
}

std::string ldns_raw_string(const ldns_rdf* rdf) {
  return std::string(reinterpret_cast<const char*>(ldns_rdf_data(rdf)), ldns_rdf_size(rdf));
}

std::string ldns_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

// The record in casim's terms; std::nullopt for types and classes casim does not model.
std::optional<DnsRecord> ldns_record(const ldns_rr* rr) {
  if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN) return std::nullopt;
  const std::string owner = sim::world::normalize_name(ldns_text(ldns_rr_owner(rr)));
  const sim::Duration ttl = std::chrono::seconds{ldns_rr_ttl(rr)};
  const std::size_t fields = ldns_rr_rd_count(rr);
  switch (ldns_rr_get_type(rr)) {
    case LDNS_RR_TYPE_A:
      if (fields < 1) return std::nullopt;
      return DnsRecord::a(owner, ldns_text(ldns_rr_rdf(rr, 0)), ttl);
    case LDNS_RR_TYPE_NS:
      if (fields < 1) return std::nullopt;
      return DnsRecord::ns(owner, sim::world::normalize_name(ldns_text(ldns_rr_rdf(rr, 0))), ttl);
    case LDNS_RR_TYPE_CNAME:
      if (fields < 1) return std::nullopt;
      return DnsRecord::cname(owner, sim::world::normalize_name(ldns_text(ldns_rr_rdf(rr, 0))), ttl);
    case LDNS_RR_TYPE_TXT: {
      std::string text;
      for (std::size_t i = 0; i < fields; ++i) text += ldns_counted_string(ldns_rr_rdf(rr, i));
      return DnsRecord::txt(owner, std::move(text), ttl);
    }
    case LDNS_RR_TYPE_CAA: {
      if (fields < 3) return std::nullopt;
      const ldns_rdf* flags = ldns_rr_rdf(rr, 0);
      if (ldns_rdf_size(flags) != 1) return std::nullopt;
      return DnsRecord::caa(owner, ldns_rdf_data(flags)[0], ldns_lower(ldns_counted_string(ldns_rr_rdf(rr, 1))),
                            ldns_raw_string(ldns_rr_rdf(rr, 2)), ttl);
    }
    default: return std::nullopt;
  }
}

// NXDOMAIN and NODATA: min(SOA TTL, SOA minimum) of the authority section's SOA, zero without one.
sim::Duration ldns_negative_ttl(const ldns_pkt* packet) {
  const ldns_rr_list* authority = ldns_pkt_authority(packet);
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(authority); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(authority, i);
    if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA || ldns_rr_rd_count(rr) < 7) continue;
    const std::uint32_t minimum = ldns_rdf2native_int32(ldns_rr_rdf(rr, 6));
    return std::chrono::seconds{std::min(ldns_rr_ttl(rr), minimum)};
  }
  return sim::Duration::zero();
}

// The reply's rcode and records into `observation` (whose name and type are set).
void ldns_read_reply(const ldns_pkt* packet, DnsObservation& observation) {
  const ldns_rr_list* answer = ldns_pkt_answer(packet);
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(answer); ++i) {
    std::optional<DnsRecord> record = ldns_record(ldns_rr_list_rr(answer, i));
    if (!record) continue;
    const bool own = record->name == observation.name &&
                     (record->type == observation.type || record->type == DnsType::CNAME);
    (own ? observation.records : observation.chain).push_back(std::move(*record));
  }
  const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(packet);
  const bool alias = std::any_of(observation.records.begin(), observation.records.end(),
                                 [](const DnsRecord& record) { return record.type == DnsType::CNAME; });
  if (rcode == LDNS_RCODE_NOERROR) {
    observation.rcode = DnsRcode::NoError;
  } else if (rcode == LDNS_RCODE_NXDOMAIN && alias) {
    // RFC 6604: the code speaks of the chain's end; the asked name itself exists as an alias.
    observation.rcode = DnsRcode::NoError;
    observation.note = "NXDOMAIN at the end of the CNAME chain";
  } else if (rcode == LDNS_RCODE_NXDOMAIN) {
    observation.rcode = DnsRcode::NxDomain;
  } else if (rcode == LDNS_RCODE_SERVFAIL) {
    observation.rcode = DnsRcode::ServFail;
  } else {
    observation.rcode = DnsRcode::ServFail;
    const ldns_lookup_table* known = ldns_lookup_by_id(ldns_rcodes, static_cast<int>(rcode));
    observation.note = known != nullptr ? known->name : fmt::format("RCODE {}", static_cast<int>(rcode));
  }
  if (observation.rcode != DnsRcode::NoError) {
    observation.records.clear();
    observation.chain.clear();
  }
  if (observation.rcode != DnsRcode::ServFail && observation.records.empty()) {
    observation.negative_ttl = ldns_negative_ttl(packet);
  }
}

}  // namespace

std::string ResolverAddress::to_string() const {
  return ip.find(':') == std::string::npos ? fmt::format("{}:{}", ip, port) : fmt::format("[{}]:{}", ip, port);
}

ResolverAddress parse_resolver_address(std::string_view text, const std::string& where) {
  const auto bad = [&](std::string_view why) {
    return InputError(where, fmt::format("'{}' is not a resolver address (IP, IP:PORT or [IPv6]:PORT): {}", text, why));
  };
  ResolverAddress address;
  std::string_view port_text;
  bool has_port = false;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) throw bad("no closing ']'");
    address.ip = std::string(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) throw bad("expected ':PORT' after ']'");
    has_port = !rest.empty();
    port_text = has_port ? rest.substr(1) : std::string_view{};
    if (!ldns_is_ipv6(address.ip)) throw bad(fmt::format("'{}' is not an IPv6 address", address.ip));
  } else if (std::count(text.begin(), text.end(), ':') > 1) {
    address.ip = std::string(text);
    if (!ldns_is_ipv6(address.ip)) throw bad(fmt::format("'{}' is not an IPv6 address", address.ip));
  } else {
    const auto colon = text.find(':');
    address.ip = std::string(text.substr(0, colon));
    has_port = colon != std::string_view::npos;
    port_text = has_port ? text.substr(colon + 1) : std::string_view{};
    if (!ldns_is_ipv4(address.ip)) throw bad(fmt::format("'{}' is not an IPv4 address", address.ip));
  }
  if (has_port) {
    const auto port = sim::world::parse_port(port_text);
    if (!port) throw bad(fmt::format("port '{}' is not a number from 1 to 65535", port_text));
    address.port = *port;
  }
  return address;
}

void LdnsSource::FreeResolver::operator()(ldns_resolver* resolver) const { ldns_resolver_deep_free(resolver); }

LdnsSource::LdnsSource(std::optional<std::string_view> resolver, const NetworkLimits& limits) : limits_(limits) {
  ldns_resolver* raw = nullptr;
  if (resolver) {
    const ResolverAddress address = parse_resolver_address(*resolver);
    raw = ldns_resolver_new();
    if (raw == nullptr) throw std::bad_alloc();
    resolver_.reset(raw);
    const LdnsRdf server(ldns_rdf_new_frm_str(
        address.ip.find(':') == std::string::npos ? LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA, address.ip.c_str()));
    if (!server || ldns_resolver_push_nameserver(raw, server.get()) != LDNS_STATUS_OK) {
      throw InputError("--resolver", fmt::format("ldns cannot use the address '{}'", *resolver));
    }
    ldns_resolver_set_port(raw, address.port);
    servers_ = address.to_string();
  } else {
    const ldns_status status = ldns_resolver_new_frm_file(&raw, nullptr);
    if (status != LDNS_STATUS_OK) {
      throw InputError("/etc/resolv.conf", fmt::format("no usable resolver: {}", ldns_get_errorstr_by_id(status)));
    }
    resolver_.reset(raw);
    std::vector<std::string> servers;
    for (std::size_t i = 0; i < ldns_resolver_nameserver_count(raw); ++i) {
      servers.push_back(ResolverAddress{ldns_text(ldns_resolver_nameservers(raw)[i]), ldns_resolver_port(raw)}.to_string());
    }
    if (servers.empty()) throw InputError("/etc/resolv.conf", "no nameserver line");
    servers_ = fmt::format("{}", fmt::join(servers, ", "));
  }
  ldns_resolver_set_recursive(raw, true);
  ldns_resolver_set_fallback(raw, true);
  ldns_resolver_set_usevc(raw, false);
  ldns_resolver_set_defnames(raw, false);
  ldns_resolver_set_dnsrch(raw, false);
  ldns_resolver_set_random(raw, false);
  ldns_resolver_set_dnssec(raw, false);
  ldns_resolver_set_retry(raw, kLdnsTries);
  // Every try of every server shares the lookup's time limit.
  const auto tries = static_cast<long long>(kLdnsTries * ldns_resolver_nameserver_count(raw));
  const long long per_try_us = std::max<long long>(
      1000, std::chrono::duration_cast<std::chrono::microseconds>(limits_.dns_timeout).count() / tries);
  timeval timeout{};
  timeout.tv_sec = static_cast<time_t>(per_try_us / 1'000'000);
  timeout.tv_usec = static_cast<suseconds_t>(per_try_us % 1'000'000);
  ldns_resolver_set_timeout(raw, timeout);
}

DnsObservation LdnsSource::lookup(std::string_view name, DnsType type) {
  DnsObservation observation;
  observation.name = sim::world::normalize_name(name);
  observation.type = type;
  const LdnsRdf owner(ldns_dname_new_frm_str((observation.name + ".").c_str()));
  if (!owner) throw InputError("dns name", fmt::format("'{}' is not a DNS name", name));

  ldns_resolver* resolver = resolver_.get();
  // ldns skips a server that failed once for good; every lookup gives each server a new chance.
  for (std::size_t i = 0; i < ldns_resolver_nameserver_count(resolver); ++i) {
    ldns_resolver_set_nameserver_rtt(resolver, i, LDNS_RESOLV_RTT_MIN);
  }
  const auto started = std::chrono::steady_clock::now();
  ldns_pkt* raw = nullptr;
  const ldns_status status =
      ldns_resolver_query_status(&raw, resolver, owner.get(), ldns_type_of(type), LDNS_RR_CLASS_IN, LDNS_RD);
  const LdnsPacket packet(raw);
  observation.elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (status != LDNS_STATUS_OK || !packet) {
    observation.rcode = DnsRcode::Timeout;
    observation.note = fmt::format("no answer from {} within {} ms ({})", servers_, limits_.dns_timeout.count(),
                                   ldns_get_errorstr_by_id(status));
    return observation;
  }
  const ldns_rdf* from = ldns_pkt_answerfrom(packet.get());
  observation.server = from != nullptr ? ResolverAddress{ldns_text(from), ldns_resolver_port(resolver)}.to_string()
                                       : servers_;
  ldns_read_reply(packet.get(), observation);
  return observation;
}

}  // namespace casim::probe
