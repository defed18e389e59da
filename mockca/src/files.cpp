// The one atomic single-file writer (the mock CA's files, `casim csr generate`): a new temporary
// file (O_EXCL, no link followed) renamed over the target, which replaces a link there instead of
// writing through it, or hard-linked in where nothing may be replaced. Private directories, and
// lock files (flock).
#include "casim/mockca/files.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "casim/sim/error.hpp"

namespace casim::mockca {
namespace {

namespace fs = std::filesystem;

InputError io_error(const fs::path& where, std::string_view what) {
  return InputError(where.string(), std::string(what) + ": " + std::strerror(errno));
}

// A name for the temporary file beside `file` that no other writer picks.
fs::path temporary_beside(const fs::path& file) {
  unsigned char random[8];
  if (RAND_bytes(random, sizeof random) != 1) throw std::runtime_error("RAND_bytes failed");
  std::string suffix;
  for (const unsigned char byte : random) {
    constexpr char kHex[] = "0123456789abcdef";
    suffix += kHex[byte >> 4];
    suffix += kHex[byte & 15];
  }
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&.
  std::string name = ".";
  name += file.filename().string();
  name += ".tmp-";
  name += suffix;
  return file.parent_path() / name;
}

}  // namespace

void write_file_atomic(const fs::path& file, std::string_view bytes, mode_t mode, ExistingFile existing) {
  const fs::path temporary = temporary_beside(file);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw io_error(file, "cannot create a temporary file for it");
  auto fail = [&](std::string_view what, int failure) {
    ::unlink(temporary.c_str());
    errno = failure;
    throw io_error(file, what);
  };
  bool ok = ::fchmod(fd, mode) == 0;
  for (std::size_t done = 0; ok && done < bytes.size();) {
    const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) done += static_cast<std::size_t>(written);
  }
  ok = ok && ::fsync(fd) == 0;
  const int write_errno = errno;
  const bool closed = ::close(fd) == 0;
  if (!ok) fail("cannot write", write_errno);
  if (!closed) fail("cannot write", errno);
  if (existing == ExistingFile::Replace) {
    if (::rename(temporary.c_str(), file.c_str()) != 0) fail("cannot put the file in place", errno);
    return;
  }
  const bool linked = ::link(temporary.c_str(), file.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(temporary.c_str());
  if (linked) return;
  if (link_errno == EEXIST) throw InputError(file.string(), "exists; not overwriting it");
  errno = link_errno;
  throw io_error(file, "cannot put the file in place");
}

void make_private_dir(const fs::path& dir) {
  if (dir.has_parent_path() && !dir.parent_path().empty() && !fs::exists(dir.parent_path())) {
    make_private_dir(dir.parent_path());
  }
  if (::mkdir(dir.c_str(), kPrivateDirMode) == 0) {
    // The umask may have narrowed it (to 0 with umask 0777, which only root could then open).
    if (::chmod(dir.c_str(), kPrivateDirMode) != 0) throw io_error(dir, "cannot set mode 0700 on");
  } else if (errno != EEXIST) {
    throw io_error(dir, "cannot create directory");
  }
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) {
    throw InputError(dir.string(), "is a symbolic link or not a directory; keys are kept only in real directories");
  }
  if (fd < 0) throw io_error(dir, "cannot open directory");
  struct stat info {};
  const bool ok = ::fstat(fd, &info) == 0 &&
                  ((info.st_mode & 07777) == kPrivateDirMode || ::fchmod(fd, kPrivateDirMode) == 0);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (!ok) throw io_error(dir, "cannot set mode 0700 on");
}

FileLock::FileLock(fs::path file, LockFile lock_file) : file_(std::move(file)), lock_file_(lock_file) {
  for (;;) {
    fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, kPrivateFileMode);
    if (fd_ < 0) throw io_error(file_, "cannot open the lock file");
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        const InputError error = io_error(file_, "cannot lock");
        ::close(fd_);
        throw error;
      }
    }
    if (lock_file_ == LockFile::Keep) return;
    struct stat held {};
    struct stat named {};
    if (::fstat(fd_, &held) == 0 && ::stat(file_.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino) {
      return;
    }
    ::close(fd_);  // its previous holder removed it: lock the file now there
  }
}

FileLock::~FileLock() {
  if (lock_file_ == LockFile::Remove) ::unlink(file_.c_str());  // still held: no one locks it in between
  ::close(fd_);
}

}  // namespace casim::mockca
