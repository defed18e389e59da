// Runs a program for a test (posix_spawn, no shell) and captures its standard output, standard
// error and exit code; casim_path() finds the built casim through the CASIM_BIN environment variable.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

extern char** environ;

namespace casim::test {

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + the signal that ended the program
  std::string out;
  std::string err;
};

// The built casim, from CASIM_BIN (set by CTest).
inline std::string casim_path() {
  const char* path = std::getenv("CASIM_BIN");
  if (path == nullptr || *path == '\0') throw std::runtime_error("CASIM_BIN is not set (run the test through ctest)");
  return path;
}

// Runs `argv` (argv[0] is the program's path) with the current environment plus `extra_env`
// ("NAME=value" entries, which replace variables of the same name) and waits for it to finish.
inline CommandResult run_command(const std::vector<std::string>& argv,
                                 const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& extra : extra_env) replaced = replaced || extra.substr(0, extra.find('=')) == name;
    if (!replaced) env_strings.push_back(text);
  }
  env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> env_pointers;
  for (auto& text : env_strings) env_pointers.push_back(text.data());
  env_pointers.push_back(nullptr);
  std::vector<std::string> arguments = argv;
  std::vector<char*> arg_pointers;
  for (auto& text : arguments) arg_pointers.push_back(text.data());
  arg_pointers.push_back(nullptr);

  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  for (const int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, arg_pointers[0], &actions, nullptr, arg_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::runtime_error("cannot run " + argv.front() + ": " + std::strerror(spawned));
  }

  CommandResult result;
  // Read both pipes as they fill, so that neither side blocks on a full pipe.
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_pipes = 2;
  while (open_pipes > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("poll failed");
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
      if (got > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// Starts `argv` (argv[0] is the program's path) without waiting for it: standard input from
// /dev/null, standard output and error into the files `out` and `err`. Returns its process id;
// the caller kills and reaps it.
inline pid_t spawn_in_background(std::vector<std::string> argv, const std::filesystem::path& out,
                                 const std::filesystem::path& err) {
  std::vector<char*> pointers;
  for (auto& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, pointers[0], &actions, nullptr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot run " + argv.front() + ": " + std::strerror(spawned));
  return pid;
}

// Runs the built casim with `args`.
inline CommandResult run_casim(const std::vector<std::string>& args, const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> argv{casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, extra_env);
}

// Runs the built casim with `args` under timeout(1), which ends it after `seconds` (exit 124): a
// command that blocks (reading a FIFO, say) fails a test instead of hanging it.
inline CommandResult run_casim_within(int seconds, const std::vector<std::string>& args,
                                      const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> argv{"/usr/bin/timeout", std::to_string(seconds), casim_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, extra_env);
}

}  // namespace casim::test
