// The words of the reseller API that both the encoders and the decoders use: verify types, key
// algorithms and parameters, EV business categories and revocation reasons, each written and read
// in one place.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "casim/mockca/api.hpp"
#include "param_reader.hpp"

namespace casim::api::detail {

// DNS, DNS_AUTO, FILE (mockca::to_string).
std::optional<mockca::VerifyType> read_verify_type(ParamReader& params, std::string_view field);

std::string_view algorithm_word(mockca::KeyAlgorithm algorithm);  // "RSA", "ECC"
// "2048", "3072", "4096" (RSA) or "prime256v1", "secp384r1" (ECC); another curve as it is named.
std::string key_parameter_word(const mockca::KeySpec& spec);
// The key spec of an algorithm field and a parameter field. Required: both must be given.
// Otherwise the reseller's defaults fill in what is absent: RSA, then 2048 (RSA) or prime256v1 (ECC).
std::optional<mockca::KeySpec> read_key_spec(ParamReader& params, std::string_view algorithm_field,
                                             std::string_view parameter_field, bool required);

// "Private Organization", … (sim::world::to_string).
std::optional<sim::world::BusinessCategory> read_business_category(ParamReader& params, std::string_view field);

// An RFC 5280 reason name in any case (mockca::parse_revocation_reason); absent: unspecified.
mockca::RevocationReason read_revocation_reason(ParamReader& params, std::string_view field);

}  // namespace casim::api::detail
