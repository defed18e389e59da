// Session: one `casim serve` simulation — a kernel and its clock, a copy of the scenario's world,
// the mock CA signing real certificates from a hierarchy, the reseller API's codec in front of it,
// the stage recorder and the record of every order — to which HTTP requests are applied one at a
// time. The same sequence of calls, world edits and clock moves gives the same state.
//
// Contract:
// - Not thread-safe: the server applies requests one after the other.
// - call() never throws for what a client sends (the codec answers every problem with an error);
//   a fault of the FaultPlan may answer instead of the codec.
// - World edits and clock moves throw InputError (where and why) for values the world refuses:
//   a bad name, a record in no zone that can be declared, moving the clock backwards.
// - Simulated time only: the wall clock reaches a Session only through sync(), in scaled mode.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "casim/api/call_answer.hpp"
#include "casim/mockca/hierarchy.hpp"
#include "casim/mockca/trace.hpp"
#include "casim/report/report.hpp"
#include "casim/scenario/scenario.hpp"
#include "casim/serve/fault_plan.hpp"
#include "casim/serve/serve_clock.hpp"
#include "casim/sim/duration.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/organizations.hpp"

namespace casim::serve {

// When a session without a scenario starts (a Monday morning in Beijing).
inline constexpr std::string_view kDefaultStart = "2026-09-07T09:00:00+08:00";

struct SessionSetup {
  // The world, CA settings, calendars, start and seed; none: an empty world, the default CA
  // settings and calendars, kDefaultStart. Its orders are not placed (orders come from clients) and its expectations,
  // which speak of those orders, are left out of the report.
  std::optional<scenario::Scenario> scenario;
  std::optional<std::uint64_t> seed;  // replaces the scenario's seed
  const mockca::Hierarchy* hierarchy = nullptr;  // required: certificates are signed from it
  ServeClock clock;
};

// One reseller API call as served: the answer, and the fault that met it (if any).
struct ServedCall {
  api::CallAnswer answer;
  std::optional<FaultRule> fault;  // EmptyBody: answer with an empty body; Delay: answer after delay
};

struct ClockReading {
  sim::Instant now;
  std::size_t pending_events = 0;
  std::uint64_t events_run = 0;  // by the move that produced this reading (0 for a plain reading)
};

struct CaaRecord {
  std::uint8_t flags = 0;
  std::string tag;
  std::string value;
};

class Session {
 public:
  explicit Session(SessionSetup setup);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One reseller API action with a fresh RequestId.
  ServedCall call(std::string_view action, const nlohmann::json& params);
  // The error envelope of a refusal made before any action runs, with a fresh RequestId.
  api::CallAnswer refuse(mockca::ApiError error);

  // --- the clock ---
  ClockReading time() const;
  // `at` as scenario files write instants, in the CA calendar's time zone: "2026-09-07T09:00:00+08:00".
  std::string local_text(sim::Instant at) const;
  const ServeClock& clock() const { return clock_; }
  // Runs every event due by `duration` from now (business durations on the CA's calendar).
  ClockReading advance_by(const sim::DurationSpec& duration);
  // Runs every event due by `to`; InputError when `to` is before now.
  ClockReading advance_to(sim::Instant to);
  // Scaled clock: runs the events due by the simulated instant `wall` stands for. Manual: nothing.
  void sync(std::chrono::steady_clock::time_point wall);
  // Scaled clock: from now on, the simulated now stands for `wall` (at start, after a manual move).
  void anchor_clock(std::chrono::steady_clock::time_point wall);

  // --- the world, as the customer's DNS host, web server, phone and the registry change it ---
  // A record in a name no zone holds declares the zone of its last two labels first.
  void add_dns_record(sim::world::DnsRecord record);
  void remove_dns_record(sim::world::DnsRecord record);
  void set_caa(const std::string& name, const std::vector<CaaRecord>& records);  // empty: none
  void set_web(const std::string& url, int status, std::string body);
  void set_phone(const std::string& number, const std::vector<std::string>& answers);
  void put_organization(sim::world::Organization organization, sim::world::RegistryStatus status);

  // --- faults ---
  FaultPlan& faults() { return faults_; }

  // --- what happened ---
  // The trace as text lines (instant, order, stage, event, status, reason, detail), of one order
  // (a CertificateId or order ref) or of all.
  std::vector<std::string> trace_lines(const std::optional<std::string>& order) const;
  // Everything so far as `casim run` reports it: one scenario with one run.
  report::ReportSet report() const;
  const std::string& root_pem() const;
  std::size_t calls() const { return request_counter_; }

 private:
  struct Run;  // session.cpp: the kernel, world, CA, codec and records

  std::string next_request_id();
  ClockReading run_until(sim::Instant to);
  void note(mockca::TraceKind kind, std::string detail);  // a trace event of no order

  scenario::Scenario scenario_;
  std::uint64_t seed_;
  const mockca::Hierarchy& hierarchy_;
  std::unique_ptr<Run> run_;
  FaultPlan faults_;
  ServeClock clock_;
  std::uint64_t request_counter_ = 0;
  std::uint64_t order_counter_ = 0;
};

}  // namespace casim::serve
