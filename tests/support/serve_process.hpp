// A `casim serve` process for a test: started on a free loopback port, its endpoint read from the
// ready line, stopped with a signal or the shutdown endpoint (killed if the test ends first).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "run_command.hpp"
#include "test_run_support.hpp"

namespace casim::test {

class ServeProcess {
 public:
  // Starts `casim serve --listen 127.0.0.1:0 ARGS…` with its standard output and error in
  // DIR/serve.out and DIR/serve.err, and waits up to 30 s for the ready line.
  ServeProcess(std::vector<std::string> args, const std::filesystem::path& dir)
      : out_(dir / "serve.out"), err_(dir / "serve.err") {
    args.insert(args.begin(), {casim_path(), "serve", "--listen", "127.0.0.1:0"});
    pid_ = spawn_in_background(std::move(args), out_, err_);
    endpoint_ = wait_for_ready_line();
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // "http://127.0.0.1:PORT", as the ready line gives it.
  const std::string& endpoint() const { return endpoint_; }
  unsigned short port() const {
    return static_cast<unsigned short>(std::stoi(endpoint_.substr(endpoint_.rfind(':') + 1)));
  }

  void signal(int number) const { kill(pid_, number); }
  // Sends SIGTERM and waits: the exit code (143 for a clean stop).
  int stop() {
    signal(SIGTERM);
    return wait();
  }
  // Waits for the exit: the exit code (128 + the signal when killed).
  int wait() {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // What the server printed so far, for failure messages.
  std::string output() const { return "serve stdout:\n" + read_text(out_) + "serve stderr:\n" + read_text(err_); }

 private:
  std::string wait_for_ready_line() {
    static const std::string prefix = "casim serve: listening on ";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = read_text(out_);
      const auto newline = text.find('\n');
      if (newline != std::string::npos) {
        if (text.rfind(prefix, 0) != 0) throw std::runtime_error("unexpected first line\n" + output());
        return text.substr(prefix.size(), newline - prefix.size());
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("casim serve exited before listening\n" + output());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("no ready line within 30 s\n" + output());
  }

  std::filesystem::path out_;
  std::filesystem::path err_;
  pid_t pid_ = -1;
  std::string endpoint_;
};

}  // namespace casim::test
