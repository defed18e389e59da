// AgentProcess: posix_spawnp into a new process group, one poll(2) loop over the three pipes, stdout
// lines taken from a buffer by offset, stderr kept bounded, and the ending that kills the group
// before it reaps the agent.
#include "casim/agent/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "casim/sim/error.hpp"

extern char** environ;

namespace casim::agent {
namespace {

constexpr std::size_t kChunk = 64 * 1024;      // bytes per read(2)
constexpr int kDrainChunks = 32;               // reads per pipe when emptying it (a writer may go on)
constexpr std::size_t kStderrKept = 1 << 20;   // what take_stderr returns at most
constexpr std::size_t kTailLines = 64;
constexpr std::size_t kTailLineBytes = 500;
constexpr std::size_t kTooLongShown = 200;
constexpr auto kExitCheckMax = std::chrono::milliseconds(16);  // longest sleep between exit checks

InputError cannot_start(const std::string& program, int error) {
  return InputError("--agent", "cannot start " + program + ": " + std::strerror(error));
}

// Blocks SIGPIPE in this thread while it lives; at the end takes back the SIGPIPE a write raised
// meanwhile (only when the thread had it unblocked before, so none can have been pending then) and
// restores the thread's mask. Two system calls when no write failed: it is on every message's path.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    broken_pipe_ = false;
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_);
  }
  ~SigpipeBlock() {
    const int saved_errno = errno;
    if (broken_pipe_ && sigismember(&previous_, SIGPIPE) == 0) {
      const timespec zero{};
      while (sigtimedwait(&sigpipe_, nullptr, &zero) < 0 && errno == EINTR) {}
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    errno = saved_errno;
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

  // A write failed with EPIPE: it raised a SIGPIPE for this thread.
  static void note_broken_pipe() { broken_pipe_ = true; }

 private:
  sigset_t sigpipe_;
  sigset_t previous_;
  static thread_local bool broken_pipe_;
};

thread_local bool SigpipeBlock::broken_pipe_ = false;

// Both ends of a pipe: close-on-exec, above 0, 1 and 2 (so that putting the child's ends on 0, 1
// and 2 can never overwrite another end), closed on destruction unless released.
struct Pipe {
  std::array<int, 2> ends{-1, -1};  // read, write

  // False (errno set) when the pipe cannot be made.
  bool make() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    for (int i = 0; i < 2; ++i) ends[i] = fds[i] > STDERR_FILENO ? fds[i] : fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
    const int error = errno;
    for (const int fd : fds) {
      if (fd <= STDERR_FILENO) close(fd);
    }
    errno = error;
    return ends[0] >= 0 && ends[1] >= 0;
  }
  int release(int end) { return std::exchange(ends[end], -1); }
  ~Pipe() {
    for (const int fd : ends) {
      if (fd >= 0) close(fd);
    }
  }
};

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// posix_spawnp of argv with the children's ends of the pipes on 0, 1, 2, nothing else open, a
// process group of its own, no signal blocked, and SIGPIPE, SIGINT and SIGTERM at their defaults.
// Returns 0 or the error number.
int spawn(pid_t& pid, std::vector<std::string>& argv, int in, int out, int err) {
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  for (const int signal : {SIGPIPE, SIGINT, SIGTERM}) sigaddset(&signals, signal);
  posix_spawnattr_setsigdefault(&attributes, &signals);
  const int error = posix_spawnp(&pid, args.front(), &actions, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return error;
}

}  // namespace

std::string ExitStatus::describe() const {
  if (code) return "exit code " + std::to_string(*code);
  if (!signal) return "unknown exit status";
  std::string text = "killed by signal " + std::to_string(*signal);
  const char* name = sigabbrev_np(*signal);
  return name == nullptr ? text : text + " (SIG" + name + ")";
}

AgentProcess::AgentProcess(std::vector<std::string> argv, std::size_t max_line_bytes)
    : max_line_bytes_(max_line_bytes) {
  if (argv.empty()) throw std::invalid_argument("AgentProcess: empty argv");
  std::array<Pipe, 3> pipes;  // stdin, stdout, stderr
  for (auto& pipe : pipes) {
    if (!pipe.make()) throw cannot_start(argv.front(), errno);
  }
  set_nonblocking(pipes[0].ends[1]);
  set_nonblocking(pipes[1].ends[0]);
  set_nonblocking(pipes[2].ends[0]);
  pid_t pid = -1;
  const int error = spawn(pid, argv, pipes[0].ends[0], pipes[1].ends[1], pipes[2].ends[1]);
  if (error != 0) throw cannot_start(argv.front(), error);
  pid_ = pid;
  stdin_ = pipes[0].release(1);
  stdout_ = pipes[1].release(0);
  stderr_ = pipes[2].release(0);
}

AgentProcess::~AgentProcess() { terminate(); }

bool AgentProcess::write_line(std::string_view line, std::chrono::milliseconds timeout) {
  if (line.find('\n') != std::string_view::npos) {
    throw std::invalid_argument("AgentProcess::write_line: a newline inside a line");
  }
  if (stdin_ < 0) return false;
  const SigpipeBlock block;
  std::string text;
  text.reserve(line.size() + 1);
  text.append(line).push_back('\n');
  std::string_view rest = text;
  // Most lines fit in the pipe at once: one write, no poll.
  const ssize_t written = write(stdin_, rest.data(), rest.size());
  if (written > 0) rest.remove_prefix(static_cast<std::size_t>(written));
  if (written < 0 && errno != EAGAIN && errno != EINTR) {
    if (errno == EPIPE) SigpipeBlock::note_broken_pipe();
    close_fd(stdin_);  // EPIPE: the agent's stdin closed
  }
  const auto deadline = Clock::now() + timeout;
  for (bool waited = false; !rest.empty() && stdin_ >= 0; waited = true) {
    if (waited && Clock::now() >= deadline) {
      if (rest.size() < text.size()) close_fd(stdin_);
      return false;
    }
    pump(deadline, &rest);
  }
  return rest.empty();
}

ReadResult AgentProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (bool waited = false;; waited = true) {
    if (auto result = buffered_line()) return std::move(*result);
    if (waited && Clock::now() >= deadline) return {ReadStatus::Timeout, {}};
    pump(deadline, nullptr);
  }
}

void AgentProcess::terminate(std::chrono::milliseconds grace) {
  if (reaped_) return;
  const auto signal_group = [this](int signal) {
    kill(-pid_, signal);
    kill(pid_, signal);  // in case the agent left its group
  };
  close_fd(stdin_);
  if (!observe_exit()) {
    signal_group(SIGTERM);
    exit_status(grace);
  }
  // The agent is a zombie at most until waitpid below, so its pid (the group's id) is not reused yet.
  signal_group(SIGKILL);
  int status = 0;
  pid_t reaped = -1;
  do {
    reaped = waitpid(pid_, &status, 0);
  } while (reaped < 0 && errno == EINTR);
  if (!exit_) {
    exit_ = ExitStatus{};
    if (reaped == pid_ && WIFEXITED(status)) exit_->code = WEXITSTATUS(status);
    if (reaped == pid_ && WIFSIGNALED(status)) exit_->signal = WTERMSIG(status);
  }
  reaped_ = true;
  drain(stdout_);
  drain(stderr_);
  close_fd(stdout_);
  close_fd(stderr_);
}

std::optional<ExitStatus> AgentProcess::exit_status(std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  auto step = std::chrono::milliseconds(1);
  while (!observe_exit() && Clock::now() < deadline) {
    pump(std::min<Clock::time_point>(deadline, Clock::now() + step), nullptr);
    step = std::min(step * 2, kExitCheckMax);
  }
  return exit_;
}

std::string AgentProcess::take_stderr() {
  drain(stderr_);
  drop_old_stderr();
  std::string text;
  if (err_dropped_ > 0) text = "[… " + std::to_string(err_dropped_) + " bytes of stderr dropped]\n";
  text += err_recent_;
  err_recent_.clear();
  err_dropped_ = 0;
  return text;
}

std::vector<std::string> AgentProcess::stderr_tail(std::size_t lines) const {
  std::vector<std::string> tail(err_tail_.begin(), err_tail_.end());
  if (!err_line_.empty()) tail.push_back(err_line_);
  if (tail.size() > lines) tail.erase(tail.begin(), tail.end() - static_cast<std::ptrdiff_t>(lines));
  return tail;
}

bool AgentProcess::running() { return !observe_exit(); }

void AgentProcess::pump(Clock::time_point deadline, std::string_view* to_write) {
  std::array<pollfd, 3> fds{};
  std::array<int*, 3> owners{};  // the member each entry of fds polls
  nfds_t count = 0;
  for (int* fd : {&stdout_, &stderr_}) {
    if (*fd >= 0) {
      owners[count] = fd;
      fds[count++] = {*fd, POLLIN, 0};
    }
  }
  if (stdin_ >= 0 && to_write != nullptr && !to_write->empty()) {
    owners[count] = &stdin_;
    fds[count++] = {stdin_, POLLOUT, 0};
  }
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  const int timeout = static_cast<int>(std::clamp<decltype(left)>(left, 0, INT_MAX));
  if (poll(fds.data(), count, timeout) <= 0) return;  // timeout, or EINTR: the caller looks at its clock
  for (nfds_t i = 0; i < count; ++i) {
    if (fds[i].revents == 0) continue;
    if (owners[i] != &stdin_) {
      read_pipe(*owners[i]);
      continue;
    }
    const ssize_t written = write(stdin_, to_write->data(), to_write->size());
    if (written > 0) to_write->remove_prefix(static_cast<std::size_t>(written));
    if (written < 0 && errno != EAGAIN && errno != EINTR) {
      if (errno == EPIPE) SigpipeBlock::note_broken_pipe();
      close_fd(stdin_);  // EPIPE: the agent's stdin closed
    }
  }
}

bool AgentProcess::read_pipe(int& fd) {
  char chunk[kChunk];
  ssize_t got = -1;
  do {
    got = read(fd, chunk, sizeof chunk);
  } while (got < 0 && errno == EINTR);
  if (got < 0 && errno == EAGAIN) return false;
  if (got <= 0) {
    close_fd(fd);
    return false;
  }
  const std::string_view bytes(chunk, static_cast<std::size_t>(got));
  if (&fd == &stderr_) {
    keep_stderr(bytes);
    return true;
  }
  if (out_begin_ == out_.size()) {
    out_.clear();
    out_begin_ = out_scanned_ = 0;
  } else if (out_begin_ >= kChunk && out_begin_ * 2 >= out_.size()) {  // amortized: each byte moves once at most
    out_.erase(0, out_begin_);
    out_scanned_ -= out_begin_;
    out_begin_ = 0;
  }
  out_.append(bytes);
  return true;
}

void AgentProcess::drain(int& fd) {
  for (int i = 0; i < kDrainChunks && fd >= 0 && read_pipe(fd); ++i) {}
}

std::optional<ReadResult> AgentProcess::buffered_line() {
  // Moves past the line that ends at `newline` (npos: past everything read so far).
  const auto consume = [this](std::size_t newline) {
    out_begin_ = out_scanned_ = newline == std::string::npos ? out_.size() : newline + 1;
  };
  if (skipping_) {
    const std::size_t newline = out_.find('\n', out_begin_);
    skipping_ = newline == std::string::npos;
    consume(newline);
  }
  if (!skipping_) {
    const std::size_t newline = out_.find('\n', out_scanned_);
    const std::size_t length = (newline == std::string::npos ? out_.size() : newline) - out_begin_;
    if (length > max_line_bytes_) {
      ReadResult result{ReadStatus::TooLong, out_.substr(out_begin_, std::min(length, kTooLongShown))};
      skipping_ = newline == std::string::npos;
      consume(newline);
      return result;
    }
    if (newline != std::string::npos || (stdout_ < 0 && length > 0)) {
      ReadResult result{ReadStatus::Line, out_.substr(out_begin_, length)};
      if (!result.line.empty() && result.line.back() == '\r') result.line.pop_back();
      consume(newline);
      return result;
    }
    out_scanned_ = out_.size();
  }
  if (stdout_ < 0) return ReadResult{ReadStatus::Closed, {}};
  return std::nullopt;
}

bool AgentProcess::observe_exit() {
  if (exit_) return true;
  siginfo_t info{};
  int result = -1;
  do {
    result = waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
  } while (result < 0 && errno == EINTR);
  if (result == 0 && info.si_pid != pid_) return false;  // still running
  exit_ = ExitStatus{};  // on an error (ECHILD: someone else reaped it) the status stays unknown
  if (result == 0 && info.si_code == CLD_EXITED) exit_->code = info.si_status;
  if (result == 0 && info.si_code != CLD_EXITED) exit_->signal = info.si_status;
  drain(stdout_);
  drain(stderr_);
  return true;
}

void AgentProcess::keep_stderr(std::string_view bytes) {
  err_recent_.append(bytes);
  if (err_recent_.size() >= 2 * kStderrKept) drop_old_stderr();  // amortized: once per 1 MiB that came
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    const std::size_t room = kTailLineBytes - err_line_.size();  // err_line_ never holds more
    err_line_.append(bytes.substr(0, std::min(newline, room)));
    if (newline == std::string_view::npos) return;
    if (!err_line_.empty() && err_line_.back() == '\r') err_line_.pop_back();
    err_tail_.push_back(std::exchange(err_line_, {}));
    if (err_tail_.size() > kTailLines) err_tail_.pop_front();
    bytes.remove_prefix(newline + 1);
  }
}

void AgentProcess::drop_old_stderr() {
  if (err_recent_.size() <= kStderrKept) return;
  err_dropped_ += err_recent_.size() - kStderrKept;
  err_recent_.erase(0, err_recent_.size() - kStderrKept);
}

void AgentProcess::close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace casim::agent
