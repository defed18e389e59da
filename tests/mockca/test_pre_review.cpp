// Pre-review as a kernel process: durations within the seed document's range and the same for
// the same seed, business-time counting on the China calendar, each outcome fixed or drawn by
// weight with its reason, resubmissions, cancelling, and misuse.
#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "casim/mockca/pre_review.hpp"
#include "casim/sim/calendar_library.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_pre_review)


using namespace casim::mockca;
using namespace casim::sim;

namespace {

const Instant kStart = parse_instant("2026-09-14T02:00:00Z");  // Monday 10:00 in Beijing

Calendar cn() { return CalendarLibrary().load("CN"); }

// Starts one pre-review per order at kStart and runs the kernel; the results by order.
std::vector<PreReviewResult> run_orders(PreReview& stage, int orders) {
  Kernel kernel(kStart);
  std::vector<PreReviewResult> results;
  for (int i = 0; i < orders; ++i) {
    stage.start(kernel, kStart, "order-" + std::to_string(i), 1,
                [&](const PreReviewResult& result) { results.push_back(result); });
  }
  kernel.run();
  return results;
}

PreReviewPolicy fixed_policy(DurationSpec duration, TimeBasis basis = TimeBasis::CalendarTime) {
  PreReviewPolicy policy;
  policy.duration = DurationDistribution::fixed(duration, "test");
  policy.basis = basis;
  return policy;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pre_review)

BOOST_AUTO_TEST_CASE(default_duration_lies_within_ten_minutes_and_72_hours_and_repeats_per_seed) {
  PreReview first({}, cn(), 42, 0);
  const auto results = run_orders(first, 300);
  BOOST_TEST_REQUIRE(results.size() == 300U);
  Duration shortest = kMaxDuration;
  Duration longest{};
  for (const auto& result : results) {
    const Duration took = result.finished - result.started;
    BOOST_TEST(result.started == kStart);
    BOOST_TEST(took >= 10 * kMinute);
    BOOST_TEST(took <= 72 * kHour);
    BOOST_TEST(result.passed());
    BOOST_TEST(!result.reason.has_value());
    shortest = std::min(shortest, took);
    longest = std::max(longest, took);
  }
  // The draws spread over the range rather than sitting in one corner of it.
  BOOST_TEST(shortest < 6 * kHour);
  BOOST_TEST(longest > 66 * kHour);

  PreReview again({}, cn(), 42, 0);
  PreReview other_seed({}, cn(), 43, 0);
  const auto repeated = run_orders(again, 300);
  const auto different = run_orders(other_seed, 300);
  std::map<std::string, Instant> ends;
  for (const auto& result : results) ends[result.order] = result.finished;
  int same_as_other_seed = 0;
  for (const auto& result : repeated) BOOST_TEST(ends[result.order] == result.finished);
  for (const auto& result : different) same_as_other_seed += ends[result.order] == result.finished ? 1 : 0;
  BOOST_TEST(same_as_other_seed < 5);
}

BOOST_AUTO_TEST_CASE(business_time_basis_counts_only_open_hours_on_the_china_calendar) {
  // Friday 2026-09-18 16:00 in Beijing: 2 hours left that day, Saturday off, Sunday 2026-09-20 a
  // make-up working day, so 5 hours of business time end on Sunday at 12:00 (04:00Z).
  const Instant friday = parse_instant("2026-09-18T08:00:00Z");
  Kernel kernel(friday);
  std::optional<PreReviewResult> business;
  std::optional<PreReviewResult> clock;
  PreReview on_calendar(fixed_policy(DurationSpec::calendar(5 * kHour), TimeBasis::BusinessTime), cn(), 1, 0);
  PreReview plain(fixed_policy(DurationSpec::calendar(5 * kHour)), cn(), 1, 0);
  on_calendar.start(kernel, friday, "a", 1, [&](const PreReviewResult& r) { business = r; });
  plain.start(kernel, friday, "a", 1, [&](const PreReviewResult& r) { clock = r; });
  kernel.run();
  BOOST_TEST_REQUIRE(business.has_value());
  BOOST_TEST_REQUIRE(clock.has_value());
  BOOST_TEST(business->finished == parse_instant("2026-09-20T04:00:00Z"));
  BOOST_TEST(business->detail.find("business time on CN") != std::string::npos);
  BOOST_TEST(clock->finished == parse_instant("2026-09-18T13:00:00Z"));
  BOOST_TEST(clock->detail.find("calendar time") != std::string::npos);

  // A draw in business hours counts on the calendar whatever the basis.
  std::optional<PreReviewResult> hours;
  PreReview in_hours(fixed_policy(DurationSpec::business_hours(5)), cn(), 1, 0);
  in_hours.start(kernel, kernel.now(), "b", 1, [&](const PreReviewResult& r) { hours = r; });
  const Instant sunday_noon = kernel.now();
  kernel.run();
  BOOST_TEST_REQUIRE(hours.has_value());
  BOOST_TEST(hours->started == sunday_noon);
  // Sunday 12:00 + 5 business hours: 6 hours left on Sunday → Sunday 17:00 (09:00Z).
  BOOST_TEST(hours->finished == parse_instant("2026-09-20T09:00:00Z"));
}

BOOST_AUTO_TEST_CASE(each_fixed_outcome_comes_with_its_reason) {
  const std::vector<std::pair<PreReviewOutcome, std::optional<Reason>>> cases{
      {PreReviewOutcome::Passed, std::nullopt},
      {PreReviewOutcome::DomainSecurityFailed, Reason::PreReviewDomainSecurityFailed},
      {PreReviewOutcome::InformationRejected, Reason::PreReviewInformationRejected},
  };
  for (const auto& [outcome, reason] : cases) {
    PreReviewPolicy policy = fixed_policy(DurationSpec::calendar(30 * kMinute));
    policy.outcomes = PreReviewPolicy::fixed(outcome);
    PreReview stage(policy, cn(), 7, 0);
    const auto results = run_orders(stage, 3);
    BOOST_TEST_REQUIRE(results.size() == 3U);
    for (const auto& result : results) {
      BOOST_TEST(result.outcome == outcome);
      BOOST_TEST((result.reason == reason));
      BOOST_TEST(result.passed() == (outcome == PreReviewOutcome::Passed));
      BOOST_TEST(result.finished == kStart + 30 * kMinute);
      BOOST_TEST(result.detail == "pre-review 2026-09-14T02:00:00Z → 2026-09-14T02:30:00Z (drew 30m, "
                                  "calendar time): " + std::string(to_string(outcome)));
    }
  }
  BOOST_TEST(info(Reason::PreReviewDomainSecurityFailed).meaning ==
             "CA review failed — domain did not pass the security review");
  BOOST_TEST(category_name(info(Reason::PreReviewInformationRejected).category) == "review");
}

BOOST_AUTO_TEST_CASE(weighted_outcomes_are_drawn_per_order_in_proportion) {
  PreReviewPolicy policy;
  policy.outcomes = {{PreReviewOutcome::Passed, 6},
                     {PreReviewOutcome::DomainSecurityFailed, 2},
                     {PreReviewOutcome::InformationRejected, 2}};
  PreReview stage(policy, cn(), 99, 3);
  const auto results = run_orders(stage, 1000);
  std::map<PreReviewOutcome, int> counts;
  for (const auto& result : results) {
    ++counts[result.outcome];
    BOOST_TEST((result.reason == reason_of(result.outcome)));
  }
  BOOST_TEST(counts[PreReviewOutcome::Passed] > 540);
  BOOST_TEST(counts[PreReviewOutcome::Passed] < 660);
  BOOST_TEST(counts[PreReviewOutcome::DomainSecurityFailed] > 150);
  BOOST_TEST(counts[PreReviewOutcome::InformationRejected] > 150);

  PreReview again(policy, cn(), 99, 3);
  const auto repeated = run_orders(again, 1000);
  std::map<std::string, PreReviewOutcome> first;
  for (const auto& result : results) first[result.order] = result.outcome;
  for (const auto& result : repeated) BOOST_TEST(first[result.order] == result.outcome);
}

BOOST_AUTO_TEST_CASE(a_resubmission_is_a_new_attempt_with_draws_of_its_own) {
  PreReview stage({}, cn(), 5, 0);
  Kernel kernel(kStart);
  std::vector<PreReviewResult> results;
  stage.start(kernel, kStart, "ov-shop", 1, [&](const PreReviewResult& r) { results.push_back(r); });
  kernel.run();
  stage.start(kernel, kernel.now(), "ov-shop", 2, [&](const PreReviewResult& r) { results.push_back(r); });
  kernel.run();
  BOOST_TEST_REQUIRE(results.size() == 2U);
  BOOST_TEST(results[0].attempt == 1);
  BOOST_TEST(results[1].attempt == 2);
  BOOST_TEST(results[1].started == results[0].finished);
  BOOST_TEST(!(results[0].drawn == results[1].drawn));
}

BOOST_AUTO_TEST_CASE(a_cancelled_pre_review_never_calls_back) {
  PreReview stage(fixed_policy(DurationSpec::calendar(2 * kHour)), cn(), 1, 0);
  Kernel kernel(kStart);
  int called = 0;
  PreReviewHandle handle = stage.start(kernel, kStart, "a", 1, [&](const PreReviewResult&) { ++called; });
  PreReviewHandle kept = stage.start(kernel, kStart, "b", 1, [&](const PreReviewResult&) { ++called; });
  BOOST_TEST(handle.active());
  kernel.run_until(kStart + kHour);
  BOOST_TEST(handle.cancel());
  BOOST_TEST(!handle.active());
  BOOST_TEST(!handle.cancel());
  kernel.run();
  BOOST_TEST(called == 1);  // only "b"
  BOOST_TEST(!kept.active());
  BOOST_TEST(!kept.cancel());  // it finished
  BOOST_TEST(!PreReviewHandle().active());
  BOOST_TEST(!PreReviewHandle().cancel());
}

BOOST_AUTO_TEST_CASE(bad_policies_and_starts_in_the_past_are_misuse) {
  PreReviewPolicy none;
  none.outcomes.clear();
  BOOST_CHECK_THROW(PreReview(none, cn(), 1, 0), std::invalid_argument);
  PreReviewPolicy negative;
  negative.outcomes = {{PreReviewOutcome::Passed, -1}, {PreReviewOutcome::InformationRejected, 2}};
  BOOST_CHECK_THROW(PreReview(negative, cn(), 1, 0), std::invalid_argument);
  PreReviewPolicy zero;
  zero.outcomes = {{PreReviewOutcome::Passed, 0}, {PreReviewOutcome::InformationRejected, 0}};
  BOOST_CHECK_THROW(PreReview(zero, cn(), 1, 0), std::invalid_argument);

  PreReview stage({}, cn(), 1, 0);
  Kernel kernel(kStart);
  BOOST_CHECK_THROW(stage.start(kernel, kStart - kSecond, "a", 1, {}), std::logic_error);
  BOOST_CHECK_THROW(stage.start(kernel, kStart, "a", 0, {}), std::invalid_argument);
  // A business-time pre-review that would end in a year without China calendar data says so.
  PreReview late(fixed_policy(DurationSpec::business_days(3)), cn(), 1, 0);
  const Instant new_year_eve = parse_instant("2026-12-31T02:00:00Z");
  Kernel december(new_year_eve);
  BOOST_CHECK_THROW(late.start(december, new_year_eve, "a", 1, {}), CalendarDataMissing);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_pre_review
