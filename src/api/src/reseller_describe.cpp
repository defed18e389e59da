// DescribeCertificateDetail: a certificate pending submission from the codec's own state (Status
// 5), an uploaded one from what was uploaded (Status 1), otherwise from the CA's description, in
// the fields the reseller's SDK names, with casim's CasimDetail (ref, brand, phase, the two
// tracks, reasons, failure text, the certificate's serial, exact validity and whether it was signed).
#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"

namespace casim::api {

namespace {

nlohmann::json text_or_null(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); }

nlohmann::json auth_detail(const std::vector<mockca::DomainChallenge>& challenges) {
  if (challenges.empty()) return nullptr;
  nlohmann::json auths = nlohmann::json::array();
  for (const auto& challenge : challenges) auths.push_back(challenge_json(challenge));
  const nlohmann::json& first = auths.front();
  return {{"DvAuthKey", first["DvAuthKey"]},       {"DvAuthValue", first["DvAuthValue"]},
          {"DvAuthDomain", first["DvAuthDomain"]}, {"DvAuthPath", first["DvAuthPath"]},
          {"DvAuthKeySubDomain", first["DvAuthSubDomain"]}, {"DvAuths", auths}};
}

// The names an online CSR asks for; a pasted one's given CN only.
std::vector<std::string> asked_names(const mockca::CsrInput& csr) {
  if (const auto* online = std::get_if<mockca::OnlineCsr>(&csr)) return detail::online_names(*online);
  const auto& pasted = std::get<mockca::PastedCsr>(csr);
  if (pasted.common_name.empty()) return {};
  return {pasted.common_name};
}

void put_names(nlohmann::json& detail, const std::vector<std::string>& names) {
  detail["Domain"] = names.empty() ? nlohmann::json() : nlohmann::json(names.front());
  detail["SubjectAltName"] = names.empty() ? nlohmann::json::array()
                                           : nlohmann::json(std::vector<std::string>(names.begin() + 1, names.end()));
}

// What the codec knows of a certificate pending submission (Status 5).
void put_pending(nlohmann::json& detail, const std::optional<detail::SubmittedInfo>& info) {
  const mockca::Status status = mockca::Status::PendingSubmission;
  detail["Status"] = mockca::code(status);
  detail["StatusMsg"] = nullptr;
  detail["StatusName"] = mockca::status_name(status);
  detail["VerifyType"] = info && info->verify_type ? nlohmann::json(mockca::to_string(*info->verify_type)) : nlohmann::json();
  put_names(detail, info ? asked_names(info->csr) : std::vector<std::string>{});
  for (const char* field : {"CertBeginTime", "CertEndTime", "InsertTime", "OrderId", "DvAuthDetail"}) detail[field] = nullptr;
}

// What the CA describes of an order (the names as its receipt gave them).
void put_order(nlohmann::json& detail, nlohmann::json& casim, const mockca::OrderDescription& order,
               const std::vector<std::string>& names) {
  detail["Status"] = mockca::code(order.status);
  detail["StatusMsg"] = order.status_msg != mockca::StatusMsg::None ? nlohmann::json(mockca::status_msg_text(order.status_msg))
                                                                     : text_or_null(order.status_text);
  detail["StatusName"] = mockca::status_name(order.status);
  detail["VerifyType"] = mockca::to_string(order.verify_type);
  put_names(detail, names);
  detail["CertBeginTime"] = order.certificate ? nlohmann::json(api_time(order.certificate->not_before)) : nlohmann::json();
  detail["CertEndTime"] = order.certificate ? nlohmann::json(api_time(order.certificate->not_after)) : nlohmann::json();
  detail["InsertTime"] = api_time(order.submitted_at);
  detail["OrderId"] = order.order_id;
  detail["DvAuthDetail"] = auth_detail(order.challenges);
  casim["Phase"] = mockca::phase_name(order.phase);
  casim["DomainValidation"] = mockca::track_state_name(order.domain_validation);
  casim["Review"] = mockca::track_state_name(order.review);
  for (const auto reason : order.reasons) casim["Reasons"].push_back(mockca::info(reason).code);
  casim["StatusText"] = text_or_null(order.status_text);
  if (order.certificate) {
    casim["Serial"] = order.certificate->serial;
    casim["NotBefore"] = sim::format_instant(order.certificate->not_before);
    casim["NotAfter"] = sim::format_instant(order.certificate->not_after);
    casim["Signed"] = order.certificate->signed_certificate;
  }
}

// An uploaded certificate: issued (Status 1) as far as the platform is concerned.
void put_upload(nlohmann::json& detail, const UploadedCertificate& upload) {
  const mockca::Status status = mockca::Status::Issued;
  detail["Status"] = mockca::code(status);
  detail["StatusMsg"] = nullptr;
  detail["StatusName"] = mockca::status_name(status);
  detail["VerifyType"] = nullptr;
  put_names(detail, upload.names);
  detail["CertBeginTime"] = api_time(upload.not_before);
  detail["CertEndTime"] = api_time(upload.not_after);
  detail["InsertTime"] = api_time(upload.uploaded_at);
  detail["OrderId"] = nullptr;
  detail["DvAuthDetail"] = nullptr;
}

}  // namespace

ResellerApi::Reply ResellerApi::describe(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = certificate(params, "CertificateId", answer);
  if (!found) return found.error();
  return detail_of(*found.value());
}

ResellerApi::Reply ResellerApi::detail_of(const Certificate& certificate) const {
  const UploadedCertificate* upload = certificate.upload ? &*certificate.upload : nullptr;
  nlohmann::json detail{
      {"CertificateId", certificate.id},
      {"CertType", upload != nullptr ? nlohmann::json() : nlohmann::json(mockca::level_name(certificate.product.level))},
      {"PackageType", upload != nullptr ? nlohmann::json() : nlohmann::json(std::to_string(certificate.product.id))},
      {"CertificateType", upload != nullptr && upload->ca_type ? "CA" : "SVR"},
      {"From", upload != nullptr ? "upload" : certificate.product.brand},
      {"Alias", upload != nullptr ? upload->alias : ""}};
  nlohmann::json extra{{"DomainNumber", std::to_string(certificate.domain_num)},
                       {"OriginCertificateId", nullptr},
                       {"ReplacedBy", nullptr},
                       {"ReplacedFor", nullptr},
                       {"CompanyType", certificate.info ? nlohmann::json(certificate.info->organization ? 2 : 1)
                                                        : nlohmann::json()}};
  nlohmann::json casim{{"OrderRef", certificate.ref},  {"Brand", certificate.product.brand},
                       {"TimeSpan", certificate.time_span}, {"Phase", nullptr},
                       {"DomainValidation", nullptr},     {"Review", nullptr},
                       {"Reasons", nlohmann::json::array()}, {"StatusText", nullptr},
                       {"Serial", nullptr},                {"NotBefore", nullptr},
                       {"NotAfter", nullptr},              {"Signed", nullptr}};
  if (upload != nullptr) {
    put_upload(detail, *upload);
  } else if (!certificate.at_ca()) {
    put_pending(detail, certificate.info);
  } else {
    const auto described = ca_.describe(certificate.ca_order_id);
    if (!described) return described.error();
    const mockca::OrderDescription& order = described.value();
    put_order(detail, casim, order, certificate.names);
    // The CA's order ids of the reissue that replaced this certificate, and of the one it replaces.
    if (const std::string* id = certificate_of_ca_order(order.replaced_by)) extra["ReplacedBy"] = *id;
    if (const std::string* id = certificate_of_ca_order(order.reissue_of)) extra["ReplacedFor"] = *id;
  }
  detail["CertificateExtra"] = std::move(extra);
  detail["CasimDetail"] = std::move(casim);
  return detail;
}

}  // namespace casim::api
