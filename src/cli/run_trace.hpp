// `casim run --trace ORDER`: one order's trace as an aligned table, event by event — the instant in
// the CA calendar's time zone, the business time elapsed since the order's information was
// submitted (on the CA calendar), stage, event, status (code and name), reason code and detail.
#pragma once

#include <ostream>
#include <string>

#include "casim/order/result.hpp"
#include "casim/sim/calendar.hpp"

namespace casim::cli {

// Prints the trace of `order` in `run` (which must have it) on the CA calendar `calendar`.
void print_order_trace(const order::RunResult& run, const order::OrderResult& order,
                       const sim::Calendar& calendar, std::ostream& out);

// "known orders: a, b, c" for the message about an unknown --trace order.
std::string known_orders(const order::RunResult& run);

}  // namespace casim::cli
