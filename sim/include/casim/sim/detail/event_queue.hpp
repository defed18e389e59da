// The queue of a Kernel's pending events: an implicit 4-ary min-heap of small entries (time,
// sequence, slot) over a table of slots holding the actions. An internal of Kernel; its design
// and measurements are in sim/src/kernel.cpp, which defines what is not inline here.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "casim/sim/detail/event_action.hpp"
#include "casim/sim/time.hpp"

namespace casim::sim::detail {

class EventQueue {
 public:
  // What names a queued event: its scheduling number (unique within the queue, from 1) and slot.
  struct Handle {
    std::uint64_t sequence;
    std::uint32_t slot;
  };

  EventQueue();

  // Events queued and neither fired nor cancelled.
  std::size_t pending() const noexcept { return size_ - cancelled_in_heap_ - (root_fired_ ? 1 : 0); }
  bool empty() const noexcept { return size_ == 0; }
  // Whether the earliest entry (fired, cancelled or pending) is at or before `end`.
  bool due(Instant end) const noexcept { return size_ > 0 && heap_.front().time_key <= Entry::key_of(end); }

  // Queues `action` at `at`, after every event already queued for that instant. An empty action
  // is misuse: std::logic_error.
  template <typename F>
  Handle add(Instant at, F&& action) {
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
      // The first event an action queues takes the place of the action's own entry.
      root_fired_ = false;
      replace_root(entry);
    } else {
      push(entry);
    }
    return {sequence, slot};
  }

  // Makes room for `events` pending at once, so that reaching that many moves no storage.
  void reserve(std::size_t events);
  // Cancels a pending event in O(1) amortized: true if it was pending.
  bool cancel(Handle handle);
  // Whether the event is queued and neither fired nor cancelled.
  bool is_pending(Handle handle) const noexcept {
    if (handle.sequence == 0 || handle.slot >= slots_.size()) return false;
    const Slot& slot = slots_[handle.slot];
    return slot.sequence == handle.sequence && static_cast<bool>(slot.action);
  }

  // The instant of the earliest entry; the queue must not be empty.
  Instant earliest() const noexcept { return heap_.front().instant(); }
  // Takes the earliest entry's action out of its slot and leaves the entry at the root, fired,
  // until the action queues an event or settle() removes it. A cancelled entry is removed
  // instead, and the action returned is empty.
  EventAction fire_earliest();
  // Removes the fired entry if no event has taken its place.
  void settle();

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
  void grow();
  void shrink();
  void push(const Entry& entry);
  void replace_root(const Entry& entry);
  void remove_root();
  // An entry's (time, sequence) as one unsigned 128-bit number, so that comparing two entries is
  // one branch-free comparison (cmp, sbb).
  __extension__ typedef unsigned __int128 Key;
  static Key key(const Entry& entry) { return (Key{entry.time_key} << 64) | entry.sequence; }
  std::size_t earliest_child(std::size_t first) const;
  void drop_cancelled();
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
  std::uint64_t next_sequence_ = 1;
  std::size_t cancelled_in_heap_ = 0;
  bool root_fired_ = false;  // the root entry has fired and awaits removal or replacement
};

}  // namespace casim::sim::detail
