// collect_scenario_files: the scenario files named on a command line, directories searched (but
// not their folders whose name starts with '_': bases and other files that are not scenarios).
#include <algorithm>
#include <system_error>

#include "casim/scenario/load.hpp"

namespace casim::scenario {
namespace fs = std::filesystem;

namespace {

bool is_scenario_file(const fs::path& path) {
  const auto extension = path.extension();
  return extension == ".yaml" || extension == ".yml";
}

}  // namespace

std::vector<fs::path> collect_scenario_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (error || !fs::exists(status)) throw InputError(path.string(), "no such file or directory");
    if (!fs::is_directory(status)) {
      files.push_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      if (it->is_directory() && it->path().filename().string().starts_with('_')) {
        it.disable_recursion_pending();
      } else if (it->is_regular_file() && is_scenario_file(it->path())) {
        found.push_back(it->path());
      }
    }
    if (error) throw InputError(path.string(), "cannot read the directory: " + error.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace casim::scenario
