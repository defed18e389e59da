// Timeline<T>: values that hold from an instant on ("from T, X"), kept sorted by instant and looked
// up by binary search. Changes may be added in any order; of two changes at the same instant the
// one added later wins.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "casim/sim/time.hpp"

namespace casim::sim::world {

template <typename T>
class Timeline {
 public:
  struct Entry {
    Instant from;
    T value;
  };

  // From `from` on (until a later change), the value is `value`.
  void set(Instant from, T value) {
    const auto pos = std::upper_bound(entries_.begin(), entries_.end(), from,
                                      [](Instant when, const Entry& e) { return when < e.from; });
    entries_.insert(pos, Entry{from, std::move(value)});
  }

  // The value in force at `when`, or nullptr before the first change.
  const T* at(Instant when) const { return find(entries_, when); }
  T* at(Instant when) { return find(entries_, when); }

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  template <typename Entries>
  static auto find(Entries& entries, Instant when) -> decltype(&entries.front().value) {
    const auto pos = std::upper_bound(entries.begin(), entries.end(), when,
                                      [](Instant w, const Entry& e) { return w < e.from; });
    return pos == entries.begin() ? nullptr : &std::prev(pos)->value;
  }

  std::vector<Entry> entries_;
};

}  // namespace casim::sim::world
