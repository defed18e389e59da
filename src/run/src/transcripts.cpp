// TranscriptKeeper (transcripts.hpp): the agent transcripts a suite keeps, and writing them.
#include "casim/run/transcripts.hpp"

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "casim/run/plan.hpp"

namespace casim::run {

void TranscriptKeeper::offer(const std::string& scenario, std::uint64_t run_index, bool failed,
                             std::vector<std::string> lines) {
  if (run_index != 0 && !failed) return;
  const std::lock_guard lock(mutex_);
  auto& runs = kept_[scenario];
  runs.emplace(run_index, std::pair{failed, std::move(lines)});
  std::size_t failed_kept = 0;
  for (const auto& [index, run] : runs) failed_kept += index != 0 && run.first ? 1 : 0;
  if (failed_kept <= max_failed_) return;
  // Drop the failed run with the highest index (never run 0).
  for (auto last = runs.rbegin(); last != runs.rend(); ++last) {
    if (last->first != 0) {
      runs.erase(std::next(last).base());
      ++left_out_;
      return;
    }
  }
}

void TranscriptKeeper::write(const std::filesystem::path& dir) const {
  const std::lock_guard lock(mutex_);
  for (const auto& [scenario, runs] : kept_) {
    check_path_name(scenario, "scenario " + scenario);
    const std::filesystem::path folder = dir / scenario;
    mockca::make_private_dir(folder);
    for (const auto& [index, run] : runs) {
      std::string text;
      for (const std::string& line : run.second) text += line + '\n';
      mockca::write_file_atomic(folder / fmt::format("run-{}.jsonl", index), text, 0600);
    }
  }
}

std::size_t TranscriptKeeper::kept() const {
  const std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [scenario, runs] : kept_) count += runs.size();
  return count;
}

}  // namespace casim::run
