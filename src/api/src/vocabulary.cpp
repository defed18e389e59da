// The reseller API's words for verify types, keys, business categories and revocation reasons.
#include "vocabulary.hpp"

#include <array>

#include "casim/api/reseller_api.hpp"

namespace casim::api {

std::string revocation_reason_param(mockca::RevocationReason reason) {
  return std::string(mockca::reason_name(reason));
}

namespace detail {

namespace {

constexpr std::array kVerifyTypes{mockca::VerifyType::Dns, mockca::VerifyType::DnsAuto, mockca::VerifyType::File};
constexpr std::array kAlgorithms{mockca::KeyAlgorithm::Rsa, mockca::KeyAlgorithm::Ecc};
constexpr std::array kRsaSizes{2048, 3072, 4096};
// The curves offered: casim's name and the reseller's.
struct Curve {
  std::string_view name;
  std::string_view word;
};
constexpr std::array kCurves{Curve{"P-256", "prime256v1"}, Curve{"P-384", "secp384r1"}};
constexpr std::array kBusinessCategories{
    sim::world::BusinessCategory::PrivateOrganization, sim::world::BusinessCategory::GovernmentEntity,
    sim::world::BusinessCategory::BusinessEntity, sim::world::BusinessCategory::NonCommercialEntity};

}  // namespace

std::optional<mockca::VerifyType> read_verify_type(ParamReader& params, std::string_view field) {
  return params.choice(field, std::span<const mockca::VerifyType>(kVerifyTypes),
                       [](mockca::VerifyType type) { return mockca::to_string(type); });
}

std::string_view algorithm_word(mockca::KeyAlgorithm algorithm) {
  return algorithm == mockca::KeyAlgorithm::Rsa ? "RSA" : "ECC";
}

std::string key_parameter_word(const mockca::KeySpec& spec) {
  if (spec.algorithm == mockca::KeyAlgorithm::Rsa) return std::to_string(spec.rsa_bits);
  for (const Curve& curve : kCurves) {
    if (curve.name == spec.curve) return std::string(curve.word);
  }
  return spec.curve;
}

std::optional<mockca::KeySpec> read_key_spec(ParamReader& params, std::string_view algorithm_field,
                                             std::string_view parameter_field, bool required) {
  if (required && !(params.require(algorithm_field) && params.require(parameter_field))) return std::nullopt;
  mockca::KeySpec spec;
  spec.algorithm = params.choice(algorithm_field, std::span<const mockca::KeyAlgorithm>(kAlgorithms), algorithm_word)
                       .value_or(mockca::KeyAlgorithm::Rsa);
  if (spec.algorithm == mockca::KeyAlgorithm::Rsa) {
    spec.rsa_bits = params.choice(parameter_field, std::span<const int>(kRsaSizes),
                                  [](int bits) { return std::to_string(bits); })
                        .value_or(2048);
  } else {
    spec.curve = params.choice(parameter_field, std::span<const Curve>(kCurves), [](const Curve& curve) {
                         return curve.word;
                       })
                     .value_or(kCurves[0])
                     .name;
  }
  if (!params.ok()) return std::nullopt;
  return spec;
}

std::optional<sim::world::BusinessCategory> read_business_category(ParamReader& params, std::string_view field) {
  return params.choice(field, std::span<const sim::world::BusinessCategory>(kBusinessCategories),
                       [](sim::world::BusinessCategory category) { return sim::world::to_string(category); });
}

mockca::RevocationReason read_revocation_reason(ParamReader& params, std::string_view field) {
  const auto text = params.string(field);
  if (!text) return mockca::RevocationReason::Unspecified;
  const auto reason = mockca::parse_revocation_reason(*text);
  if (!reason) params.bad_value(field, "one of " + std::string(mockca::revocation_reason_names()), *text);
  return reason.value_or(mockca::RevocationReason::Unspecified);
}

}  // namespace detail
}  // namespace casim::api
