// Shared set-up of the end-to-end tests of tests/order: a small world (zones, web hosts, and the
// shared test organization with a listed phone that confirms), CA settings with fixed durations so
// that instants can be asserted to the second, plan builders and trace look-ups.
#pragma once

#include <boost/test/unit_test.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "casim/mockca/hierarchy.hpp"
#include "casim/order/simulation.hpp"
#include "casim/sim/calendar_library.hpp"
#include "printers.hpp"
#include "test_world.hpp"


namespace casim::order::e2e {

using namespace std::chrono_literals;
using mockca::Reason;
using mockca::Status;
using mockca::TraceKind;
using mockca::TraceStage;
using mockca::ValidationLevel;
using mockca::VerifyType;
using sim::kDay;
using sim::kHour;
using sim::kMinute;

inline sim::Instant at(const char* text) { return sim::parse_instant(text); }

using test::acme;
using test::acme_info;
using test::fixed_time;
using test::kListedPhone;
using test::kMonday;
using test::kRegistration;

// Zones example.com (and hosted.example.net, on the platform's DNS), web hosts answering 404, and
// Acme in the registry with a listed number that confirms every call.
inline sim::world::World base_world(sim::Instant from = at("2026-01-01T00:00:00Z")) {
  sim::world::World world;
  world.dns.add_zone("example.com");
  world.dns.add_zone("hosted.example.net");
  world.hosted.add("hosted.example.net");
  for (const char* host : {"shop.example.com", "www.example.com", "example.com", "portal.example.com"}) {
    world.dns.add_record(from, sim::world::DnsRecord::a(host, "192.0.2.10"));
    world.web.set_host(from, sim::world::Scheme::Http, host, sim::world::WebBehaviour::not_found());
    world.web.set_host(from, sim::world::Scheme::Https, host, sim::world::WebBehaviour::not_found());
  }
  world.registry.add(acme());
  world.phones.set_line(kListedPhone, from,
                        sim::world::PhoneLine::always(sim::world::CallResult::Confirmed));
  return world;
}

// Fixed durations: pre-review 4 business hours, OV review 3 and EV 5 business days, a saved
// organization's review 1 business day, 2 minutes from the issuance gate to signing; CN calendars.
inline RunConfig base_config(sim::Instant start, std::uint64_t seed = 7) {
  RunConfig config;
  config.seed = seed;
  config.start = start;
  config.world = base_world();
  config.issue_certificates = false;
  mockca::CaConfig& ca = config.ca.config;
  ca.pre_review.duration = test::fixed_business_hours(4);
  ca.review.ov_duration = test::fixed_business_days(3);
  ca.review.ev_duration = test::fixed_business_days(5);
  ca.review.reuse_duration = test::fixed_business_days(1);
  ca.issuance_delay = fixed_time(2 * kMinute);
  const sim::Calendar cn = sim::CalendarLibrary{}.load("CN");
  config.ca.pre_review_calendar = cn;
  config.ca.review_calendar = cn;
  return config;
}

inline mockca::OnlineCsr online(std::string name, std::vector<std::string> others = {}) {
  mockca::OnlineCsr csr;
  csr.common_name = std::move(name);
  csr.other_names = std::move(others);
  return csr;
}

inline OrderPlan dv_plan(std::string ref, std::string name, VerifyType method = VerifyType::Dns) {
  OrderPlan plan;
  plan.ref = std::move(ref);
  plan.level = ValidationLevel::DV;
  plan.csr = online(std::move(name));
  plan.verify_type = method;
  return plan;
}

inline OrderPlan ov_plan(std::string ref, std::string name, VerifyType method = VerifyType::Dns) {
  OrderPlan plan = dv_plan(std::move(ref), std::move(name), method);
  plan.level = ValidationLevel::OV;
  plan.organization = acme_info();
  return plan;
}

inline OrderPlan ev_plan(std::string ref, std::string name, VerifyType method = VerifyType::Dns) {
  OrderPlan plan = ov_plan(std::move(ref), std::move(name), method);
  plan.level = ValidationLevel::EV;
  return plan;
}

inline RunResult run_one(RunConfig config, OrderPlan plan) {
  config.orders.push_back(std::move(plan));
  return run_simulation(config);
}

inline const OrderResult& order_of(const RunResult& result, std::string_view ref) {
  const OrderResult* order = result.find(ref);
  BOOST_TEST_REQUIRE(order != nullptr, "no order " << ref);
  return *order;
}

inline std::vector<Status> statuses(std::initializer_list<Status> list) { return list; }

// The first history entry with this status (and StatusMsg, when given).
inline std::optional<sim::Instant> reached(const OrderResult& order, Status status,
                                           std::optional<mockca::StatusMsg> msg = std::nullopt) {
  for (const auto& change : order.history) {
    if (change.status == status && (!msg || change.status_msg == *msg)) return change.at;
  }
  return std::nullopt;
}

// Every trace event of `order` whose stage and event match, in order.
inline std::vector<mockca::TraceEvent> events(const RunResult& result, std::string_view order,
                                              mockca::TraceStage stage, mockca::TraceKind kind) {
  std::vector<mockca::TraceEvent> found;
  for (const auto& entry : result.trace.events()) {
    if (entry.order == order && entry.stage == stage && entry.kind == kind) found.push_back(entry);
  }
  return found;
}

// The trace of one order, a line per event, for test messages.
inline std::string trace_text(const RunResult& result, std::string_view order) {
  std::string text;
  for (const auto& entry : result.trace.events()) {
    if (entry.order != order) continue;
    text += sim::format_instant(entry.at) + " " + std::string(mockca::trace_stage_name(entry.stage)) + " " +
            std::string(mockca::trace_kind_name(entry.kind)) +
            (entry.status ? " [" + std::to_string(mockca::code(*entry.status)) + "]" : "") +
            (entry.reason ? " " + std::string(mockca::info(*entry.reason).code) : "") + ": " + entry.detail + "\n";
  }
  return text;
}

inline bool has_reason(const OrderResult& order, Reason reason) {
  return std::find(order.reasons.begin(), order.reasons.end(), reason) != order.reasons.end();
}

}  // namespace casim::order::e2e
