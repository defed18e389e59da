// ReplaceCertificate's CSR and validation fields both ways. CsrType original reuses the original
// order's CSR input; online takes CertCSREncryptAlgo, CertCSRKeyParameter and CsrkeyPassword as
// the SDK spells them, and the names through casim's extensions CertCommonName and DnsNames (each
// absent one is the original's); upload takes CsrContent and, as an extension, CertCommonName.
#include <array>
#include <string_view>

#include "casim/api/reseller_api.hpp"
#include "fields.hpp"
#include "vocabulary.hpp"

namespace casim::api {

namespace {

constexpr std::array<std::string_view, 3> kCsrTypes{"original", "online", "upload"};

}  // namespace

nlohmann::json replace_params(const std::optional<mockca::CsrInput>& csr,
                              std::optional<mockca::VerifyType> verify_type) {
  nlohmann::json params = nlohmann::json::object();
  if (!csr) {
    params["CsrType"] = "original";
  } else if (const auto* online = std::get_if<mockca::OnlineCsr>(&*csr)) {
    params["CsrType"] = "online";
    params["CertCSREncryptAlgo"] = detail::algorithm_word(online->key.algorithm);
    params["CertCSRKeyParameter"] = detail::key_parameter_word(online->key);
    if (online->key_password) params["CsrkeyPassword"] = *online->key_password;
    params["CertCommonName"] = online->common_name;
    params["DnsNames"] = online->other_names;
  } else {
    const auto& pasted = std::get<mockca::PastedCsr>(*csr);
    params["CsrType"] = "upload";
    params["CsrContent"] = pasted.pem;
    if (!pasted.common_name.empty()) params["CertCommonName"] = pasted.common_name;
  }
  if (verify_type) params["ValidType"] = mockca::to_string(*verify_type);
  return params;
}

namespace detail {

Replacement read_replacement(ParamReader& params, std::span<const std::string> original_names) {
  Replacement replacement;
  const auto type = params.choice("CsrType", std::span<const std::string_view>(kCsrTypes),
                                  [](std::string_view word) { return word; })
                        .value_or("original");
  if (type == "online") {
    mockca::OnlineCsr online;
    online.key = read_key_spec(params, "CertCSREncryptAlgo", "CertCSRKeyParameter", false).value_or(mockca::KeySpec{});
    online.key_password = params.string("CsrkeyPassword");
    if (online.key_password && online.key_password->empty()) {
      params.bad_value("CsrkeyPassword", "a non-empty password (leave it out for an unencrypted key)", "");
    }
    const auto common_name = params.string("CertCommonName");
    online.common_name = common_name ? *common_name : original_names.empty() ? "" : original_names.front();
    const auto other_names = params.strings("DnsNames");
    if (other_names) {
      online.other_names = *other_names;
    } else if (!original_names.empty()) {
      online.other_names.assign(original_names.begin() + 1, original_names.end());
    }
    replacement.csr = std::move(online);
  } else if (type == "upload") {
    mockca::PastedCsr pasted;
    pasted.pem = params.required_string("CsrContent", "when CsrType is upload");
    pasted.common_name = params.string("CertCommonName").value_or("");
    replacement.csr = std::move(pasted);
  }
  replacement.verify_type = read_verify_type(params, "ValidType");
  return replacement;
}

}  // namespace detail
}  // namespace casim::api
