// Revocation and CRLs: marking an issued certificate revoked (with an RFC 5280 reason and an
// instant) in the CA's state, and signing a CRL per issuer that lists what it revoked, with a
// CRL number and a next-update time (BR §7.2; the reasonCode is left out for "unspecified").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/ca_state.hpp"
#include "casim/mockca/csr_intake.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

inline constexpr sim::Duration kMaxCrlValidity = sim::kDay * 10;  // BR §7.2.1 for subscriber CRLs

// Revokes the certificate with `serial` at `at`. A finding (RevocationSerialUnknown or
// RevocationAlreadyRevoked) when that is not possible; nothing when it was revoked.
std::optional<Finding> revoke(CaState& state, std::string_view serial, RevocationReason reason,
                              sim::Instant at);

struct SignedCrl {
  std::string label;                // "casim/dv", or "root"
  std::filesystem::path dir;        // where the issuer's files are (crl.pem and crl.der go there)
  std::string der;
  std::uint64_t number = 0;         // the CRL number
  std::size_t entries = 0;          // revoked certificates listed
  sim::Instant this_update;
  sim::Instant next_update;
};

// Signs one CRL per issuing CA (its revocations up to `this_update`) and one for the root (which
// revokes nothing), each with the next CRL number from `state`, valid for `validity` (positive;
// std::invalid_argument otherwise).
std::vector<SignedCrl> make_crls(const Hierarchy& hierarchy, CaState& state, sim::Instant this_update,
                                 sim::Duration validity);

// Writes a CRL as DIR/crl.der and DIR/crl.pem (temporary file and rename).
void write_crl(const SignedCrl& crl);

}  // namespace casim::mockca
