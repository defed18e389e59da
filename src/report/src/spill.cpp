// spill_run and ListedOrders (spill.hpp): a finished run's orders written out, and what is kept of
// them in full.
#include "casim/report/spill.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "casim/sim/error.hpp"
#include "spill_file.hpp"

namespace casim::report {
namespace {

bool named(const ScenarioReport& report, const order::OrderResult& order) {
  return std::any_of(report.order_expectations.begin(), report.order_expectations.end(),
                     [&](const scenario::OrderExpectation& expectation) { return expectation.order == order.ref; });
}

// "PATH: cannot WHAT: strerror(errno)" — a full disk, too many open files.
InputError spill_error(const std::filesystem::path& path, const char* what) {
  return InputError(path.string(), fmt::format("cannot {} the file: {}", what, std::strerror(errno)));
}

template <typename Writer>
void write_spill_file(const std::filesystem::path& path, Writer writer) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw spill_error(path, "create");
  writer(out);
  out.flush();
  if (!out) throw spill_error(path, "write");
}

// The not-issued orders and the earlier attempts of a run's orders, as report.html counts them.
struct Listed {
  std::size_t not_issued = 0;
  std::size_t attempts = 0;
};

void count(const order::OrderResult& order, Listed& listed) {
  listed.not_issued += order.outcome != order::Outcome::Issued ? 1 : 0;
  listed.attempts += order.earlier_attempts.size();
}

// Whether report.html lists `order` after `before`: not issued, or with earlier attempts, while
// that table has room.
bool listed(const order::OrderResult& order, const Listed& before) {
  return (order.outcome != order::Outcome::Issued && before.not_issued < kListedRows) ||
         (!order.earlier_attempts.empty() && before.attempts < kListedRows);
}

}  // namespace

namespace detail {

void copy_spilled_file(const std::filesystem::path& file, std::ostream& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw spill_error(file, "read");
  // An empty file (a run without orders) sets failbit on `out` when copied with <<.
  if (in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
  if (in.bad()) throw spill_error(file, "read");
}

}  // namespace detail

void spill_run(const ScenarioReport& report, RunRecord& run, const std::filesystem::path& stem, bool leading) {
  SpilledRun spilled{{}, std::filesystem::path(stem).concat(".json"), std::filesystem::path(stem).concat(".csv")};
  write_spill_file(spilled.json, [&](std::ostream& out) { write_run_json(report, run, out); });
  write_spill_file(spilled.csv, [&](std::ostream& out) { write_run_csv(report, run, out); });
  spilled.facts.reserve(run.orders.size());
  std::vector<order::OrderResult> kept;
  Listed before;
  for (std::size_t i = 0; i < run.orders.size(); ++i) {
    order::OrderResult& order = run.orders[i];
    spilled.facts.push_back(facts_of(order));
    if (!named(report, order) && !(leading && i < kLeadingOrders) && !listed(order, before)) continue;
    count(order, before);
    kept.push_back(std::move(order));
  }
  run.orders = std::move(kept);
  run.spilled = std::move(spilled);
}

void ListedOrders::add(RunRecord& run, bool leading) {
  const std::lock_guard lock(mutex_);
  const auto place = std::lower_bound(runs_.begin(), runs_.end(), run.run_index,
                                      [](const auto& entry, std::uint64_t index) { return entry.first->run_index < index; });
  runs_.insert(place, {&run, leading});
  Listed before;
  for (auto& [record, is_leading] : runs_) {
    if (!is_leading && (before.not_issued >= kListedRows || before.attempts >= kListedRows)) {
      std::erase_if(record->orders,
                    [&](const order::OrderResult& order) { return !named(report_, order) && !listed(order, before); });
    }
    for (const order::OrderResult& order : record->orders) count(order, before);
  }
}

}  // namespace casim::report
