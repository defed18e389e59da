// After submission: CancelAuditCertificate, ModifyCertificateResubmit (with corrected Org* fields
// or as first submitted), RevokeCertificate, and ReplaceCertificate — the ReissueRequest the
// built-in Platform makes, its new CertificateId bound to the caller's ref or "<ref>/reissue"
// (numbered from the second reissue of the same certificate on).
#include "casim/api/reseller_api.hpp"
#include "certificate.hpp"
#include "param_reader.hpp"
#include "vocabulary.hpp"

namespace casim::api {

ResellerApi::Reply ResellerApi::cancel(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderNotCancellable, answer);
  if (!found) return found.error();
  const auto done = ca_.cancel(found.value()->ca_order_id);
  if (!done) return done.error();
  return nlohmann::json{{"Result", true}};
}

ResellerApi::Reply ResellerApi::resubmit(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderStatusNotAllowResubmit, answer);
  if (!found) return found.error();
  std::optional<mockca::OrganizationInfo> organization;
  if (detail::has_organization_fields(params)) {
    organization = detail::read_organization(params, "when any Org* field is given");
  }
  if (!params.ok()) return *params.error();
  const auto done = ca_.resubmit(found.value()->ca_order_id, organization);
  if (!done) return done.error();
  return nlohmann::json{{"CertificateId", found.value()->id}};
}

ResellerApi::Reply ResellerApi::revoke(detail::ParamReader& params, const CallContext&, CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderNotRevocable, answer);
  if (!found) return found.error();
  const mockca::RevocationReason reason = detail::read_revocation_reason(params, "Reason");
  if (!params.ok()) return *params.error();
  const auto done = ca_.revoke(found.value()->ca_order_id, reason);
  if (!done) return done.error();
  return nlohmann::json{{"RevokeDomainValidateAuths", nlohmann::json::array()}};
}

ResellerApi::Reply ResellerApi::replace(detail::ParamReader& params, const CallContext& context, CallAnswer& answer) {
  const auto found = submitted(params, mockca::Reason::OrderStatusNotAllowReissue, answer);
  if (!found) return found.error();
  const Certificate& original = *found.value();
  const detail::SubmittedInfo& info = *original.info;
  // An online CSR's own names, else the names the CA read from the pasted CSR.
  const auto* online = std::get_if<mockca::OnlineCsr>(&info.csr);
  const std::vector<std::string> names = online != nullptr ? detail::online_names(*online) : original.names;
  const detail::Replacement replacement = detail::read_replacement(params, names);
  if (!params.ok()) return *params.error();
  mockca::ReissueRequest request;
  request.order_ref = context.order_ref;
  if (request.order_ref.empty()) {
    // "<ref>/reissue", or "<ref>/reissue-2", … once earlier reissues (say, failed ones) took it.
    request.order_ref = original.ref + "/reissue";
    for (int n = 2; by_ref_.contains(request.order_ref); ++n) request.order_ref = original.ref + "/reissue-" + std::to_string(n);
  }
  if (auto taken = check_ref_free(request.order_ref)) return *taken;
  request.csr = replacement.csr.value_or(info.csr);
  request.verify_type = replacement.verify_type.value_or(original.verify_type);
  auto receipt = ca_.reissue(original.ca_order_id, request);
  if (!receipt) return receipt.error();

  auto reissue = std::make_unique<Certificate>();
  reissue->ref = request.order_ref;
  reissue->product = original.product;
  reissue->domain_num = original.domain_num;
  reissue->time_span = original.time_span;
  reissue->info = detail::SubmittedInfo{request.csr, info.organization, info.administrator, info.contact,
                                        request.verify_type};
  reissue->verify_type = *request.verify_type;
  reissue->names = receipt.value().names;
  Certificate& added = add(std::move(reissue));
  bind_ca_order(added, receipt.value().order_id);
  answer.certificate_id = added.id;
  answer.order_ref = added.ref;
  answer.receipt = std::move(receipt.value());
  return nlohmann::json{{"CertificateId", added.id}};
}

}  // namespace casim::api
