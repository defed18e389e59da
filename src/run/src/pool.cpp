// run_parallel: units handed out from an atomic counter to a fixed set of threads, until they run
// out, a task throws, or a stop is requested; a thread that cannot be started stops the others.
#include "casim/run/pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace casim::run {

void run_parallel(std::size_t units, std::size_t jobs, const std::function<void(std::size_t, std::size_t)>& task,
                  const std::function<void(std::size_t)>& on_done, const std::function<bool()>& stop_requested) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  std::mutex mutex;  // guards finished, on_done and error
  std::size_t finished = 0;
  std::exception_ptr error;
  const auto work = [&](std::size_t worker) {
    while (!stopped.load() && !(stop_requested && stop_requested())) {
      const std::size_t unit = next.fetch_add(1);
      if (unit >= units) return;
      try {
        task(unit, worker);
        const std::lock_guard lock(mutex);
        on_done(++finished);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        stopped.store(true);
      }
    }
  };
  const std::size_t threads = std::max<std::size_t>(1, std::min(jobs, units));
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  const auto join_started = [&] {  // they finish their unit: no terminate() for a joinable thread
    stopped.store(true);
    for (auto& thread : pool) thread.join();
  };
  try {
    for (std::size_t worker = 1; worker < threads; ++worker) pool.emplace_back(work, worker);
  } catch (const std::system_error& failure) {
    join_started();
    throw std::system_error(failure.code(),
                            fmt::format("cannot start thread {} of {} (try fewer --jobs)", pool.size() + 1, threads));
  } catch (...) {
    join_started();
    throw;
  }
  work(0);
  for (auto& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace casim::run
