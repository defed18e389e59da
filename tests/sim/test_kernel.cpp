// The event kernel: order by (instant, scheduling order), cancellation, run_until and the clock,
// misuse, events scheduled by events, a large random workload against a reference ordering, and
// a differential run against an ordered map with schedule, cancel and run_until interleaved.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "casim/sim/kernel.hpp"
#include "printers.hpp"
#include "casim/sim/random.hpp"

BOOST_AUTO_TEST_SUITE(test_kernel)

using casim::sim::Duration;
using casim::sim::EventAction;
using casim::sim::EventId;
using casim::sim::Instant;
using casim::sim::Kernel;
using casim::sim::kHour;
using casim::sim::kSecond;
using casim::sim::parse_instant;
using casim::sim::RandomStream;
using casim::sim::kDay;
using casim::sim::format_instant;

namespace {

const Instant kStart = parse_instant("2024-03-01T09:00:00Z");

Instant at_second(int seconds) { return kStart + kSecond * seconds; }

// The message of the std::logic_error `f` throws ("" if it throws nothing).
std::string logic_error_message(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::logic_error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kernel)

BOOST_AUTO_TEST_CASE(runs_events_in_time_order_and_leaves_the_clock_at_the_last) {
  Kernel kernel(kStart);
  std::vector<int> order;
  for (const int second : {30, 10, 20, 5, 25}) {
    kernel.schedule_at(at_second(second), [&order, second] { order.push_back(second); });
  }
  BOOST_TEST(kernel.pending() == 5u);
  kernel.run();
  BOOST_TEST(order == (std::vector<int>{5, 10, 20, 25, 30}), boost::test_tools::per_element());
  BOOST_TEST(kernel.now() == at_second(30));
  BOOST_TEST(kernel.events_run() == 5u);
  BOOST_TEST(kernel.pending() == 0u);
}

BOOST_AUTO_TEST_CASE(events_at_one_instant_run_in_scheduling_order) {
  Kernel kernel(kStart);
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) {
    // Interleave two instants so the heap has to keep each instant's events in order.
    kernel.schedule_at(at_second(i % 2 == 0 ? 7 : 3), [&order, i] { order.push_back(i); });
  }
  kernel.run();
  std::vector<int> expected;
  for (int i = 1; i < 100; i += 2) expected.push_back(i);
  for (int i = 0; i < 100; i += 2) expected.push_back(i);
  BOOST_TEST(order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(schedule_after_counts_from_now) {
  Kernel kernel(kStart);
  Instant fired_at;
  kernel.schedule_at(at_second(10), [&] {
    kernel.schedule_after(kHour, [&] { fired_at = kernel.now(); });
  });
  kernel.run();
  BOOST_TEST(fired_at == at_second(10) + kHour);
}

BOOST_AUTO_TEST_CASE(an_event_may_be_scheduled_for_now_and_runs_after_the_current_one) {
  Kernel kernel(kStart);
  std::vector<std::string> order;
  kernel.schedule_at(at_second(1), [&] {
    order.push_back("first");
    kernel.schedule_after(Duration::zero(), [&] { order.push_back("scheduled by first"); });
  });
  kernel.schedule_at(at_second(1), [&] { order.push_back("second"); });
  kernel.run();
  BOOST_TEST(order == (std::vector<std::string>{"first", "second", "scheduled by first"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cancel_before_firing_skips_the_event) {
  Kernel kernel(kStart);
  std::vector<int> fired;
  kernel.schedule_at(at_second(1), [&] { fired.push_back(1); });
  const EventId second = kernel.schedule_at(at_second(2), [&] { fired.push_back(2); });
  kernel.schedule_at(at_second(3), [&] { fired.push_back(3); });
  BOOST_TEST(kernel.cancel(second));
  BOOST_TEST(kernel.pending() == 2u);
  kernel.run();
  BOOST_TEST(fired == (std::vector<int>{1, 3}), boost::test_tools::per_element());
  BOOST_TEST(kernel.events_run() == 2u);
}

BOOST_AUTO_TEST_CASE(cancel_twice_after_firing_or_unknown_returns_false) {
  Kernel kernel(kStart);
  int fired = 0;
  const EventId first = kernel.schedule_at(at_second(1), [&] { ++fired; });
  const EventId second = kernel.schedule_at(at_second(2), [&] { ++fired; });
  BOOST_TEST(kernel.cancel(second));
  BOOST_TEST(!kernel.cancel(second));
  kernel.run();
  BOOST_TEST(fired == 1);
  BOOST_TEST(!kernel.cancel(first));
  BOOST_TEST(!kernel.cancel(EventId{}));
  BOOST_TEST(!kernel.cancel(EventId{12345, 99}));
}

BOOST_AUTO_TEST_CASE(an_event_is_pending_until_it_starts_running_or_is_cancelled) {
  Kernel kernel(kStart);
  bool pending_while_running = true;
  EventId first;
  first = kernel.schedule_at(at_second(1), [&] { pending_while_running = kernel.is_pending(first); });
  const EventId second = kernel.schedule_at(at_second(2), [] {});
  BOOST_TEST(kernel.is_pending(first));
  BOOST_TEST(kernel.cancel(second));
  BOOST_TEST(!kernel.is_pending(second));
  kernel.run();
  BOOST_TEST(!pending_while_running);
  BOOST_TEST(!kernel.is_pending(first));
  BOOST_TEST(!kernel.is_pending(EventId{}));
  BOOST_TEST(!kernel.is_pending(EventId{12345, 99}));
  const EventId reusing = kernel.schedule_at(at_second(3), [] {});  // takes a freed slot
  BOOST_TEST(kernel.is_pending(reusing));
  BOOST_TEST(!kernel.is_pending(first));
  BOOST_TEST(!kernel.is_pending(second));
}

BOOST_AUTO_TEST_CASE(an_old_id_does_not_cancel_the_event_that_reuses_its_slot) {
  Kernel kernel(kStart);
  int fired = 0;
  const EventId old = kernel.schedule_at(at_second(1), [&] { ++fired; });
  kernel.run();
  const EventId reuse = kernel.schedule_at(at_second(2), [&] { ++fired; });
  BOOST_TEST(reuse.slot == old.slot);  // the freed slot is reused...
  BOOST_TEST(!kernel.cancel(old));     // ...but the old id no longer names anything
  kernel.run();
  BOOST_TEST(fired == 2);
}

BOOST_AUTO_TEST_CASE(an_event_cannot_cancel_itself_while_running_but_can_cancel_others) {
  Kernel kernel(kStart);
  EventId self;
  EventId later;
  bool cancelled_self = true;
  bool cancelled_later = false;
  bool later_fired = false;
  self = kernel.schedule_at(at_second(1), [&] {
    cancelled_self = kernel.cancel(self);
    cancelled_later = kernel.cancel(later);
  });
  later = kernel.schedule_at(at_second(2), [&] { later_fired = true; });
  kernel.run();
  BOOST_TEST(!cancelled_self);
  BOOST_TEST(cancelled_later);
  BOOST_TEST(!later_fired);
}

BOOST_AUTO_TEST_CASE(run_until_runs_events_up_to_and_at_the_instant_then_sets_the_clock) {
  Kernel kernel(kStart);
  std::vector<int> fired;
  for (const int second : {1, 5, 10, 11}) kernel.schedule_at(at_second(second), [&fired, second] { fired.push_back(second); });
  kernel.run_until(at_second(7));
  BOOST_TEST(fired == (std::vector<int>{1, 5}), boost::test_tools::per_element());
  BOOST_TEST(kernel.now() == at_second(7));
  kernel.run_until(at_second(10));
  BOOST_TEST(fired == (std::vector<int>{1, 5, 10}), boost::test_tools::per_element());
  BOOST_TEST(kernel.now() == at_second(10));
  BOOST_TEST(kernel.pending() == 1u);
  // Events scheduled meanwhile for times within the window run too.
  kernel.schedule_after(kSecond * 2, [&] { fired.push_back(12); });
  kernel.run_until(at_second(20));
  BOOST_TEST(fired == (std::vector<int>{1, 5, 10, 11, 12}), boost::test_tools::per_element());
  BOOST_TEST(kernel.now() == at_second(20));
}

BOOST_AUTO_TEST_CASE(scheduling_in_the_past_throws_naming_both_instants) {
  Kernel kernel(kStart);
  kernel.run_until(at_second(60));
  const auto message = logic_error_message([&] { kernel.schedule_at(at_second(30), [] {}); });
  BOOST_TEST(message.find("2024-03-01T09:00:30Z") != std::string::npos, message);
  BOOST_TEST(message.find("2024-03-01T09:01:00Z") != std::string::npos, message);
  BOOST_TEST(!logic_error_message([&] { kernel.schedule_after(-kSecond, [] {}); }).empty());
  BOOST_TEST(!logic_error_message([&] { kernel.run_until(at_second(59)); }).empty());
  BOOST_TEST(kernel.pending() == 0u);  // nothing half-scheduled
}

BOOST_AUTO_TEST_CASE(scheduling_past_the_end_of_time_or_an_empty_action_throws) {
  Kernel kernel(kStart);
  BOOST_TEST(!logic_error_message([&] { kernel.schedule_after(Duration::max(), [] {}); }).empty());
  BOOST_TEST(!logic_error_message([&] { kernel.schedule_at(at_second(1), EventAction{}); }).empty());
  BOOST_TEST(!logic_error_message([&] { kernel.schedule_at(at_second(1), std::function<void()>{}); }).empty());
  BOOST_TEST(kernel.pending() == 0u);
  // The kernel still works after refusing.
  bool fired = false;
  kernel.schedule_at(at_second(1), [&] { fired = true; });
  kernel.run();
  BOOST_TEST(fired);
}

BOOST_AUTO_TEST_CASE(events_scheduled_from_actions_form_chains) {
  Kernel kernel(kStart);
  int generations = 0;
  std::function<void()> step = [&] {
    if (++generations < 1000) kernel.schedule_after(kSecond, step);
  };
  kernel.schedule_at(kStart, step);
  kernel.run();
  BOOST_TEST(generations == 1000);
  BOOST_TEST(kernel.now() == kStart + kSecond * 999);
  BOOST_TEST(kernel.events_run() == 1000u);
}

BOOST_AUTO_TEST_CASE(actions_may_be_large_or_move_only) {
  Kernel kernel(kStart);
  std::vector<int> seen;
  auto owned = std::make_unique<int>(7);
  kernel.schedule_at(at_second(1), [&seen, owned = std::move(owned)] { seen.push_back(*owned); });
  std::array<int, 64> big{};  // larger than EventAction's inline storage: allocated
  big[63] = 9;
  kernel.schedule_at(at_second(2), [&seen, big] { seen.push_back(big[63]); });
  const EventId dropped = kernel.schedule_at(at_second(3), [&seen, big] { seen.push_back(-1); });
  BOOST_TEST(kernel.cancel(dropped));
  kernel.run();
  BOOST_TEST(seen == (std::vector<int>{7, 9}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_exception_from_an_action_leaves_the_kernel_usable) {
  Kernel kernel(kStart);
  std::vector<int> fired;
  kernel.schedule_at(at_second(1), [] { throw std::runtime_error("boom"); });
  kernel.schedule_at(at_second(2), [&] { fired.push_back(2); });
  BOOST_CHECK_THROW(kernel.run(), std::runtime_error);
  BOOST_TEST(kernel.now() == at_second(1));
  BOOST_TEST(kernel.pending() == 1u);
  kernel.run();
  BOOST_TEST(fired == (std::vector<int>{2}), boost::test_tools::per_element());
}

// Many events at few distinct instants (so ties abound), some cancelled, some scheduling more from
// inside their actions; the firing order must equal a stable sort of the survivors by instant.
BOOST_AUTO_TEST_CASE(large_random_workload_matches_a_stable_sort) {
  struct Scheduled {
    Instant at;
    int id;
  };
  casim::sim::RandomStream stream(20240301, 0, "test.kernel.workload");
  Kernel kernel(kStart);
  std::vector<Scheduled> scheduled;
  std::vector<EventId> ids;
  std::vector<bool> cancelled;
  std::vector<int> fired;

  const auto add = [&](Instant at) {
    const int id = static_cast<int>(scheduled.size());
    scheduled.push_back({at, id});
    cancelled.push_back(false);
    ids.push_back(kernel.schedule_at(at, [&fired, id] { fired.push_back(id); }));
  };
  for (int i = 0; i < 20000; ++i) add(at_second(static_cast<int>(stream.uniform_int(0, 500))));
  for (int i = 0; i < 5000; ++i) {
    const auto victim = static_cast<std::size_t>(stream.uniform_int(0, static_cast<std::int64_t>(ids.size()) - 1));
    BOOST_TEST(kernel.cancel(ids[victim]) == !cancelled[victim]);
    cancelled[victim] = true;
  }
  kernel.run_until(at_second(250));
  // New events from now on (never before now): a second wave, with ties against the first.
  for (int i = 0; i < 20000; ++i) add(at_second(static_cast<int>(stream.uniform_int(250, 700))));
  kernel.run();

  std::vector<Scheduled> expected;
  for (const auto& event : scheduled) {
    if (!cancelled[event.id]) expected.push_back(event);
  }
  // Ids grow with scheduling order, so a stable sort by instant is the kernel's contract.
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Scheduled& a, const Scheduled& b) { return a.at < b.at; });
  std::vector<int> expected_ids;
  for (const auto& event : expected) expected_ids.push_back(event.id);
  BOOST_TEST(fired.size() == expected_ids.size());
  BOOST_TEST(fired == expected_ids);
  BOOST_TEST(kernel.events_run() == expected_ids.size());
}

// A reservation, below, at or above the peak, before or between events, changes no order.
BOOST_AUTO_TEST_CASE(reserving_room_changes_nothing_the_kernel_does) {
  const auto fired_with = [](std::size_t before, std::size_t between) {
    casim::sim::RandomStream stream(20261206, 0, "test.kernel.reserve");
    Kernel kernel(kStart);
    kernel.reserve(before);
    std::vector<int> fired;
    std::vector<EventId> ids;
    const auto add = [&](int from, int to) {
      const int id = static_cast<int>(ids.size());
      ids.push_back(kernel.schedule_at(at_second(static_cast<int>(stream.uniform_int(from, to))),
                                       [&fired, id] { fired.push_back(id); }));
    };
    for (int i = 0; i < 3000; ++i) add(0, 300);
    for (int i = 0; i < 500; ++i) kernel.cancel(ids[static_cast<std::size_t>(stream.uniform_int(0, 2999))]);
    kernel.run_until(at_second(100));
    kernel.reserve(between);
    for (int i = 0; i < 3000; ++i) add(100, 400);
    kernel.run();
    return fired;
  };
  const std::vector<int> reference = fired_with(0, 0);
  BOOST_TEST(reference.size() > 5000u);
  for (const auto& [before, between] : std::vector<std::pair<std::size_t, std::size_t>>{
           {1, 1}, {1000, 0}, {3000, 6000}, {0, 50000}, {100000, 10}}) {
    BOOST_TEST_CONTEXT("reserve " << before << " then " << between) {
      BOOST_TEST(fired_with(before, between) == reference, boost::test_tools::per_element());
    }
  }
}

// Cancelling most of a large queue compacts it; order and counts must survive the compaction.
BOOST_AUTO_TEST_CASE(mass_cancellation_keeps_order_and_counts) {
  Kernel kernel(kStart);
  std::vector<EventId> ids;
  std::vector<int> fired;
  for (int i = 0; i < 10000; ++i) {
    ids.push_back(kernel.schedule_at(at_second(10000 - i), [&fired, i] { fired.push_back(i); }));
  }
  for (int i = 0; i < 10000; ++i) {
    if (i % 10 != 0) BOOST_TEST(kernel.cancel(ids[i]));
  }
  BOOST_TEST(kernel.pending() == 1000u);
  for (int i = 0; i < 10000; ++i) {
    if (i % 10 != 0) BOOST_TEST(!kernel.cancel(ids[i]), "event " << i << " cancelled twice");
  }
  kernel.run();
  std::vector<int> expected;
  for (int i = 9990; i >= 0; i -= 10) expected.push_back(i);
  BOOST_TEST(fired == expected, boost::test_tools::per_element());
}

// A differential check of the kernel against a plain ordered map on (instant, scheduling order),
// driven by one seeded stream: events scheduled from outside and from actions (ties at now, ties at
// a few whole seconds, near, far and years-away instants), cancellations from outside and from
// actions (of pending, fired, cancelled and earliest events), run_until in steps from zero to a
// year, actions that throw, and a queue that grows to thousands and drains to nothing twice.
// Every event that fires must be the map's earliest entry; after each step the counts, the clock
// and what is left must agree.
class Differential {
 public:
  explicit Differential(std::uint64_t seed) : stream_(seed, 0, "test.kernel.differential"), kernel_(kStart) {}

  void schedule() {
    const Instant at = kernel_.now() + random_delay();
    const std::uint64_t order = events_.size();
    const EventId id = kernel_.schedule_at(at, [this, order] { fire(order); });
    events_.push_back({id, at});
    reference_.emplace(Key{at, order}, order);
  }

  // Cancels an event drawn from all those ever scheduled: true only if it was pending.
  void cancel_any() {
    if (events_.empty()) return;
    cancel(static_cast<std::uint64_t>(stream_.uniform_int(0, static_cast<std::int64_t>(events_.size()) - 1)));
  }
  void cancel_earliest() {
    if (!reference_.empty()) cancel(reference_.begin()->second);
  }
  // Cancels three of every four pending events (the kernel drops them in bulk at some point).
  void cancel_most() {
    std::vector<std::uint64_t> orders;
    for (const auto& [key, order] : reference_) orders.push_back(order);
    for (std::size_t i = 0; i < orders.size(); ++i) {
      if (i % 4 != 0) cancel(orders[i]);
    }
  }

  // Runs until now + `step`, going on after each exception an action throws.
  void run_for(Duration step) {
    const Instant end = kernel_.now() + step;
    end_ = end;
    for (;;) {
      try {
        kernel_.run_until(end);
        break;
      } catch (const std::runtime_error&) {
        ++thrown_;
      }
    }
    check_after(end);
  }
  void run_to_the_end() {
    end_ = Instant::max();
    for (;;) {
      try {
        kernel_.run();
        break;
      } catch (const std::runtime_error&) {
        ++thrown_;
      }
    }
    BOOST_TEST(reference_.empty());
    BOOST_TEST(kernel_.pending() == 0u);
    BOOST_TEST(kernel_.events_run() == fired_);
  }

  std::size_t pending() const { return reference_.size(); }
  std::uint64_t fired() const { return fired_; }
  std::uint64_t thrown() const { return thrown_; }
  std::uint64_t misordered() const { return misordered_; }
  RandomStream& stream() { return stream_; }

 private:
  using Key = std::pair<Instant, std::uint64_t>;  // (instant, scheduling order)
  struct Event {
    EventId id;
    Instant at;
  };

  Duration random_delay() {
    const auto kind = stream_.uniform_int(0, 99);
    if (kind < 20) return Duration::zero();                       // a tie with the running event
    if (kind < 40) return kSecond * stream_.uniform_int(0, 5);    // ties among themselves
    if (kind < 85) return Duration{stream_.uniform_int(0, 3'600'000'000)};            // within the hour
    if (kind < 95) return Duration{stream_.uniform_int(0, 30 * 86'400'000'000LL)};    // within the month
    return kDay * stream_.uniform_int(5 * 365, 20 * 365);         // years away
  }

  void cancel(std::uint64_t order) {
    const auto entry = reference_.find(Key{events_[order].at, order});
    const bool pending = entry != reference_.end();
    BOOST_TEST(kernel_.cancel(events_[order].id) == pending, "cancel of event " << order);
    if (pending) reference_.erase(entry);
  }

  void fire(std::uint64_t order) {
    ++fired_;
    const Key earliest = reference_.empty() ? Key{Instant::max(), 0} : reference_.begin()->first;
    if (earliest.second != order || kernel_.now() != events_[order].at || events_[order].at > end_) {
      if (misordered_++ == 0) {
        BOOST_ERROR("event " << order << " at " << format_instant(events_[order].at) << " fired at "
                              << format_instant(kernel_.now()) << "; expected event " << earliest.second);
      }
    }
    reference_.erase(Key{events_[order].at, order});
    // What the action does in turn: schedule more, cancel something, or throw.
    const auto kind = stream_.uniform_int(0, 99);
    if (kind < 30) schedule();
    if (kind >= 30 && kind < 40) cancel_any();
    if (kind == 40) cancel_earliest();
    if (kind == 41) throw std::runtime_error("action failed");
  }

  void check_after(Instant end) {
    BOOST_TEST(kernel_.now() == end);
    BOOST_TEST(kernel_.pending() == reference_.size());
    BOOST_TEST(kernel_.events_run() == fired_);
    // Nothing at or before `end` was left behind.
    if (!reference_.empty()) BOOST_TEST(reference_.begin()->first.first > end);
  }

  RandomStream stream_;
  Kernel kernel_;
  std::vector<Event> events_;  // every event scheduled, by scheduling order
  std::map<Key, std::uint64_t> reference_;  // the pending ones
  Instant end_;
  std::uint64_t fired_ = 0;
  std::uint64_t thrown_ = 0;
  std::uint64_t misordered_ = 0;
};

BOOST_AUTO_TEST_CASE(interleaved_schedule_cancel_and_run_until_match_an_ordered_map) {
  Differential model(7);
  const std::array<Duration, 6> steps{Duration::zero(), kSecond, kHour, kDay, kDay * 30, kDay * 365};
  std::size_t largest = 0;
  for (int round = 0; round < 2; ++round) {
    // Grow to thousands pending with small steps, then drain with large ones.
    for (int i = 0; i < 400; ++i) {
      const auto burst = model.stream().uniform_int(1, 60);
      for (std::int64_t j = 0; j < burst; ++j) model.schedule();
      for (std::int64_t j = model.stream().uniform_int(0, 3); j > 0; --j) model.cancel_any();
      if (i % 7 == 0) model.cancel_earliest();
      model.run_for(steps[static_cast<std::size_t>(model.stream().uniform_int(0, 2))]);
      largest = std::max(largest, model.pending());
    }
    model.cancel_most();
    for (int i = 0; i < 400 && model.pending() > 0; ++i) {
      if (i % 3 == 0) model.schedule();
      if (i % 5 == 0) model.cancel_any();
      model.run_for(steps[static_cast<std::size_t>(model.stream().uniform_int(2, 5))]);
    }
    model.run_to_the_end();
  }
  BOOST_TEST(model.misordered() == 0u);
  BOOST_TEST_MESSAGE("largest queue " << largest << ", fired " << model.fired() << ", thrown " << model.thrown());
  // The workload did what it is meant to: a large queue, many firings, exceptions.
  BOOST_TEST(largest > 2000u);
  BOOST_TEST(model.fired() > 10000u);
  BOOST_TEST(model.thrown() > 10u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_kernel
