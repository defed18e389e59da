// InterruptWatch: a sigaction handler that stores the signal number in a lock-free atomic and
// nothing else; everything else happens in the command's own thread.
#include "run_interrupt.hpp"

#include <signal.h>

#include <atomic>
#include <iostream>

#include <fmt/format.h>

namespace casim::cli {
namespace {

constexpr int kExitSignalBase = 128;  // the shell's convention for "ended by signal N"

std::atomic<int> received_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free atomic");

struct sigaction previous_int {};
struct sigaction previous_term {};

void record_signal(int signal) { received_signal.store(signal, std::memory_order_relaxed); }

// A signal ignored when casim started (e.g. SIGINT of a background job) stays ignored.
void install(int signal, struct sigaction& previous) {
  sigaction(signal, nullptr, &previous);
  if (previous.sa_handler == SIG_IGN) return;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  sigaction(signal, &action, &previous);
}

}  // namespace

InterruptWatch::InterruptWatch() {
  received_signal.store(0);
  install(SIGINT, previous_int);
  install(SIGTERM, previous_term);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

bool InterruptWatch::requested() const { return received_signal.load(std::memory_order_relaxed) != 0; }

int InterruptWatch::exit_code() const { return kExitSignalBase + received_signal.load(std::memory_order_relaxed); }

int InterruptWatch::report(const std::string& what) const {
  const int signal = received_signal.load(std::memory_order_relaxed);
  std::cerr << fmt::format("casim: interrupted by {}: {} stopped and nothing was published (the output folder keeps "
                           "its previous report)\n",
                           signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal", what);
  return exit_code();
}

}  // namespace casim::cli
