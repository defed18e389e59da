// The name checks of the mock CA's intake: Boulder-style identifier syntax, IDNA2008 A-labels, the
// ICANN section of the Public Suffix List (internal names, public suffixes, wildcards on them),
// blocked names, IP addresses; and how a request's CN is merged into its SANs. CSR intake and
// online CSR generation share them.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/csr_intake.hpp"

namespace casim::mockca {

inline constexpr std::size_t kMaxNameLength = 253;  // characters, without a trailing dot
inline constexpr std::size_t kMaxLabelLength = 63;
inline constexpr std::size_t kMaxCommonNameLength = 64;  // ub-common-name; the reseller's limit too

// The Public Suffix List casim reads (Debian package publicsuffix); libpsl's built-in list is
// the fallback when the file is missing.
inline constexpr const char* kPublicSuffixFile = "/usr/share/publicsuffix/public_suffix_list.dafsa";

// ASCII letters lower-cased, every other byte unchanged.
std::string to_lower_ascii(std::string_view text);

// True for an IPv4 dotted quad or an IPv6 address (bare or in brackets).
bool is_ip_literal(std::string_view text);

// Every problem of one DNS identifier (a dNSName or a CN, in any case): an empty name, an IP
// address, bad characters, length, a trailing dot, labels (empty, too long, hyphens, reserved
// `??--` forms, xn-- labels that are not IDNA2008 A-labels), wildcards, a TLD outside the ICANN
// list (internal names), a name that is a public suffix, and names blocked by policy. Syntax
// problems are all reported; the suffix and block-list checks run only on a name whose syntax is
// sound.
std::vector<Finding> check_dns_name(std::string_view name, const IntakePolicy& policy = {});

// The finding for an iPAddress SAN of 4 or 16 bytes. Every IP address is refused (this product
// certifies domain names only); private and reserved ranges get their own reason.
Finding check_ip_san(std::span<const unsigned char> address);

struct NameCheck {
  std::vector<std::string> names;  // CN first, then the SANs; lower-cased, duplicates removed
  std::vector<Finding> findings;
};

// Checks the identifiers of a request: its subject CNs (at most one, at most 64 characters, not
// an IP address) and its dNSName SANs, each name once; at least one name and at most
// policy.max_names after the CN is merged into the SANs.
NameCheck check_requested_names(std::span<const std::string> common_names, std::span<const std::string> dns_names,
                                const IntakePolicy& policy);

}  // namespace casim::mockca
