// The run harness: one simulation run = one seed. It assembles a Kernel, a copy of the World, the
// mock CA (its configuration, calendars and, to sign certificates, a loaded hierarchy), the
// Applicant doing what the OrderPlans say people do, the Platform (the ordering logic) serving it,
// and the StageRecorder timing every stage; runs the kernel within the run's limits, and returns the
// RunResult: per order the outcome, status history, stage timings and certificate; the warnings;
// how the run stopped; and the Trace with its fingerprint. Same configuration and seed ⇒ same
// RunResult and fingerprint.
//
// A calendar without data for a year the run reaches (CN 2027) is never guessed: if the CA needs
// it (a pre-review or review ending, a call in that year), the run stops at that instant with
// RunStop::CalendarDataMissing and a warning naming the calendar and year, and orders still open
// are reported unfinished with reason RunCalendarDataMissing; if only the business time of a stage
// in the results needs it, that stage's business time is left out (none) with a warning.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "casim/mockca/certificate_authority.hpp"
#include "casim/mockca/csr_generate.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/issuer.hpp"
#include "casim/order/ordering_logic.hpp"
#include "casim/order/plan.hpp"
#include "casim/order/platform.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/world.hpp"

namespace casim::order {

struct CaSetup {
  // CaConfig::issue_certificates is taken from RunConfig::issue_certificates.
  mockca::CaConfig config;
  // Pre-review business time (the reseller's); none: the built-in CN calendar.
  std::optional<sim::Calendar> pre_review_calendar;
  // The CA's business days and calling hours, and the business time of every stage in the
  // results; none: the built-in CN calendar.
  std::optional<sim::Calendar> review_calendar;
  // The loaded hierarchy certificates are signed from; required when issuing, unused otherwise.
  // Shared between runs (read only); must outlive the run.
  const mockca::Hierarchy* hierarchy = nullptr;
  // Keys for online CSRs, shared between runs (thread-safe); none: a pool of the run's own.
  mockca::KeyPool* keys = nullptr;
  // Signs from `hierarchy` (one per thread, it is not thread-safe); none: one of the run's own.
  mockca::Issuer* issuer = nullptr;
};

struct RunLimits {
  sim::Duration horizon = sim::kDay * 400;  // the run stops at start + horizon
  std::uint64_t max_events = 2'000'000;     // … or once this many kernel events have run
  // The kernel runs in slices of this much simulated time; the event limit is checked between
  // slices, so a run may overshoot it by one slice's events.
  sim::Duration slice = sim::kHour;
};

struct RunConfig {
  std::string scenario;  // the scenario's name, for the ordering logic ("" outside a suite)
  std::uint64_t seed = 0;
  std::uint64_t run_index = 0;
  sim::Instant start;
  sim::world::World world;  // copied: every run starts from this state
  CaSetup ca;
  std::vector<OrderPlan> orders;
  bool issue_certificates = true;  // false: timing-only (certificate facts recorded, not signed)
  // false: the trace keeps no events, only their fingerprint (a run whose trace nobody reads); the
  // results and the fingerprint are the same either way.
  bool trace_text = true;
  RunLimits limits;
  PlatformSettings platform;
  // Makes the run's ordering logic; none: the built-in Platform. Must outlive the run.
  OrderingLogicSource* ordering = nullptr;
};

// An ordering logic that throws RunAborted stops the run there (RunStop::OrderingLogicFailed).
//
// Runs one simulation. Throws InputError for plans check_plan refuses or refs used twice, and
// std::invalid_argument for issuing without a hierarchy or non-positive limits (misuse).
RunResult run_simulation(const RunConfig& config);

}  // namespace casim::order
