// The one catalogue of reason codes: every way the mock CA (or an order) can refuse, fail or
// find a problem, with its category, the reseller's code where one exists, and a hint that says
// what to fix. Outcomes carry Reason values; text for users comes from here only.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace casim::mockca {

enum class ReasonCategory { Format, Signature, Key, Name, Chain, Issuance };

// X(Name, category, reseller code or "", what it means, what to do)
#define CASIM_REASONS(X)                                                                         \
  X(CsrUnparsable, Format, "FailedOperation.CertificateCsrParseFailed",                          \
    "the CSR could not be parsed", "submit a complete PEM or DER PKCS#10 request")

enum class Reason {
#define CASIM_REASON_ENUM(name, category, reseller, meaning, hint) name,
  CASIM_REASONS(CASIM_REASON_ENUM)
#undef CASIM_REASON_ENUM
};

struct ReasonInfo {
  Reason reason;
  std::string_view code;           // stable identifier, e.g. "CsrUnparsable"
  ReasonCategory category;
  std::string_view reseller_code;  // the reseller's API error code, "" when it has none
  std::string_view meaning;        // what happened, in one phrase
  std::string_view hint;           // what the user should do about it
};

const ReasonInfo& info(Reason reason);
std::span<const ReasonInfo> all_reasons();
std::optional<Reason> reason_from_code(std::string_view code);
std::string_view category_name(ReasonCategory category);  // "format", "signature", ...

}  // namespace casim::mockca
