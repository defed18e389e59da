// DnsResolver: a validator's caching resolver over the simulated DNS, following CNAME chains.
#include <algorithm>

#include <fmt/format.h>

#include "casim/sim/world/dns.hpp"

namespace casim::sim::world {

const std::string& DnsResult::final_name() const {
  return cname_chain.empty() ? name : cname_chain.back();
}

std::string describe(const DnsResult& result) {
  std::string text = fmt::format("{} {}", to_string(result.type), result.name);
  for (const auto& target : result.cname_chain) text += fmt::format(" → CNAME {}", target);
  text += fmt::format(" → {}", to_string(result.rcode));
  if (result.is_nodata()) text += " (NODATA)";
  for (const auto& record : result.records) {
    text += record.type == DnsType::CAA
                ? fmt::format(" {} {} \"{}\"", record.caa_flags, record.caa_tag, record.value)
                : fmt::format(" \"{}\"", record.value);
  }
  if (result.from_cache) text += fmt::format(" (cached until {})", format_instant(result.cached_until));
  return text;
}

DnsResolver::DnsResolver(DnsResolverOptions options) : options_(options) {}

DnsResult DnsResolver::query(const Dns& dns, std::string_view name, DnsType type, Instant at) {
  DnsResult result;
  result.name = normalize_name(name);
  result.type = type;
  // The name asked, then each alias target: a view into the cached answer of the link before,
  // which stays in place (a later link is another name, or the chain ends as a loop).
  std::string_view current = result.name;
  while (true) {
    auto entry = cache_.find(current);
    if (entry == cache_.end()) entry = cache_.try_emplace(std::string(current)).first;
    std::optional<Cached>& cached = entry->second[static_cast<std::size_t>(type)];
    result.from_cache = cached && at < cached->until;
    if (!result.from_cache) {
      DnsAnswer answer = dns.query_normal(current, type, at);
      Duration ttl = options_.failure_ttl;
      if (answer.rcode == DnsRcode::NoError && !answer.records.empty()) {
        ttl = std::min_element(answer.records.begin(), answer.records.end(),
                               [](const DnsRecord& a, const DnsRecord& b) { return a.ttl < b.ttl; })
                  ->ttl;
      } else if (answer.rcode == DnsRcode::NoError || answer.rcode == DnsRcode::NxDomain) {
        ttl = answer.negative_ttl;
      }
      cached = Cached{std::move(answer), at + ttl};
    }
    const DnsAnswer& answer = cached->answer;
    result.cached_until = std::max(at, cached->until);
    if (!answer.is_alias(type)) {
      result.rcode = answer.rcode;
      result.records = answer.records;
      return result;
    }
    const std::string& target = answer.records.front().value;
    const bool loops = target == result.name ||
                       std::find(result.cname_chain.begin(), result.cname_chain.end(), target) !=
                           result.cname_chain.end();
    result.cname_chain.push_back(target);
    if (loops || result.cname_chain.size() > kMaxCnameChain) {
      result.rcode = DnsRcode::CnameLoop;
      return result;
    }
    current = target;
  }
}

}  // namespace casim::sim::world
