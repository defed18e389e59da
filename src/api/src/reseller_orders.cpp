// Buying and submitting: CreateCertificate (a CertificateId bound to the caller's ref),
// CertificateInfoSubmit (kept by the codec) and CertificateOrderSubmit (the SubmitRequest the
// built-in Platform makes, after the same DomainNum check).
#include <cstdint>
#include <limits>

#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"
#include "vocabulary.hpp"

namespace casim::api {

using detail::api_error;

ResellerApi::Reply ResellerApi::create_certificate(detail::ParamReader& params, const CallContext& context,
                                                   CallAnswer& answer) {
  params.require("ProductId");
  const auto product_id =
      params.integer("ProductId", std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max());
  const Product* product = nullptr;
  if (product_id) {
    std::string allowed;
    for (const Product& each : products_) {
      if (each.id == *product_id) product = &each;
      allowed += (allowed.empty() ? "" : ", ") + std::to_string(each.id) + " (" +
                 std::string(mockca::level_name(each.level)) + (each.brand.empty() ? "" : " " + each.brand) + ")";
    }
    if (product == nullptr) params.bad_value("ProductId", "one of " + allowed, std::to_string(*product_id));
  }
  params.require("DomainNum");
  const auto domain_num = params.integer("DomainNum", 1, 100);
  params.require("TimeSpan");
  const auto time_span = params.integer("TimeSpan", 1, 5);
  if (!params.ok()) return *params.error();
  if (context.order_ref.empty()) {
    return api_error(mockca::Reason::ApiMissingParameter,
                     "ref is required: CreateCertificate binds the certificate to the platform's name for the order");
  }
  if (auto taken = check_ref_free(context.order_ref)) return *taken;
  auto bought = std::make_unique<Certificate>();
  bought->ref = context.order_ref;
  bought->product = *product;
  bought->domain_num = static_cast<int>(*domain_num);
  bought->time_span = static_cast<int>(*time_span);
  const Certificate& certificate = add(std::move(bought));
  answer.certificate_id = certificate.id;
  answer.order_ref = certificate.ref;
  const std::string deal = "deal-" + std::to_string(certificates_.size());
  return nlohmann::json{{"CertificateIds", {certificate.id}}, {"DealIds", {deal}}};
}

ResellerApi::Reply ResellerApi::submit_information(detail::ParamReader& params, const CallContext&,
                                                   CallAnswer& answer) {
  const auto found = bought(params, "CertId", answer);
  if (!found) return found.error();
  Certificate& certificate = *found.value();
  if (certificate.at_ca()) {
    return api_error(mockca::Reason::ApiInformationNotSubmitted,
                     "certificate " + certificate.id + " was submitted to the CA already (order " +
                         certificate.ca_order_id + "): ModifyCertificateResubmit corrects its organization");
  }
  detail::SubmittedInfo info = detail::read_info(params);
  if (!params.ok()) return *params.error();
  certificate.info = std::move(info);
  return nlohmann::json::object();
}

ResellerApi::Reply ResellerApi::submit_order(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = bought(params, "CertId", answer);
  if (!found) return found.error();
  Certificate& certificate = *found.value();
  const auto verify_type = detail::read_verify_type(params, "VerifyType");
  // Checked, not acted on: the ordering logic removes its own DNS_AUTO records (DnsHostingApi).
  params.flag("DeleteDnsAutoRecord");
  if (!params.ok()) return *params.error();
  if (!certificate.info || certificate.at_ca()) {
    return api_error(mockca::Reason::ApiInformationNotSubmitted,
                     "certificate " + certificate.id +
                         (certificate.at_ca() ? " was submitted to the CA already (order " + certificate.ca_order_id + ")"
                                              : " has no information: CertificateInfoSubmit comes first"));
  }
  const detail::SubmittedInfo& info = *certificate.info;
  if (!verify_type && !info.verify_type) {
    return api_error(mockca::Reason::ApiMissingParameter,
                     "VerifyType is required here when CertificateInfoSubmit did not give it");
  }
  if (const auto* online = std::get_if<mockca::OnlineCsr>(&info.csr)) {
    const std::size_t names = detail::online_names(*online).size();
    if (names > static_cast<std::size_t>(certificate.domain_num)) {
      return mockca::make_api_error({mockca::Finding{
          mockca::Reason::NameTooMany,
          std::to_string(names) + " names for " + std::to_string(certificate.domain_num) + " bought (DomainNum)", ""}});
    }
  }
  mockca::SubmitRequest request;
  request.order_ref = certificate.ref;
  request.level = certificate.product.level;
  request.brand = certificate.product.brand;
  request.csr = info.csr;
  request.organization = info.organization;
  request.administrator = info.administrator;
  request.contact = info.contact;
  request.years = 1;  // one certificate at a time; a multi-year purchase is served by successive orders
  request.verify_type = verify_type ? *verify_type : *info.verify_type;
  auto receipt = ca_.submit(request);
  if (!receipt) return receipt.error();
  certificate.verify_type = request.verify_type;
  certificate.names = receipt.value().names;
  bind_ca_order(certificate, receipt.value().order_id);
  answer.receipt = receipt.value();
  return nlohmann::json{{"OrderId", receipt.value().order_id},
                        {"Status", mockca::code(mockca::Status::UnderReview)},
                        {"IsAudited", false}};
}

}  // namespace casim::api
