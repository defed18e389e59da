// The JSON Schema (scenarios/schema/scenario.schema.json) and the loader's key table
// (casim/scenario/keys.hpp) describe the same format: every section is a $defs entry with exactly
// the loader's keys and additionalProperties false, and the enumerations of reason codes and bad-CSR
// kinds match the catalogues the loader looks names up in.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <set>

#include "casim/mockca/reason.hpp"
#include "casim/scenario/bad_csr.hpp"
#include "casim/scenario/keys.hpp"
#include "scenario_test_support.hpp"

BOOST_AUTO_TEST_SUITE(test_schema)

namespace {

using namespace casim;
using nlohmann::json;

const json& schema() {
  static const json loaded = json::parse(
      scenario::test::read_text(scenario::test::source_dir() / "scenarios" / "schema" / "scenario.schema.json"));
  return loaded;
}

std::set<std::string> names_of(const json& object) {
  std::set<std::string> names;
  for (const auto& [key, value] : object.items()) names.insert(key);
  return names;
}

std::set<std::string> enum_of(const json& property) {
  std::set<std::string> values;
  for (const auto& value : property.at("enum")) values.insert(value.get<std::string>());
  return values;
}

BOOST_AUTO_TEST_CASE(the_schema_is_draft_2020_12_rooted_at_the_scenario) {
  BOOST_TEST(schema().at("$schema").get<std::string>() == "https://json-schema.org/draft/2020-12/schema");
  BOOST_TEST(schema().at("$ref").get<std::string>() == "#/$defs/scenario");
  // `start` may come from a base (extends); bases themselves require nothing (base.schema.json).
  BOOST_TEST(schema().at("required") == json({"name"}));
  BOOST_TEST(schema().at("if") == json::parse(R"({"not": {"required": ["extends"]}})"));
  BOOST_TEST(schema().at("then") == json::parse(R"({"required": ["start"]})"));
  BOOST_TEST(!schema().at("$defs").at("scenario").contains("required"));
}

BOOST_AUTO_TEST_CASE(every_loader_section_has_the_same_keys_in_the_schema) {
  const json& defs = schema().at("$defs");
  for (const auto& section : scenario::scenario_key_table()) {
    const std::string name(section.name);
    BOOST_TEST_CONTEXT("section " << name) {
      BOOST_TEST_REQUIRE(defs.contains(name), "$defs has no " << name);
      const json& def = defs.at(name);
      BOOST_TEST(def.at("additionalProperties") == json(false));
      const std::set<std::string> loader(section.keys.begin(), section.keys.end());
      BOOST_TEST(names_of(def.at("properties")) == loader);
      for (const auto& [key, property] : def.at("properties").items()) {
        BOOST_TEST((property.contains("description") || property.contains("$ref")), key << " has no description");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_schema_object_with_keys_is_a_loader_section) {
  for (const auto& [name, def] : schema().at("$defs").items()) {
    if (!def.contains("properties")) continue;
    BOOST_TEST(scenario::find_key_section(name) != nullptr, "$defs/" << name << " is not a section the loader reads");
  }
}

BOOST_AUTO_TEST_CASE(reason_codes_and_bad_csr_kinds_match_the_catalogues) {
  const json& defs = schema().at("$defs");
  std::set<std::string> reasons;
  for (const auto& info : mockca::all_reasons()) reasons.insert(std::string(info.code));
  BOOST_TEST(enum_of(defs.at("order_expectation").at("properties").at("reason")) == reasons);
  const auto kinds = scenario::bad_csr_kinds();
  BOOST_TEST(enum_of(defs.at("csr").at("properties").at("bad")) == std::set<std::string>(kinds.begin(), kinds.end()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE_END()  // test_schema
