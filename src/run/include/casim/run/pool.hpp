// The thread pool of the runner (and of `casim bench pipeline`): worker threads take unit indices
// from a shared counter, so the work spreads whatever each unit costs; each unit's result goes to
// its own slot, so nothing the caller sees depends on the number of threads; a stop request (e.g.
// SIGINT) ends the handing out.
#pragma once

#include <cstddef>
#include <functional>

namespace casim::run {

// Calls task(unit, worker) for every unit in [0, units) on `jobs` threads (worker in [0, jobs)),
// and on_done(finished) after each, one call at a time. Once stop_requested (if given) returns
// true no thread takes another unit (the units under way finish). The first exception a task
// throws stops the handing out of units too and is rethrown once every thread has finished.
void run_parallel(std::size_t units, std::size_t jobs, const std::function<void(std::size_t, std::size_t)>& task,
                  const std::function<void(std::size_t)>& on_done, const std::function<bool()>& stop_requested = {});

}  // namespace casim::run
