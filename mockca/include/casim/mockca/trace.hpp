// The one trace of a simulation run: every step of every order, in the order it happened, as typed
// events (instant, order, stage, kind, Status after the event, Reason) with one line of free text.
// The mock CA and the ordering logic append to it; the words of stages and kinds are made only
// where a trace is printed (`casim run --trace`, test messages). A fingerprint of the events tells
// whether two runs behaved identically.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casim/mockca/reason.hpp"
#include "casim/mockca/status.hpp"
#include "casim/sim/time.hpp"

namespace casim::mockca {

// Who or which step of the pipeline an event belongs to.
enum class TraceStage : std::uint8_t { Run, Intake, PreReview, Dcv, Caa, Review, Issuance, Order, Platform };
// "run", "intake", "pre-review", "dcv", "caa", "review", "issuance", "order", "platform".
std::string_view trace_stage_name(TraceStage stage);

// What happened. Several kinds are shared by stages (Started, Passed, Failed, Refused, …).
enum class TraceKind : std::uint8_t {
  Started, Stopped, Passed, Failed, Refused, Rejected,
  // intake
  Finding, Accepted,
  // domain validation and CAA
  TargetPassed, TargetFailed, TimedOut, ValidateNow, ValidateNowRefused, Permitted, Stale,
  // manual review steps
  Reuse, OrganizationCheck, EvCheck, Call, Letter,
  // issuance
  GateOpen, ValidationDataExpired, Issued,
  // the CA's order record
  Cancelled, Resubmitted, Revoked, Reissuing, ReissueEnded, Replaced,
  // the platform
  Created, StatusChanged, IllegalTransition, CaProgress, DomainValidated, Download, Renew,
  ApplicantPublished, ApplicantPublishedWrongValue, ApplicantPublishesNothing, DnsAutoRecordAdded,
  DnsAutoRecordRemoved, Poll, MultiYear, ExpiryNotice,
  // an external agent (src/agent) in the platform's place
  AgentCall, AgentLog, CustomerShown,
};
// "started", "target passed", "status", "applicant published wrong value", …
std::string_view trace_kind_name(TraceKind kind);

struct TraceEvent {
  sim::Instant at;
  std::string order;  // the order's ref, e.g. "ov-shop"; "" for the run's own events
  TraceStage stage = TraceStage::Run;
  TraceKind kind = TraceKind::Started;
  std::optional<Status> status;  // the order's Status after the event, when it changed
  std::optional<Reason> reason;
  std::string detail;  // one line a developer reads: what was seen and why

  friend bool operator==(const TraceEvent&, const TraceEvent&) = default;
};

class Trace {
 public:
  // Appends an event; instants must not go backwards (misuse: std::logic_error).
  void add(TraceEvent event);
  // Makes room for `events` events at once (a run knows roughly how many its orders make).
  void reserve(std::size_t events) { events_.reserve(events); }

  const std::vector<TraceEvent>& events() const { return events_; }
  // The events of one order, in order.
  std::vector<TraceEvent> for_order(std::string_view order) const;
  // A 64-bit hash (FNV's multiply with a fold, eight bytes a step) over every field of every
  // event, stages, kinds and reasons by their printed words (so that reordering an enum or the
  // reason catalogue keeps fingerprints): equal traces have equal fingerprints.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  std::vector<TraceEvent> events_;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace casim::mockca
