// Registered domains and public suffixes (ICANN section) for domain validation, on the Public
// Suffix List the name checks use (public_suffix.hpp).
#include "dcv_names.hpp"

#include "casim/sim/world/names.hpp"
#include "public_suffix.hpp"

namespace casim::mockca::dcv_names {
namespace {

// The registered domain of a normalized name, as a view into it; "" when it is a public suffix.
std::string_view registered_part(std::string_view name) {
  if (is_icann_suffix(name)) return {};
  while (true) {
    const std::string_view parent = sim::world::parent_name(name);
    if (parent.empty() || is_icann_suffix(parent)) return name;
    name = parent;
  }
}

}  // namespace

bool is_public_suffix(std::string_view name) {
  std::string normalized;
  return is_icann_suffix(sim::world::normal_name_view(name, normalized));
}

std::string registered_domain(std::string_view name) {
  std::string normalized;
  return std::string(registered_part(sim::world::normal_name_view(name, normalized)));
}

bool is_registered_domain(std::string_view name) {
  std::string normalized;
  const std::string_view normal = sim::world::normal_name_view(name, normalized);
  return normal == name && registered_part(normal) == name;
}

bool is_wildcard(std::string_view name) { return name.starts_with("*."); }

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

}  // namespace casim::mockca::dcv_names
