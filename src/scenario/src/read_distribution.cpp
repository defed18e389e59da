// read_distribution: a duration, or {fixed | uniform | exponential | lognormal | choice: …}.
#include <fmt/format.h>

#include "reader.hpp"

namespace casim::scenario::detail {

std::optional<sim::DurationDistribution> read_distribution(Reader& reader, const YAML::Node& node,
                                                           const std::string& path) {
  using sim::DurationDistribution;
  std::optional<DurationDistribution> result;
  if (node && node.IsScalar()) {
    const auto value = read_duration_spec(reader, node, path);
    if (value) reported(reader, node, [&] { result = DurationDistribution::fixed(*value, path); });
    return result;
  }
  const Section shape(reader, node, "distribution", path);
  if (!shape.ok()) return std::nullopt;
  if (shape.node().size() != 1) {
    reader.error(node, fmt::format("{}: expected exactly one of fixed, uniform, exponential, lognormal, choice", path));
    return std::nullopt;
  }
  const std::size_t before = reader.error_count();
  if (const auto fixed = shape.get("fixed")) {
    const auto value = read_duration_spec(reader, fixed, shape.path("fixed"));
    if (value) reported(reader, fixed, [&] { result = DurationDistribution::fixed(*value, path); });
  } else if (const auto uniform = shape.get("uniform")) {
    const Section s(reader, uniform, "uniform", shape.path("uniform"));
    const auto min = read_duration_spec(reader, s.require("min"), s.path("min"));
    const auto max = read_duration_spec(reader, s.require("max"), s.path("max"));
    if (min && max) reported(reader, uniform, [&] { result = DurationDistribution::uniform(*min, *max, path); });
  } else if (const auto exponential = shape.get("exponential")) {
    const Section s(reader, exponential, "exponential", shape.path("exponential"));
    const auto mean = read_duration_spec(reader, s.require("mean"), s.path("mean"));
    if (mean) reported(reader, exponential, [&] { result = DurationDistribution::exponential(*mean, path); });
  } else if (const auto lognormal = shape.get("lognormal")) {
    const Section s(reader, lognormal, "lognormal", shape.path("lognormal"));
    const auto median = read_duration_spec(reader, s.require("median"), s.path("median"));
    const auto p90 = read_duration_spec(reader, s.require("p90"), s.path("p90"));
    if (median && p90) {
      reported(reader, lognormal, [&] { result = DurationDistribution::lognormal(*median, *p90, path); });
    }
  } else if (const auto choice = shape.get("choice")) {
    std::vector<sim::WeightedDuration> options;
    for_each_item(reader, choice, shape.path("choice"), [&](const YAML::Node& item, const std::string& item_path) {
      const Section s(reader, item, "choice_option", item_path);
      const auto value = read_duration_spec(reader, s.require("value"), s.path("value"));
      double weight = 1;
      if (const auto w = s.get("weight")) weight = read_number(reader, w, s.path("weight"), 0, 1e12).value_or(1);
      if (value) options.push_back({*value, weight});
    });
    if (reader.error_count() == before) {
      reported(reader, choice, [&] { result = DurationDistribution::choice(std::move(options), path); });
    }
  }
  return result;
}

}  // namespace casim::scenario::detail
