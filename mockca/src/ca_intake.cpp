// The CA's intake: submit and reissue take the CSR (pasted, or generated online from the key
// pool), check the order against its level and validation method, plan domain validation, and
// open the order — or reject it at once with every finding.
#include <algorithm>
#include <stdexcept>

#include "ca_order.hpp"
#include "casim/mockca/name_checks.hpp"
#include "casim/sim/text.hpp"
#include "dcv_names.hpp"

namespace casim::mockca {
namespace {

constexpr int kMaxYears = 5;

std::string order_id_for(std::size_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return "ca-" + digits;
}

}  // namespace

CertificateAuthority::IntakeOutcome CertificateAuthority::take_csr(const CsrInput& csr) {
  IntakeOutcome outcome;
  if (const auto* pasted = std::get_if<PastedCsr>(&csr)) {
    IntakeVerdict verdict = check_csr(pasted->pem, config_.intake);
    if (verdict.verdict != IntakeVerdict::Verdict::Accepted) {
      outcome.findings = std::move(verdict.findings);
      return outcome;
    }
    if (!pasted->common_name.empty() && !sim::equal_ignoring_case(pasted->common_name, verdict.common_name)) {
      outcome.findings.push_back({Reason::OrderCommonNameMismatch,
                                  "bound domain " + pasted->common_name + ", CSR CN " +
                                      (verdict.common_name.empty() ? "(none)" : verdict.common_name),
                                  pasted->common_name});
      return outcome;
    }
    outcome.names = std::move(verdict.names);
    outcome.key_description = mockca::describe(verdict.key);
    if (config_.issue_certificates) outcome.key = SubscriberKey::from_request(*verdict.request);
    return outcome;
  }
  const auto& online = std::get<OnlineCsr>(csr);
  if (resources_.keys == nullptr) {
    throw std::invalid_argument("CertificateAuthority: online CSRs need a KeyPool");
  }
  for (const auto& other : online.other_names) {
    if (sim::equal_ignoring_case(other, online.common_name)) {
      outcome.findings.push_back({Reason::OrderNameRepeatsCommonName,
                                  "other domain " + other + " repeats the bound domain", other});
    }
  }
  if (!outcome.findings.empty()) return outcome;
  CsrParameters parameters;
  parameters.key = online.key;
  parameters.common_name = online.common_name;
  parameters.sans = online.other_names;
  parameters.password = online.key_password;
  // Timing-only runs never sign or hand out the key: the checks alone decide the intake.
  GeneratedCsr generated = config_.issue_certificates
                               ? generate_csr(parameters, *resources_.keys, config_.intake)
                               : check_csr_parameters(parameters, config_.intake);
  if (!generated.ok()) {
    outcome.findings = std::move(generated.findings);
    return outcome;
  }
  outcome.names = std::move(generated.names);
  outcome.key_description = mockca::describe(online.key);
  outcome.private_key_pem = std::move(generated.key_pem);
  if (config_.issue_certificates) {
    outcome.key = SubscriberKey::from_spki_der(std::move(generated.public_key));
  }
  return outcome;
}

std::vector<Finding> CertificateAuthority::check_order(
    ValidationLevel level, VerifyType method, const std::optional<OrganizationInfo>& organization,
    const std::vector<std::string>& names) const {
  std::vector<Finding> findings;
  if (level != ValidationLevel::DV &&
      (!organization || organization->legal_name.empty() || organization->country.empty())) {
    findings.push_back({Reason::OrderOrganizationMissing,
                        std::string(level_name(level)) + " order without organization name and country",
                        ""});
  }
  for (const auto& name : names) {
    if (level == ValidationLevel::EV && dcv_names::is_wildcard(name)) {
      findings.push_back({Reason::IssuanceEvWildcard, "EV order names " + name, name});
    }
    if (method == VerifyType::DnsAuto && !world_.hosted.is_hosted(name.substr(dcv_names::is_wildcard(name) ? 2 : 0))) {
      findings.push_back({Reason::OrderDnsAutoNotHosted, name + " is not on the platform's DNS", name});
    }
  }
  return findings;
}

void CertificateAuthority::reject(const std::string& order_ref, const std::vector<Finding>& findings) {
  for (const auto& finding : findings) {
    trace_.add({kernel_.now(), order_ref, TraceStage::Intake, TraceKind::Finding, std::nullopt, finding.reason,
                finding.message});
  }
  trace_.add({kernel_.now(), order_ref, TraceStage::Intake, TraceKind::Rejected, std::nullopt, findings.front().reason,
              std::to_string(findings.size()) + " finding(s); error " +
                  make_api_error(findings).code});
}

ApiResult<Receipt> CertificateAuthority::submit(const SubmitRequest& request) {
  if (request.years < 1 || request.years > kMaxYears) {
    throw std::invalid_argument("submit: years must be 1–5, not " + std::to_string(request.years));
  }
  IntakeOutcome intake = take_csr(request.csr);
  if (intake.findings.empty()) {
    intake.findings = check_order(request.level, request.verify_type, request.organization, intake.names);
  }
  if (!intake.findings.empty()) {
    reject(request.order_ref, intake.findings);
    return make_api_error(std::move(intake.findings));
  }
  auto draft = std::make_unique<CaOrder>(config_.dcv.rate_limit_window, config_.local_check_interval);
  draft->ref = request.order_ref;
  draft->level = request.level;
  draft->brand = request.brand;
  draft->verify_type = request.verify_type;
  draft->years = request.years;
  if (request.level != ValidationLevel::DV) draft->organization = request.organization;
  return open_order(std::move(draft), std::move(intake));
}

ApiResult<Receipt> CertificateAuthority::reissue(std::string_view order_id,
                                                 const ReissueRequest& request) {
  CaOrder* original = find(order_id);
  if (original == nullptr) return not_found(order_id);
  if (!original->replaced_by.empty() || !original->reissue_in_progress.empty()) {
    const std::string& by = original->replaced_by.empty() ? original->reissue_in_progress
                                                          : original->replaced_by;
    return make_api_error({{Reason::OrderAlreadyReplaced, "order " + original->id + " reissued as " + by, ""}});
  }
  if (original->phase != OrderPhase::Issued) {
    return make_api_error({{Reason::OrderStatusNotAllowReissue,
                            "order " + original->id + " is " + std::string(phase_name(original->phase)), ""}});
  }
  const std::string ref = request.order_ref.empty() ? original->ref + "/reissue" : request.order_ref;
  const VerifyType method = request.verify_type.value_or(original->verify_type);
  IntakeOutcome intake = take_csr(request.csr);
  if (intake.findings.empty()) {
    auto sorted = [](std::vector<std::string> names) {
      std::sort(names.begin(), names.end());
      return names;
    };
    if (sorted(intake.names) != sorted(original->names)) {
      intake.findings.push_back({Reason::OrderReissueNamesChanged,
                                 "reissue names " + join_names(intake.names) + ", original " +
                                     join_names(original->names), ""});
    } else {
      intake.findings = check_order(original->level, method, original->organization, intake.names);
    }
  }
  if (!intake.findings.empty()) {
    reject(ref, intake.findings);
    return make_api_error(std::move(intake.findings));
  }
  auto draft = std::make_unique<CaOrder>(config_.dcv.rate_limit_window, config_.local_check_interval);
  draft->ref = ref;
  draft->level = original->level;
  draft->brand = original->brand;
  draft->verify_type = method;
  draft->years = original->years;
  draft->organization = original->organization;
  draft->free = original->free;
  draft->reissue_of = original->id;
  const std::size_t original_index = original->index;
  auto receipt = open_order(std::move(draft), std::move(intake));
  if (receipt) {  // open_order may grow orders_: find the original again
    CaOrder& source = *orders_[original_index];
    source.reissue_in_progress = receipt.value().order_id;
    source.status = Status::Reissuing;
    trace(source, TraceStage::Order, TraceKind::Reissuing, std::nullopt, [&] { return "reissue " + receipt.value().order_id; });
    publish(source);
  }
  return receipt;
}

ApiResult<Receipt> CertificateAuthority::open_order(std::unique_ptr<CaOrder> owned, IntakeOutcome&& intake) {
  CaOrder& draft = *owned;
  const sim::Instant now = kernel_.now();
  draft.index = orders_.size();
  draft.id = order_id_for(orders_.size() + 1);
  draft.names = std::move(intake.names);
  draft.key = std::move(intake.key);
  draft.key_description = std::move(intake.key_description);
  draft.private_key_pem = std::move(intake.private_key_pem);
  draft.submitted_at = now;
  const auto fixed = config_.fixed_validation_values.find(draft.ref);
  DcvToken token = [&] {
    if (fixed != config_.fixed_validation_values.end()) {
      return DcvToken{fixed->second, now, now + config_.dcv.token_validity};
    }
    sim::RandomStream token_stream(seed_, run_index_, {"ca.dcv.token:", draft.id});
    return draw_token(token_stream, now, config_.dcv.token_validity);
  }();
  draft.plan = plan_validation(draft.names, draft.verify_type, std::move(token), config_.dcv);
  if (!draft.plan.ok()) {
    std::vector<Finding> findings;
    for (const auto& problem : draft.plan.problems) {
      findings.push_back({problem.reason, problem.detail, problem.name});
    }
    reject(draft.ref, findings);
    return make_api_error(std::move(findings));
  }
  draft.targets.resize(draft.plan.targets.size());
  if (config_.reuse_validation_data) {
    for (std::size_t i = 0; i < draft.plan.targets.size(); ++i) {
      if (reusable_domain(draft.plan.targets[i].name, now)) {
        draft.targets[i].reused = true;
        draft.targets[i].ca = CaCheck::Passed;
      }
    }
  }
  if (draft.level == ValidationLevel::DV) draft.review = TrackState::NotRequired;

  orders_.push_back(std::move(owned));
  CaOrder& order = *orders_.back();
  by_id_.emplace(order.id, order.index);

  Receipt receipt{order.id, order.index, order.names, {}};
  std::string reused;
  for (std::size_t i = 0; i < order.plan.targets.size(); ++i) {
    if (order.targets[i].reused) reused += (reused.empty() ? "" : ", ") + order.plan.targets[i].name;
  }
  trace(order, TraceStage::Intake, TraceKind::Accepted, std::nullopt,
        [&] { return order.id + ": " + std::string(level_name(order.level)) + " " +
                     (order.brand.empty() ? std::string("default brand") : order.brand) + ", " +
                     join_names(order.names) + ", " + std::string(to_string(order.verify_type)) + ", " +
                     std::to_string(order.plan.targets.size()) + " target(s)" +
                     (reused.empty() ? "" : ", reusing validation of " + reused) +
                     (order.reissue_of.empty() ? "" : ", reissue of " + order.reissue_of) +
                     (order.free ? ", free" : "") +
                     (order.renewal_of.empty() ? "" : ", renewal of " + order.renewal_of); });
  receipt.challenges = challenges_of(order);
  if (order.free) {
    begin_validation(order);  // the free product has no pre-review
  } else {
    start_pre_review(order);
  }
  return receipt;
}

}  // namespace casim::mockca
