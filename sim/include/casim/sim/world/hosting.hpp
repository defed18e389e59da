// Which domains the platform's own DNS hosts (so DNS_AUTO can add and remove validation records
// itself): a set of zone names, looked up for any name at or below them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "casim/sim/string_map.hpp"
#include "casim/sim/world/names.hpp"

namespace casim::sim::world {

class HostedDomains {
 public:
  // Throws InputError naming `where` for a name that is not a host name.
  void add(std::string_view domain, const std::string& where = "hosted domain");

  // True when `name` or one of its ancestors is hosted.
  bool is_hosted(std::string_view name) const { return hosting_zone(name).has_value(); }
  // The closest hosted ancestor of `name` (or `name` itself): the zone DNS_AUTO writes to.
  std::optional<std::string> hosting_zone(std::string_view name) const;

  std::size_t size() const { return domains_.size(); }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> domains_;
};

}  // namespace casim::sim::world
