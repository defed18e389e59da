// How Boost.Test prints casim's values in failed comparisons — the one place for every test
// executable. Each library's printers are compiled in only where the test links that library
// (its headers are on the include path).
#pragma once

#include <optional>
#include <ostream>

#include "casim/sim/duration.hpp"
#include "casim/sim/time.hpp"
#include "casim/sim/world/dns.hpp"
#include "casim/sim/world/organizations.hpp"
#include "casim/sim/world/phones.hpp"
#include "casim/sim/world/web.hpp"

namespace casim::sim {
inline std::ostream& boost_test_print_type(std::ostream& out, Instant at) { return out << format_instant(at); }
inline std::ostream& boost_test_print_type(std::ostream& out, Duration d) { return out << d.count() << "us"; }
inline std::ostream& boost_test_print_type(std::ostream& out, const DurationSpec& spec) {
  return out << format_duration(spec);
}
inline std::ostream& boost_test_print_type(std::ostream& out, const std::optional<Instant>& at) {
  return at ? out << format_instant(*at) : out << "none";
}
inline std::ostream& boost_test_print_type(std::ostream& out, const std::optional<Duration>& d) {
  return d ? out << d->count() << "us" : out << "none";
}
}  // namespace casim::sim

namespace casim::sim::world {
inline std::ostream& boost_test_print_type(std::ostream& out, DnsRcode rcode) { return out << to_string(rcode); }
inline std::ostream& boost_test_print_type(std::ostream& out, DnsType type) { return out << to_string(type); }
inline std::ostream& boost_test_print_type(std::ostream& out, WebError error) { return out << to_string(error); }
inline std::ostream& boost_test_print_type(std::ostream& out, Scheme scheme) { return out << to_string(scheme); }
inline std::ostream& boost_test_print_type(std::ostream& out, RegistryStatus status) { return out << to_string(status); }
inline std::ostream& boost_test_print_type(std::ostream& out, CallResult result) { return out << to_string(result); }
inline std::ostream& boost_test_print_type(std::ostream& out, BusinessCategory category) {
  return out << to_string(category);
}
}  // namespace casim::sim::world

#if __has_include("casim/mockca/api.hpp")
#include "casim/mockca/api.hpp"
#include "casim/mockca/pre_review.hpp"
#include "casim/mockca/review.hpp"

namespace casim::mockca {
inline std::ostream& boost_test_print_type(std::ostream& out, Reason reason) { return out << info(reason).code; }
inline std::ostream& boost_test_print_type(std::ostream& out, const std::optional<Reason>& reason) {
  return reason ? out << info(*reason).code : out << "none";
}
inline std::ostream& boost_test_print_type(std::ostream& out, Status status) {
  return out << code(status) << " (" << status_name(status) << ")";
}
inline std::ostream& boost_test_print_type(std::ostream& out, const std::optional<Status>& status) {
  return status ? boost_test_print_type(out, *status) : out << "none";
}
inline std::ostream& boost_test_print_type(std::ostream& out, StatusMsg msg) {
  return msg == StatusMsg::None ? out << "(none)" : out << status_msg_text(msg);
}
inline std::ostream& boost_test_print_type(std::ostream& out, TraceStage stage) { return out << trace_stage_name(stage); }
inline std::ostream& boost_test_print_type(std::ostream& out, TraceKind kind) { return out << trace_kind_name(kind); }
inline std::ostream& boost_test_print_type(std::ostream& out, DnsRecordKind kind) {
  return out << (kind == DnsRecordKind::Txt ? "TXT" : "CNAME");
}
inline std::ostream& boost_test_print_type(std::ostream& out, ValidationLevel level) { return out << level_name(level); }
inline std::ostream& boost_test_print_type(std::ostream& out, OrderPhase phase) { return out << phase_name(phase); }
inline std::ostream& boost_test_print_type(std::ostream& out, TrackState state) { return out << track_state_name(state); }
inline std::ostream& boost_test_print_type(std::ostream& out, CaCheck check) { return out << to_string(check); }
inline std::ostream& boost_test_print_type(std::ostream& out, LocalCheck check) { return out << to_string(check); }
inline std::ostream& boost_test_print_type(std::ostream& out, PreReviewOutcome outcome) { return out << to_string(outcome); }
inline std::ostream& boost_test_print_type(std::ostream& out, ReviewVerdict verdict) { return out << to_string(verdict); }
inline std::ostream& boost_test_print_type(std::ostream& out, ReviewStepKind kind) {
  return out << trace_kind_name(trace_kind(kind));
}
}  // namespace casim::mockca
#endif

#if __has_include("casim/order/result.hpp")
#include "casim/order/result.hpp"

namespace casim::order {
inline std::ostream& boost_test_print_type(std::ostream& out, Outcome outcome) { return out << outcome_name(outcome); }
inline std::ostream& boost_test_print_type(std::ostream& out, RunStop stop) { return out << stop_name(stop); }
inline std::ostream& boost_test_print_type(std::ostream& out, OrderOrigin origin) { return out << origin_name(origin); }
inline std::ostream& boost_test_print_type(std::ostream& out, const std::optional<OrderEvent>& event) {
  return event ? out << event_name(*event) : out << "none";
}
}  // namespace casim::order
#endif

#if __has_include("casim/agent/process.hpp")
#include "casim/agent/process.hpp"

namespace casim::agent {
inline std::ostream& boost_test_print_type(std::ostream& out, ReadStatus status) {
  switch (status) {
    case ReadStatus::Line: return out << "Line";
    case ReadStatus::Timeout: return out << "Timeout";
    case ReadStatus::Closed: return out << "Closed";
    case ReadStatus::TooLong: return out << "TooLong";
  }
  return out << "ReadStatus(" << static_cast<int>(status) << ")";
}
}  // namespace casim::agent
#endif
