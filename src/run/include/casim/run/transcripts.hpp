// TranscriptKeeper: which agent transcripts a suite keeps and writes — every scenario's run 0 and
// its first kMaxFailedTranscripts failed runs by run index (whatever order the threads finish in) —
// as <dir>/<scenario>/run-<n>.jsonl.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "casim/run/kept_runs.hpp"

namespace casim::run {

class TranscriptKeeper {
 public:
  explicit TranscriptKeeper(std::size_t max_failed) : runs_(max_failed, true) {}

  // Offers one run's transcript (thread-safe); kept when it is run 0 or among the first failed runs.
  void offer(const std::string& scenario, std::uint64_t run_index, bool failed, std::vector<std::string> lines) {
    runs_.offer(scenario, run_index, failed, std::move(lines));
  }
  // Writes what was kept under `dir` (0700 folders, 0600 files, replacing earlier ones). Throws
  // InputError for a scenario name that could leave `dir`, std::runtime_error when a file cannot be
  // written.
  void write(const std::filesystem::path& dir) const;
  std::size_t kept() const { return runs_.count(); }
  std::size_t left_out() const { return runs_.left_out(); }

 private:
  KeptRuns<std::vector<std::string>> runs_;
};

}  // namespace casim::run
