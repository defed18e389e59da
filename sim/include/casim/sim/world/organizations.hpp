// Organizations as a CA's reviewer sees them: the company registry entry (status over time,
// registration date, jurisdiction, category), the phone numbers from an independent directory and
// from the applicant, and the EV evidence facts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "casim/sim/string_map.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/names.hpp"
#include "casim/sim/world/timeline.hpp"

namespace casim::sim::world {

enum class RegistryStatus { Active, Inactive, NotFound };
std::string_view to_string(RegistryStatus status);
// "active", "inactive", "not found" (case and '_'/'-'/' ' ignored); InputError naming `where` otherwise.
RegistryStatus parse_registry_status(std::string_view text,
                                     const std::string& where = "registry status");

// The EV Guidelines' business categories.
enum class BusinessCategory {
  PrivateOrganization,
  GovernmentEntity,
  BusinessEntity,
  NonCommercialEntity
};
// "Private Organization", … as written in the certificate's businessCategory.
std::string_view to_string(BusinessCategory category);
// The certificate form, case and '_'/'-'/' ' ignored; InputError naming `where` otherwise.
BusinessCategory parse_business_category(std::string_view text,
                                         const std::string& where = "business category");

struct Jurisdiction {
  std::string country;  // ISO 3166-1 alpha-2, upper-case
  std::string state_or_province;
  std::string locality;

  friend bool operator==(const Jurisdiction&, const Jurisdiction&) = default;
};

struct Organization {
  std::string legal_name;
  std::string registration_number;
  Jurisdiction jurisdiction;
  std::string address;
  Date registration_date;
  BusinessCategory category = BusinessCategory::PrivateOrganization;
  std::string directory_phone;  // listed in an independent directory; empty when not listed
  std::string applicant_phone;  // given by the applicant; empty when none
  bool operational_existence_evidence = false;  // EV: an independent listing, bank account, letter
  bool signer_authority_confirmed = false;      // EV: contract signer / approver authority confirmed

  // Whole years from the registration date to the UTC date of `at` (0 before the first anniversary
  // and before registration).
  int years_registered(Instant at) const;

  friend bool operator==(const Organization&, const Organization&) = default;
};

// What a registry lookup shows a reviewer.
struct RegistryAnswer {
  RegistryStatus status = RegistryStatus::NotFound;
  // The registry's entry, valid while the registry is unchanged; null when status is NotFound.
  const Organization* organization = nullptr;
};

// The company registry over time. Legal names and registration numbers are unique (exact match).
class OrganizationRegistry {
 public:
  // Adds an organization whose registry status is `status` from the start and until changed. Checks
  // the fields and normalizes phone numbers and the country; throws InputError naming `where`.
  void add(Organization organization, RegistryStatus status = RegistryStatus::Active,
           const std::string& where = "organization");
  // From `at` on, the registry shows `status` for the organization with this registration number.
  void set_status(std::string_view registration_number, Instant at, RegistryStatus status,
                  const std::string& where = "registry status");

  // What the registry shows at `at`: NotFound for unknown numbers or names, before the
  // registration date, and while the status is NotFound.
  RegistryAnswer find_by_number(std::string_view registration_number, Instant at) const;
  RegistryAnswer find_by_name(std::string_view legal_name, Instant at) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Organization organization;
    RegistryStatus initial_status;
    Timeline<RegistryStatus> changes;
  };

  RegistryAnswer answer(const Entry& entry, Instant at) const;

  StringMap<Entry> entries_;  // by number
  StringMap<std::string> numbers_by_name_;
};

}  // namespace casim::sim::world
