// The test world shared by the CA tests (tests/mockca) and the end-to-end runs (tests/order): the
// organization Acme as the registry holds it and as its applicant submits it, its listed phone,
// fixed durations, and a signing hierarchy made once per test executable.
#pragma once

#include <string>

#include "casim/mockca/api.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/distribution.hpp"
#include "casim/sim/world/world.hpp"
#include "temp_dir.hpp"

namespace casim::test {

inline const std::string kRegistration = "91110000MA01ABCD2X";
inline const std::string kListedPhone = "+861012345678";
// Monday 2026-09-14 09:00 in Beijing.
inline const sim::Instant kMonday = sim::parse_instant("2026-09-14T01:00:00Z");

// Acme as the registry holds it; its directory lists kListedPhone.
inline sim::world::Organization acme() {
  sim::world::Organization org;
  org.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  org.registration_number = kRegistration;
  org.jurisdiction = {"CN", "Beijing", "Beijing"};
  org.address = "1 Zhongguancun Street, Haidian District";
  org.registration_date = sim::parse_date("2020-03-05");
  org.directory_phone = kListedPhone;
  org.applicant_phone = "+86 138 0000 1111";
  org.signer_authority_confirmed = true;
  return org;
}

// Acme as its applicant submits it: every field as registered.
inline mockca::OrganizationInfo acme_info() {
  mockca::OrganizationInfo info;
  info.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  info.registration_number = kRegistration;
  info.country = "CN";
  info.state = "Beijing";
  info.locality = "Beijing";
  info.address = "1 Zhongguancun Street, Haidian District";
  info.phone = "+86 138 0000 1111";
  info.business_category = sim::world::BusinessCategory::PrivateOrganization;
  return info;
}

inline sim::DurationDistribution fixed_time(sim::Duration duration) {
  return sim::DurationDistribution::fixed(sim::DurationSpec::calendar(duration), "test");
}
inline sim::DurationDistribution fixed_business_hours(double hours) {
  return sim::DurationDistribution::fixed(sim::DurationSpec::business_hours(hours), "test");
}
inline sim::DurationDistribution fixed_business_days(double days) {
  return sim::DurationDistribution::fixed(sim::DurationSpec::business_days(days), "test");
}

// A signing hierarchy (ECDSA, default brand) created once per test executable.
inline const mockca::Hierarchy& shared_hierarchy() {
  static const TempDir dir;
  static const mockca::Hierarchy loaded = [] {
    mockca::init_hierarchy(dir.path() / "ca", {});
    return mockca::Hierarchy::load(dir.path() / "ca");
  }();
  return loaded;
}

}  // namespace casim::test
