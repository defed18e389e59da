// Validity and data-reuse limits by date, as the CA/Browser Forum Baseline Requirements set them:
// the longest a subscriber certificate may be valid (BR §6.3.2) and how long domain and
// organization validation data may be reused (BR §4.2.1; EV data: EV Guidelines §11.14.3), each
// for an issuance instant.
#pragma once

#include "casim/mockca/validation_level.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

// Longest validity, in days, for a certificate issued at `issued_at`: 825 before 2020-09-01,
// 398 before 2026-03-15, 200 before 2027-03-15, 100 before 2029-03-15, then 47.
int max_validity_days(sim::Instant issued_at);
// Days domain validation data stays reusable when checked at `at`: 398, 200, 100, then 10.
int domain_reuse_days(sim::Instant at);
// Days organization (subject identity) data stays reusable for a `level` certificate when checked
// at `at`: 825, then 398 from 2026-03-15 (BR); for EV always 398 (EV Guidelines §11.14.3 — the
// guidelines set no phase-in for it, so no cut-over date is modelled).
int organization_reuse_days(sim::Instant at, ValidationLevel level);

// The last covered second of a validity of `days` days starting at `not_before`: a day is
// 86,400 s and notBefore..notAfter is inclusive, so notAfter = notBefore + days × 86,400 s − 1 s.
sim::Instant validity_end(sim::Instant not_before, int days);
// When a certificate whose last covered second is `not_after` expires: the second after it. Times
// "before expiry" count back from here, so they fall on the minute the certificate was issued.
inline sim::Instant expiry_of(sim::Instant not_after) { return not_after + sim::kSecond; }

}  // namespace casim::mockca
