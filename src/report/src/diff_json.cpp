// diff_to_json: diff.json, every item of a diff with its verdict ("regression", "improvement",
// "change"), in calendar seconds and business days as report.json writes them; nothing capped.
#include "diff_parts.hpp"
#include "names.hpp"

namespace casim::report {
namespace {

using nlohmann::json;

json optional_value(const auto& value) { return value ? json(*value) : json(nullptr); }

json reasons_json(const std::vector<mockca::Reason>& reasons) {
  json codes = json::array();
  for (const mockca::Reason reason : reasons) codes.push_back(mockca::info(reason).code);
  return codes;
}

json entry_json(const std::optional<PartingEntry>& entry) {
  if (!entry) return nullptr;
  return {{"at", entry->at}, {"stage", entry->stage}, {"event", entry->event}, {"status", entry->status},
          {"detail", entry->detail}};
}

json order_json(const OrderChange& c) {
  return {{"run_index", c.run_index},
          {"order", c.ref},
          {"ended_differently", c.ended_differently()},
          {"base", {{"outcome", order::outcome_name(c.base_outcome)}, {"status", mockca::code(c.base_status)},
                    {"reasons", reasons_json(c.base_reasons)}}},
          {"new", {{"outcome", order::outcome_name(c.new_outcome)}, {"status", mockca::code(c.new_status)},
                   {"reasons", reasons_json(c.new_reasons)}}},
          {"parted_in", parting_source_name(c.parted_in)},
          {"parted_at", optional_value(c.parted_at)},
          {"base_entry", entry_json(c.base_entry)},
          {"new_entry", entry_json(c.new_entry)},
          {"trace_note", c.trace_note}};
}

json scenario_json(const ScenarioDiff& s) {
  json j{{"name", s.name},
         {"base_passed", s.in_base ? json(s.base_passed) : json(nullptr)},
         {"new_passed", s.in_new ? json(s.new_passed) : json(nullptr)},
         {"verdict", verdict_name(s.verdict())},
         {"notes", s.notes},
         {"expectations", json::array()},
         {"orders", json::array()},
         {"lone_orders", json::array()},
         {"shifts", json::array()},
         {"failures", json::array()}};
  for (const auto& e : s.expectations) {
    j["expectations"].push_back({{"id", e.id}, {"base_passed", optional_value(e.base_passed)},
                                 {"new_passed", optional_value(e.new_passed)}, {"message", e.message},
                                 {"verdict", verdict_name(e.verdict)}});
  }
  for (const auto& o : s.orders) j["orders"].push_back(order_json(o));
  for (const auto& l : s.lone_orders) {
    j["lone_orders"].push_back({{"run_index", l.run_index}, {"order", l.ref}, {"side", l.in_new ? "new" : "base"}});
  }
  for (const auto& shift : s.shifts) {
    j["shifts"].push_back({{"level", mockca::level_name(shift.level)}, {"figure", shift.figure},
                           {"unit", shift.business ? "business days" : "seconds"}, {"base", optional_value(shift.base)},
                           {"new", optional_value(shift.now)}, {"verdict", verdict_name(shift.verdict)},
                           {"beyond", shift.beyond}});
  }
  for (const auto& f : s.failures) {
    j["failures"].push_back({{"level", mockca::level_name(f.level)}, {"reason", mockca::info(f.reason).code},
                             {"base", f.base}, {"new", f.now}});
  }
  return j;
}

}  // namespace

nlohmann::json diff_to_json(const ReportDiff& diff) {
  json j{{"base", {{"where", diff.base_where}, {"casim_version", diff.base_version}, {"ordering_logic", diff.base_logic}}},
         {"new", {{"where", diff.new_where}, {"casim_version", diff.new_version}, {"ordering_logic", diff.new_logic}}},
         {"max_shift", diff.max_shift},
         {"regressed", diff.regressed()},
         {"no_changes", diff.empty()},
         {"counts", {{"regressions", diff.count(Verdict::Regression)},
                     {"improvements", diff.count(Verdict::Improvement)},
                     {"changes", diff.count(Verdict::Change)}}},
         {"notes", diff.notes},
         {"scenarios", json::array()}};
  for (const ScenarioDiff& s : diff.scenarios) j["scenarios"].push_back(scenario_json(s));
  return j;
}

}  // namespace casim::report
