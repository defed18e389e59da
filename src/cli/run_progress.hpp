// The progress bar of `casim run` on stderr, "[#####     ] 512/1000 runs", drawn only when
// stderr is a terminal and at most a few times a second.
#pragma once

#include <chrono>
#include <cstddef>

namespace casim::cli {

class Progress {
 public:
  // `enabled`: draw at all (the caller passes whether stderr is a terminal).
  Progress(std::size_t total, bool enabled);
  // Records `done` finished units; redraws when enough time has passed or all are done.
  void update(std::size_t done);
  // Ends the bar's line (when one was drawn).
  void finish();

 private:
  void draw(std::size_t done);

  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// Whether standard error is a terminal.
bool stderr_is_terminal();

}  // namespace casim::cli
