// Domain validation plans: verify types and check codes as text, the default CA perspectives and
// timeouts, random validation values, the apex/www rule that turns an order's names into
// validation targets, and the "validate now" rate limit.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "casim/mockca/dcv.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/world/names.hpp"
#include "dcv_names.hpp"

namespace casim::mockca {
namespace {

constexpr std::array<std::pair<VerifyType, std::string_view>, 3> kVerifyTypes{{
    {VerifyType::Dns, "DNS"},
    {VerifyType::DnsAuto, "DNS_AUTO"},
    {VerifyType::File, "FILE"},
}};

constexpr std::string_view kWildcardPrefix = "*.";
constexpr std::string_view kWwwPrefix = "www.";

// `name` without a leading "www.", when that leaves a name that is not a public suffix.
std::optional<std::string_view> without_www(std::string_view name) {
  if (!name.starts_with(kWwwPrefix)) return std::nullopt;
  const std::string_view rest = name.substr(kWwwPrefix.size());
  if (dcv_names::is_public_suffix(rest)) return std::nullopt;
  return rest;
}

// Calls `use` with each host name the normalized `name` must be validated at (see
// plan_validation), in order.
template <typename Use>
void for_each_target(std::string_view name, VerifyType method, const Use& use) {
  if (method != VerifyType::File) {
    const std::string_view base = dcv_names::is_wildcard(name) ? name.substr(kWildcardPrefix.size()) : name;
    use(without_www(base).value_or(base));
    return;
  }
  use(name);
  if (dcv_names::is_registered_domain(name)) {
    use(std::string(kWwwPrefix).append(name));
  } else if (const auto rest = without_www(name)) {
    use(*rest);
  }
}

DcvTarget make_target(std::string name, VerifyType method, const DcvToken& token,
                      const DcvPolicy& policy) {
  DcvTarget target;
  target.method = method;
  target.token = token;
  if (method == VerifyType::File) {
    target.location = kFileValidationPath;
    target.expected = token.value;
  } else {
    target.record = policy.dns_record;
    target.location = std::string(kDnsValidationLabel) + "." + name;
    target.expected =
        policy.dns_record == DnsRecordKind::Cname ? token.value + "." + policy.cname_suffix : token.value;
  }
  target.name = std::move(name);
  return target;
}

}  // namespace

std::string_view to_string(VerifyType type) {
  for (const auto& [value, text] : kVerifyTypes) {
    if (value == type) return text;
  }
  return "?";
}

VerifyType parse_verify_type(std::string_view text, const std::string& where) {
  for (const auto& [value, name] : kVerifyTypes) {
    if (sim::world::same_keyword(text, name)) return value;
  }
  throw InputError(where, fmt::format("'{}' is not a verify type (DNS, DNS_AUTO or FILE)", text));
}

std::string_view to_string(LocalCheck value) {
  switch (value) {
    case LocalCheck::Verified: return "verified";
    case LocalCheck::TxtNotFound: return "TXT record not found";
    case LocalCheck::TxtMismatch: return "TXT value mismatch";
    case LocalCheck::NsNotFound: return "NS record not found";
    case LocalCheck::FileNotFound: return "file not found";
    case LocalCheck::FileMismatch: return "file content mismatch";
    case LocalCheck::CnameNotFound: return "CNAME not found";
    case LocalCheck::CnameMismatch: return "CNAME mismatch";
  }
  return "?";
}

std::string_view to_string(CaCheck value) {
  switch (value) {
    case CaCheck::NotChecked: return "not checked";
    case CaCheck::Failed: return "failed";
    case CaCheck::Passed: return "passed";
  }
  return "?";
}

PerspectiveQuorum default_ca_perspectives() {
  return {{"ca-us-east", "US"},
          {{"ca-us-west", "US"},
           {"ca-eu-frankfurt", "DE"},
           {"ca-eu-london", "GB"},
           {"ca-ap-singapore", "SG"},
           {"ca-ap-tokyo", "JP"}},
          1};
}

sim::Duration DcvPolicy::timeout(ValidationLevel level) const {
  switch (level) {
    case ValidationLevel::DV: return timeout_dv;
    case ValidationLevel::OV: return timeout_ov;
    case ValidationLevel::EV: return timeout_ev;
  }
  return timeout_dv;
}

DcvToken draw_token(sim::RandomStream& stream, sim::Instant now, sim::Duration validity) {
  static_assert(kTokenBits == 128, "a token is two 64-bit draws");
  static constexpr char kHex[] = "0123456789abcdef";
  const std::uint64_t high = stream.next_u64();
  const std::uint64_t low = stream.next_u64();
  std::string text(32, '0');  // the two draws' digits, most significant first
  for (int digit = 0; digit < 16; ++digit) {
    text[15 - digit] = kHex[(high >> (4 * digit)) & 0xF];
    text[31 - digit] = kHex[(low >> (4 * digit)) & 0xF];
  }
  return {std::move(text), now, now + validity};
}

DcvPlan plan_validation(std::span<const std::string> names, VerifyType method, DcvToken token,
                        const DcvPolicy& policy) {
  DcvPlan plan;
  plan.method = method;
  plan.token = std::move(token);
  for (const auto& raw : names) {
    std::string lowered;
    const std::string_view name = sim::world::normal_name_view(raw, lowered);
    if (method == VerifyType::File && dcv_names::is_wildcard(name)) {
      const bool known = std::any_of(plan.problems.begin(), plan.problems.end(),
                                     [&](const DcvProblem& p) { return p.name == name; });
      if (!known) {
        plan.problems.push_back({std::string(name), Reason::DcvWildcardFileNotAllowed,
                                 fmt::format("{}: a wildcard name cannot be validated by FILE; "
                                             "choose DNS or DNS_AUTO",
                                             name)});
      }
      continue;
    }
    for_each_target(name, method, [&](std::string_view target_name) {
      auto target = std::find_if(plan.targets.begin(), plan.targets.end(),
                                 [&](const DcvTarget& t) { return t.name == target_name; });
      if (target == plan.targets.end()) {
        plan.targets.push_back(make_target(std::string(target_name), method, plan.token, policy));
        target = std::prev(plan.targets.end());
      }
      if (std::find(target->for_names.begin(), target->for_names.end(), name) ==
          target->for_names.end()) {
        target->for_names.emplace_back(name);
      }
    });
  }
  return plan;
}

bool RateLimiter::try_acquire(sim::Instant at) {
  if (last_ && at < *last_ + window_) return false;
  last_ = at;
  return true;
}

std::optional<sim::Instant> RateLimiter::next_allowed() const {
  if (!last_) return std::nullopt;
  return *last_ + window_;
}

LocalCheckResult rate_limited(std::string name, sim::Instant at, sim::Instant retry_at) {
  const sim::Duration wait = std::max(retry_at - at, sim::Duration::zero());
  LocalCheckResult result;
  result.name = std::move(name);
  result.at = at;
  result.local = LocalCheck::TxtNotFound;
  result.frequently = true;
  result.reason = Reason::DcvRateLimited;
  result.detail = fmt::format("validate now refused: too frequent, try again at {} (in {})",
                              sim::format_instant(retry_at),
                              sim::format_duration(sim::DurationSpec::calendar(wait)));
  return result;
}

}  // namespace casim::mockca
