// Staging: a run's output is written into a staging folder beside --out and swapped in at the end
// (renameat2 RENAME_EXCHANGE where the file system has it, else two renames), so that --out holds
// the previous complete report until the new one is complete. A marker file tells casim's output
// folders from others: an existing folder without it that is not empty is never replaced, and a
// link is never followed nor replaced. A staging folder is locked (flock on the folder) while its
// casim lives, so the staging folders of killed runs — unlocked, with the marker — are told from
// those of runs still going and removed, the marker last (a removal killed half-way is finished by
// the next run). Runs publishing into the same --out at once each land whole, one after the other.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

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
// Publishing retries when another casim publishes into the same --out between its steps; each retry
// means another run landed, so this bound is only reached if the folder is replaced without end.
constexpr int kPublishAttempts = 1000;
constexpr auto kReplacedLockWait = std::chrono::seconds{5};
constexpr auto kLockPoll = std::chrono::milliseconds{1};

fs::path target_of(const fs::path& out) {
  if (out.empty()) throw InputError("--out", "is empty: name the output folder");
  const fs::path absolute = fs::absolute(out).lexically_normal();
  return absolute.filename().empty() ? absolute.parent_path() : absolute;
}

std::string prefix_of(const fs::path& target, const char* what) {
  return fmt::format(".{}.{}-", target.filename().string(), what);
}

// Opens `dir` (not a link) and takes its lock, waiting up to `wait` for another holder to let go;
// -1 when it cannot, or another process still holds it.
int try_lock_dir(const fs::path& dir, std::chrono::milliseconds wait = std::chrono::milliseconds{0}) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return -1;
  for (auto waited = std::chrono::milliseconds{0}; ::flock(fd, LOCK_EX | LOCK_NB) != 0; waited += kLockPoll) {
    if (waited >= wait) {
      ::close(fd);
      return -1;
    }
    std::this_thread::sleep_for(kLockPoll);
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

// The paths of the entries of `dir` (none when it cannot be read), its handle closed again.
std::vector<fs::path> entries_of(const fs::path& dir) {
  std::vector<fs::path> entries;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) entries.push_back(entry.path());
  return entries;
}

// Removes `path` and everything under it with one folder open at a time (fs::remove_all keeps one
// open per level, more than a low `ulimit -n` leaves); what cannot be removed stays.
void remove_tree(const fs::path& path) {
  std::error_code error;
  if (fs::symlink_status(path, error).type() == fs::file_type::directory) {
    for (const auto& entry : entries_of(path)) remove_tree(entry);
  }
  fs::remove(path, error);
}

// Removes the folder `dir` whose casim marker is `marker` (inside it, possibly in a subfolder),
// the marker last: everything else first, then the marker, then the folders that held it. A
// removal stopped half-way leaves a folder that still carries the marker, which the next run
// recognises and finishes. Never throws: what stays is left for the next run.
void remove_marker_last(const fs::path& dir, const fs::path& marker) noexcept {
  try {
    fs::path keep = marker;
    for (fs::path level = marker.parent_path();; keep = level, level = level.parent_path()) {
      for (const auto& entry : entries_of(level)) {
        if (entry != keep) remove_tree(entry);
      }
      if (level == dir) break;
    }
    std::error_code ignored;
    fs::remove(marker, ignored);
    for (fs::path level = marker.parent_path();; level = level.parent_path()) {
      fs::remove(level, ignored);
      if (level == dir) break;
    }
  } catch (...) {  // out of memory: the folder keeps its marker, the next run removes it
  }
}

// Removes the staging and previous folders of `target` that casim runs left when they were
// killed: real folders carrying the marker that no living casim holds locked.
void remove_abandoned(const fs::path& target) {
  std::error_code error;
  const std::string staging = prefix_of(target, kStaging);
  const std::string previous = prefix_of(target, kPrevious);
  for (const auto& entry : entries_of(target.parent_path())) {
    const std::string name = entry.filename().string();
    const bool is_staging = name.starts_with(staging);
    if (!(is_staging || name.starts_with(previous)) || fs::symlink_status(entry, error).type() != fs::file_type::directory) {
      continue;
    }
    const fs::path marker = is_staging ? entry / kMarker : entry / kPreviousOutput / kMarker;
    if (!is_plain_file(marker)) continue;
    const int lock = try_lock_dir(entry);
    if (lock < 0) continue;
    remove_marker_last(entry, marker);
    ::close(lock);
  }
}

// Throws unless `target` is missing, an empty folder, or a casim output folder; a link, even to
// one of those, is refused (replacing it would replace the link, not the folder it names).
void check_replaceable(const fs::path& target) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(target, error);
  if (status.type() == fs::file_type::not_found) return;
  if (error) throw InputError(target.string(), "cannot look at the output folder: " + error.message());
  if (fs::is_symlink(status)) {
    throw InputError(target.string(), "is a symbolic link; casim replaces its output folder as a whole and follows "
                                      "no link: name the folder itself");
  }
  const bool replaceable = fs::is_directory(status) && (fs::is_empty(target, error) || is_plain_file(target / kMarker));
  if (error) throw InputError(target.string(), "cannot read the output folder: " + error.message());
  if (!replaceable) {
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

// Removes a replaced output (a casim output folder at `dir`). The run that published it may still
// hold its staging lock for a moment after its own rename, so the lock is waited for, up to
// kReplacedLockWait; a folder still locked then (its run stopped, or another casim removing it) is
// left for the next run, which removes it as abandoned.
void remove_replaced(const fs::path& dir) {
  const int lock = try_lock_dir(dir, kReplacedLockWait);
  if (lock < 0) return;
  remove_marker_last(dir, dir / kMarker);
  ::close(lock);
}

}  // namespace

void Staging::check(const fs::path& out) {
  const fs::path target = target_of(out);
  check_replaceable(target);
  std::error_code error;
  const fs::file_status parent = fs::status(target.parent_path(), error);
  if (error && error != std::errc::no_such_file_or_directory) {
    throw InputError(target.parent_path().string(), "cannot hold the output folder: " + error.message());
  }
  if (fs::exists(parent) && !fs::is_directory(parent)) {
    throw InputError(target.parent_path().string(), "is not a folder, so the output folder cannot go in it");
  }
}

Staging::Staging(const fs::path& out) : target_(target_of(out)) {
  check(target_);
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
  if (!published_ && !path_.empty()) remove_marker_last(path_, path_ / kMarker);
  if (lock_ >= 0) ::close(lock_);
  lock_ = -1;
}

void Staging::publish() {
  for (int attempt = 0; attempt < kPublishAttempts; ++attempt) {
    check_replaceable(target_);
    bool exchanged = false;
    if (::rename(path_.c_str(), target_.c_str()) == 0) {  // no output yet, or an empty folder
      published_ = true;
    } else if (errno != EEXIST && errno != ENOTEMPTY) {
      throw InputError(target_.string(), fmt::format("cannot publish the output folder: {}", std::strerror(errno)));
    } else if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      published_ = exchanged = true;
    } else if (errno == EINVAL || errno == ENOSYS) {  // no exchange on this file system
      published_ = replace_by_renames();
    } else if (errno != ENOENT) {  // ENOENT: another run moved the output away meanwhile; try again
      throw InputError(target_.string(), fmt::format("cannot replace the output folder: {}", std::strerror(errno)));
    }
    if (published_) {
      release();
      if (exchanged) remove_replaced(path_);  // the previous output, now at the staging folder's name
      return;
    }
  }
  throw InputError(target_.string(), "cannot publish the output folder: it is replaced again and again by others");
}

bool Staging::replace_by_renames() {
  int previous_lock = -1;
  const fs::path previous = make_locked_dir(target_, kPrevious, previous_lock);
  std::error_code aside;
  std::error_code in;
  fs::rename(target_, previous / kPreviousOutput, aside);
  if (!aside) {
    fs::rename(path_, target_, in);
    if (in) fs::rename(previous / kPreviousOutput, target_);  // puts the previous output back
  }
  remove_marker_last(previous, previous / kPreviousOutput / kMarker);
  ::close(previous_lock);
  if (aside == std::errc::no_such_file_or_directory) return false;  // moved away meanwhile: try again
  if (aside || in) throw InputError(target_.string(), "cannot replace the output folder: " + (aside ? aside : in).message());
  return true;
}

}  // namespace casim::report
