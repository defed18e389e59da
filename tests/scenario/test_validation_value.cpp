// An order's `validation_value`: the CA asks for that value instead of drawing one, so a world
// that holds the value anywhere (here at the end of a CNAME chain, where `publish` cannot put it)
// validates the order; the order's other values, and other orders' draws, are unchanged.
#include <string>

#include <boost/test/unit_test.hpp>

#include "casim/order/simulation.hpp"
#include "casim/scenario/load.hpp"
#include "printers.hpp"
#include "temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(test_validation_value)

using namespace casim;

namespace {

// A scenario whose world holds `_dnsauth.example.com` → `token.dcv.example.net` TXT "seen-value",
// with order `fixed` asking for `value` and order `drawn` drawing its own.
std::string scenario_text(const std::string& value) {
  return "name: fixed-value\n"
         "start: 2026-09-14T09:00:00+08:00\n"
         "issue_certificates: false\n"
         "limits: {horizon: 10d}\n"
         "world:\n"
         "  dns:\n"
         "    zones: [example.com, example.net]\n"
         "    records:\n"
         "      - {name: _dnsauth.example.com, type: CNAME, value: token.dcv.example.net}\n"
         "      - {name: token.dcv.example.net, type: TXT, value: seen-value}\n"
         "orders:\n"
         "  - {ref: fixed, names: [example.com], validation_value: " + value + ", publish: {kind: never}}\n"
         "  - {ref: drawn, names: [www.example.com], publish: {kind: never}}\n";
}

order::RunResult run(const scenario::Scenario& loaded) {
  order::RunConfig config = loaded.config;
  config.seed = loaded.seed;
  return order::run_simulation(config);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_fixed_value_is_the_one_the_ca_asks_for) {
  const test::TempDir dir;
  const auto loaded = scenario::load_scenario(dir.write("fixed.yaml", scenario_text("seen-value")));
  const auto& fixed = loaded.config.ca.config.fixed_validation_values;
  BOOST_TEST(fixed.size() == 1u);
  BOOST_TEST(fixed.at("fixed") == "seen-value");

  const order::RunResult result = run(loaded);
  BOOST_TEST_REQUIRE(result.find("fixed") != nullptr);
  BOOST_TEST((result.find("fixed")->outcome == order::Outcome::Issued));
  // The same name, the same world, a drawn value: the TXT at the chain's end is not it.
  BOOST_TEST_REQUIRE(result.find("drawn") != nullptr);
  BOOST_TEST((result.find("drawn")->outcome == order::Outcome::Failed));
  BOOST_TEST(result.find("drawn")->reasons.back() == mockca::Reason::DcvTxtMismatch);
}

BOOST_AUTO_TEST_CASE(another_fixed_value_fails_as_a_mismatch_and_draws_stay_the_same) {
  const test::TempDir dir;
  const auto matching = run(scenario::load_scenario(dir.write("a.yaml", scenario_text("seen-value"))));
  const auto other = run(scenario::load_scenario(dir.write("b.yaml", scenario_text("another-value"))));
  BOOST_TEST((other.find("fixed")->outcome == order::Outcome::Failed));
  BOOST_TEST(other.find("fixed")->reasons.back() == mockca::Reason::DcvTxtMismatch);
  // The drawn order's value comes from its own stream: fixing another order's value leaves it be.
  BOOST_TEST(matching.find("drawn")->reasons == other.find("drawn")->reasons);
}

BOOST_AUTO_TEST_CASE(an_empty_value_is_an_error_at_its_key) {
  const test::TempDir dir;
  const auto file = dir.write("empty.yaml", scenario_text("\"\""));
  const auto diagnostics = scenario::lint_scenario(file);
  BOOST_TEST_REQUIRE(!diagnostics.empty());
  BOOST_TEST(diagnostics.front().message.find("validation_value: expected a non-empty value") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()  // test_validation_value
