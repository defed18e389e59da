// Identifier checks of the intake (Boulder's policy authority, adapted): syntax, IDNA2008 A-labels
// through libidn2, the ICANN section of the Public Suffix List through libpsl, wildcards, blocked
// names, IP SANs, and the merge of the CN into the SANs.
#include "casim/mockca/name_checks.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>

#include <boost/container/small_vector.hpp>
#include <fmt/format.h>
#include <idn2.h>

#include "casim/sim/text.hpp"
#include "casim/sim/world/names.hpp"
#include "intake_text.hpp"
#include "public_suffix.hpp"

namespace casim::mockca {
namespace {

// TLDs in the ICANN section that name no subscriber's server: Tor services and reverse DNS.
constexpr std::array<std::string_view, 2> kSpecialUseTlds{"onion", "arpa"};

struct ReservedRange {
  std::array<unsigned char, 16> prefix;
  int bits;
  std::string_view what;
};

// IANA special-purpose IPv4 ranges (RFC 6890 and successors).
const std::array kReservedIpv4{
    ReservedRange{{0, 0, 0, 0}, 8, "\"this network\" (RFC 1122)"},
    ReservedRange{{10, 0, 0, 0}, 8, "private use (RFC 1918)"},
    ReservedRange{{100, 64, 0, 0}, 10, "shared address space (RFC 6598)"},
    ReservedRange{{127, 0, 0, 0}, 8, "loopback (RFC 1122)"},
    ReservedRange{{169, 254, 0, 0}, 16, "link local (RFC 3927)"},
    ReservedRange{{172, 16, 0, 0}, 12, "private use (RFC 1918)"},
    ReservedRange{{192, 0, 0, 0}, 24, "IETF protocol assignments (RFC 6890)"},
    ReservedRange{{192, 0, 2, 0}, 24, "documentation (RFC 5737)"},
    ReservedRange{{192, 88, 99, 0}, 24, "6to4 relay anycast (RFC 3068)"},
    ReservedRange{{192, 168, 0, 0}, 16, "private use (RFC 1918)"},
    ReservedRange{{198, 18, 0, 0}, 15, "benchmarking (RFC 2544)"},
    ReservedRange{{198, 51, 100, 0}, 24, "documentation (RFC 5737)"},
    ReservedRange{{203, 0, 113, 0}, 24, "documentation (RFC 5737)"},
    ReservedRange{{224, 0, 0, 0}, 4, "multicast (RFC 5771)"},
    ReservedRange{{240, 0, 0, 0}, 4, "reserved (RFC 1112)"},
};

// IANA special-purpose IPv6 ranges; IPv4-mapped addresses are judged by their IPv4 part.
const std::array kReservedIpv6{
    ReservedRange{{}, 128, "the unspecified address (RFC 4291)"},
    ReservedRange{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, "loopback (RFC 4291)"},
    ReservedRange{{0, 0x64, 0xff, 0x9b}, 96, "IPv4/IPv6 translation (RFC 6052)"},
    ReservedRange{{0, 0x64, 0xff, 0x9b, 0, 1}, 48, "local IPv4/IPv6 translation (RFC 8215)"},
    ReservedRange{{0x01, 0x00}, 64, "discard only (RFC 6666)"},
    ReservedRange{{0x20, 0x01, 0x00, 0x00}, 23, "IETF protocol assignments (RFC 2928)"},
    ReservedRange{{0x20, 0x01, 0x0d, 0xb8}, 32, "documentation (RFC 3849)"},
    ReservedRange{{0x20, 0x02}, 16, "6to4 (RFC 3056)"},
    ReservedRange{{0x3f, 0xff}, 20, "documentation (RFC 9637)"},
    ReservedRange{{0xfc}, 7, "unique local (RFC 4193)"},
    ReservedRange{{0xfe, 0x80}, 10, "link local (RFC 4291)"},
    ReservedRange{{0xff}, 8, "multicast (RFC 4291)"},
};

bool in_range(std::span<const unsigned char> address, const ReservedRange& range) {
  for (int bit = 0; bit < range.bits; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    const auto mask = static_cast<unsigned char>(0x80u >> (bit % 8));
    if ((address[byte] & mask) != (range.prefix[byte] & mask)) return false;
  }
  return true;
}

// A name has few labels: kept inline.
using Labels = boost::container::small_vector<std::string_view, 8>;

Labels split_labels(std::string_view name) {
  Labels labels;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    if (dot == std::string_view::npos) {
      labels.push_back(name.substr(start));
      return labels;
    }
    labels.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
}

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '*';
}

// The label's non-ASCII code points as "U+XXXX ..." when its punycode decodes; empty otherwise.
std::string non_ascii_code_points(const std::string& label) {
  std::uint32_t* decoded = nullptr;
  if (idn2_to_unicode_8z4z(label.c_str(), &decoded, 0) != IDN2_OK) return "";
  const std::unique_ptr<std::uint32_t, decltype(&idn2_free)> owned(decoded, idn2_free);
  std::string listed;
  for (const std::uint32_t* c = decoded; *c != 0; ++c) {
    if (*c >= 0x80) listed += fmt::format("{}U+{:04X}", listed.empty() ? "" : " ", *c);
  }
  return listed;
}

// Why an xn-- label is not a valid IDNA2008 A-label; nothing when it is. libidn2's registration
// check (RFC 5891 section 4) decodes the punycode, tests the U-label (disallowed and unassigned
// code points, NFC, a leading combining mark, hyphens, the CONTEXTJ and CONTEXTO rules, the Bidi
// rule) and encodes it back to the same A-label. Registration rather than lookup: a certified
// name must be one a registry could register, and lookup skips the CONTEXTO rules. Plain IDNA2008,
// no UTS #46 mapping, and no normalization: a U-label that is not NFC already is refused.
std::optional<std::string> a_label_problem(const std::string& label) {
  char* registered = nullptr;
  const int rc = idn2_register_u8(nullptr, reinterpret_cast<const std::uint8_t*>(label.c_str()),
                                  reinterpret_cast<std::uint8_t**>(&registered), 0);
  idn2_free(registered);
  if (rc == IDN2_OK) return std::nullopt;
  return std::string(idn2_strerror(rc));
}

// The A-label form of a name written with Unicode characters: an IDNA2008 lookup of the name,
// normalized to NFC first as RFC 5891 section 5.2 asks; nothing when the name is not valid
// IDNA2008 or still has characters a DNS name may not.
std::optional<std::string> a_label_form(const std::string& name) {
  char* ascii = nullptr;
  const int rc = idn2_lookup_u8(reinterpret_cast<const std::uint8_t*>(name.c_str()),
                                reinterpret_cast<std::uint8_t**>(&ascii), IDN2_NFC_INPUT | IDN2_NO_TR46);
  const std::unique_ptr<char, decltype(&idn2_free)> owned(ascii, idn2_free);
  if (rc != IDN2_OK) return std::nullopt;
  std::string converted(ascii);
  if (!std::all_of(converted.begin(), converted.end(), is_name_character)) return std::nullopt;
  return converted;
}

// A function that adds a finding about `name` to `findings`.
auto finding_adder(std::vector<Finding>& findings, std::string_view name) {
  return [&findings, name](Reason reason, std::string message) {
    findings.push_back(Finding{reason, std::move(message), std::string(name)});
  };
}

// The syntax findings of a lower-cased, non-empty name that is not an IP address.
void check_syntax(std::string_view name, std::vector<Finding>& findings) {
  const auto add = finding_adder(findings, name);
  const auto bad = std::find_if(name.begin(), name.end(), [](char c) { return !is_name_character(c); });
  if (bad != name.end()) {
    if (static_cast<unsigned char>(*bad) >= 0x80) {
      const auto a_label = a_label_form(std::string(name));
      add(Reason::NameInvalidCharacters,
          a_label ? fmt::format("{} has non-ASCII characters; write it as {} (IDNA2008)", in_quotes(name), *a_label)
                  : fmt::format("{} has non-ASCII characters and no valid A-label form (IDNA2008)", in_quotes(name)));
    } else {
      add(Reason::NameInvalidCharacters,
          fmt::format("{} contains the character {}", in_quotes(name), in_quotes(std::string_view(&*bad, 1))));
    }
  }
  std::string_view body = name;
  const bool trailing_dot = body.ends_with('.');
  if (trailing_dot) body.remove_suffix(1);
  if (body.size() > kMaxNameLength) {
    add(Reason::NameTooLong, fmt::format("the name has {} characters (at most {})", body.size(), kMaxNameLength));
  }
  if (trailing_dot) add(Reason::NameTrailingDot, fmt::format("{} ends with a dot", in_quotes(name)));

  const auto labels = split_labels(body);
  const auto wildcards = std::count(body.begin(), body.end(), '*');
  if (wildcards > 1) {
    add(Reason::NameWildcardMultiple, fmt::format("{} has {} wildcards", in_quotes(name), wildcards));
  } else if (wildcards == 1 && labels.front() != "*") {
    add(Reason::NameWildcardNotLeftmost,
        fmt::format("in {} the wildcard is not the whole leftmost label", in_quotes(name)));
  }
  if (labels.size() < 2) {
    add(Reason::NameTooFewLabels, fmt::format("{} has a single label: an internal name", in_quotes(name)));
  }

  bool empty_reported = false;
  bool long_reported = false;
  bool hyphen_reported = false;
  bool reserved_reported = false;
  bool a_label_reported = false;
  for (const auto label : labels) {
    if (label.empty()) {
      if (!empty_reported) add(Reason::NameLabelEmpty, fmt::format("{} has an empty label", in_quotes(name)));
      empty_reported = true;
      continue;
    }
    if (label.find('*') != std::string_view::npos) continue;  // the wildcard checks cover it
    if (label.size() > kMaxLabelLength && !long_reported) {
      add(Reason::NameLabelTooLong,
          fmt::format("a label of {} has {} characters (at most {})", in_quotes(name), label.size(), kMaxLabelLength));
      long_reported = true;
    }
    if ((label.front() == '-' || label.back() == '-') && !hyphen_reported) {
      add(Reason::NameLabelHyphen, fmt::format("the label {} starts or ends with a hyphen", in_quotes(label)));
      hyphen_reported = true;
    }
    const bool ldh = std::all_of(label.begin(), label.end(), [](char c) { return is_name_character(c); });
    if (ldh && label.size() >= 4 && label[2] == '-' && label[3] == '-') {
      if (label.starts_with("xn--")) {
        const std::string a_label(label);
        const auto problem = a_label_reported ? std::nullopt : a_label_problem(a_label);
        if (problem) {
          const auto code_points = non_ascii_code_points(a_label);
          add(Reason::NamePunycodeInvalid,
              fmt::format("the label {}{} is not a valid IDNA2008 A-label: {}", in_quotes(label),
                          code_points.empty() ? "" : " (" + code_points + ")", *problem));
          a_label_reported = true;
        }
      } else if (!reserved_reported) {
        add(Reason::NameReservedLabel,
            fmt::format("the label {} has hyphens in its third and fourth characters (reserved; only xn-- is allowed)",
                        in_quotes(label)));
        reserved_reported = true;
      }
    }
  }
}

bool is_blocked(std::string_view base, bool wildcard, const IntakePolicy& policy, std::string& matched) {
  for (const auto& entry : policy.blocked_names) {
    std::string normalized;
    const std::string_view blocked = sim::world::normal_name_view(entry, normalized);
    if (blocked.empty()) continue;
    const bool covered = base == blocked || (base.size() > blocked.size() && base.ends_with(blocked) &&
                                             base[base.size() - blocked.size() - 1] == '.');
    // A wildcard also covers a blocked name one label below its base.
    const auto first_dot = blocked.find('.');
    const bool under_wildcard = wildcard && first_dot != std::string_view::npos && blocked.substr(first_dot + 1) == base;
    if (covered || under_wildcard) {
      matched = std::string(blocked);
      return true;
    }
  }
  return false;
}

// `text` with ASCII letters lower-cased: `text` itself when it has no upper-case letter, else a
// lower-cased copy kept in `storage`.
std::string_view lower_ascii_view(std::string_view text, std::string& storage) {
  if (std::none_of(text.begin(), text.end(), [](char c) { return sim::lower_ascii(c) != c; })) return text;
  storage = to_lower_ascii(text);
  return storage;
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = sim::lower_ascii(c);
  return lower;
}

bool is_ip_literal(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  // inet_pton takes IPv4 as dotted decimal only, and every IPv6 form has a colon: most names are neither.
  const bool could_be_ipv4 = text.find_first_not_of("0123456789.") == std::string_view::npos;
  if (!could_be_ipv4 && text.find(':') == std::string_view::npos) return false;
  const std::string address(text);
  std::array<unsigned char, 16> buffer{};
  return inet_pton(AF_INET, address.c_str(), buffer.data()) == 1 ||
         inet_pton(AF_INET6, address.c_str(), buffer.data()) == 1;
}

std::vector<Finding> check_dns_name(std::string_view raw_name, const IntakePolicy& policy) {
  std::vector<Finding> findings;
  std::string lowered;
  const std::string_view name = lower_ascii_view(raw_name, lowered);
  const auto add = finding_adder(findings, name);
  if (name.empty()) {
    add(Reason::NameEmpty, "an empty domain name");
    return findings;
  }
  if (is_ip_literal(name)) {
    add(Reason::NameIsIpAddress, fmt::format("{} is an IP address, not a domain name", in_quotes(name)));
    return findings;
  }
  check_syntax(name, findings);
  if (!findings.empty()) return findings;

  const bool wildcard = name.starts_with("*.");
  const std::string_view base = wildcard ? name.substr(2) : name;
  const std::string_view tld = name.substr(name.rfind('.') + 1);
  const bool special_use = std::find(kSpecialUseTlds.begin(), kSpecialUseTlds.end(), tld) != kSpecialUseTlds.end();
  if (special_use || !is_icann_suffix(tld, SuffixRules::NoStarRule)) {
    add(Reason::NameInternal,
        fmt::format("{} ends in .{}, which is not a public top-level domain", in_quotes(name), tld));
    return findings;
  }
  if (is_icann_suffix(base)) {
    if (wildcard) {
      add(Reason::NameWildcardOnPublicSuffix,
          fmt::format("{} puts a wildcard directly on the public suffix {}", in_quotes(name), in_quotes(base)));
    } else {
      add(Reason::NameIsPublicSuffix,
          fmt::format("{} is a public suffix (ICANN section of the Public Suffix List)", in_quotes(name)));
    }
  }
  std::string matched;
  if (is_blocked(base, wildcard, policy, matched)) {
    add(Reason::NameBlocked,
        fmt::format("{} is blocked by policy ({} and its subdomains)", in_quotes(name), in_quotes(matched)));
  }
  return findings;
}

Finding check_ip_san(std::span<const unsigned char> address) {
  std::array<unsigned char, 16> bytes{};
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.size() == 4) {
    std::copy(address.begin(), address.end(), bytes.begin());
    inet_ntop(AF_INET, bytes.data(), text.data(), text.size());
  } else if (address.size() == 16) {
    std::copy(address.begin(), address.end(), bytes.begin());
    inet_ntop(AF_INET6, bytes.data(), text.data(), text.size());
  } else {
    return Finding{Reason::NameIpSanUnsupported, fmt::format("a malformed iPAddress SAN of {} bytes", address.size()),
                   ""};
  }
  const std::string shown = text.data();
  std::span<const unsigned char> judged(bytes.data(), address.size());
  const bool mapped = address.size() == 16 &&
                      std::all_of(bytes.begin(), bytes.begin() + 10, [](unsigned char b) { return b == 0; }) &&
                      bytes[10] == 0xff && bytes[11] == 0xff;
  if (mapped) judged = std::span<const unsigned char>(bytes.data() + 12, 4);
  const std::span<const ReservedRange> ranges = judged.size() == 4 ? std::span<const ReservedRange>(kReservedIpv4)
                                                                   : std::span<const ReservedRange>(kReservedIpv6);
  for (const auto& range : ranges) {
    if (in_range(judged, range)) {
      return Finding{Reason::NameIpSanReserved,
                     fmt::format("the IP address {} is in a reserved range: {}", shown, range.what), shown};
    }
  }
  return Finding{Reason::NameIpSanUnsupported,
                 fmt::format("the IP address {} is public, but this product certifies domain names only", shown),
                 shown};
}

NameCheck check_requested_names(std::span<const std::string> common_names, std::span<const std::string> dns_names,
                                const IntakePolicy& policy) {
  NameCheck result;
  auto add_name = [&](std::string name) {
    if (std::find(result.names.begin(), result.names.end(), name) == result.names.end()) {
      result.names.push_back(std::move(name));
    }
  };
  if (common_names.size() > 1) {
    std::string listed;
    for (const auto& cn : common_names) listed += (listed.empty() ? "" : ", ") + in_quotes(cn);
    result.findings.push_back(
        Finding{Reason::NameCommonNameMultiple,
                fmt::format("the subject has {} CNs ({}); one is allowed", common_names.size(), listed), ""});
  }
  for (const auto& cn : common_names) {
    std::string lower = to_lower_ascii(cn);
    if (lower.empty()) {
      result.findings.push_back(Finding{Reason::NameEmpty, "the subject CN is empty", ""});
      continue;
    }
    const auto length = utf8_length(lower);
    if (length > kMaxCommonNameLength) {
      result.findings.push_back(
          Finding{Reason::NameCommonNameTooLong,
                  fmt::format("the CN has {} characters (at most {})", length, kMaxCommonNameLength), lower});
    }
    if (is_ip_literal(lower)) {
      result.findings.push_back(
          Finding{Reason::NameCommonNameIsIp, fmt::format("the CN {} is an IP address", in_quotes(lower)), lower});
      continue;
    }
    add_name(std::move(lower));
  }
  for (const auto& san : dns_names) {
    if (san.empty()) {
      result.findings.push_back(Finding{Reason::NameEmpty, "an empty dNSName in the subjectAltName", ""});
      continue;
    }
    add_name(to_lower_ascii(san));
  }
  for (const auto& name : result.names) {
    auto findings = check_dns_name(name, policy);
    result.findings.insert(result.findings.end(), findings.begin(), findings.end());
  }
  if (result.names.empty()) {
    result.findings.push_back(
        Finding{Reason::NameMissing, "the request has no domain name (no CN and no dNSName SAN)", ""});
  }
  if (result.names.size() > policy.max_names) {
    result.findings.push_back(Finding{Reason::NameTooMany,
                                      fmt::format("{} names after merging the CN and removing duplicates (at most {})",
                                                  result.names.size(), policy.max_names),
                                      ""});
  }
  return result;
}

}  // namespace casim::mockca
