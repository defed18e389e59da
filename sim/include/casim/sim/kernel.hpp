// The discrete-event kernel: the simulated clock of one run and its queue of pending events,
// ordered by (instant, scheduling order) so that events at one instant run in the order they were
// scheduled. Cancelling flags the event, which stays queued and is skipped when its turn comes.
// Single-threaded; one kernel per run. The queue itself is in detail/event_queue.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "casim/sim/detail/event_action.hpp"
#include "casim/sim/detail/event_queue.hpp"
#include "casim/sim/time.hpp"

namespace casim::sim {

// What an event does when it fires: a move-only callable taking no arguments. Callables of up to
// EventAction::kInlineSize bytes (48, 8-byte aligned at most) that move without throwing live
// inline; larger ones are allocated. Kernel::schedule_at takes any callable and makes one.
using EventAction = detail::EventAction;

// Names a scheduled event, for Kernel::cancel. A default EventId names no event.
struct EventId {
  std::uint64_t sequence = 0;  // the event's scheduling number, unique within its kernel (from 1)
  std::uint32_t slot = 0;
  friend bool operator==(const EventId&, const EventId&) = default;
};

class Kernel {
 public:
  // A kernel whose clock starts at `start`, with nothing scheduled.
  explicit Kernel(Instant start = Instant{});
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  Instant now() const noexcept { return now_; }
  // Events run so far (cancelled ones are not counted).
  std::uint64_t events_run() const noexcept { return events_run_; }
  // Events scheduled and neither run nor cancelled.
  std::size_t pending() const noexcept { return queue_.pending(); }

  // Schedules `action` at `at`, after every event already scheduled for that instant.
  // Scheduling before now() or an empty action is misuse: std::logic_error.
  template <typename F>
  EventId schedule_at(Instant at, F&& action) {
    if (at < now_) throw_in_past(at);
    const detail::EventQueue::Handle handle = queue_.add(at, std::forward<F>(action));
    return {handle.sequence, handle.slot};
  }

  // Schedules `action` at now() + delay (delay ≥ 0, else std::logic_error).
  template <typename F>
  EventId schedule_after(Duration delay, F&& action) {
    return schedule_at(instant_after(delay), std::forward<F>(action));
  }

  // Makes room for `events` pending at once (a hint: more may be scheduled, at the cost of moving
  // the queue's storage as it grows).
  void reserve(std::size_t events) { queue_.reserve(events); }

  // Cancels a pending event in O(1) amortized: true if it was pending, false if it already ran,
  // is running, was cancelled before, or is unknown.
  bool cancel(EventId id) { return queue_.cancel({id.sequence, id.slot}); }
  // Whether the event is still to run: false once it runs (from the moment it starts), once
  // cancelled, or for an unknown id.
  bool is_pending(EventId id) const noexcept { return queue_.is_pending({id.sequence, id.slot}); }

  // Runs every event at or before `end` in order (including those scheduled meanwhile), then
  // sets the clock to `end`. `end` before now() is misuse: std::logic_error.
  void run_until(Instant end);
  // Runs events until none is pending; the clock stays at the last event's instant.
  void run();

 private:
  Instant instant_after(Duration delay) const {
    std::int64_t at = 0;
    if (delay < Duration::zero() || __builtin_add_overflow(now_.time_since_epoch().count(), delay.count(), &at)) {
      throw_bad_delay(delay);
    }
    return Instant{Duration{at}};
  }
  void fire_next();
  [[noreturn]] void throw_in_past(Instant at) const;
  [[noreturn]] void throw_bad_delay(Duration delay) const;

  detail::EventQueue queue_;
  Instant now_;
  std::uint64_t events_run_ = 0;
};

}  // namespace casim::sim
