// ApplyCertificate, the free DV product: the account's allowance and a renewal's old certificate
// and window, the product's keys and one domain, then intake as for a paid DV order; the order
// skips pre-review and is granted 90 days.
#include "ca_order.hpp"
#include "casim/mockca/validity_policy.hpp"

namespace casim::mockca {
namespace {

Finding free_key_finding(const std::string& description) {
  return {Reason::FreeKeyUnsupported, "key " + description + "; a free certificate takes RSA 2048 or ECC P-256", ""};
}

Finding one_domain_finding(std::size_t names) {
  return {Reason::NameTooMany, std::to_string(names) + " names; a free certificate covers one domain", ""};
}

// What the free product refuses in an online request, before a key is generated for it.
std::vector<Finding> online_request_findings(const OnlineCsr& online) {
  std::vector<Finding> findings;
  if (!online.other_names.empty()) findings.push_back(one_domain_finding(1 + online.other_names.size()));
  const std::string key = describe(online.key);
  if (!free_product_key(key)) findings.push_back(free_key_finding(key));
  return findings;
}

}  // namespace

std::vector<Finding> CertificateAuthority::check_free_account(const ApplyRequest& request) const {
  if (!request.old_order_id.empty()) {
    const CaOrder* old = find(request.old_order_id);
    if (old == nullptr) return {{Reason::OrderNotFound, "no order " + request.old_order_id, ""}};
    if (!old->free || old->phase != OrderPhase::Issued || !old->certificate) {
      return {{Reason::FreeRenewalNotFree,
               "order " + old->id + " is " +
                   (old->free ? std::string(phase_name(old->phase)) : std::string("a paid order")),
               ""}};
    }
    const sim::Instant opens = expiry_of(old->certificate->not_after) - kFreeRenewalWindow;
    if (kernel_.now() < opens) {
      return {{Reason::FreeRenewalTooEarly,
               "order " + old->id + " expires at " + sim::format_instant(old->certificate->not_after) +
                   "; its renewal opens at " + sim::format_instant(opens),
               ""}};
    }
  }
  if (free_applied_ >= config_.free_limit) {
    return {{Reason::FreeLimitExceeded,
             std::to_string(free_applied_) + " free certificate(s) applied for; the account's limit is " +
                 std::to_string(config_.free_limit),
             ""}};
  }
  return {};
}

ApiResult<Receipt> CertificateAuthority::apply_certificate(const ApplyRequest& request) {
  std::vector<Finding> findings = check_free_account(request);
  if (const auto* online = std::get_if<OnlineCsr>(&request.csr); online && findings.empty()) {
    findings = online_request_findings(*online);
  }
  IntakeOutcome intake;
  if (findings.empty()) {
    intake = take_csr(request.csr);
    findings = std::move(intake.findings);
  }
  if (findings.empty()) {
    if (intake.names.size() > 1) findings.push_back(one_domain_finding(intake.names.size()));
    if (!free_product_key(intake.key_description)) findings.push_back(free_key_finding(intake.key_description));
  }
  if (findings.empty()) findings = check_order(ValidationLevel::DV, request.verify_type, std::nullopt, intake.names);
  if (!findings.empty()) {
    reject(request.order_ref, findings);
    return make_api_error(std::move(findings));
  }
  auto draft = std::make_unique<CaOrder>(config_.dcv.rate_limit_window, config_.local_check_interval);
  draft->ref = request.order_ref;
  draft->level = ValidationLevel::DV;
  draft->verify_type = request.verify_type;
  draft->free = true;
  draft->renewal_of = request.old_order_id;
  auto receipt = open_order(std::move(draft), std::move(intake));
  if (receipt) ++free_applied_;
  return receipt;
}

}  // namespace casim::mockca
