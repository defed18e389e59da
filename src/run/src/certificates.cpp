// write_order_certificates, write_root_certificate: PEM files created under the certs folder one
// name at a time — folders made with mode 0700 (mkdirat), files made new (openat, O_EXCL), both
// given their mode explicitly whatever the umask, and no link ever followed (O_NOFOLLOW) — so
// neither a name nor a link leads outside it. Every failure is an InputError naming the file.
#include "casim/run/certificates.hpp"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::run {
namespace {

namespace fs = std::filesystem;

constexpr mode_t kPrivateDirMode = 0700;
constexpr mode_t kPrivateFileMode = 0600;
constexpr mode_t kPublicFileMode = 0644;

// An open folder, closed when it goes away.
class Folder {
 public:
  Folder(int fd, fs::path path) : fd_(fd), path_(std::move(path)) {}
  Folder(Folder&& other) noexcept : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}
  ~Folder() {
    if (fd_ >= 0) ::close(fd_);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;
  Folder& operator=(Folder&&) = delete;

  int fd() const { return fd_; }
  const fs::path& path() const { return path_; }

 private:
  int fd_;
  fs::path path_;
};

// "PATH: cannot WHAT: strerror(errno)" — a full disk, too many open files, a read-only file system.
InputError io_error(const fs::path& path, std::string_view what) {
  return InputError(path.string(), fmt::format("cannot {}: {}", what, std::strerror(errno)));
}

// Throws InputError unless `part` (of `name`) is a plain file name: not empty, '.' or '..', no
// '\' or NUL, at most NAME_MAX bytes.
void check_part(std::string_view part, std::string_view name, std::string_view what) {
  const bool plain = !part.empty() && part != "." && part != ".." && part.size() <= NAME_MAX &&
                     part.find_first_of(std::string_view("\\\0", 2)) == std::string_view::npos;
  if (!plain) {
    throw InputError(std::string(what), fmt::format("'{}' cannot name a folder under the output folder ('/'-separated "
                                                    "names of at most {} bytes, none empty, '.' or '..', no '\\')",
                                                    name, NAME_MAX));
  }
}

// Opens the folder `name` in `parent`, creating it with mode 0700 (set after mkdirat, which the
// umask narrows) when missing; a link there is refused.
Folder open_private_folder(int parent, const fs::path& parent_path, const std::string& name) {
  const fs::path path = parent_path / name;
  if (::mkdirat(parent, name.c_str(), kPrivateDirMode) == 0) {
    if (::fchmodat(parent, name.c_str(), kPrivateDirMode, 0) != 0) throw io_error(path, "set mode 0700 on");
  } else if (errno != EEXIST) {
    throw io_error(path, "create");
  }
  const int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && (errno == ELOOP || errno == ENOTDIR)) throw InputError(path.string(), "is a link or not a folder");
  if (fd < 0) throw io_error(path, "open the folder");
  return Folder(fd, path);
}

// Opens (creating them) the folders of `relative` under `base`, one '/'-separated part at a time
// (generated orders have refs like "www/reissue").
Folder open_private_path(const Folder& base, const std::string& relative, std::string_view what) {
  std::optional<Folder> folder;
  for (std::size_t begin = 0;;) {
    const std::size_t end = relative.find('/', begin);
    const std::string part = relative.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    check_part(part, relative, what);
    const Folder& parent = folder ? *folder : base;
    Folder next = open_private_folder(parent.fd(), parent.path(), part);
    folder.emplace(std::move(next));
    if (end == std::string::npos) return std::move(*folder);
    begin = end + 1;
  }
}

Folder open_certs_folder(const fs::path& certs) {
  const fs::path parent = certs.parent_path().empty() ? fs::path(".") : certs.parent_path();
  const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw io_error(parent, "open the folder");
  const Folder folder(fd, parent);
  return open_private_folder(folder.fd(), parent, certs.filename().string());
}

// Writes `content` to a new file `name` of mode `mode` in `folder` (never over an existing file or link).
void write_new_file(const Folder& folder, const char* name, const std::string& content, mode_t mode) {
  const fs::path path = folder.path() / name;
  const int fd = ::openat(folder.fd(), name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw io_error(path, "create");
  // Closes the file, keeping the errno of the failure for the message.
  const auto failed = [&](std::string_view what) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return io_error(path, what);
  };
  if (::fchmod(fd, mode) != 0) throw failed(fmt::format("set mode {:04o} on", mode));
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw failed("write");
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw io_error(path, "write");
}

}  // namespace

void write_order_certificates(const fs::path& certs, const std::string& scenario,
                              const std::vector<order::OrderResult>& orders) {
  std::optional<Folder> scenario_folder;
  for (const auto& order : orders) {
    if (!order.certificate || !order.certificate->files) continue;
    if (!scenario_folder) scenario_folder.emplace(open_private_path(open_certs_folder(certs), scenario, "scenario name"));
    const Folder folder = open_private_path(*scenario_folder, order.ref, fmt::format("{}: order ref", scenario));
    const auto& files = *order.certificate->files;
    write_new_file(folder, "cert.pem", files.certificate_pem, kPublicFileMode);
    write_new_file(folder, "chain.pem", files.chain_pem, kPublicFileMode);
    write_new_file(folder, "fullchain.pem", files.full_chain_pem, kPublicFileMode);
    if (!files.private_key_pem.empty()) write_new_file(folder, "key.pem", files.private_key_pem, kPrivateFileMode);
  }
}

void write_root_certificate(const fs::path& certs, const std::string& root_pem) {
  write_new_file(open_certs_folder(certs), "root.pem", root_pem, kPublicFileMode);
}

}  // namespace casim::run
