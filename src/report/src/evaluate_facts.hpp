// What evaluate() expects and finds of an order's facts: its certificate, the review's calls and
// the data the CA reused. Each *_mismatch gives the first fact that differs, as found; nothing
// when every fact given holds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "casim/order/result.hpp"
#include "casim/scenario/scenario.hpp"
#include "casim/sim/time_zone.hpp"

namespace casim::report::detail {

std::string certificate_text(const scenario::CertificateExpectation& expected);
std::optional<std::string> certificate_mismatch(const scenario::CertificateExpectation& expected,
                                                const order::CertificateSummary& found);

// "10:00 +08:00 no answer, …" in `zone` (the CA's), or "no call".
std::string calls_text(const std::vector<mockca::ReviewCall>& calls, const sim::TimeZone& zone);

std::string data_reuse_text(const scenario::DataReuseExpectation& expected);
std::optional<std::string> data_reuse_mismatch(const scenario::DataReuseExpectation& expected,
                                               const order::DataReuse& found);

}  // namespace casim::report::detail
