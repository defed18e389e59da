// Shared set-up of the reseller API codec tests: a CA that records the requests the codec builds
// (to compare them with the values encoded), field-by-field differences of those requests, and a
// real CertificateAuthority on a Kernel and World with the codec and the DNS hosting over it.
#pragma once

#include <boost/test/unit_test.hpp>

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "casim/api/dns_hosting.hpp"
#include "casim/api/reseller_api.hpp"
#include "casim/mockca/certificate_authority.hpp"
#include "casim/sim/calendar_library.hpp"
#include "printers.hpp"
#include "test_world.hpp"

namespace casim::api::test {

using nlohmann::json;

// The Response object of an answer.
inline const json& body(const CallAnswer& answer) { return answer.response.at("Response"); }

// --- differences: "" when equal, else the first field that differs -----------------------------

inline std::string differ(const std::string& field, const std::string& a, const std::string& b) {
  return a == b ? "" : field + ": '" + a + "' vs '" + b + "'";
}

template <typename... Parts>
std::string first_of(const Parts&... parts) {
  std::string found;
  ((found = found.empty() ? parts : found), ...);
  return found;
}

inline std::string difference(const mockca::ContactInfo& a, const mockca::ContactInfo& b) {
  return first_of(differ("name", a.name, b.name), differ("position", a.position, b.position),
                  differ("phone", a.phone, b.phone), differ("email", a.email, b.email));
}

inline std::string difference(const std::optional<mockca::OrganizationInfo>& a,
                              const std::optional<mockca::OrganizationInfo>& b) {
  if (!a || !b) return a.has_value() == b.has_value() ? "" : "organization given on one side only";
  const auto category = [](const mockca::OrganizationInfo& info) {
    return info.business_category ? std::string(sim::world::to_string(*info.business_category)) : "none";
  };
  return first_of(differ("legal_name", a->legal_name, b->legal_name),
                  differ("registration_number", a->registration_number, b->registration_number),
                  differ("division", a->division, b->division), differ("country", a->country, b->country),
                  differ("state", a->state, b->state), differ("locality", a->locality, b->locality),
                  differ("address", a->address, b->address), differ("phone", a->phone, b->phone),
                  differ("business_category", category(*a), category(*b)));
}

inline std::string difference(const mockca::CsrInput& a, const mockca::CsrInput& b) {
  if (a.index() != b.index()) return "one CSR is online, the other pasted";
  if (const auto* pasted = std::get_if<mockca::PastedCsr>(&a)) {
    const auto& other = std::get<mockca::PastedCsr>(b);
    return first_of(differ("pem", pasted->pem, other.pem), differ("common_name", pasted->common_name, other.common_name));
  }
  const auto& online = std::get<mockca::OnlineCsr>(a);
  const auto& other = std::get<mockca::OnlineCsr>(b);
  std::string others_a;
  std::string others_b;
  for (const auto& name : online.other_names) others_a += name + ",";
  for (const auto& name : other.other_names) others_b += name + ",";
  return first_of(online.key == other.key ? "" : "key: " + mockca::describe(online.key) + " vs " + mockca::describe(other.key),
                  differ("common_name", online.common_name, other.common_name), differ("other_names", others_a, others_b),
                  differ("key_password", online.key_password.value_or("(none)"), other.key_password.value_or("(none)")));
}

inline std::string difference(const mockca::SubmitRequest& a, const mockca::SubmitRequest& b) {
  return first_of(differ("order_ref", a.order_ref, b.order_ref),
                  differ("level", std::string(mockca::level_name(a.level)), std::string(mockca::level_name(b.level))),
                  differ("brand", a.brand, b.brand), difference(a.csr, b.csr), difference(a.organization, b.organization),
                  difference(a.administrator, b.administrator), difference(a.contact, b.contact),
                  differ("years", std::to_string(a.years), std::to_string(b.years)),
                  differ("verify_type", std::string(mockca::to_string(a.verify_type)),
                         std::string(mockca::to_string(b.verify_type))));
}

inline std::string difference(const mockca::DomainChallenge& a, const mockca::DomainChallenge& b) {
  return first_of(differ("domain", a.domain, b.domain),
                  differ("method", std::string(mockca::to_string(a.method)), std::string(mockca::to_string(b.method))),
                  differ("dns_host", a.dns_host, b.dns_host), differ("dns_name", a.dns_name, b.dns_name),
                  a.dns_record == b.dns_record ? "" : "dns_record differs", differ("file_path", a.file_path, b.file_path),
                  differ("value", a.value, b.value), a.reused == b.reused ? "" : "reused differs");
}

// --- a CA that records what it is asked ----------------------------------------------------------

class RecordingCa final : public mockca::Api {
 public:
  std::vector<mockca::SubmitRequest> submitted;
  std::vector<mockca::ApplyRequest> applied;
  std::vector<mockca::ReissueRequest> reissued;
  std::vector<std::optional<mockca::OrganizationInfo>> resubmitted;
  std::vector<mockca::RevocationReason> revoked;

  mockca::ApiResult<mockca::Receipt> submit(const mockca::SubmitRequest& request) override {
    submitted.push_back(request);
    return receipt(request.csr);
  }
  mockca::ApiResult<mockca::Receipt> apply_certificate(const mockca::ApplyRequest& request) override {
    applied.push_back(request);
    return receipt(request.csr);
  }
  mockca::ApiResult<std::vector<mockca::DomainVerification>> check_domain_verification(std::string_view) override {
    return std::vector<mockca::DomainVerification>{};
  }
  mockca::ApiResult<mockca::Done> complete_certificate(std::string_view) override { return mockca::Done{}; }
  mockca::ApiResult<mockca::OrderDescription> describe(std::string_view order_id) const override {
    mockca::OrderDescription description;
    description.order_id = std::string(order_id);
    return description;
  }
  mockca::ApiResult<mockca::Done> cancel(std::string_view) override { return mockca::Done{}; }
  mockca::ApiResult<mockca::Done> resubmit(std::string_view, const std::optional<mockca::OrganizationInfo>& organization) override {
    resubmitted.push_back(organization);
    return mockca::Done{};
  }
  mockca::ApiResult<mockca::CertificateBundle> download(std::string_view) const override {
    return mockca::CertificateBundle{};
  }
  mockca::ApiResult<mockca::Done> revoke(std::string_view, mockca::RevocationReason reason) override {
    revoked.push_back(reason);
    return mockca::Done{};
  }
  mockca::ApiResult<mockca::Receipt> reissue(std::string_view, const mockca::ReissueRequest& request) override {
    reissued.push_back(request);
    return receipt(request.csr);
  }
  // Checks for real, at kChainCheckAt and trusting no root.
  mockca::ChainReport check_chain(std::string_view content, const std::optional<std::string>& key) const override {
    return mockca::check_chain(content, {kChainCheckAt, key, nullptr});
  }
  void set_listener(mockca::OrderListener) override {}

  inline static const sim::Instant kChainCheckAt = sim::parse_instant("2026-09-07T09:00:00+08:00");

 private:
  mockca::Receipt receipt(const mockca::CsrInput& csr) {
    mockca::Receipt made;
    made.order_number = static_cast<std::size_t>(orders_);
    made.order_id = "ca-" + std::to_string(++orders_);
    if (const auto* online = std::get_if<mockca::OnlineCsr>(&csr)) {
      made.names = {online->common_name};
      made.names.insert(made.names.end(), online->other_names.begin(), online->other_names.end());
    } else {
      made.names = {"pasted.example.com", "www.pasted.example.com"};
    }
    return made;
  }
  int orders_ = 0;
};

// --- a real CA on a Kernel and World -------------------------------------------------------------

// Pre-review 30 minutes, issuance 2 minutes after the gate.
inline mockca::CaConfig test_config() {
  mockca::CaConfig config;
  config.pre_review.duration = casim::test::fixed_time(sim::kMinute * 30);
  config.issuance_delay = casim::test::fixed_time(sim::kMinute * 2);
  return config;
}

// Zones example.com and example.net (on the platform's DNS hosting), each caching a missing record
// for 1 s only, so that a record published after the CA's first look is seen at the next one.
inline sim::world::World small_world() {
  sim::world::World world;
  const sim::world::DnsZoneSettings settings{sim::Duration::zero(), sim::kSecond};
  world.dns.add_zone("example.com", settings);
  world.dns.add_zone("example.net", settings);
  world.hosted.add("example.net");
  return world;
}

struct Bench {
  sim::Kernel kernel{casim::test::kMonday};
  mockca::Trace trace;
  sim::world::World world = small_world();
  mockca::KeyPool keys{2};
  mockca::Issuer issuer{casim::test::shared_hierarchy()};
  mockca::CertificateAuthority ca{kernel, trace, world, test_config(), sim::CalendarLibrary().load("CN"),
                                  sim::CalendarLibrary().load("CN"), mockca::CaResources{&issuer, &keys}, 1, 0};
  ResellerApi api{ca, product_catalogue({""})};
  DnsHostingApi dns{world.dns, kernel};
  int requests = 0;

  CallAnswer call(std::string_view action, const json& params, const std::string& ref = "") {
    return api.call(action, params, "req-" + std::to_string(++requests), CallContext{ref});
  }
  // Publishes the TXT record of every challenge of a receipt, as the customer does.
  void publish(const mockca::Receipt& receipt) {
    for (const auto& challenge : receipt.challenges) {
      world.dns.add_record(kernel.now(), mockca::challenge_record(challenge, challenge.value));
    }
  }
  // Buys a DV certificate (ProductId 1) of `names` names for `ref`: its CertificateId.
  std::string buy(const std::string& ref, int names = 1) {
    const CallAnswer bought = call("CreateCertificate", {{"ProductId", 1}, {"DomainNum", names}, {"TimeSpan", 1}}, ref);
    return bought.certificate_id;
  }
  void run_for(sim::Duration duration) { kernel.run_until(kernel.now() + duration); }

  // A DV certificate of `names` (the first bound) for `ref`, submitted with DNS validation and its
  // record published at once: its CertificateId and the CA's receipt.
  std::pair<std::string, mockca::Receipt> submit_dv(const std::string& ref, const std::vector<std::string>& names) {
    const std::string id = buy(ref, static_cast<int>(names.size()));
    mockca::OnlineCsr csr;
    csr.common_name = names.front();
    csr.other_names.assign(names.begin() + 1, names.end());
    json info = info_params(csr, std::nullopt, {}, {});
    info["CertId"] = id;
    info["VerifyType"] = "DNS";
    BOOST_TEST_REQUIRE(!call("CertificateInfoSubmit", info).error);
    const CallAnswer ordered = call("CertificateOrderSubmit", {{"CertId", id}});
    BOOST_TEST_REQUIRE(ordered.receipt.has_value(), ordered.response.dump());
    return {id, *ordered.receipt};
  }
};

}  // namespace casim::api::test
