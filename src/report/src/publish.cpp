// Staging: a run's output is written into a staging folder beside --out and swapped in at the end
// (renameat2 RENAME_EXCHANGE where the file system has it, else two renames), so that --out holds
// the previous complete report until the new one is complete. A marker file tells casim's output
// folders from others: an existing folder without it that is not empty is never replaced. A
// staging folder is locked (flock on the folder) while its casim lives, so the staging folders of
// killed runs — unlocked, with the marker — are told from those of runs still going and removed.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "casim/report/writers.hpp"
#include "casim/sim/error.hpp"

namespace casim::report {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".casim-output";
constexpr std::string_view kMarkerText = "A casim output folder: casim run and casim merge replace it as a whole.\n";
constexpr const char* kStaging = "staging";
constexpr const char* kPrevious = "previous";
constexpr const char* kPreviousOutput = "output";  // the replaced output inside a previous-* folder

fs::path target_of(const fs::path& out) {
  const fs::path absolute = fs::absolute(out).lexically_normal();
  return absolute.filename().empty() ? absolute.parent_path() : absolute;
}

std::string prefix_of(const fs::path& target, const char* what) {
  return fmt::format(".{}.{}-", target.filename().string(), what);
}

// Opens `dir` (not a link) and takes its lock; -1 when it cannot, or another process holds it.
int try_lock_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// A new empty folder `target`'s parent/.<name>.<what>-XXXXXX, locked; its lock in `lock`.
fs::path make_locked_dir(const fs::path& target, const char* what, int& lock) {
  std::string pattern = (target.parent_path() / (prefix_of(target, what) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw InputError(target.parent_path().string(),
                     fmt::format("cannot create a folder here: {}", std::strerror(errno)));
  }
  lock = try_lock_dir(pattern);
  if (lock < 0) {
    const int saved = errno;
    ::rmdir(pattern.c_str());
    throw InputError(pattern, fmt::format("cannot lock the new folder: {}", std::strerror(saved)));
  }
  return pattern;
}

bool is_plain_file(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() == fs::file_type::regular;
}

// Removes the staging and previous folders of `target` that casim runs left when they were
// killed: real folders carrying the marker that no living casim holds locked.
void remove_abandoned(const fs::path& target) {
  std::error_code error;
  const std::string staging = prefix_of(target, kStaging);
  const std::string previous = prefix_of(target, kPrevious);
  for (const auto& entry : fs::directory_iterator(target.parent_path(), error)) {
    const std::string name = entry.path().filename().string();
    const bool is_staging = name.starts_with(staging);
    if (!(is_staging || name.starts_with(previous)) || !entry.is_directory(error) || entry.is_symlink(error)) continue;
    const fs::path marker = is_staging ? entry.path() / kMarker : entry.path() / kPreviousOutput / kMarker;
    if (!is_plain_file(marker)) continue;
    const int lock = try_lock_dir(entry.path());
    if (lock < 0) continue;
    fs::remove_all(entry.path(), error);
    ::close(lock);
  }
}

// Throws unless `target` is missing, an empty folder, or a casim output folder.
void check_replaceable(const fs::path& target) {
  if (!fs::exists(target)) return;
  if (!fs::is_directory(target) || !(fs::is_empty(target) || fs::exists(target / kMarker))) {
    throw InputError(target.string(), "exists and is not a casim output folder (not empty, no " +
                                          std::string(kMarker) + "); it is left as it is");
  }
}

void write_marker(const fs::path& dir) {
  const fs::path file = dir / kMarker;
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  const bool written = fd >= 0 && ::write(fd, kMarkerText.data(), kMarkerText.size()) ==
                                      static_cast<ssize_t>(kMarkerText.size());
  const int saved = errno;
  if (fd >= 0) ::close(fd);
  if (!written) throw InputError(file.string(), fmt::format("cannot write the file: {}", std::strerror(saved)));
}

}  // namespace

Staging::Staging(const fs::path& out) : target_(target_of(out)) {
  check_replaceable(target_);
  std::error_code error;
  fs::create_directories(target_.parent_path(), error);
  if (error) {
    throw InputError(target_.parent_path().string(), "cannot create the output's parent folder: " + error.message());
  }
  remove_abandoned(target_);
  path_ = make_locked_dir(target_, kStaging, lock_);
  fs::permissions(path_,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                      fs::perms::others_exec,
                  error);
  if (error) {
    release();
    throw InputError(path_.string(), "cannot set the folder's mode: " + error.message());
  }
  try {
    write_marker(path_);
  } catch (...) {
    release();
    throw;
  }
}

Staging::~Staging() { release(); }

void Staging::release() noexcept {
  std::error_code ignored;
  if (!published_) fs::remove_all(path_, ignored);
  if (lock_ >= 0) ::close(lock_);
  lock_ = -1;
}

void Staging::publish() {
  std::error_code ignored;
  if (!fs::exists(target_)) {
    fs::rename(path_, target_);
  } else {
    check_replaceable(target_);
    if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      fs::remove_all(path_, ignored);  // now the previous output
    } else {
      replace_by_renames();
    }
  }
  published_ = true;
  release();
}

void Staging::replace_by_renames() {
  int previous_lock = -1;
  const fs::path previous = make_locked_dir(target_, kPrevious, previous_lock);
  std::error_code error;
  fs::rename(target_, previous / kPreviousOutput, error);
  if (!error) {
    fs::rename(path_, target_, error);
    if (error) fs::rename(previous / kPreviousOutput, target_);  // puts the previous output back
  }
  std::error_code ignored;
  fs::remove_all(previous, ignored);
  ::close(previous_lock);
  if (error) throw InputError(target_.string(), "cannot replace the output folder: " + error.message());
}

}  // namespace casim::report
