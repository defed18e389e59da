// ResellerApi: the product catalogue, the table of actions and call()'s dispatch, and the
// certificates' bookkeeping (ids, refs, CA order ids) shared by every action.
#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "envelope.hpp"
#include "param_reader.hpp"

namespace casim::api {

std::vector<Product> product_catalogue(const std::vector<std::string>& brands) {
  std::vector<Product> products;
  int id = 1;
  for (const auto& brand : brands) {
    for (const auto level : mockca::kValidationLevels) products.push_back({id++, brand, level});
  }
  return products;
}

ResellerApi::ResellerApi(mockca::Api& ca, std::vector<Product> products) : ca_(ca), products_(std::move(products)) {}

ResellerApi::~ResellerApi() = default;

struct ResellerApi::Action {
  std::string_view name;
  Reply (ResellerApi::*handler)(detail::ParamReader&, const CallContext&, CallAnswer&);
};

const std::vector<ResellerApi::Action>& ResellerApi::action_table() {
  static const std::vector<Action> table{
      {"CreateCertificate", &ResellerApi::create_certificate},
      {"CertificateInfoSubmit", &ResellerApi::submit_information},
      {"CertificateOrderSubmit", &ResellerApi::submit_order},
      {"DescribeCertificateDetail", &ResellerApi::describe},
      {"CheckCertificateDomainVerification", &ResellerApi::check_verification},
      {"CompleteCertificate", &ResellerApi::complete},
      {"CancelAuditCertificate", &ResellerApi::cancel},
      {"ModifyCertificateResubmit", &ResellerApi::resubmit},
      {"DownloadCertificate", &ResellerApi::download},
      {"RevokeCertificate", &ResellerApi::revoke},
      {"ReplaceCertificate", &ResellerApi::replace},
      {"DescribeCertificates", &ResellerApi::describe_all},
      {"UploadCertificate", &ResellerApi::upload},
      {"CheckCertificateChain", &ResellerApi::check_chain},
  };
  return table;
}

const std::vector<std::string_view>& ResellerApi::actions() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> all;
    for (const Action& action : action_table()) all.push_back(action.name);
    return all;
  }();
  return names;
}

CallAnswer ResellerApi::call(std::string_view action, const nlohmann::json& params, std::string_view request_id,
                             const CallContext& context) {
  CallAnswer answer;
  for (const Action& each : action_table()) {
    if (each.name != action) continue;
    detail::ParamReader reader(params);
    const Reply reply = reader.ok() ? (this->*each.handler)(reader, context, answer) : Reply(*reader.error());
    detail::finish(answer, reply, request_id);
    return answer;
  }
  detail::finish(answer, detail::unknown_action(action, actions()), request_id);
  return answer;
}

const std::string* ResellerApi::certificate_of_ca_order(std::string_view ca_order_id) const {
  const auto found = by_ca_order_.find(ca_order_id);
  return found == by_ca_order_.end() ? nullptr : &found->second;
}

mockca::ApiResult<ResellerApi::Certificate*> ResellerApi::certificate(detail::ParamReader& params,
                                                                      std::string_view field, CallAnswer& answer) {
  const std::string id = params.required_string(field);
  if (!params.ok()) return *params.error();
  const auto found = by_id_.find(id);
  if (found == by_id_.end()) {
    return detail::api_error(mockca::Reason::ApiCertificateNotFound, "no certificate has " + std::string(field) + " '" + id + "'");
  }
  Certificate& certificate = *certificates_[found->second];
  answer.certificate_id = certificate.id;
  answer.order_ref = certificate.ref;
  return &certificate;
}

mockca::ApiResult<ResellerApi::Certificate*> ResellerApi::bought(detail::ParamReader& params, std::string_view field,
                                                                 CallAnswer& answer) {
  auto found = certificate(params, field, answer);
  if (!found || !found.value()->upload) return found;
  return detail::api_error(mockca::Reason::ApiInformationNotSubmitted,
                           "certificate " + found.value()->id + " was uploaded, not bought: it has no order to submit");
}

mockca::ApiResult<ResellerApi::Certificate*> ResellerApi::submitted(detail::ParamReader& params, mockca::Reason pending,
                                                                    CallAnswer& answer) {
  auto found = certificate(params, "CertificateId", answer);
  if (!found || found.value()->at_ca()) return found;
  return not_at_ca(*found.value(), pending);
}

mockca::ApiError ResellerApi::not_at_ca(const Certificate& certificate, mockca::Reason pending) {
  if (certificate.upload) {
    return detail::api_error(pending, "certificate " + certificate.id + " was uploaded: it has no order at the CA");
  }
  return detail::api_error(pending, "certificate " + certificate.id +
                                        " is pending submission (Status 5): CertificateOrderSubmit comes first");
}

std::optional<mockca::ApiError> ResellerApi::check_ref_free(const std::string& ref) const {
  const auto found = by_ref_.find(ref);
  if (found == by_ref_.end()) return std::nullopt;
  return detail::api_error(mockca::Reason::ApiInvalidParameterValue,
                           "ref must name one order only, got '" + ref + "', the ref of certificate " +
                               certificates_[found->second]->id);
}

ResellerApi::Certificate& ResellerApi::add(std::unique_ptr<Certificate> certificate) {
  const std::size_t index = certificates_.size();
  certificate->id = "cert-" + std::to_string(index + 1);
  by_id_.emplace(certificate->id, index);
  by_ref_.emplace(certificate->ref, index);
  certificates_.push_back(std::move(certificate));
  return *certificates_.back();
}

void ResellerApi::bind_ca_order(Certificate& certificate, const std::string& ca_order_id) {
  certificate.ca_order_id = ca_order_id;
  by_ca_order_[ca_order_id] = certificate.id;
}

}  // namespace casim::api
