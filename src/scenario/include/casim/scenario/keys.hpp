// The keys the scenario loader accepts, section by section: the one table the loader checks
// mappings against (unknown keys, did-you-mean) and that tests compare with the JSON Schema
// (scenarios/schema/scenario.schema.json, where each section is `$defs/<section>`).
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace casim::scenario {

struct KeySection {
  std::string_view name;               // e.g. "order", "dns_record"; the schema's $defs name
  std::vector<std::string_view> keys;  // in the order the format documents them
};

std::span<const KeySection> scenario_key_table();

// The section named `name`; nullptr when there is none.
const KeySection* find_key_section(std::string_view name);

}  // namespace casim::scenario
