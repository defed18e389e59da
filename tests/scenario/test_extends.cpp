// `extends:` (docs/scenario-format.md#bases): a scenario built from bases runs exactly as the same
// scenario written out by hand; problems in a base are reported at the base's line:column with
// where it was extended; cycles, missing bases and deep chains are refused; paths in a base are
// relative to the base; `casim run DIR` does not take bases for scenarios.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "casim/order/simulation.hpp"
#include "casim/scenario/load.hpp"
#include "casim/sim/random.hpp"
#include "scenario_test_support.hpp"

BOOST_AUTO_TEST_SUITE(test_extends)

namespace {

using namespace casim;
namespace fs = std::filesystem;

fs::path data(const std::string& name) { return scenario::test::data_dir() / "extends" / name; }

std::string listing(const std::vector<scenario::Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) text += "  " + diagnostic.to_string() + "\n";
  return text;
}

// The diagnostic that says `fragment`; fails the test when there is none.
scenario::Diagnostic find(const std::vector<scenario::Diagnostic>& diagnostics, const std::string& fragment) {
  const auto found = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const scenario::Diagnostic& d) {
    return d.message.find(fragment) != std::string::npos;
  });
  BOOST_TEST_REQUIRE((found != diagnostics.end()), "no diagnostic says '" << fragment << "':\n" << listing(diagnostics));
  return *found;
}

BOOST_AUTO_TEST_CASE(a_scenario_with_bases_runs_as_its_hand_merged_copy) {
  const auto merged = scenario::load_scenario(data("with-bases.yaml"));
  const auto flat = scenario::load_scenario(data("flat.yaml"));
  // Lists of names are replaced whole: example.org is no longer a zone.
  BOOST_TEST(!merged.config.world.dns.zone_of("www.example.org").has_value());
  // Organizations merge by id (acme replaced, other kept), phones by number (both lines).
  BOOST_TEST(merged.config.world.registry.size() == 2u);
  sim::world::World world = merged.config.world;
  sim::RandomStream stream(1, 0, "calls");
  BOOST_TEST((world.phones.call("+861012345678", merged.config.start, stream).result ==
              sim::world::CallResult::Confirmed));
  BOOST_TEST((world.phones.call("+861088880000", merged.config.start, stream).result ==
              sim::world::CallResult::Confirmed));

  const order::RunResult a = order::run_simulation(merged.config);
  const order::RunResult b = order::run_simulation(flat.config);
  BOOST_TEST(a.fingerprint == b.fingerprint);
  BOOST_TEST_REQUIRE(a.orders.size() == 1u);
  BOOST_TEST(a.orders[0].outcome == b.orders[0].outcome);
  BOOST_TEST((a.orders[0].outcome == order::Outcome::Issued));
}

BOOST_AUTO_TEST_CASE(a_problem_in_a_base_is_reported_in_the_base_with_where_it_was_extended) {
  const auto diagnostics = scenario::lint_scenario(data("bad-base.yaml"));
  const auto typo = find(diagnostics, "unknown key 'legal_nam' (did you mean 'legal_name'?)");
  BOOST_TEST(typo.where.file == data("_bases/bad-key.yaml").string());
  BOOST_TEST(typo.where.line == 4);
  BOOST_TEST(typo.where.column == 7);
  const std::string extended_at = " (in a base, extended at " + data("bad-base.yaml").string() + ":2:29)";
  BOOST_TEST(typo.message.ends_with(extended_at), typo.message);
  // The file's own problems come before its bases'.
  BOOST_TEST(diagnostics.front().where.file == data("bad-base.yaml").string(), listing(diagnostics));
  BOOST_CHECK_THROW(scenario::load_scenario(data("bad-base.yaml")), scenario::ScenarioError);
}

BOOST_AUTO_TEST_CASE(a_base_of_a_base_names_the_whole_chain) {
  const fs::path folder = fs::temp_directory_path() / ("casim-extends-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "top.yaml") << "extends: middle.yaml\nname: top\nstart: 2026-09-14T09:00:00+08:00\n"
                                        "orders: [{ref: o, names: [example.com]}]\n";
  std::ofstream(folder / "middle.yaml") << "extends: bottom.yaml\n";
  std::ofstream(folder / "bottom.yaml") << "seed: many\n";
  const auto diagnostics = scenario::lint_scenario(folder / "top.yaml");
  fs::remove_all(folder);
  const auto bad = find(diagnostics, "'many' is not a whole number");
  BOOST_TEST(bad.where.line == 1);
  BOOST_TEST(bad.where.column == 7);
  BOOST_TEST(bad.message.ends_with(" (in a base, extended at " + (folder / "middle.yaml").string() + ":1:10 ← " +
                                   (folder / "top.yaml").string() + ":1:10)"),
             bad.message);
}

BOOST_AUTO_TEST_CASE(a_cycle_a_missing_base_and_a_base_that_is_no_mapping_are_refused) {
  const auto loop = find(scenario::lint_scenario(data("loop.yaml")), "leads back to itself");
  BOOST_TEST(loop.where.file == data("_bases/loop-b.yaml").string());
  BOOST_TEST(loop.message.find("loop.yaml → " + data("_bases/loop-a.yaml").string() + " → " +
                               data("_bases/loop-b.yaml").string() + " → " + data("_bases/loop-a.yaml").string()) !=
                 std::string::npos,
             loop.message);
  const auto diagnostics = scenario::lint_scenario(data("missing-base.yaml"));
  const auto missing = find(diagnostics, "extends: no base file '_bases/no-such.yaml'");
  BOOST_TEST(missing.where.line == 3);
  BOOST_TEST(missing.where.column == 11);
  const auto list = find(diagnostics, "expected a mapping of scenario settings (a base is a partial scenario)");
  BOOST_TEST(list.where.file == data("_bases/a-list.yaml").string());
}

BOOST_AUTO_TEST_CASE(chains_deeper_than_the_bound_are_refused) {
  const fs::path folder = fs::temp_directory_path() / ("casim-deep-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const int files = scenario::kMaxBaseDepth + 2;
  for (int i = 1; i < files; ++i) std::ofstream(folder / (std::to_string(i) + ".yaml")) << "extends: " << i + 1 << ".yaml\n";
  std::ofstream(folder / (std::to_string(files) + ".yaml")) << "seed: 7\n";
  std::ofstream(folder / "top.yaml") << "extends: 1.yaml\nname: top\nstart: 2026-09-14T09:00:00+08:00\n"
                                        "orders: [{ref: o, names: [example.com]}]\n";
  const auto diagnostics = scenario::lint_scenario(folder / "top.yaml");
  fs::remove_all(folder);
  const auto deep = find(diagnostics, "lies more than 8 bases deep");
  BOOST_TEST(deep.where.file == (folder / (std::to_string(scenario::kMaxBaseDepth) + ".yaml")).string());
  BOOST_TEST(diagnostics.size() == 1u, listing(diagnostics));
}

BOOST_AUTO_TEST_CASE(paths_in_a_base_are_relative_to_the_base) {
  const auto s = scenario::load_scenario(data("base-csr.yaml"));
  BOOST_TEST_REQUIRE(s.config.orders.size() == 1u);
  BOOST_TEST(s.config.orders[0].ref == "pasted");
}

BOOST_AUTO_TEST_CASE(folders_named_with_an_underscore_are_not_searched_for_scenarios) {
  const auto files = scenario::collect_scenario_files({data("")});
  BOOST_TEST(!files.empty());
  for (const auto& file : files) BOOST_TEST(file.string().find("_bases") == std::string::npos, file);
  // A base named on the command line is taken as given.
  BOOST_TEST(scenario::collect_scenario_files({data("_bases/acme.yaml")}).size() == 1u);
}

}  // namespace

BOOST_AUTO_TEST_SUITE_END()  // test_extends
