// The memory reserve (released, and the failing allocation refused, at the first allocation that
// fails), the SIGPIPE handler, and the classification of the exceptions that reach main.
#include "process_guard.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <iostream>
#include <new>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "cli_support.hpp"

namespace casim::cli {
namespace {

// Room for the destructors and messages that run after an allocation failed (nlohmann::json's
// destructor allocates a stack as deep as the widest array it frees). Address space only: untouched.
// Under an address-space cap too low for the whole reserve, the largest half that fits, down to 1 MiB.
constexpr std::size_t kReserveBytes = std::size_t{16} << 20;
constexpr std::size_t kSmallestReserveBytes = std::size_t{1} << 20;

std::atomic<void*> reserve{nullptr};
std::size_t reserve_bytes = 0;
std::atomic<bool> out_of_memory{false};
std::terminate_handler default_terminate = nullptr;

// Fixed text on stderr, without allocating.
void say(std::string_view text) noexcept {
  while (!text.empty()) {
    const ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

constexpr std::string_view kOutOfMemory =
    "casim: out of memory (nothing was published; an output folder keeps its previous report)\n";

// The new_handler: the first failure gives the reserve back and every failure throws bad_alloc.
void on_allocation_failure() {
  out_of_memory.store(true);
  if (void* block = reserve.exchange(nullptr); block != nullptr) ::munmap(block, reserve_bytes);
  throw std::bad_alloc();
}

// An allocation that failed where no exception may pass (a destructor, a noexcept function) ends
// casim with exit 2 rather than SIGABRT; a staging folder left then is removed by the next run.
[[noreturn]] void on_terminate() {
  if (out_of_memory.load()) {
    say(kOutOfMemory);
    std::_Exit(kExitBadInput);
  }
  default_terminate();
  std::abort();
}

void on_sigpipe(int /*signal*/) {}

// Why the environment failed casim, for an errno value; empty for none of the environment's.
std::string_view environment_kind(int value) {
  switch (value) {
    case ENOMEM: return "out of memory";
    case EMFILE:
    case ENFILE: return "out of resources (open files: see ulimit -n)";
    case EAGAIN:
    case ENOBUFS: return "out of resources";
    case ENOSPC:
    case EDQUOT:
    case EFBIG: return "out of disk space";
    case EROFS:
    case EACCES:
    case EPERM:
    case EIO: return "the file system refused";
    default: return {};
  }
}

int report_system_error(const std::system_error& error) {
  const std::error_category& category = error.code().category();
  const bool is_errno = category == std::generic_category() || category == std::system_category();
  const std::string_view kind = is_errno ? environment_kind(error.code().value()) : std::string_view{};
  if (!kind.empty()) {
    std::cerr << fmt::format("casim: {}: {}\n", kind, error.what());
    return kExitBadInput;
  }
  if (dynamic_cast<const std::filesystem::filesystem_error*>(&error) != nullptr) {  // a path that cannot be used
    std::cerr << fmt::format("casim: {}\n", error.what());
    return kExitBadInput;
  }
  std::cerr << fmt::format("casim: internal error: {}\n", error.what());
  return kExitInternal;
}

}  // namespace

void guard_process() {
  for (std::size_t bytes = kReserveBytes; bytes >= kSmallestReserveBytes; bytes /= 2) {
    void* block = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (block == MAP_FAILED) continue;
    reserve_bytes = bytes;
    reserve.store(block);
    break;
  }
  std::set_new_handler(on_allocation_failure);
  default_terminate = std::set_terminate(on_terminate);
  struct sigaction action {};
  action.sa_handler = on_sigpipe;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGPIPE, &action, nullptr);
}

int report_failure(const std::exception_ptr& failure) noexcept {
  try {
    try {
      std::rethrow_exception(failure);
    } catch (const std::bad_alloc&) {
      say(kOutOfMemory);
      return kExitBadInput;
    } catch (const std::system_error& error) {
      return report_system_error(error);
    } catch (const std::exception& error) {
      std::cerr << fmt::format("casim: internal error: {}\n", error.what());
      return kExitInternal;
    }
  } catch (const std::bad_alloc&) {  // while saying it
    say(kOutOfMemory);
    return kExitBadInput;
  } catch (...) {
    say("casim: internal error: an exception of unknown type\n");
    return kExitInternal;
  }
}

}  // namespace casim::cli
