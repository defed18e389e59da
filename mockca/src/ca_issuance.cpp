// The CA's issuance: the gate (domain validation and, for OV/EV, review passed), the wait before
// signing, the checks at the signing instant (domain data still within its reuse period, CAA fresh
// or checked again), and signing through the Issuer — or, in timing-only runs, recording the facts
// of the certificate that would have been signed.
#include <algorithm>

#include <openssl/evp.h>

#include "ca_order.hpp"
#include "casim/mockca/validity_policy.hpp"
#include "casim/sim/business_time.hpp"

namespace casim::mockca {
namespace {

constexpr int kDaysPerYear = 365;

std::string der_to_pem(const std::string& der) {
  std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()),
                                     reinterpret_cast<const unsigned char*>(der.data()),
                                     static_cast<int>(der.size()));
  base64.resize(static_cast<std::size_t>(length));
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  for (std::size_t at = 0; at < base64.size(); at += 64) pem += base64.substr(at, 64) + "\n";
  return pem + "-----END CERTIFICATE-----\n";
}

// A positive 128-bit serial as upper-case hex, for certificates recorded but not signed.
std::string draw_serial(sim::RandomStream& stream) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string serial;
  serial.reserve(32);
  for (int word = 0; word < 2; ++word) {
    std::uint64_t bits = stream.next_u64();
    if (word == 0) bits = (bits & ~(std::uint64_t{1} << 63)) | (std::uint64_t{1} << 62);
    for (int shift = 60; shift >= 0; shift -= 4) serial += kHex[(bits >> shift) & 0xF];
  }
  return serial;
}

// The subject identity of an OV/EV certificate: the registry's entry for the organization (as the
// review found it), else what the applicant submitted.
SubjectFields subject_for(const CaOrder& order, const sim::world::World& world, sim::Instant at) {
  SubjectFields subject;
  if (order.level == ValidationLevel::DV || !order.organization) return subject;
  const OrganizationInfo& submitted = *order.organization;
  const auto answer = world.registry.find_by_number(submitted.registration_number, at);
  subject.country = submitted.country;
  subject.state = submitted.state;
  subject.locality = submitted.locality;
  subject.organization = submitted.legal_name;
  if (answer.organization) {
    const sim::world::Organization& found = *answer.organization;
    subject.organization = found.legal_name;
    subject.country = found.jurisdiction.country;
    if (!found.jurisdiction.state_or_province.empty()) subject.state = found.jurisdiction.state_or_province;
    if (!found.jurisdiction.locality.empty()) subject.locality = found.jurisdiction.locality;
  }
  if (order.level == ValidationLevel::EV) {
    subject.business_category = std::string(sim::world::to_string(
        answer.organization ? answer.organization->category
                            : submitted.business_category.value_or(
                                  sim::world::BusinessCategory::PrivateOrganization)));
    subject.jurisdiction_country = subject.country;
    subject.serial_number = submitted.registration_number;
  }
  return subject;
}

}  // namespace

void CertificateAuthority::maybe_open_gate(CaOrder& order) {
  if (order.phase != OrderPhase::Validating || order.validation != TrackState::Passed) return;
  if (order.level != ValidationLevel::DV && order.review != TrackState::Passed) return;
  order.phase = OrderPhase::WaitingToIssue;
  sim::RandomStream stream(seed_, run_index_, {"ca.issuance.delay:", order.id});
  const sim::Instant at =
      sim::advance(kernel_.now(), config_.issuance_delay.draw(stream), review_.calendar());
  trace(order, TraceStage::Issuance, TraceKind::GateOpen, std::nullopt,
        [&] { return std::string(order.level == ValidationLevel::DV ? "domain validation passed"
                                                                    : "domain validation and review passed") +
                     "; signing at " + sim::format_instant(at); });
  const std::size_t index = order.index;
  const std::uint64_t epoch = order.epoch;
  kernel_.schedule_at(at, [this, index, epoch]() { sign(index, epoch); });
  publish(order);
}

void CertificateAuthority::sign(std::size_t index, std::uint64_t epoch) {
  CaOrder& order = *orders_[index];
  if (order.epoch != epoch || order.phase != OrderPhase::WaitingToIssue) return;
  const sim::Instant now = kernel_.now();

  // Domain validation data must still be within its reuse period at the issuance instant.
  std::string stale;
  for (std::size_t i = 0; i < order.plan.targets.size(); ++i) {
    if (reusable_domain(order.plan.targets[i].name, now)) continue;
    order.targets[i] = TargetProgress{};
    stale += (stale.empty() ? "" : ", ") + order.plan.targets[i].name;
  }
  if (!stale.empty()) {
    trace(order, TraceStage::Issuance, TraceKind::ValidationDataExpired, std::nullopt,
          [&] { return stale + ": validated more than " + std::to_string(domain_reuse_days(now)) +
                       " days ago; validating again"; });
    order.phase = OrderPhase::Validating;
    start_validation(order);
    publish(order);
    return;
  }

  // CAA must have been checked within max(8 hours, TTL) of signing.
  const bool fresh = !order.caa.empty() && std::all_of(order.caa.begin(), order.caa.end(),
                                                       [now](const CaaCheck& check) {
                                                         return caa_fresh(check, now);
                                                       });
  if (!fresh) {
    const sim::Instant checked = order.caa.empty() ? order.submitted_at : order.caa.front().at;
    trace(order, TraceStage::Caa, TraceKind::Stale, Reason::CaaCheckStale,
          [&] { return "last checked " + sim::format_instant(checked) + "; checking again before signing"; });
    if (!check_caa(order)) {
      const auto refused = std::find_if(order.caa.begin(), order.caa.end(),
                                        [](const CaaCheck& check) { return !check.permitted; });
      fail(order, FailedStage::Issuance, {*refused->reason},
           [&] { return "refused at the issuance gate: " + refused->name + ": " + refused->detail; });
      return;
    }
  }

  std::string detail;
  std::optional<CertificateFacts> facts = issue(order, detail);
  if (!facts) return;
  order.certificate = std::move(facts);
  order.phase = OrderPhase::Issued;
  order.status = Status::Issued;
  order.finished_at = now;
  trace(order, TraceStage::Issuance, TraceKind::Issued, std::nullopt, [&] { return detail; });
  publish(order);

  if (order.reissue_of.empty()) return;
  CaOrder* original = find(order.reissue_of);
  if (original == nullptr || original->reissue_in_progress != order.id) return;
  original->reissue_in_progress.clear();
  original->replaced_by = order.id;
  if (original->phase == OrderPhase::Issued) original->status = Status::Issued;
  trace(*original, TraceStage::Order, TraceKind::Replaced, std::nullopt, [&] { return "reissued as " + order.id; });
  publish(*original);
}

std::optional<CertificateFacts> CertificateAuthority::issue(CaOrder& order, std::string& detail) {
  const sim::Instant now = kernel_.now();
  const int asked = order.free ? kFreeValidityDays : order.years * kDaysPerYear;
  const int maximum = max_validity_days(now);
  CertificateFacts facts;
  facts.names = order.names;
  facts.not_before = now;
  facts.days = std::min(asked, maximum);
  facts.capped = asked > maximum;
  facts.not_after = validity_end(now, facts.days);
  const SubjectFields subject = subject_for(order, world_, now);
  facts.subject = subject_attributes(subject, order.names.front());
  facts.key = order.key_description;
  IssuedRecord record;
  if (config_.issue_certificates) {
    const IssueRequest request{order.level, order.brand, order.names, subject, now, asked, false};
    IssueOutcome outcome = resources_.issuer->issue(request, *order.key);
    if (!outcome.certificate) {
      std::vector<Reason> reasons;
      std::string why;
      for (const auto& finding : outcome.findings) {
        reasons.push_back(finding.reason);
        why += (why.empty() ? "" : "; ") + finding.message;
      }
      trace(order, TraceStage::Issuance, TraceKind::Refused, reasons.front(), [&] { return why; });
      fail(order, FailedStage::Issuance, std::move(reasons), [&] { return "the issuer refused: " + why; });
      return std::nullopt;
    }
    IssuedCertificate& issued = *outcome.certificate;
    record = issued.record;
    facts.not_after = record.not_after;
    facts.signed_certificate = true;
    order.certificate_pem = der_to_pem(issued.der);
    order.chain_pem = issued.issuer->cert_pem;
  } else {
    sim::RandomStream stream(seed_, run_index_, {"ca.serial:", order.id});
    record = IssuedRecord{draw_serial(stream), order.brand, order.level, order.names,
                          facts.not_before,    facts.not_after, std::nullopt};
  }
  facts.serial = record.serial;
  store_.add(std::move(record));
  if (!trace_.keeps_text()) return facts;
  detail = join_names(order.names) + ": " + sim::format_instant(facts.not_before) + " → " +
           sim::format_instant(facts.not_after) + ", " + std::to_string(facts.days) + " days" +
           (facts.capped ? " (asked " + std::to_string(asked) + ", BR maximum " +
                               std::to_string(maximum) + ")"
                         : "");
  return facts;
}

}  // namespace casim::mockca
