// TranscriptKeeper (transcripts.hpp): writing the agent transcripts a suite kept.
#include "casim/run/transcripts.hpp"

#include <fmt/format.h>

#include "casim/mockca/files.hpp"
#include "casim/run/plan.hpp"

namespace casim::run {

void TranscriptKeeper::write(const std::filesystem::path& dir) const {
  for (const auto& [scenario, runs] : runs_.kept()) {
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

}  // namespace casim::run
