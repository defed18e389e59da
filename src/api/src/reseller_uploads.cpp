// UploadCertificate (a certificate the customer brings: checked by the CA's chain checker, kept
// as Status 1 with its files) and CheckCertificateChain (the chain checker's verdict in the API's
// IsValid / IsTrustedCA / Chains, with every finding in CasimDetail).
#include <algorithm>

#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"

namespace casim::api {
namespace {

enum class CertificateType { Server, Ca };
constexpr CertificateType kCertificateTypes[] = {CertificateType::Server, CertificateType::Ca};
std::string_view type_name(CertificateType type) { return type == CertificateType::Ca ? "CA" : "SVR"; }

// An incomplete chain or a root nobody here trusts is what customers upload every day (self-signed
// and partial chains); the other findings mean the files are unusable.
bool blocks_upload(mockca::Reason reason) {
  return reason != mockca::Reason::ChainIntermediateMissing && reason != mockca::Reason::ChainUntrustedRoot &&
         reason != mockca::Reason::ChainCertificateExpired && reason != mockca::Reason::ChainCertificateNotYetValid;
}

nlohmann::json findings_json(const std::vector<mockca::Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& finding : findings) {
    out.push_back({{"Reason", mockca::info(finding.reason).code}, {"Message", finding.message}});
  }
  return out;
}

std::string display_name(const mockca::ChainCertificate& certificate) {
  return certificate.common_name.empty() ? certificate.subject : certificate.common_name;
}

}  // namespace

ResellerApi::Reply ResellerApi::upload(detail::ParamReader& params, const CallContext& context, CallAnswer& answer) {
  const std::string content = params.required_string("CertificatePublicKey");
  const auto type = params.choice<CertificateType>("CertificateType", kCertificateTypes, type_name)
                        .value_or(CertificateType::Server);
  const auto key = params.string("CertificatePrivateKey");
  const std::string alias = params.string("Alias").value_or("");
  const bool repeatable = params.flag("Repeatable").value_or(true);
  if (params.ok() && params.has("KeyPassword")) {
    params.bad_value("KeyPassword", "absent (casim reads unencrypted keys only)", "a password");
  }
  if (params.ok() && type == CertificateType::Server && !key) {
    params.require("CertificatePrivateKey", "when CertificateType is SVR");
  }
  if (!params.ok()) return *params.error();

  const mockca::ChainReport report =
      ca_.check_chain(content, type == CertificateType::Server ? key : std::optional<std::string>());
  std::vector<mockca::Finding> blocking;
  std::copy_if(report.findings.begin(), report.findings.end(), std::back_inserter(blocking),
               [](const mockca::Finding& finding) { return blocks_upload(finding.reason); });
  if (!blocking.empty()) return mockca::make_api_error(std::move(blocking));

  UploadedCertificate upload;
  const mockca::ChainCertificate& leaf = report.certificates[report.path.front()];
  upload.certificate_pem = leaf.pem;
  for (std::size_t i = 1; i < report.path.size(); ++i) upload.chain_pem += report.certificates[report.path[i]].pem;
  upload.private_key_pem = type == CertificateType::Server ? *key : "";
  upload.ca_type = type == CertificateType::Ca;
  upload.alias = alias;
  if (!leaf.common_name.empty()) upload.names.push_back(leaf.common_name);
  for (const auto& name : leaf.dns_names) {
    if (std::find(upload.names.begin(), upload.names.end(), name) == upload.names.end()) upload.names.push_back(name);
  }
  upload.not_before = leaf.not_before;
  upload.not_after = leaf.not_after;
  upload.uploaded_at = report.checked_at;

  if (!repeatable) {
    for (const auto& existing : certificates_) {
      if (existing->upload && existing->upload->certificate_pem == upload.certificate_pem) {
        answer.certificate_id = existing->id;
        answer.order_ref = existing->ref;
        return nlohmann::json{{"CertificateId", existing->id}, {"RepeatCertId", existing->id}};
      }
    }
  }
  auto certificate = std::make_unique<Certificate>();
  certificate->ref = context.order_ref.empty() ? "upload-" + std::to_string(certificates_.size() + 1) : context.order_ref;
  if (auto taken = check_ref_free(certificate->ref)) return *taken;
  certificate->names = upload.names;
  certificate->upload = std::move(upload);
  const Certificate& added = add(std::move(certificate));
  answer.certificate_id = added.id;
  answer.order_ref = added.ref;
  return nlohmann::json{{"CertificateId", added.id}, {"RepeatCertId", ""}};
}

ResellerApi::Reply ResellerApi::check_chain(detail::ParamReader& params, const CallContext&, CallAnswer&) {
  const std::string content = params.required_string("CertificateChain");
  if (!params.ok()) return *params.error();
  const mockca::ChainReport report = ca_.check_chain(content, std::nullopt);
  if (report.unreadable()) return mockca::make_api_error(report.findings);
  nlohmann::json chains = nlohmann::json::array();
  for (const std::size_t index : report.path) chains.push_back(display_name(report.certificates[index]));
  const bool valid = std::none_of(report.findings.begin(), report.findings.end(), [](const mockca::Finding& finding) {
    return finding.reason != mockca::Reason::ChainUntrustedRoot;
  });
  return nlohmann::json{
      {"IsValid", valid},
      {"IsTrustedCA", report.root.has_value()},
      {"Chains", std::move(chains)},
      {"CasimDetail", {{"Findings", findings_json(report.findings)}, {"Root", report.root.value_or("")}}}};
}

}  // namespace casim::api
