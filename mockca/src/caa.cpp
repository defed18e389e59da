// CAA checking: the climb to the relevant record set, its evaluation for one brand's issuer
// domain names, and freshness.
#include "casim/mockca/caa.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/mockca/name_checks.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/sim/world/names.hpp"
#include "dcv_names.hpp"
#include "public_suffix.hpp"

namespace casim::mockca {
namespace {

using sim::world::DnsRcode;
using sim::world::DnsRecord;
using sim::world::DnsResult;

constexpr std::string_view kIssue = "issue";
constexpr std::string_view kIssueWild = "issuewild";
constexpr std::string_view kIodef = "iodef";

bool is_known_tag(std::string_view tag) { return tag == kIssue || tag == kIssueWild || tag == kIodef; }

// The issuer domain name of an issue/issuewild value: the text before any ';' (parameters
// follow it and are ignored), trimmed, lower-cased; "" for a value that names no CA.
std::string issuer_of(std::string_view value) {
  return to_lower_ascii(dcv_names::trim(value.substr(0, value.find(';'))));
}

struct Decision {
  bool permitted = false;
  std::optional<Reason> reason;
  std::string why;
};

// RFC 8659 §4 on the relevant record set of a name, for a CA known by `identities`. Tags are
// compared as they are: the simulated DNS keeps them lower-case.
Decision evaluate(const std::vector<DnsRecord>& records, bool wildcard,
                  const std::vector<std::string>& identities) {
  for (const auto& record : records) {
    const std::string& tag = record.caa_tag;
    if (record.caa_critical() && !is_known_tag(tag)) {
      return {false, Reason::CaaCriticalUnknownTag,
              fmt::format("the critical tag '{}' is not understood, so no CA may issue", tag)};
    }
  }
  const auto has_tag = [&](std::string_view wanted) {
    return std::any_of(records.begin(), records.end(),
                       [&](const DnsRecord& r) { return r.caa_tag == wanted; });
  };
  const std::string_view property = wildcard && has_tag(kIssueWild) ? kIssueWild : kIssue;
  std::vector<std::string> issuers;
  bool any_property = false;
  for (const auto& record : records) {
    if (record.caa_tag != property) continue;
    any_property = true;
    std::string issuer = issuer_of(record.value);
    if (issuer.empty()) continue;
    if (std::find(identities.begin(), identities.end(), issuer) != identities.end()) {
      return {true, std::nullopt, fmt::format("{} names {}", property, issuer)};
    }
    issuers.push_back(std::move(issuer));
  }
  if (!any_property) {
    return {true, std::nullopt,
            fmt::format("no {} property{}, so issuance is not restricted", kIssue,
                        wildcard ? " or issuewild" : "")};
  }
  if (issuers.empty()) {
    return {false, Reason::CaaForbidden, fmt::format("{} \";\" forbids every CA", property)};
  }
  return {false, Reason::CaaForbidden,
          fmt::format("{} names {}, not {}", property, fmt::join(issuers, ", "),
                      fmt::join(identities, ", "))};
}

sim::Duration smallest_ttl(const std::vector<DnsRecord>& records) {
  return std::min_element(records.begin(), records.end(),
                          [](const DnsRecord& a, const DnsRecord& b) { return a.ttl < b.ttl; })
      ->ttl;
}

}  // namespace

std::vector<std::string> CaaPolicy::identities(std::string_view brand) const {
  std::vector<std::string> names;
  const auto add = [&](const std::vector<std::string>& domains) {
    for (const auto& domain : domains) names.push_back(sim::world::normalize_name(domain));
  };
  add(ca_domains);
  if (const auto found = brand_domains.find(brand); found != brand_domains.end()) add(found->second);
  return names;
}

bool caa_fresh(const CaaCheck& check, sim::Instant now) { return now < check.fresh_until; }

CaaChecker::CaaChecker(const sim::world::Dns& dns, CaaPolicy policy, sim::world::DnsResolverOptions options,
                       bool keep_text)
    : dns_(dns), policy_(std::move(policy)), resolver_(options), keep_text_(keep_text) {}

CaaCheck CaaChecker::check(std::string_view name, std::string_view brand, sim::Instant at) {
  CaaCheck result;
  result.name = sim::world::normalize_name(name);
  result.brand = std::string(brand);
  result.at = at;
  const bool wildcard = result.name.starts_with("*.");
  const std::vector<std::string>& identities = this->identities(brand);

  std::vector<std::string_view> without_caa;  // kept for the detail text only
  const auto finish = [&](const LazyText& conclusion) {
    result.fresh_until = at + std::max(policy_.min_freshness, result.ttl);
    if (keep_text_) {
      result.detail = without_caa.empty()
                          ? conclusion()
                          : fmt::format("no CAA at {}; {}", fmt::join(without_caa, ", "), conclusion());
    }
    return std::move(result);  // the check's last step: moved, not copied, out of the lambda
  };

  std::string_view current = std::string_view(result.name).substr(wildcard ? 2 : 0);
  while (!current.empty() && !is_icann_suffix(current)) {  // `current` is normalized already
    const DnsResult answer = resolver_.query(dns_, current, sim::world::DnsType::CAA, at);
    if (answer.rcode == DnsRcode::ServFail || answer.rcode == DnsRcode::Timeout ||
        answer.rcode == DnsRcode::CnameLoop) {
      result.reason = Reason::CaaLookupFailed;
      result.found_at = current;
      result.via_cname = !answer.cname_chain.empty();
      return finish([&] { return fmt::format("{}: the lookup failed, which is not permission", describe(answer)); });
    }
    if (answer.rcode == DnsRcode::NoError && !answer.records.empty()) {
      const Decision decision = evaluate(answer.records, wildcard, identities);
      result.permitted = decision.permitted;
      result.reason = decision.reason;
      result.found_at = current;
      result.via_cname = !answer.cname_chain.empty();
      result.ttl = smallest_ttl(answer.records);
      return finish([&] { return fmt::format("{}: {}", describe(answer), decision.why); });
    }
    if (keep_text_) without_caa.push_back(current);
    current = sim::world::parent_name(current);
  }
  result.permitted = true;
  return finish([] { return "no CAA record set up to the public suffix: any CA may issue"; });
}

const std::vector<std::string>& CaaChecker::identities(std::string_view brand) {
  auto found = identities_.find(brand);
  if (found == identities_.end()) found = identities_.emplace(std::string(brand), policy_.identities(brand)).first;
  return found->second;
}

std::vector<CaaCheck> CaaChecker::check(std::span<const std::string> names, std::string_view brand,
                                        sim::Instant at) {
  std::vector<CaaCheck> checks;
  checks.reserve(names.size());
  for (const auto& name : names) checks.push_back(check(name, brand, at));
  return checks;
}

}  // namespace casim::mockca
