// KeptRuns: which runs of each scenario a suite keeps something of (an agent's transcript, a
// trace) — run 0 when asked, and the first `max_failed` failed runs by run index, whatever order
// the threads finish them in. Thread-safe; read kept() once the threads are done.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace casim::run {

template <typename Value>
class KeptRuns {
 public:
  // By scenario, then run index: whether the run failed, and what is kept of it.
  using Runs = std::map<std::string, std::map<std::uint64_t, std::pair<bool, Value>>>;

  KeptRuns(std::size_t max_failed, bool keep_run_zero) : max_failed_(max_failed), keep_run_zero_(keep_run_zero) {}

  // Whether offer() would keep the run now: lets a caller skip building a value that would be dropped.
  bool wants(const std::string& scenario, std::uint64_t run_index, bool failed) const {
    if (keep_run_zero_ && run_index == 0) return true;
    if (!failed || max_failed_ == 0) return false;
    const std::lock_guard lock(mutex_);
    const auto runs = kept_.find(scenario);
    if (runs == kept_.end()) return true;
    std::size_t lower_failed = 0;
    for (const auto& [index, run] : runs->second) lower_failed += index < run_index && counts(index, run.first) ? 1 : 0;
    return lower_failed < max_failed_;
  }

  // Keeps the run when it is run 0 (if asked) or among the first failed runs; drops the failed
  // run of the highest index once there are more than max_failed.
  void offer(const std::string& scenario, std::uint64_t run_index, bool failed, Value value) {
    const bool wanted = wants(scenario, run_index, failed);
    const std::lock_guard lock(mutex_);
    if (!wanted) {
      if (failed) ++left_out_;
      return;
    }
    auto& runs = kept_[scenario];
    runs.emplace(run_index, std::pair{failed, std::move(value)});
    std::size_t failed_kept = 0;
    for (const auto& [index, run] : runs) failed_kept += counts(index, run.first) ? 1 : 0;
    if (failed_kept <= max_failed_) return;
    for (auto last = runs.rbegin(); last != runs.rend(); ++last) {
      if (counts(last->first, last->second.first)) {
        runs.erase(std::next(last).base());
        ++left_out_;
        return;
      }
    }
  }

  const Runs& kept() const { return kept_; }
  // Hands what was kept over, leaving nothing.
  Runs take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(kept_, {});
  }
  std::size_t count() const {
    const std::lock_guard lock(mutex_);
    std::size_t total = 0;
    for (const auto& [scenario, runs] : kept_) total += runs.size();
    return total;
  }
  // Failed runs not kept: beyond max_failed in their scenario.
  std::size_t left_out() const {
    const std::lock_guard lock(mutex_);
    return left_out_;
  }

 private:
  // Whether a kept run counts against max_failed (run 0 kept for itself does not).
  bool counts(std::uint64_t index, bool failed) const { return failed && !(keep_run_zero_ && index == 0); }

  std::size_t max_failed_;
  bool keep_run_zero_;
  mutable std::mutex mutex_;
  Runs kept_;
  std::size_t left_out_ = 0;
};

}  // namespace casim::run
