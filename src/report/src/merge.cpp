// merge(): shard report sets combined into one, the runs of each scenario joined by run index and
// evaluated again, so the merged report equals the report of one unsharded run.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "casim/report/report.hpp"
#include "casim/sim/error.hpp"

namespace casim::report {
namespace {

// What two shards' copies of a scenario must agree on; "" when they do, else the first field.
std::string disagreement(const ScenarioReport& a, const ScenarioReport& b) {
  if (a.file != b.file) return fmt::format("file ('{}' and '{}')", a.file, b.file);
  if (a.seed != b.seed) return fmt::format("seed ({} and {})", a.seed, b.seed);
  if (a.runs_planned != b.runs_planned) return fmt::format("runs ({} and {})", a.runs_planned, b.runs_planned);
  if (a.description != b.description) return "description";
  if (a.tags != b.tags) return "tags";
  if (a.review_calendar != b.review_calendar) return "review calendar";
  if (a.pre_review_calendar != b.pre_review_calendar) return "pre-review calendar";
  if (a.order_expectations != b.order_expectations) return "order expectations";
  if (a.aggregate_expectations != b.aggregate_expectations) return "aggregate expectations";
  if (a.run_expectation != b.run_expectation) return "run expectation";
  return "";
}

void join(ScenarioReport& into, ScenarioReport&& from) {
  if (const std::string field = disagreement(into, from); !field.empty()) {
    throw InputError("scenario " + into.name, fmt::format("the shards disagree on its {}", field));
  }
  std::set<std::uint64_t> present;
  for (const RunRecord& run : into.runs) present.insert(run.run_index);
  for (RunRecord& run : from.runs) {
    if (!present.insert(run.run_index).second) {
      throw InputError("scenario " + into.name, fmt::format("run {} is in more than one shard", run.run_index));
    }
    into.runs.push_back(std::move(run));
  }
  if (into.error.empty()) into.error = std::move(from.error);
}

}  // namespace

ReportSet merge(std::vector<ReportSet> shards) {
  ReportSet merged;
  std::map<std::string, ScenarioReport> scenarios;
  std::set<std::string> non_reproducible;
  for (ReportSet& shard : shards) {
    if (merged.casim_version.empty()) {
      merged.casim_version = shard.casim_version;
      merged.ordering_logic = shard.ordering_logic;
    }
    non_reproducible.insert(shard.non_reproducible_fields.begin(), shard.non_reproducible_fields.end());
    for (ScenarioReport& report : shard.scenarios) {
      const auto found = scenarios.find(report.name);
      if (found == scenarios.end()) {
        scenarios.emplace(report.name, std::move(report));
      } else {
        join(found->second, std::move(report));
      }
    }
  }
  for (auto& [name, report] : scenarios) merged.scenarios.push_back(std::move(report));
  merged.non_reproducible_fields.assign(non_reproducible.begin(), non_reproducible.end());
  evaluate(merged);
  return merged;
}

}  // namespace casim::report
