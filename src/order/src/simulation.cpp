// The run harness: assembling one run, running its kernel within the limits, and the RunResult.
#include "casim/order/simulation.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "casim/mockca/issuer.hpp"
#include "casim/order/applicant.hpp"
#include "casim/order/stage_recorder.hpp"
#include "casim/sim/calendar_library.hpp"
#include "casim/sim/kernel.hpp"
#include "casim/sim/string_map.hpp"

namespace casim::order {
namespace {

constexpr std::size_t kRunKeyPoolSize = 8;
// About what an order writes to the trace from submission to issuance (25–30 events), reserved up
// front so the trace is not copied as it grows.
constexpr std::size_t kTraceEventsPerOrder = 32;
// Events an order can have pending at once: its next step, and after issuance three expiry notices
// and its expiry, all scheduled at once.
constexpr std::size_t kPendingEventsPerOrder = 5;

// The built-in ordering logic.
class BuiltinSource final : public OrderingLogicSource {
 public:
  std::unique_ptr<OrderingLogic> make(const RunContext& context) override {
    auto platform = std::make_unique<Platform>(context.kernel, context.trace, context.world, context.ca,
                                               context.warnings, context.settings);
    platform->reserve(context.orders.size());
    return platform;
  }
};

// OrderResult::reasons_seen from the trace and each order's attempts.
void collect_reasons_seen(const mockca::Trace& trace, std::vector<OrderResult>& orders) {
  const auto add = [](OrderResult& order, mockca::Reason reason) {
    auto& seen = order.reasons_seen;
    if (std::find(seen.begin(), seen.end(), reason) == seen.end()) seen.push_back(reason);
  };
  if (!trace.reasons().empty()) {
    std::unordered_map<std::string_view, OrderResult*, sim::StringHash> by_ref;
    for (auto& order : orders) by_ref.emplace(order.ref, &order);
    for (const auto& [ref, reason] : trace.reasons()) {
      if (const auto found = by_ref.find(ref); found != by_ref.end()) add(*found->second, reason);
    }
  }
  for (auto& order : orders) {
    for (const auto& attempt : order.earlier_attempts) {
      for (const auto reason : attempt.reasons) add(order, reason);
    }
    for (const auto reason : order.reasons) add(order, reason);
  }
}

// OrderResult::calls and data_reused, as the CA recorded them.
void collect_review_facts(const mockca::CertificateAuthority& ca, std::vector<OrderResult>& orders) {
  for (auto& order : orders) {
    if (order.ca_order_id.empty()) continue;
    auto facts = ca.review_facts(order.ca_order_id);
    if (!facts) continue;
    order.calls = std::move(facts->calls);
    order.data_reused.organization = facts->organization_data_reused;
    order.data_reused.domains = std::move(facts->reused_domains);
  }
}

}  // namespace

RunResult run_simulation(const RunConfig& config) {
  if (config.issue_certificates && config.ca.hierarchy == nullptr) {
    throw std::invalid_argument("run_simulation: issuing certificates needs a hierarchy");
  }
  if (config.limits.horizon <= sim::Duration::zero() || config.limits.slice <= sim::Duration::zero() ||
      config.limits.max_events == 0) {
    throw std::invalid_argument("run_simulation: the horizon, slice and event limit must be positive");
  }
  RunResult result;
  result.trace = mockca::Trace(config.trace_text);
  result.seed = config.seed;
  result.run_index = config.run_index;
  result.start = config.start;

  sim::Kernel kernel(config.start);
  sim::world::World world = config.world;
  mockca::CaConfig ca_config = config.ca.config;
  ca_config.issue_certificates = config.issue_certificates;
  std::optional<mockca::Issuer> own_issuer;
  if (config.issue_certificates && config.ca.issuer == nullptr) own_issuer.emplace(*config.ca.hierarchy);
  mockca::KeyPool own_keys(kRunKeyPoolSize);
  mockca::Issuer* const signer = config.ca.issuer != nullptr ? config.ca.issuer : own_issuer ? &*own_issuer : nullptr;
  const mockca::CaResources resources{config.issue_certificates ? signer : nullptr,
                                      config.ca.keys != nullptr ? config.ca.keys : &own_keys};
  const sim::Calendar review_calendar = sim::calendar_or_default(config.ca.review_calendar);
  mockca::CertificateAuthority ca(kernel, result.trace, world, ca_config,
                                  sim::calendar_or_default(config.ca.pre_review_calendar), review_calendar,
                                  resources, config.seed, config.run_index);
  WarningLog warnings;
  StageRecorder stages(review_calendar, warnings);
  BuiltinSource builtin;
  OrderingLogicSource& source = config.ordering != nullptr ? *config.ordering : builtin;
  const RunContext context{kernel, result.trace, world, ca, warnings, config.platform, review_calendar,
                           config.scenario, config.seed, config.run_index, config.start, config.orders};
  const std::unique_ptr<OrderingLogic> platform = source.make(context);
  Applicant applicant(kernel, result.trace, world, *platform);
  platform->set_customer(&applicant);
  platform->set_status_listener(
      [&stages](std::size_t order, const StatusChange& change) { stages.observe(order, change); });
  ca.set_listener([&stages, &platform](const mockca::OrderUpdate& update) {
    const auto order = platform->order_of(update);
    if (!order) return;
    stages.observe(*order, update);
    platform->on_ca_update(*order, update);
  });
  result.trace.reserve(2 + config.orders.size() * kTraceEventsPerOrder);
  kernel.reserve(config.orders.size() * kPendingEventsPerOrder);
  ca.reserve(config.orders.size());
  applicant.reserve(config.orders.size());
  stages.reserve(config.orders.size());
  for (const auto& plan : config.orders) {
    platform->add(plan);
    applicant.add(plan, config.start);
  }
  result.trace.add({config.start, "", mockca::TraceStage::Run, mockca::TraceKind::Started, std::nullopt, std::nullopt},
                   [&] {
                     return "seed " + std::to_string(config.seed) + ", run " + std::to_string(config.run_index) + ", " +
                            std::to_string(config.orders.size()) + " order plan(s)";
                   });

  const sim::Instant horizon = config.start + config.limits.horizon;
  RunStop stop = RunStop::Completed;
  std::optional<RunWarning> stop_warning;
  try {
    platform->begin();
    while (kernel.pending() > 0) {
      if (kernel.now() >= horizon) {
        stop = RunStop::HorizonReached;
        break;
      }
      if (kernel.events_run() >= config.limits.max_events) {
        stop = RunStop::EventLimitReached;
        stop_warning = RunWarning{kernel.now(), mockca::Reason::RunEventLimitReached,
                                  "the run stopped after " + std::to_string(kernel.events_run()) +
                                      " events (limit " + std::to_string(config.limits.max_events) + ")"};
        break;
      }
      kernel.run_until(std::min(kernel.now() + config.limits.slice, horizon));
    }
  } catch (const sim::CalendarDataMissing& missing) {
    stop = RunStop::CalendarDataMissing;
    stop_warning = RunWarning{
        kernel.now(), mockca::Reason::RunCalendarDataMissing,
        "calendar " + missing.calendar() + " has no data for " + std::to_string(missing.year()) +
            " (it covers " + sim::format_years(missing.covered_years()) + "): the run stopped at " +
            sim::format_instant(kernel.now()) + " rather than guess; orders still open are unfinished"};
  } catch (const RunAborted& aborted) {
    stop = RunStop::OrderingLogicFailed;
    stop_warning = RunWarning{kernel.now(), aborted.reason(), aborted.what()};
  }

  result.stopped_at = kernel.now();
  result.events_run = kernel.events_run();
  platform->end(stop);
  result.orders = platform->take_results();
  result.transcript = platform->take_transcript();
  stages.fill(result.orders, kernel.now());
  for (auto& order : result.orders) {
    if (order.history.empty()) order.outcome = Outcome::NotPlaced;  // the run stopped before it was placed
  }
  const bool unfinished = std::any_of(result.orders.begin(), result.orders.end(),
                                      [](const OrderResult& order) {
                                        return order.outcome == Outcome::Unfinished ||
                                               order.outcome == Outcome::NotPlaced;
                                      });
  if (stop == RunStop::HorizonReached && !unfinished) stop = RunStop::Completed;
  if (stop == RunStop::HorizonReached) {
    stop_warning = RunWarning{kernel.now(), mockca::Reason::RunHorizonReached,
                              "the run reached its horizon " + sim::format_instant(horizon) +
                                  " with orders unfinished or not placed yet"};
  }
  if (stop != RunStop::Completed) {
    for (auto& order : result.orders) {
      if (order.outcome == Outcome::Unfinished || order.outcome == Outcome::NotPlaced) {
        order.reasons.push_back(stop_warning->reason);
      }
    }
  }
  collect_reasons_seen(result.trace, result.orders);
  collect_review_facts(ca, result.orders);
  result.stop = stop;
  result.warnings = warnings.all();
  if (stop_warning) result.warnings.push_back(*stop_warning);
  result.trace.add({kernel.now(), "", mockca::TraceStage::Run, mockca::TraceKind::Stopped, std::nullopt,
                    stop == RunStop::Completed ? std::nullopt : std::optional(stop_warning->reason)},
                   [&] { return std::string(stop_name(stop)) + " after " + std::to_string(kernel.events_run()) + " events"; });
  result.fingerprint = result.trace.fingerprint();
  return result;
}

}  // namespace casim::order
