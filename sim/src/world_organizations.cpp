// The simulated company registry: organizations, their status over time, reviewer look-ups.
#include "casim/sim/world/organizations.hpp"

#include <array>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "casim/sim/error.hpp"

namespace casim::sim::world {
namespace {

constexpr std::array<std::string_view, 3> kStatusNames{"active", "inactive", "not found"};
constexpr std::array<std::string_view, 4> kCategoryNames{"Private Organization", "Government Entity",
                                                         "Business Entity", "Non-Commercial Entity"};

template <typename Enum, std::size_t N>
Enum parse_name(const std::array<std::string_view, N>& names, std::string_view text,
                std::string_view what, const std::string& where) {
  for (std::size_t i = 0; i < N; ++i) {
    if (same_keyword(names[i], text)) return static_cast<Enum>(i);
  }
  throw InputError(
      where, fmt::format("'{}' is not a {} (expected one of: {})", text, what, fmt::join(names, ", ")));
}

bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

std::string_view to_string(RegistryStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}

RegistryStatus parse_registry_status(std::string_view text, const std::string& where) {
  return parse_name<RegistryStatus>(kStatusNames, text, "registry status", where);
}

std::string_view to_string(BusinessCategory category) {
  return kCategoryNames[static_cast<std::size_t>(category)];
}

BusinessCategory parse_business_category(std::string_view text, const std::string& where) {
  return parse_name<BusinessCategory>(kCategoryNames, text, "business category", where);
}

int Organization::years_registered(Instant at) const {
  if (registration_date.is_special()) return 0;
  const Date today = utc_date(at);
  if (today < registration_date) return 0;
  int years = today.year() - registration_date.year();
  if (today.month() < registration_date.month() ||
      (today.month() == registration_date.month() && today.day() < registration_date.day())) {
    --years;
  }
  return years;
}

void OrganizationRegistry::add(Organization organization, RegistryStatus status,
                               const std::string& where) {
  if (organization.legal_name.empty()) throw InputError(where, "the legal name is empty");
  if (organization.registration_number.empty()) {
    throw InputError(where,
                     fmt::format("'{}': the registration number is empty", organization.legal_name));
  }
  if (organization.registration_date.is_special()) {
    throw InputError(where, fmt::format("'{}': no registration date", organization.legal_name));
  }
  std::string& country = organization.jurisdiction.country;
  for (char& c : country) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (country.size() != 2 || !is_upper_letter(country[0]) || !is_upper_letter(country[1])) {
    throw InputError(where,
                     fmt::format("'{}': jurisdiction country '{}' is not a two-letter ISO 3166 code",
                                 organization.legal_name, country));
  }
  for (std::string* phone : {&organization.directory_phone, &organization.applicant_phone}) {
    if (!phone->empty()) *phone = checked_phone(*phone, where);
  }
  if (entries_.contains(organization.registration_number)) {
    throw InputError(
        where, fmt::format("registration number '{}' is used twice", organization.registration_number));
  }
  if (numbers_by_name_.contains(organization.legal_name)) {
    throw InputError(where, fmt::format("legal name '{}' is used twice", organization.legal_name));
  }
  numbers_by_name_.emplace(organization.legal_name, organization.registration_number);
  std::string number = organization.registration_number;
  entries_.emplace(std::move(number), Entry{std::move(organization), status, {}});
}

void OrganizationRegistry::set_status(std::string_view registration_number, Instant at,
                                      RegistryStatus status, const std::string& where) {
  const auto entry = entries_.find(registration_number);
  if (entry == entries_.end()) {
    throw InputError(where,
                     fmt::format("no organization has registration number '{}'", registration_number));
  }
  entry->second.changes.set(at, status);
}

RegistryAnswer OrganizationRegistry::answer(const Entry& entry, Instant at) const {
  const RegistryStatus* changed = entry.changes.at(at);
  const RegistryStatus status = changed ? *changed : entry.initial_status;
  if (status == RegistryStatus::NotFound || utc_date(at) < entry.organization.registration_date) {
    return {};
  }
  return {status, &entry.organization};
}

RegistryAnswer OrganizationRegistry::find_by_number(std::string_view registration_number,
                                                    Instant at) const {
  const auto entry = entries_.find(registration_number);
  return entry == entries_.end() ? RegistryAnswer{} : answer(entry->second, at);
}

RegistryAnswer OrganizationRegistry::find_by_name(std::string_view legal_name, Instant at) const {
  const auto number = numbers_by_name_.find(legal_name);
  return number == numbers_by_name_.end() ? RegistryAnswer{} : find_by_number(number->second, at);
}

}  // namespace casim::sim::world
