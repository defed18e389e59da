// The trace's fingerprint is part of every report and of the comparison with a last good run: the
// same events must give the same value from one version of casim to the next.
#include <boost/test/unit_test.hpp>

#include <string>

#include "casim/mockca/trace.hpp"

BOOST_AUTO_TEST_SUITE(test_trace)

using namespace casim;
using namespace casim::mockca;

namespace {

// Events whose order refs are 0 to 17 characters long (no, part of one and several whole words),
// with a status and a reason on some.
std::uint64_t fingerprint_of_known_events() {
  Trace trace(false);
  const sim::Instant start = sim::parse_instant("2026-09-14T01:00:00Z");
  const std::string letters = "abcdefghijklmnopq";
  for (std::size_t length = 0; length <= letters.size(); ++length) {
    const bool odd = length % 2 == 1;
    TraceFields fields{start + sim::kMinute * static_cast<int>(length), std::string_view(letters).substr(0, length)};
    fields.stage = odd ? TraceStage::Dcv : TraceStage::Platform;
    fields.kind = odd ? TraceKind::TargetFailed : TraceKind::StatusChanged;
    if (odd) fields.reason = Reason::DcvDnsCacheStale;
    if (!odd) fields.status = Status::UnderReview;
    trace.add(fields,
              [] { return std::string("never built"); });
  }
  return trace.fingerprint();
}

}  // namespace

BOOST_AUTO_TEST_CASE(known_events_keep_their_fingerprint) {
  BOOST_TEST(fingerprint_of_known_events() == 0x0200a4807dad6a8bULL);
}

BOOST_AUTO_TEST_SUITE_END()  // test_trace
