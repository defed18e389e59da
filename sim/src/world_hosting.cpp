// The set of domains hosted on the platform's DNS, and ancestor look-ups in it.
#include "casim/sim/world/hosting.hpp"

namespace casim::sim::world {

void HostedDomains::add(std::string_view domain, const std::string& where) {
  domains_.insert(checked_name(domain, where));
}

std::optional<std::string> HostedDomains::hosting_zone(std::string_view name) const {
  const std::string normal = normalize_name(name);
  for (std::string_view up = normal; !up.empty(); up = parent_name(up)) {
    if (const auto found = domains_.find(up); found != domains_.end()) return *found;
  }
  return std::nullopt;
}

}  // namespace casim::sim::world
