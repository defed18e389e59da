// Session (session.hpp): assembling the run, serving calls one at a time, moving the clock, and
// what happened (trace lines, the report). World edits: session_world.cpp.
#include "casim/serve/session.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fmt/format.h>

#include "casim/sim/business_time.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/error.hpp"
#include "casim/sim/time_zone.hpp"
#include "session_run.hpp"

namespace casim::serve {
namespace {

constexpr std::size_t kKeyPoolSize = 8;
// Signed certificates get random serials, as in `casim run`.
constexpr std::array<std::string_view, 2> kSignedOnlyFields{
    "scenarios[].runs[].orders[].certificate.serial",
    "scenarios[].runs[].orders[].certificate.sha256_fingerprint"};

scenario::Scenario default_scenario() {
  scenario::Scenario scenario;
  scenario.name = "serve";
  scenario.config.start = sim::parse_instant(kDefaultStart, "the default start");
  return scenario;
}

// The products: the default brand, then each brand the scenario's order plans name.
std::vector<api::Product> products_of(const scenario::Scenario& scenario) {
  std::vector<std::string> brands{""};
  for (const auto& plan : scenario.config.orders) {
    if (std::find(brands.begin(), brands.end(), plan.brand) == brands.end()) brands.push_back(plan.brand);
  }
  return api::product_catalogue(brands);
}

std::string call_text(std::string_view action, const api::CallAnswer& answer) {
  if (answer.error) return fmt::format("API {} → error {}", action, answer.error->code);
  return fmt::format("API {} → ok{}", action, answer.certificate_id.empty() ? "" : " " + answer.certificate_id);
}

}  // namespace

Session::Run::Run(const scenario::Scenario& scenario, std::uint64_t seed, const mockca::Hierarchy& hierarchy)
    : kernel(scenario.config.start), world(scenario.config.world),
      review_calendar(sim::calendar_or_default(scenario.config.ca.review_calendar)),
      stages(review_calendar, warnings), issuer(hierarchy), keys(kKeyPoolSize),
      ca(kernel, trace, world,
         [&] {
           mockca::CaConfig config = scenario.config.ca.config;
           config.issue_certificates = true;
           return config;
         }(),
         sim::calendar_or_default(scenario.config.ca.pre_review_calendar), review_calendar,
         mockca::CaResources{&issuer, &keys}, seed, 0),
      products(products_of(scenario)), api(ca, products), ledger(kernel, trace, ca, stages) {
  ca.set_listener([this](const mockca::OrderUpdate& update) {
    const auto order = ledger.order_of(update);
    if (!order) return;
    stages.observe(*order, update);
    ledger.on_ca_update(*order, update);
  });
}

Session::Session(SessionSetup setup)
    : scenario_(setup.scenario ? std::move(*setup.scenario) : default_scenario()),
      seed_(setup.seed.value_or(scenario_.seed)),
      hierarchy_(setup.hierarchy != nullptr ? *setup.hierarchy
                                            : throw std::invalid_argument("Session: certificates need a hierarchy")),
      run_(std::make_unique<Run>(scenario_, seed_, hierarchy_)), faults_(seed_), clock_(setup.clock) {
  scenario_.seed = seed_;
  scenario_.runs = 1;
  // They speak of the scenario's order plans, which a session does not place.
  scenario_.order_expectations.clear();
  scenario_.aggregate_expectations.clear();
  run_->trace.add({scenario_.config.start, "", mockca::TraceStage::Run, mockca::TraceKind::Started, std::nullopt,
                   std::nullopt, fmt::format("casim serve, seed {}", seed_)});
}

Session::~Session() = default;

std::string Session::next_request_id() {
  ++request_counter_;
  return fmt::format("{:08x}-0000-4000-8000-{:012x}", static_cast<std::uint32_t>(seed_), request_counter_);
}

ServedCall Session::call(std::string_view action, const nlohmann::json& params) {
  const std::string request_id = next_request_id();
  ServedCall served;
  served.fault = faults_.draw(action);
  const auto injected = [&](mockca::Reason reason, std::string message) {
    served.answer = api::error_answer(mockca::make_api_error({mockca::Finding{reason, std::move(message), ""}}), request_id);
    note(mockca::TraceKind::AgentCall, fmt::format("API {} → injected fault {}", action, fault_name(served.fault->kind)));
    return served;
  };
  if (served.fault && served.fault->kind == FaultKind::RateLimit) {
    return injected(mockca::Reason::ApiRequestLimitExceeded, "injected fault: the request limit is exceeded");
  }
  if (served.fault && served.fault->kind == FaultKind::NetworkError) {
    return injected(mockca::Reason::ApiNetworkError, "injected fault: a network error, nothing was applied");
  }
  if (served.fault && served.fault->kind == FaultKind::EmptyBody) {
    return injected(mockca::Reason::ApiNetworkError, "injected fault: an empty body, nothing was applied");
  }
  api::CallContext context;
  if (action == "CreateCertificate") context.order_ref = fmt::format("order-{}", ++order_counter_);
  const nlohmann::json& given = params.is_null() ? nlohmann::json::object() : params;
  served.answer = run_->api.call(action, given, request_id, context);
  run_->ledger.after_call(std::string(action), given, served.answer);
  run_->trace.add({run_->kernel.now(), served.answer.order_ref, mockca::TraceStage::Platform,
                   mockca::TraceKind::AgentCall, std::nullopt,
                   served.answer.error ? std::optional(served.answer.error->reason()) : std::nullopt,
                   call_text(action, served.answer)});
  return served;
}

api::CallAnswer Session::refuse(mockca::ApiError error) { return api::error_answer(std::move(error), next_request_id()); }

std::string Session::local_text(sim::Instant at) const {
  const sim::TimeZone& zone = run_->review_calendar.time_zone();
  const sim::LocalTime local = zone.to_local(at);
  const auto offset = std::chrono::duration_cast<std::chrono::minutes>(zone.offset_at(at)).count();
  const auto magnitude = offset < 0 ? -offset : offset;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(local.time_of_day).count();
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", sim::format_date(local.date), seconds / 3600, seconds / 60 % 60,
                     seconds % 60, offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

ClockReading Session::time() const { return {run_->kernel.now(), run_->kernel.pending(), 0}; }

ClockReading Session::advance_by(const sim::DurationSpec& duration) {
  const sim::Instant now = run_->kernel.now();
  return run_until(duration.is_business() ? sim::advance(now, duration, run_->review_calendar)
                                          : now + duration.as_calendar());
}

ClockReading Session::advance_to(sim::Instant to) {
  if (to < run_->kernel.now()) {
    throw InputError("to", fmt::format("{} is before the simulated now, {}: the clock never moves backwards",
                                       local_text(to), local_text(run_->kernel.now())));
  }
  return run_until(to);
}

void Session::sync(std::chrono::steady_clock::time_point wall) {
  const std::optional<sim::Instant> due = clock_.instant_at(wall);
  if (due && *due > run_->kernel.now()) run_until(*due);
}

void Session::anchor_clock(std::chrono::steady_clock::time_point wall) { clock_.anchor(run_->kernel.now(), wall); }

ClockReading Session::run_until(sim::Instant to) {
  const std::uint64_t before = run_->kernel.events_run();
  run_->kernel.run_until(to);
  return {run_->kernel.now(), run_->kernel.pending(), run_->kernel.events_run() - before};
}

std::vector<std::string> Session::trace_lines(const std::optional<std::string>& order) const {
  std::string ref;
  if (order) {
    const std::string* known = run_->ledger.ref_of(*order);
    ref = known != nullptr ? *known : *order;
  }
  std::vector<std::string> lines;
  for (const mockca::TraceEvent& event : run_->trace.events()) {
    if (order && event.order != ref) continue;
    lines.push_back(fmt::format("{}  {}  {}  {}  {}  {}  {}", local_text(event.at),
                                event.order.empty() ? "-" : event.order, mockca::trace_stage_name(event.stage),
                                mockca::trace_kind_name(event.kind),
                                event.status ? std::to_string(mockca::code(*event.status)) : "-",
                                event.reason ? std::string(mockca::info(*event.reason).code) : "-", event.detail));
  }
  return lines;
}

report::ReportSet Session::report() const {
  order::RunResult result;
  result.seed = seed_;
  result.start = scenario_.config.start;
  result.stopped_at = run_->kernel.now();
  result.events_run = run_->kernel.events_run();
  result.orders = run_->ledger.results();
  run_->stages.fill(result.orders, run_->kernel.now());
  result.warnings = run_->warnings.all();
  result.trace = run_->trace;
  result.fingerprint = result.trace.fingerprint();
  report::ReportSet set;
  set.casim_version = CASIM_VERSION;
  set.ordering_logic = "casim serve (HTTP clients)";
  set.non_reproducible_fields.assign(kSignedOnlyFields.begin(), kSignedOnlyFields.end());
  report::ScenarioReport scenario = report::start_report(scenario_);
  scenario.runs.push_back(report::record_of(std::move(result)));
  set.scenarios.push_back(std::move(scenario));
  report::evaluate(set);
  return set;
}

const std::string& Session::root_pem() const { return hierarchy_.root_pem(); }

void Session::note(mockca::TraceKind kind, std::string detail) {
  run_->trace.add({run_->kernel.now(), "", mockca::TraceStage::Platform, kind, std::nullopt,
                   std::nullopt, std::move(detail)});
}

}  // namespace casim::serve
