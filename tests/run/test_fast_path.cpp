// The Monte Carlo fast path: a run whose trace keeps no text and no events (RunConfig::trace_text
// false, what `casim run` does for every run whose trace nobody reads) gives the same report, the
// same reasons and the same fingerprint as the run with every trace line written, for every
// bundled scenario.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "casim/mockca/trace.hpp"
#include "casim/order/simulation.hpp"
#include "casim/report/report.hpp"
#include "casim/report/writers.hpp"
#include "casim/run/plan.hpp"

BOOST_AUTO_TEST_SUITE(test_fast_path)

namespace fs = std::filesystem;
using namespace casim;

namespace {

constexpr std::uint64_t kRunsChecked = 2;  // of each scenario: run 0 and run 1 where there is one

fs::path bundled_scenarios() {
  const char* source = std::getenv("CASIM_SOURCE_DIR");
  BOOST_TEST_REQUIRE(source != nullptr, "CASIM_SOURCE_DIR is set by CTest");
  return fs::path(source) / "scenarios";
}

// report.json of one run of `scenario`, evaluated as `casim run` evaluates it.
std::string report_json(const scenario::Scenario& scenario, order::RunResult result) {
  report::ReportSet set;
  set.scenarios.push_back(report::start_report(scenario));
  set.scenarios.back().runs.push_back(report::record_of(std::move(result)));
  report::evaluate(set);
  std::ostringstream out;
  report::write_json(set, out);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(runs_without_trace_text_give_the_same_reports_and_fingerprints) {
  const auto loaded = run::load_scenarios({bundled_scenarios()}, {});
  BOOST_TEST_REQUIRE(loaded.unreadable.empty());
  BOOST_TEST_REQUIRE(loaded.scenarios.size() > 80U, "every bundled scenario is loaded");
  std::size_t compared = 0;
  for (const auto& scenario : loaded.scenarios) {
    for (std::uint64_t run = 0; run < std::min<std::uint64_t>(scenario.runs, kRunsChecked); ++run) {
      order::RunConfig config = scenario.config;
      config.scenario = scenario.name;
      config.seed = scenario.seed;
      config.run_index = run;
      config.issue_certificates = false;  // signed certificates have random serials
      config.trace_text = true;
      order::RunResult slow = order::run_simulation(config);
      config.trace_text = false;
      order::RunResult fast = order::run_simulation(config);
      BOOST_TEST_CONTEXT(scenario.name << " run " << run) {
        BOOST_TEST(fast.fingerprint == slow.fingerprint);
        BOOST_TEST(fast.trace.events().empty(), "the fast path keeps no trace events");
        BOOST_TEST((fast.trace.reasons() == slow.trace.reasons()));
        const bool slow_has_text = std::any_of(slow.trace.events().begin(), slow.trace.events().end(),
                                               [](const mockca::TraceEvent& event) { return !event.detail.empty(); });
        BOOST_TEST(slow_has_text);
        BOOST_TEST(report_json(scenario, std::move(fast)) == report_json(scenario, std::move(slow)));
      }
      ++compared;
    }
  }
  BOOST_TEST_MESSAGE(compared << " runs compared");
}

BOOST_AUTO_TEST_CASE(a_trace_without_text_keeps_the_fingerprint_and_reasons_of_the_events_it_drops) {
  using mockca::TraceKind;
  using mockca::TraceStage;
  const sim::Instant start = sim::parse_instant("2026-03-02T09:00:00Z");
  mockca::Trace slow(true);
  mockca::Trace fast(false);
  int details_built = 0;
  for (mockca::Trace* trace : {&slow, &fast}) {
    trace->add({start, "ov-shop", TraceStage::Intake, TraceKind::Accepted, mockca::Status::UnderReview, std::nullopt},
               [&] { return "accepted #" + std::to_string(++details_built); });
    trace->add({start + std::chrono::minutes{5}, "ov-shop", TraceStage::Dcv, TraceKind::TargetFailed, std::nullopt,
                mockca::Reason::DcvTxtNotFound},
               [&] { return "no record #" + std::to_string(++details_built); });
    trace->add({start + std::chrono::minutes{6}, "", TraceStage::Run, TraceKind::Stopped, std::nullopt,
                mockca::Reason::RunEventLimitReached},
               [&] { return "stopped #" + std::to_string(++details_built); });
    BOOST_CHECK_THROW(trace->add({start, "ov-shop", TraceStage::Dcv, TraceKind::Started, std::nullopt, std::nullopt},
                                 [] { return std::string("earlier"); }),
                      std::logic_error);
  }
  BOOST_TEST(details_built == 3, "only the trace with text builds details");
  BOOST_TEST(slow.events().size() == 3U);
  BOOST_TEST(fast.events().empty());
  BOOST_TEST(fast.fingerprint() == slow.fingerprint());
  const std::vector<mockca::TraceReason> met{{"ov-shop", mockca::Reason::DcvTxtNotFound}};
  BOOST_TEST((slow.reasons() == met), "the run's own reasons belong to no order");
  BOOST_TEST((fast.reasons() == met));
}

BOOST_AUTO_TEST_SUITE_END()  // test_fast_path
