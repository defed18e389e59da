// The discrete-event kernel: the simulated clock of one run and its queue of pending events,
// ordered by (instant, scheduling order) so that events at one instant run in the order they were
// scheduled. Cancelling flags the event, which stays queued and is skipped when its turn comes.
// Single-threaded; one kernel per run.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::sim {

namespace detail {
template <typename T>
inline constexpr bool kIsStdFunction = false;
template <typename R, typename... A>
inline constexpr bool kIsStdFunction<std::function<R(A...)>> = true;
}  // namespace detail

// What an event does when it fires: a move-only callable taking no arguments. Callables of up to
// kInlineSize bytes (8-byte aligned at most) that move without throwing live inline; larger ones
// are allocated. Moving a trivially copyable callable copies its bytes and nothing else.
class EventAction {
 public:
  static constexpr std::size_t kInlineSize = 48;

  EventAction() noexcept = default;

  // From any callable; an empty std::function or a null function pointer gives an empty action.
  template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, EventAction> && std::invocable<std::decay_t<F>&>)
  EventAction(F&& callable) {  // implicit, so that lambdas can be passed where an action is expected
    emplace(std::forward<F>(callable));
  }

  EventAction(EventAction&& other) noexcept { take(other); }
  EventAction& operator=(EventAction&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  EventAction(const EventAction&) = delete;
  EventAction& operator=(const EventAction&) = delete;
  ~EventAction() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }
  // Runs the callable; the action must not be empty.
  void operator()() { ops_->invoke(storage_); }
  // Destroys the callable, leaving the action empty.
  void reset() noexcept {
    if (ops_ != nullptr && ops_->destroy != nullptr) ops_->destroy(storage_);
    ops_ = nullptr;
  }

  // Replaces the callable with one made from `callable`, in place (empty if `callable` is an
  // empty std::function or a null pointer). If making it throws, the action is left empty.
  template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, EventAction> && std::invocable<std::decay_t<F>&>)
  void emplace(F&& callable) {
    using C = std::decay_t<F>;
    reset();
    if constexpr (std::is_pointer_v<C> || detail::kIsStdFunction<C>) {
      if (!callable) return;
    }
    if constexpr (kInline<C>) {
      ::new (static_cast<void*>(storage_)) C(std::forward<F>(callable));
    } else {
      ::new (static_cast<void*>(storage_)) C*(new C(std::forward<F>(callable)));
    }
    ops_ = &kOps<C>;
  }

 private:
  struct Ops {
    void (*invoke)(std::byte* storage);
    void (*relocate)(std::byte* to, std::byte* from) noexcept;  // null: copying the bytes will do
    void (*destroy)(std::byte* storage) noexcept;               // null: nothing to destroy
  };

  template <typename C>
  static constexpr bool kInline = sizeof(C) <= kInlineSize && alignof(C) <= alignof(std::uint64_t) &&
                                  std::is_nothrow_move_constructible_v<C>;

  template <typename C>
  static C& object(std::byte* storage) {
    if constexpr (kInline<C>) {
      return *std::launder(reinterpret_cast<C*>(storage));
    } else {
      return **std::launder(reinterpret_cast<C**>(storage));
    }
  }

  template <typename C>
  static constexpr Ops make_ops() {
    Ops ops{[](std::byte* storage) { std::invoke(object<C>(storage)); }, nullptr, nullptr};
    if constexpr (!kInline<C>) {
      ops.destroy = [](std::byte* storage) noexcept { delete &object<C>(storage); };
    } else if constexpr (!std::is_trivially_copyable_v<C>) {
      ops.relocate = [](std::byte* to, std::byte* from) noexcept {
        C& source = object<C>(from);
        ::new (static_cast<void*>(to)) C(std::move(source));
        source.~C();
      };
      ops.destroy = [](std::byte* storage) noexcept { object<C>(storage).~C(); };
    }
    return ops;
  }

  template <typename C>
  static constexpr Ops kOps = make_ops<C>();

  void take(EventAction& other) noexcept {
    ops_ = other.ops_;
    if (ops_ == nullptr) return;
    if (ops_->relocate != nullptr) {
      ops_->relocate(storage_, other.storage_);
    } else {
      std::memcpy(storage_, other.storage_, kInlineSize);
    }
    other.ops_ = nullptr;
  }

  alignas(std::uint64_t) std::byte storage_[kInlineSize];
  const Ops* ops_ = nullptr;
};

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
  std::size_t pending() const noexcept { return size_ - cancelled_in_heap_ - (root_fired_ ? 1 : 0); }

  // Schedules `action` at `at`, after every event already scheduled for that instant.
  // Scheduling before now() or an empty action is misuse: std::logic_error.
  template <typename F>
  EventId schedule_at(Instant at, F&& action) {
    if (at < now_) throw_in_past(at);
    const std::uint32_t slot = acquire_slot();
    Slot& target = slots_[slot];
    try {
      if constexpr (std::same_as<std::remove_cvref_t<F>, EventAction>) {
        target.action = std::forward<F>(action);
      } else {
        target.action.emplace(std::forward<F>(action));
      }
    } catch (...) {
      free_slots_.push_back(slot);
      throw;
    }
    if (!target.action) throw_empty_action(slot);
    const std::uint64_t sequence = next_sequence_++;
    target.sequence = sequence;
    const Entry entry{sequence, Entry::key_of(at), slot};
    if (root_fired_) {
      // The first event an action schedules takes the place of the action's own entry.
      root_fired_ = false;
      replace_root(entry);
    } else {
      push(entry);
    }
    return {sequence, slot};
  }

  // Schedules `action` at now() + delay (delay ≥ 0, else std::logic_error).
  template <typename F>
  EventId schedule_after(Duration delay, F&& action) {
    return schedule_at(instant_after(delay), std::forward<F>(action));
  }

  // Cancels a pending event in O(1) amortized: true if it was pending, false if it already ran,
  // is running, was cancelled before, or is unknown.
  bool cancel(EventId id);

  // Runs every event at or before `end` in order (including those scheduled meanwhile), then
  // sets the clock to `end`. `end` before now() is misuse: std::logic_error.
  void run_until(Instant end);
  // Runs events until none is pending; the clock stays at the last event's instant.
  void run();

 private:
  struct Entry {
    std::uint64_t sequence;  // tie-break: scheduling order
    std::uint64_t time_key;  // the instant in µs since the epoch, sign bit flipped: ordered as unsigned
    std::uint64_t slot;      // index into slots_ (64 bits: no padding for a copy to trip over)

    static std::uint64_t key_of(Instant at) {
      return static_cast<std::uint64_t>(at.time_since_epoch().count()) ^ (std::uint64_t{1} << 63);
    }
    Instant instant() const {
      return Instant{Duration{static_cast<std::int64_t>(time_key ^ (std::uint64_t{1} << 63))}};
    }
  };
  struct Slot {
    EventAction action;         // empty once cancelled
    std::uint64_t sequence = 0; // the sequence of the event holding the slot; 0 when free
  };

  std::uint32_t acquire_slot() {
    if (free_slots_.empty()) return add_slot();
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  std::uint32_t add_slot();
  void release_slot(std::size_t slot);
  Instant instant_after(Duration delay) const {
    std::int64_t at = 0;
    if (delay < Duration::zero() || __builtin_add_overflow(now_.time_since_epoch().count(), delay.count(), &at)) {
      throw_bad_delay(delay);
    }
    return Instant{Duration{at}};
  }
  void grow();
  void shrink();
  void push(const Entry& entry);
  void replace_root(const Entry& entry);
  void remove_root();
  void settle();
  // An entry's (time, sequence) as one unsigned 128-bit number, so that comparing two entries is
  // one branch-free comparison (cmp, sbb).
  __extension__ typedef unsigned __int128 Key;
  static Key key(const Entry& entry) { return (Key{entry.time_key} << 64) | entry.sequence; }
  std::size_t earliest_child(std::size_t first) const;
  void fire_next();
  void drop_cancelled();
  [[noreturn]] void throw_in_past(Instant at) const;
  [[noreturn]] void throw_bad_delay(Duration delay) const;
  [[noreturn]] void throw_empty_action(std::uint32_t slot);

  static constexpr std::size_t kArity = 4;
  // Fills the heap's unused positions: after every entry, as no event has sequence 2^64 − 1.
  static constexpr Entry kSentinel{~std::uint64_t{0}, ~std::uint64_t{0}, 0};

  // An implicit 4-ary min-heap on (time, sequence) of size_ entries, padded with sentinels to
  // complete levels: heap_.size() is (4^(depth_+1) − 1) / 3, so that every walk from the root to
  // the bottom takes depth_ steps.
  std::vector<Entry> heap_;
  std::size_t size_ = 0;
  std::size_t depth_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  Instant now_;
  std::uint64_t next_sequence_ = 1;
  std::uint64_t events_run_ = 0;
  std::size_t cancelled_in_heap_ = 0;
  bool root_fired_ = false;  // the root entry has fired and awaits removal or replacement
};

}  // namespace casim::sim
