// Shared set-up of the CertificateAuthority tests: a kernel starting on a Monday in September 2026,
// a small world (example.com and example.net zones, an organization with a listed phone line), a
// CA with fixed stage durations so instants can be checked exactly, and the listener's updates.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "casim/mockca/certificate_authority.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/sim/calendar_library.hpp"
#include "printers.hpp"
#include "test_world.hpp"


namespace casim::mockca::test {

using sim::DurationDistribution;
using sim::DurationSpec;
using sim::Instant;

inline const Instant kStart = casim::test::kMonday;  // Monday 09:00 in Beijing

using casim::test::acme;
using casim::test::acme_info;
using casim::test::fixed_time;
using casim::test::kListedPhone;
using casim::test::kRegistration;
using casim::test::shared_hierarchy;

// Pre-review 30 minutes, issuance 2 minutes after the gate, OV review 3 and EV 5 business days.
inline CaConfig test_config() {
  CaConfig config;
  config.pre_review.duration = fixed_time(sim::kMinute * 30);
  config.issuance_delay = fixed_time(sim::kMinute * 2);
  config.review.ov_duration = casim::test::fixed_business_days(3);
  config.review.ev_duration = casim::test::fixed_business_days(5);
  return config;
}

// The world of every test: zones example.com and example.net, acme in the registry.
inline sim::world::World small_world() {
  sim::world::World world;
  world.dns.add_zone("example.com");
  world.dns.add_zone("example.net");
  world.registry.add(acme());
  world.hosted.add("example.com");
  return world;
}

struct Bench {
  sim::Kernel kernel{kStart};
  mockca::Trace trace;
  sim::world::World world = small_world();
  KeyPool keys{2};
  std::optional<Issuer> issuer;
  std::unique_ptr<CertificateAuthority> ca;
  std::vector<OrderUpdate> updates;

  explicit Bench(CaConfig config = test_config(), std::uint64_t seed = 1) { start(std::move(config), seed); }

  void start(CaConfig config, std::uint64_t seed = 1) {
    const bool signing = config.issue_certificates;
    if (signing && !issuer) issuer.emplace(shared_hierarchy());
    const auto cn = sim::CalendarLibrary().load("CN");
    ca = std::make_unique<CertificateAuthority>(kernel, trace, world, std::move(config), cn, cn,
                                                CaResources{signing ? &*issuer : nullptr, &keys},
                                                seed, 0);
    ca->set_listener([this](const OrderUpdate& update) { updates.push_back(update); });
  }

  SubmitRequest dv(std::string ref, std::vector<std::string> names,
                   VerifyType method = VerifyType::Dns) const {
    SubmitRequest request;
    request.order_ref = std::move(ref);
    request.level = ValidationLevel::DV;
    OnlineCsr csr;
    csr.common_name = names.front();
    csr.other_names.assign(names.begin() + 1, names.end());
    request.csr = csr;
    request.verify_type = method;
    return request;
  }

  SubmitRequest ov(std::string ref, std::vector<std::string> names,
                   ValidationLevel level = ValidationLevel::OV) const {
    SubmitRequest request = dv(std::move(ref), std::move(names));
    request.level = level;
    request.organization = acme_info();
    return request;
  }

  // Submits and publishes the TXT record of every challenge at `record_at` (now when none).
  Receipt submit_with_record(const SubmitRequest& request, std::optional<Instant> record_at = {}) {
    auto receipt = ca->submit(request);
    if (!receipt) throw std::runtime_error("submit refused: " + receipt.error().code);
    for (const auto& challenge : receipt.value().challenges) {
      world.dns.add_record(record_at.value_or(kernel.now()),
                           sim::world::DnsRecord::txt(challenge.dns_name, challenge.value));
    }
    return receipt.value();
  }

  OrderDescription describe(const std::string& id) const { return ca->describe(id).value(); }

  // The first trace event of `stage`/`kind` for the order `ref`.
  std::optional<TraceEvent> event(const std::string& ref, TraceStage stage, TraceKind kind) const {
    for (const auto& entry : trace.events()) {
      if (entry.order == ref && entry.stage == stage && entry.kind == kind) return entry;
    }
    return std::nullopt;
  }

  void run_for(sim::Duration duration) { kernel.run_until(kernel.now() + duration); }
};

}  // namespace casim::mockca::test
