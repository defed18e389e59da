// Progress: a one-line bar on stderr, redrawn in place with a carriage return.
#include "run_progress.hpp"

#include <unistd.h>

#include <iostream>
#include <string>

#include <fmt/format.h>

namespace casim::cli {
namespace {

constexpr std::size_t kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds{100};

}  // namespace

Progress::Progress(std::size_t total, bool enabled) : total_(total), enabled_(enabled && total > 0) {}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total_ && drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  draw(done);
}

void Progress::draw(std::size_t done) {
  const std::size_t filled = done * kBarWidth / total_;
  std::cerr << fmt::format("\r[{}{}] {}/{} runs", std::string(filled, '#'), std::string(kBarWidth - filled, ' '),
                           done, total_)
            << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) std::cerr << "\n";
  drawn_ = false;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

}  // namespace casim::cli
