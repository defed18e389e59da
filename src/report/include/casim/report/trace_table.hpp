// A run's trace as people and `casim diff` read it. write_order_trace: one order's events as an
// aligned table — the instant in the CA calendar's time zone, the business time elapsed since the
// order's information was submitted (on the CA calendar), stage, event, status (code and name),
// reason code and detail (its instants in the same zone, with their offset) — as `casim run
// --trace` prints it and traces/<scenario>/run-<N>.txt holds it. write_trace_jsonl: every event of a run, one JSON object a line, as traces/…/run-<N>.jsonl.
#pragma once

#include <cstdint>
#include <ostream>
#include <span>
#include <string>

#include "casim/mockca/trace.hpp"
#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"

namespace casim::report {

// Prints `events` (those of `order`, in order) of run `run_index` of `seed` as a table on the CA calendar.
void write_order_trace(std::uint64_t seed, std::uint64_t run_index, const order::OrderResult& order,
                       std::span<const mockca::TraceEvent> events, const sim::Calendar& calendar, std::ostream& out);

// Prints every event of `trace`, one line each:
// {"at","order","stage","event","status" (code or null),"reason" (code or null),"detail"}.
void write_trace_jsonl(const mockca::Trace& trace, std::ostream& out);

// "a, b, c": the refs of the run's orders, for the message about an unknown --trace order.
std::string known_orders(const order::RunResult& run);

}  // namespace casim::report
