// AgentProcess: an external agent program on pipes — starting it, writing and reading lines with
// wall-clock timeouts, keeping its stderr, and killing its whole process group.
//
// Contract. One AgentProcess is used by one thread at a time; several may run on different threads
// at once (there is no global state and no signal handler; SIGCHLD is left alone). The agent runs
// in a process group of its own, with stdin, stdout and stderr on pipes and no other descriptor
// of casim's; the signals casim may block or ignore (SIGPIPE, SIGINT, SIGTERM) are unblocked and
// default in it. SIGPIPE never reaches casim: write_line blocks it in the calling thread while it
// writes and takes back a SIGPIPE its own write raised (pthread_sigmask + sigtimedwait), so a
// closed agent input is a `false`, not a dead casim, and casim's own SIGPIPE setting is untouched.
// The process is only observed (waitid WNOWAIT) until terminate() reaps it, so its pid, which is
// also the group's id, cannot be reused while the group can still be killed.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casim::agent {

struct ExitStatus {
  std::optional<int> code;    // exited with this code
  std::optional<int> signal;  // killed by this signal
  std::string describe() const;  // "exit code 3", "killed by signal 9 (SIGKILL)"
};

enum class ReadStatus { Line, Timeout, Closed, TooLong };

struct ReadResult {
  ReadStatus status;
  std::string line;  // without its '\n' (and without a trailing '\r')
};

class AgentProcess {
 public:
  // Starts argv (argv[0] looked up on PATH). Throws casim::InputError(where "--agent", why "cannot
  // start <argv0>: <strerror>") when it cannot be started, std::invalid_argument for an empty argv.
  // max_line_bytes bounds a line of stdout (the bytes before its '\n').
  explicit AgentProcess(std::vector<std::string> argv, std::size_t max_line_bytes = 1 << 20);
  ~AgentProcess();  // terminate(): never leaves a process or a zombie behind
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  // Writes `line` + '\n' within `timeout` of wall time; false if the agent's stdin is closed or the
  // timeout passed. While waiting it keeps reading stdout (into the buffer read_line takes from) and
  // stderr, so an agent that writes while not reading cannot deadlock casim. When the timeout cut a
  // line in the middle, the agent's stdin is closed (it must not see half a line joined to the next
  // one) and every later write_line returns false. A '\n' inside `line` is misuse (std::invalid_argument).
  bool write_line(std::string_view line, std::chrono::milliseconds timeout);
  // The next line of the agent's stdout within `timeout` of wall time (stderr is drained meanwhile).
  // Closed: stdout reached its end (a partial last line without '\n' comes first, as a Line).
  // TooLong: more than max_line_bytes without a newline; `line` holds the first 200 bytes, and the
  // rest of that line is skipped when it comes.
  ReadResult read_line(std::chrono::milliseconds timeout);
  // Kills the whole process group: closes the agent's stdin; if the agent runs, SIGTERM to the group
  // and up to `grace` for the agent to exit; then SIGKILL to the group (the agent if it is still
  // there, and whatever else of the group is left); reaps the agent and keeps what was left in its
  // stdout and stderr (read_line still returns it). Safe to call again: it does nothing more.
  void terminate(std::chrono::milliseconds grace = std::chrono::milliseconds(200));
  // How the process ended, once it has (or after terminate); none while it runs. Waits at most `wait`
  // for it to exit, reading its stdout and stderr meanwhile.
  std::optional<ExitStatus> exit_status(std::chrono::milliseconds wait = std::chrono::milliseconds(0));
  // Everything the agent wrote to stderr since the last call: at most the last 1 MiB; when more came,
  // the text begins with "[… N bytes of stderr dropped]\n".
  std::string take_stderr();
  // The last `lines` lines of stderr over the process's life (of the last 64 kept, each cut at 500
  // bytes), oldest first; an unfinished last line counts as a line.
  std::vector<std::string> stderr_tail(std::size_t lines) const;
  int pid() const { return pid_; }
  bool running();  // not yet exited (checked without waiting)

 private:
  using Clock = std::chrono::steady_clock;

  // One poll(2) round until `deadline` at the latest: reads what stdout and stderr hold, and writes
  // the front of `*to_write` (advancing it) when stdin can take it.
  void pump(Clock::time_point deadline, std::string_view* to_write);
  // One read(2) from stdout_ (into the line buffer) or stderr_ (into keep_stderr); false when nothing
  // came (EAGAIN, or the end: fd is then closed).
  bool read_pipe(int& fd);
  void drain(int& fd);  // read_pipe until the pipe is empty (or a bounded amount came)
  std::optional<ReadResult> buffered_line();  // a result read_line can give without waiting
  bool observe_exit();  // records the exit status once the process has exited, without reaping it
  void keep_stderr(std::string_view bytes);
  void drop_old_stderr();  // trims err_recent_ to its last 1 MiB
  void close_fd(int& fd);

  int pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  std::size_t max_line_bytes_;
  std::optional<ExitStatus> exit_;
  bool reaped_ = false;

  std::string out_;            // stdout read but not yet taken: bytes from out_begin_ on
  std::size_t out_begin_ = 0;  // the next line starts here
  std::size_t out_scanned_ = 0;  // no '\n' in [out_begin_, out_scanned_)
  bool skipping_ = false;      // dropping the rest of a TooLong line

  std::string err_recent_;        // for take_stderr; trimmed to its last 1 MiB when it reaches 2 MiB
  std::size_t err_dropped_ = 0;   // bytes trimmed from err_recent_ since the last take_stderr
  std::deque<std::string> err_tail_;  // the last finished lines
  std::string err_line_;          // the unfinished line, cut at the tail's line length
};

}  // namespace casim::agent
