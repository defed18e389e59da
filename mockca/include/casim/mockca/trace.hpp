// The one trace of a simulation run: every step of every order, in the order it happened, as typed
// events (instant, order, stage, kind, Status after the event, Reason) with one line of free text.
// The mock CA and the ordering logic append to it; the words of stages and kinds are made only
// where a trace is printed (`casim run --trace`, test messages), and the free text only when the
// trace keeps text. A run whose trace nobody reads keeps no events at all: only their fingerprint,
// which tells whether two runs behaved identically, and the reasons each order met.
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

// A detail line built only when the trace keeps text: a non-owning reference to a callable that
// returns it, valid for the call it is passed to (pass a lambda: `[&] { return "…" + name; }`).
class LazyText {
 public:
  template <typename MakeText>
  LazyText(const MakeText& make)  // NOLINT(google-explicit-constructor): call sites pass lambdas
      : make_(&make), call_([](const void* object) { return std::string((*static_cast<const MakeText*>(object))()); }) {}
  std::string operator()() const { return call_(make_); }

 private:
  const void* make_;
  std::string (*call_)(const void*);
};

// An event's typed fields, the order's ref as a view: Trace::add copies them into place.
struct TraceFields {
  sim::Instant at;
  std::string_view order;  // "" for the run's own events
  TraceStage stage = TraceStage::Run;
  TraceKind kind = TraceKind::Started;
  std::optional<Status> status;
  std::optional<Reason> reason;
};

// A reason an order met, as an event of the order gave it.
struct TraceReason {
  std::string order;
  Reason reason;

  friend bool operator==(const TraceReason&, const TraceReason&) = default;
};

class Trace {
 public:
  // `keep_text` false (a run whose trace nobody reads): the trace keeps no events, only their
  // fingerprint and reasons(), and LazyText is never called.
  explicit Trace(bool keep_text = true) : keep_text_(keep_text) {}

  bool keeps_text() const { return keep_text_; }
  // Appends an event; instants must not go backwards (misuse: std::logic_error).
  void add(TraceEvent&& event);
  // Appends an event whose detail `detail()` is built only when the trace keeps text.
  void add(const TraceFields& fields, const LazyText& detail);
  // Makes room for `events` events at once (a run knows roughly how many its orders make).
  void reserve(std::size_t events) {
    if (keep_text_) events_.reserve(events);
  }

  // Empty when the trace keeps no text.
  const std::vector<TraceEvent>& events() const { return events_; }
  // The reason of every event of an order that has one, in order; kept with or without text.
  const std::vector<TraceReason>& reasons() const { return reasons_; }
  // The events of one order, in order.
  std::vector<TraceEvent> for_order(std::string_view order) const;
  // A 64-bit hash (FNV's multiply with a fold, eight bytes a step) over every typed field of every
  // event (all but the detail text), stages, kinds and reasons by their printed words (so that
  // reordering an enum or the reason catalogue keeps fingerprints): equal traces have equal
  // fingerprints, whether they keep text or not.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  // Checks the instant, mixes the fields into the fingerprint and keeps the order's reason.
  void record_typed_fields(const TraceFields& fields);

  bool keep_text_;
  std::vector<TraceEvent> events_;
  std::vector<TraceReason> reasons_;
  sim::Instant last_at_ = sim::Instant::min();
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
};

}  // namespace casim::mockca
