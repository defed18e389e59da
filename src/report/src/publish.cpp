// make_staging and publish_output: a run's output is written into a staging folder beside --out
// and swapped in at the end (renameat2 RENAME_EXCHANGE where the file system has it, else two
// renames), so that --out holds the previous complete report until the new one is complete. A
// marker file tells casim's output folders from others: an existing folder without it that is not
// empty is never replaced.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"

namespace casim::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".casim-output";

fs::path parent_of(const fs::path& out) {
  const fs::path absolute = fs::absolute(out).lexically_normal();
  const fs::path name = absolute.filename().empty() ? absolute.parent_path() : absolute;
  return name.parent_path();
}

std::string name_of(const fs::path& out) {
  const fs::path absolute = fs::absolute(out).lexically_normal();
  return (absolute.filename().empty() ? absolute.parent_path() : absolute).filename().string();
}

// A new empty folder `parent`/.<name>.<what>-XXXXXX.
fs::path make_unique_dir(const fs::path& parent, const std::string& name, const std::string& what) {
  std::string pattern = (parent / fmt::format(".{}.{}-XXXXXX", name, what)).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw InputError(parent.string(), fmt::format("cannot create a folder here: {}", std::strerror(errno)));
  }
  return pattern;
}

// Throws unless `target` is missing, an empty folder, or a casim output folder.
void check_replaceable(const fs::path& target) {
  if (!fs::exists(target)) return;
  if (!fs::is_directory(target) || !(fs::is_empty(target) || fs::exists(target / kMarker))) {
    throw InputError(target.string(), "exists and is not a casim output folder (not empty, no " +
                                          std::string(kMarker) + "); it is left as it is");
  }
}

}  // namespace

fs::path make_staging(const fs::path& out) {
  const fs::path parent = parent_of(out);
  check_replaceable(parent / name_of(out));
  std::error_code error;
  fs::create_directories(parent, error);
  if (error) throw InputError(parent.string(), "cannot create the output's parent folder: " + error.message());
  const fs::path staging = make_unique_dir(parent, name_of(out), "staging");
  fs::permissions(staging, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  std::ofstream(staging / kMarker) << "A casim output folder: casim run and casim merge replace it as a whole.\n";
  return staging;
}

void publish_output(const fs::path& staging, const fs::path& out) {
  const fs::path target = parent_of(out) / name_of(out);
  if (!fs::exists(target)) {
    fs::rename(staging, target);
    return;
  }
  check_replaceable(target);
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staging);  // now the previous output
    return;
  }
  const fs::path previous = make_unique_dir(parent_of(out), name_of(out), "previous");
  fs::rename(target, previous / "output");
  fs::rename(staging, target);
  fs::remove_all(previous);
}

}  // namespace casim::report
