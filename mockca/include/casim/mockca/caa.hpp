// CAA checking (RFC 8659, BR §3.2.2.8): for each dNSName, the closest non-empty CAA record set on
// the way up the tree decides whether this CA may issue — `issue` for ordinary names, `issuewild`
// for wildcards (falling back to `issue`), `;` forbidding every CA, critical unknown tags
// blocking, lookup failures blocking — and how long a check stays usable before signing.
// casim does not model DNSSEC, so the BR's narrow exception (a lookup failure outside a
// DNSSEC-signed zone may count as permission) never applies: every failure blocks.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"

namespace casim::mockca {

struct CaaPolicy {
  // The issuer domain names every brand of this CA answers to, matched case-insensitively.
  std::vector<std::string> ca_domains{"casim.test"};
  // The names each brand answers to besides ca_domains (key: the brand as the hierarchy names it).
  std::map<std::string, std::vector<std::string>, std::less<>> brand_domains{
      {"trustasia", {"trustasia.com"}}, {"digicert", {"digicert.com"}},
      {"geotrust", {"digicert.com"}},   {"sectigo", {"sectigo.com", "comodoca.com"}},
      {"globalsign", {"globalsign.com"}}, {"wotrus", {"wotrus.com"}}};
  // BR §3.2.2.8: issue within the record set's TTL or 8 hours of the check, whichever is longer.
  sim::Duration min_freshness = sim::kHour * 8;

  // ca_domains followed by the brand's own names.
  std::vector<std::string> identities(std::string_view brand) const;
};

// The CAA verdict for one name.
struct CaaCheck {
  std::string name;  // the dNSName checked, wildcard included
  std::string brand;
  sim::Instant at;
  bool permitted = false;
  std::optional<Reason> reason;  // none when permitted
  // Where the deciding record set was found (or the lookup failed); "" when no name has CAA.
  std::string found_at;
  bool via_cname = false;  // that record set was reached through a CNAME at found_at
  sim::Duration ttl{};     // the record set's smallest TTL (zero without one)
  sim::Instant fresh_until;  // at + max(min_freshness, ttl)
  std::string detail;        // one line: the lookups and the conclusion
};

// True while `check` may still gate issuance at `now`: before at + max(8 hours, the TTL).
bool caa_fresh(const CaaCheck& check, sim::Instant now);

// The CA's CAA lookups, with a caching resolver kept across checks;
// owned by one simulation run, called at non-decreasing instants.
class CaaChecker {
 public:
  // `dns` is the run's world and must outlive the checker.
  // `keep_text` false: checks carry no detail text (a run whose trace keeps none).
  CaaChecker(const sim::world::Dns& dns, CaaPolicy policy, sim::world::DnsResolverOptions options = {},
             bool keep_text = true);

  // Climbs from `name` (a wildcard's base for `*.` names) towards its public suffix, stopping
  // before it; the first name with a non-empty CAA record set (its own, or its CNAME target's)
  // decides for `brand`'s identities.
  CaaCheck check(std::string_view name, std::string_view brand, sim::Instant at);
  std::vector<CaaCheck> check(std::span<const std::string> names, std::string_view brand,
                              sim::Instant at);

  const CaaPolicy& policy() const { return policy_; }

 private:
  // The policy's identities for `brand`, worked out once per brand.
  const std::vector<std::string>& identities(std::string_view brand);

  const sim::world::Dns& dns_;
  CaaPolicy policy_;
  sim::world::DnsResolver resolver_;
  bool keep_text_;
  sim::StringMap<std::vector<std::string>> identities_;  // by brand
};

}  // namespace casim::mockca
