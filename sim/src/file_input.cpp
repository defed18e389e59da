// Bounded whole-file reads of regular files (file_input.hpp): open without blocking, look at what
// the name is with fstat on the open descriptor (no window to swap the file), then read in chunks.
#include "casim/sim/file_input.hpp"

#include <cerrno>
#include <cstring>
#include <istream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "casim/sim/error.hpp"

namespace casim::sim {
namespace {

using Problem = InputRead::Problem;

constexpr std::size_t kChunk = 64U * 1024U;

InputRead failure(Problem problem, std::string why) { return {std::nullopt, problem, std::move(why)}; }

// "65536 bytes (64 KiB)": a bound as the messages and docs/limits.md give it.
std::string bound_text(std::uintmax_t bytes) {
  constexpr std::string_view kBinaryUnits[] = {"KiB", "MiB", "GiB"};
  std::string unit;
  std::uintmax_t amount = bytes;
  for (const auto name : kBinaryUnits) {
    if (amount < 1024 || amount % 1024 != 0) break;
    amount /= 1024;
    unit = name;
  }
  return unit.empty() ? fmt::format("{} bytes", bytes) : fmt::format("{} bytes ({} {})", bytes, amount, unit);
}

std::string too_large(std::string_view size, const InputKind& kind) {
  return fmt::format("{} more than the {} allowed for {}", size, bound_text(kind.max_bytes), kind.name);
}

// What a name that is not a regular file or a directory is, for "is a FIFO …, not a regular file".
std::string_view file_type(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

InputRead try_read_input_file(const std::filesystem::path& file, const InputKind& kind) {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
  const Descriptor fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (fd.get() < 0) return failure(Problem::Unreadable, fmt::format("cannot be opened: {}", std::strerror(errno)));
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return failure(Problem::Unreadable, fmt::format("cannot be read: {}", std::strerror(errno)));
  if (S_ISDIR(info.st_mode)) return failure(Problem::Directory, fmt::format("is a directory, not {}", kind.name));
  if (!S_ISREG(info.st_mode)) {
    return failure(Problem::NotRegular, fmt::format("is {}, not a regular file", file_type(info.st_mode)));
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kind.max_bytes) {
    return failure(Problem::TooLarge, too_large(fmt::format("is {} bytes,", info.st_size), kind));
  }
  std::string text;
  char buffer[kChunk];
  while (text.size() <= kind.max_bytes) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return failure(Problem::Unreadable, fmt::format("cannot be read: {}", std::strerror(errno)));
    if (got == 0) return {std::move(text), Problem::None, {}};
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return failure(Problem::TooLarge, too_large("grew while it was read, to", kind));
}

std::string read_input_file(const std::filesystem::path& file, const InputKind& kind) {
  InputRead read = try_read_input_file(file, kind);
  if (!read.text) throw InputError(file.string(), read.why);
  return std::move(*read.text);
}

std::string read_input_stream(std::istream& in, const std::string& name, const InputKind& kind) {
  std::string text;
  char buffer[kChunk];
  while (text.size() <= kind.max_bytes && in.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(name, "cannot read");
  if (text.size() > kind.max_bytes) throw InputError(name, too_large("holds", kind));
  return text;
}

}  // namespace casim::sim
