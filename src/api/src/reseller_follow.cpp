// Following an order at the CA: CheckCertificateDomainVerification, CompleteCertificate (validate
// now) and DownloadCertificate (the PEM files in a ZIP, base64 in Content; an uploaded
// certificate's files as uploaded).
#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"
#include "zip_archive.hpp"

namespace casim::api {

namespace {

nlohmann::json reason_code(const std::optional<mockca::Reason>& reason) {
  return reason ? nlohmann::json(mockca::info(*reason).code) : nlohmann::json();
}

mockca::CertificateBundle uploaded_bundle(const UploadedCertificate& upload) {
  return {upload.certificate_pem, upload.chain_pem, upload.certificate_pem + upload.chain_pem,
          upload.private_key_pem};
}

// The files in a ZIP (stamped `modified`), base64 in Content.
nlohmann::json bundle_reply(mockca::CertificateBundle files, sim::Instant modified, CallAnswer& answer) {
  std::vector<detail::ZipEntry> entries{{"certificate.pem", files.certificate_pem},
                                        {"chain.pem", files.chain_pem},
                                        {"full_chain.pem", files.full_chain_pem}};
  if (!files.private_key_pem.empty()) entries.push_back({"private_key.pem", files.private_key_pem, true});
  answer.bundle = std::move(files);
  return nlohmann::json{{"Content", detail::base64(detail::zip_archive(entries, modified))},
                        {"ContentType", "application/zip"}};
}

}  // namespace

ResellerApi::Reply ResellerApi::check_verification(detail::ParamReader& params, const CallContext&,
                                                   CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderStatusNotAllowVerify, answer);
  if (!found) return found.error();
  const Certificate& certificate = *found.value();
  const auto checked = ca_.check_domain_verification(certificate.ca_order_id);
  if (!checked) return checked.error();
  nlohmann::json results = nlohmann::json::array();
  for (const auto& domain : checked.value()) {
    results.push_back({{"Domain", domain.domain},
                       {"VerifyType", mockca::to_string(certificate.verify_type)},
                       {"LocalCheck", mockca::code(domain.local_check)},
                       {"CaCheck", mockca::code(domain.ca_check)},
                       {"LocalCheckFailReason", domain.local_reason ? mockca::info(*domain.local_reason).meaning : ""},
                       {"CheckValue", domain.check_value},
                       {"Frequently", domain.frequently},
                       {"Issued", domain.issued},
                       {"CasimDetail", {{"LocalReason", reason_code(domain.local_reason)},
                                        {"CaReason", reason_code(domain.ca_reason)}}}});
  }
  return nlohmann::json{{"VerificationResults", std::move(results)}};
}

ResellerApi::Reply ResellerApi::complete(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderStatusNotAllowVerify, answer);
  if (!found) return found.error();
  const auto done = ca_.complete_certificate(found.value()->ca_order_id);
  if (!done) return done.error();
  return nlohmann::json{{"CertificateId", found.value()->id}};
}

ResellerApi::Reply ResellerApi::download(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = certificate(params, "CertificateId", answer);
  if (!found) return found.error();
  const Certificate& certificate = *found.value();
  if (const auto& upload = certificate.upload) return bundle_reply(uploaded_bundle(*upload), upload->not_before, answer);
  if (!certificate.at_ca()) return not_at_ca(certificate, mockca::Reason::OrderStatusNotAllowDownload);
  auto bundle = ca_.download(certificate.ca_order_id);
  if (!bundle) return bundle.error();
  // The files are stamped with the certificate's notBefore.
  const auto described = ca_.describe(certificate.ca_order_id);
  const sim::Instant issued = described && described.value().certificate ? described.value().certificate->not_before
                                                                         : sim::Instant{};
  return bundle_reply(std::move(bundle.value()), issued, answer);
}

}  // namespace casim::api
