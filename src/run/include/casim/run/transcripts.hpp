// TranscriptKeeper: which agent transcripts a suite keeps and writes — every scenario's run 0 and
// its first kMaxFailedTranscripts failed runs by run index (whatever order the threads finish in) —
// as <dir>/<scenario>/run-<n>.jsonl.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace casim::run {

class TranscriptKeeper {
 public:
  explicit TranscriptKeeper(std::size_t max_failed) : max_failed_(max_failed) {}

  // Offers one run's transcript (thread-safe); kept when it is run 0 or among the first failed runs.
  void offer(const std::string& scenario, std::uint64_t run_index, bool failed, std::vector<std::string> lines);
  // Writes what was kept under `dir` (0700 folders, 0600 files, replacing earlier ones). Throws
  // InputError for a scenario name that could leave `dir`, std::runtime_error when a file cannot be
  // written.
  void write(const std::filesystem::path& dir) const;
  std::size_t kept() const;
  std::size_t left_out() const { return left_out_; }

 private:
  std::size_t max_failed_;
  mutable std::mutex mutex_;
  // By scenario, then run index: the lines, and whether the run failed.
  std::map<std::string, std::map<std::uint64_t, std::pair<bool, std::vector<std::string>>>> kept_;
  std::size_t left_out_ = 0;
};

}  // namespace casim::run
