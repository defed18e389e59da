// The event kernel: order by (instant, scheduling order), cancellation, run_until and the clock,
// misuse, events scheduled by events, and a large random workload against a reference ordering.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "casim/sim/kernel.hpp"
#include "sim_printers.hpp"
#include "casim/sim/random.hpp"

using casim::sim::Duration;
using casim::sim::EventAction;
using casim::sim::EventId;
using casim::sim::Instant;
using casim::sim::Kernel;
using casim::sim::kHour;
using casim::sim::kSecond;
using casim::sim::parse_instant;

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

BOOST_AUTO_TEST_SUITE_END()
