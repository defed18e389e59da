// The event queue of Kernel (detail::EventQueue, detail/event_queue.hpp): an implicit 4-ary
// min-heap of small entries (time, sequence, slot) over a table of slots holding the actions; and
// the kernel's run loop. Both are here so that the loop inlines the heap's operations.
//
// Design, measured on the hold model (`casim bench kernel`, 1,000 pending, exponential delays):
// - 4-ary, not binary: half the levels; the four children share a cache line or two.
// - The walk down is branch-free and always goes to the bottom (sentinels fill the last level):
//   a new event's rank is about uniform among those pending, so most land in the bottom level,
//   and an early exit mispredicts. What remains is latency-bound: per level, four loads and a
//   two-round tournament of 128-bit (time, sequence) comparisons, about 5 levels at 1,000 pending.
//   One exception, one branch at the first level: an entry earlier than every child of the
//   root stays there. The pipeline's zero-delay events are that (a quarter of its events;
//   −1 % of its instructions an order); a hold-model event almost never is (unchanged here).
// - The fired event's entry stays at the root until its action schedules the next event, which
//   replaces it (one sift-down instead of a removal and an insertion).
// - Actions live in a slot table, not in the heap, so that an entry is 24 bytes and cancel is O(1).
// - The exponential delay is drawn by a ziggurat (random.hpp); with a std::log per draw the hold
//   model ran 15–20% slower.
// Measured and not adopted (within the noise of a shared 2-core machine, by CPU time):
// - 16-byte entries (sequence and slot in one word) with each group of four children aligned to
//   one 64-byte line: +0 to +3%, for a limit of 2^24 pending and 2^40 scheduled events.
// - Link-time optimization of the hold model with the kernel: +0 to +5%.
// Other queues, measured against this heap back to back (hold model, 1,000 pending, 10^6 events,
// CPU time, best of 5 alternating runs: 27.2 M events/s here); each passed tests/sim/test_kernel.cpp
// but the calendar window, a prototype without compaction:
// - Radix heap on the 128-bit key (time, sequence), 4-bit digits, the floor being the last key
//   taken out: 20.2 M/s (−26%), also with each bucket's earliest tracked on insertion. Each event
//   moves 2.3 times between buckets and the minimum's bucket is scanned (3.3 entries): more work
//   and more mispredicted loop exits than 5 branch-free heap levels. 2-bit digits: 17.3 M/s;
//   6-bit digits: 18.5 M/s.
// - Calendar window (8,192 buckets of 1,024 µs, a heap for what lies beyond, the current bucket
//   a small heap): 19.1 M/s (−30%); 12% of events still pass through the far heap, and the
//   buckets scatter over memory that the compact heap keeps in L1.
// - Binary tournament (winner) tree over the slots (a leaf per slot, the fired event's leaf
//   refilled by the event its action schedules, one replay of 10 levels): 29.3 M/s (+8%) only if
//   the replay stays in scalar registers; GCC's SLP vectorizer packs the winner into an SSE
//   register at -O3 (13.1 M/s), and turns ?: on the winner's fields into a mispredicted branch.
//   A 4-ary tournament tree (5 levels, the three siblings' minimum off the critical path):
//   25.4 M/s (−7%); the binary tree with each path node one comparison of the new event with the
//   siblings' running minimum (the new root known one comparison after the event): 25.0 M/s,
//   twice the instructions per level.
// - An 8-ary heap (4 levels, three tournament rounds by masks): 18.5 M/s (−33%).
// None reached the +20% that would take casim from ~33× to 40× SimPy's 821 k events/s.
#include "casim/sim/kernel.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace casim::sim {
namespace {

// Cancelled entries are dropped from the heap once they are more than half of it and it holds
// at least this many, so that cancelled far-future events do not pile up.
constexpr std::size_t kCompactionThreshold = 1024;

}  // namespace

namespace detail {

EventQueue::EventQueue() : heap_(1, kSentinel) {}

std::uint32_t EventQueue::add_slot() {
  if (slots_.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("casim kernel: too many events pending at once");
  }
  slots_.emplace_back();
  return static_cast<std::uint32_t>(slots_.size() - 1);
}

void EventQueue::release_slot(std::size_t slot) {
  slots_[slot].sequence = 0;
  free_slots_.push_back(static_cast<std::uint32_t>(slot));
}

void EventQueue::reserve(std::size_t events) {
  slots_.reserve(events);
  free_slots_.reserve(events);
  std::size_t levels_size = heap_.size();  // complete levels, as grow() makes them
  while (levels_size < events) levels_size = levels_size * kArity + 1;
  heap_.reserve(levels_size);
}

void EventQueue::grow() {
  if (heap_.size() > std::numeric_limits<std::size_t>::max() / (2 * kArity * sizeof(Entry))) {
    throw std::length_error("casim kernel: too many events pending at once");
  }
  heap_.resize(heap_.size() * kArity + 1, kSentinel);
  ++depth_;
}

// Drops the bottom level once a quarter of the level above would hold every entry, so that a
// queue that was large once does not keep paying for its depth.
void EventQueue::shrink() {
  const std::size_t upper = (heap_.size() - 1) / kArity;
  if (depth_ == 0 || size_ * kArity > upper) return;
  heap_.resize(upper);
  --depth_;
}

void EventQueue::push(const Entry& entry) {
  if (size_ == heap_.size()) grow();
  std::size_t hole = size_++;
  while (hole > 0) {
    const std::size_t parent = (hole - 1) / kArity;
    if (!(key(entry) < key(heap_[parent]))) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = entry;
}

// The earliest of the four children from `first` on, by a branch-free tournament (compiled as
// a loop with comparisons, it mispredicts half the time).
std::size_t EventQueue::earliest_child(std::size_t first) const {
  static_assert(kArity == 4);
  const Entry* child = &heap_[first];
  const Key k0 = key(child[0]), k1 = key(child[1]), k2 = key(child[2]), k3 = key(child[3]);
  const bool second_earlier = k1 < k0;
  const bool fourth_earlier = k3 < k2;
  const Key left = second_earlier ? k1 : k0;
  const Key right = fourth_earlier ? k3 : k2;
  const std::size_t left_index = first + second_earlier;
  const std::size_t right_index = first + 2 + fourth_earlier;
  // A mask, not ?:, which GCC compiles to a branch here.
  const std::size_t take_right = std::size_t{0} - static_cast<std::size_t>(right < left);
  return left_index ^ ((left_index ^ right_index) & take_right);
}

// Puts `entry` in place of the root. An entry earlier than every child of the root stays there
// (one branch, see the design notes above). Otherwise the walk goes down the path of earliest
// children to the bottom level, always depth_ steps, moving each child up while it is earlier
// than `entry`, by masks rather than branches: below the root no branch depends on the keys, so
// none mispredicts, and the next event's work can overlap this one's.
void EventQueue::replace_root(const Entry& entry) {
  const Key entry_key = key(entry);
  std::size_t node = depth_ == 0 ? 0 : earliest_child(1);
  if (depth_ == 0 || !(key(heap_[node]) < entry_key)) {
    heap_[0] = entry;
    return;
  }
  heap_[0] = heap_[node];
  // The root is final: start loading the slot the next fire_next will read, which has usually
  // dropped out of L1 since its event was scheduled.
  __builtin_prefetch(&slots_[heap_[0].slot]);
  std::size_t hole = node;
  std::size_t moving = ~std::size_t{0};  // all ones while the children on the path move up
  for (std::size_t level = 1; level < depth_; ++level) {
    node = earliest_child(kArity * node + 1);
    moving &= std::size_t{0} - static_cast<std::size_t>(key(heap_[node]) < entry_key);
    const std::size_t next = hole ^ ((hole ^ node) & moving);
    heap_[hole] = heap_[next];
    hole = next;
  }
  heap_[hole] = entry;
}

void EventQueue::remove_root() {
  const Entry last = heap_[--size_];
  heap_[size_] = kSentinel;
  if (size_ > 0) replace_root(last);
  shrink();
}

void EventQueue::settle() {
  if (!root_fired_) return;
  root_fired_ = false;
  remove_root();
}

EventAction EventQueue::fire_earliest() {
  const Entry entry = heap_.front();
  Slot& slot = slots_[entry.slot];
  if (!slot.action) {
    --cancelled_in_heap_;
    release_slot(entry.slot);
    remove_root();
    return {};
  }
  // The action leaves its slot before it runs: it may schedule events (growing slots_), and
  // cancelling it from inside its own run must find it already fired.
  EventAction action = std::move(slot.action);
  release_slot(entry.slot);
  // The fired entry stays at the root while the action runs; the first event the action
  // schedules takes its place (one sift-down instead of a removal and an insertion).
  root_fired_ = true;
  return action;
}

bool EventQueue::cancel(Handle handle) {
  if (!is_pending(handle)) return false;
  slots_[handle.slot].action.reset();
  ++cancelled_in_heap_;
  if (size_ >= kCompactionThreshold && cancelled_in_heap_ > size_ / 2) drop_cancelled();
  return true;
}

// Removes the cancelled entries and rebuilds the heap bottom-up: O(n), paid for by the n/2
// cancellations since the previous rebuild.
void EventQueue::drop_cancelled() {
  settle();
  const auto real_end = heap_.begin() + static_cast<std::ptrdiff_t>(size_);
  const auto kept_end = std::remove_if(heap_.begin(), real_end, [this](const Entry& entry) {
    if (slots_[entry.slot].action) return false;
    release_slot(entry.slot);
    return true;
  });
  std::fill(kept_end, real_end, kSentinel);
  size_ = static_cast<std::size_t>(kept_end - heap_.begin());
  cancelled_in_heap_ = 0;
  // Sift every inner node down, the deepest first (the sentinels sort after every entry).
  for (std::size_t node = size_ / kArity + 1; node-- > 0;) {
    const Entry entry = heap_[node];
    std::size_t hole = node;
    for (std::size_t first = kArity * hole + 1; first < heap_.size(); first = kArity * hole + 1) {
      const std::size_t best = earliest_child(first);
      if (!(key(heap_[best]) < key(entry))) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = entry;
  }
  while (depth_ > 0 && size_ * kArity <= (heap_.size() - 1) / kArity) shrink();
}

void EventQueue::throw_empty_action(std::uint32_t slot) {
  free_slots_.push_back(slot);
  throw std::logic_error("casim kernel: cannot schedule an empty action");
}

}  // namespace detail

Kernel::Kernel(Instant start) : now_(start) {}

void Kernel::fire_next() {
  const Instant at = queue_.earliest();
  EventAction action = queue_.fire_earliest();
  if (!action) return;
  now_ = at;
  ++events_run_;
  try {
    action();
  } catch (...) {
    queue_.settle();
    throw;
  }
  queue_.settle();
}

void Kernel::run_until(Instant end) {
  if (end < now_) {
    throw std::logic_error(fmt::format("casim kernel: cannot run until {}, before the current instant {}",
                                       format_instant(end), format_instant(now_)));
  }
  queue_.settle();
  while (queue_.due(end)) fire_next();
  now_ = end;
}

void Kernel::run() {
  queue_.settle();
  while (!queue_.empty()) fire_next();
}

void Kernel::throw_in_past(Instant at) const {
  throw std::logic_error(fmt::format("casim kernel: cannot schedule an event at {}, before the current instant {}",
                                     format_instant(at), format_instant(now_)));
}

void Kernel::throw_bad_delay(Duration delay) const {
  throw std::logic_error(fmt::format("casim kernel: cannot schedule an event {} µs after the current instant {}",
                                     delay.count(), format_instant(now_)));
}

}  // namespace casim::sim
