// End to end on the China calendar: an OV order submitted just before National Day and an EV
// order over the Spring Festival, with their completion instants computed by hand for fixed
// durations; and what a run does when it reaches 2027, which the CN calendar has no data for (it
// stops with a warning when the CA needs the year; it leaves business time out, with a warning,
// when only the results need it).
#include "e2e_support.hpp"

BOOST_AUTO_TEST_SUITE(test_e2e_calendar)

using namespace casim;
using namespace casim::order;
using namespace casim::order::e2e;

BOOST_AUTO_TEST_CASE(ov_submitted_before_national_day_is_issued_after_it) {
  // Tuesday 2026-09-29 10:00 Beijing. Pre-review, 4 business hours: 14:00 (06:00Z). Review, 3
  // business days from 14:00 Tuesday: Wednesday 30th (1), National Day 1–7 October off, Thursday
  // 8th (2), Friday 9th (3) → 14:00 Friday 9 October (06:00Z); signed 2 minutes later.
  const sim::Instant submitted = at("2026-09-29T02:00:00Z");
  const RunResult result = run_one(base_config(submitted), ov_plan("ov-national-day", "shop.example.com"));
  const OrderResult& order = order_of(result, "ov-national-day");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(order.timing(Stage::PreReview).last_end == std::optional(at("2026-09-29T06:00:00Z")));
  BOOST_TEST(order.timing(Stage::Review).last_end == std::optional(at("2026-10-09T06:00:00Z")));
  BOOST_TEST(reached(order, Status::Issued) == at("2026-10-09T06:02:00Z"));
  BOOST_TEST(order.timing(Stage::Review).calendar == 10 * kDay);
  BOOST_TEST(*order.timing(Stage::Review).business == 27 * kHour);
  BOOST_TEST(order.timing(Stage::TotalToIssue).calendar == 10 * kDay + 4 * kHour + 2 * kMinute);
  BOOST_TEST(*order.timing(Stage::TotalToIssue).business == 31 * kHour + 2 * kMinute);
  BOOST_TEST(order.certificate->days == 200);
  BOOST_TEST(result.warnings.empty());
}

BOOST_AUTO_TEST_CASE(ev_over_the_spring_festival) {
  // Thursday 2026-02-12 10:00 Beijing. Pre-review ends 14:00 (06:00Z). Review, 5 business days
  // from 14:00 Thursday: Friday 13th (1), Saturday 14th, a make-up working day (2), Spring
  // Festival 15–23 February off, Tuesday 24th (3), Wednesday 25th (4), Thursday 26th (5) →
  // 14:00 Thursday 26 February (06:00Z); signed 2 minutes later.
  const sim::Instant submitted = at("2026-02-12T02:00:00Z");
  const RunResult result = run_one(base_config(submitted), ev_plan("ev-spring", "shop.example.com"));
  const OrderResult& order = order_of(result, "ev-spring");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(order.timing(Stage::Review).last_end == std::optional(at("2026-02-26T06:00:00Z")));
  BOOST_TEST(reached(order, Status::Issued) == at("2026-02-26T06:02:00Z"));
  BOOST_TEST(*order.timing(Stage::Review).business == 45 * kHour);
  // Before 2026-03-15 a certificate may be valid 398 days: the year asked is granted.
  BOOST_TEST(order.certificate->days == 365);
  BOOST_TEST(!order.certificate->capped);
  BOOST_TEST(order.certificate->policy_oid == "2.23.140.1.1");
}

BOOST_AUTO_TEST_CASE(a_review_reaching_2027_stops_the_run_with_a_warning) {
  // Wednesday 2026-12-30: the 3-business-day review would end in 2027, which CN has no data for.
  const sim::Instant submitted = at("2026-12-30T02:00:00Z");
  const RunResult result = run_one(base_config(submitted), ov_plan("ov-new-year", "shop.example.com"));
  BOOST_TEST(result.stop == RunStop::CalendarDataMissing);
  BOOST_TEST(result.stopped_at == at("2026-12-30T06:00:00Z"));
  const OrderResult& order = order_of(result, "ov-new-year");
  BOOST_TEST(order.outcome == Outcome::Unfinished);
  BOOST_TEST(has_reason(order, Reason::RunCalendarDataMissing));
  BOOST_TEST_REQUIRE(result.warnings.size() == 1u);
  const RunWarning& warning = result.warnings.front();
  BOOST_TEST(warning.reason == Reason::RunCalendarDataMissing);
  BOOST_TEST(warning.message.find("CN") != std::string::npos);
  BOOST_TEST(warning.message.find("2027") != std::string::npos);
  const auto stopped = events(result, "", TraceStage::Run, TraceKind::Stopped);
  BOOST_TEST_REQUIRE(stopped.size() == 1u);
  BOOST_TEST((stopped.front().reason == Reason::RunCalendarDataMissing));
}

// Issue 17, defect 4: an order whose placing instant lies after the run stopped was never created:
// not placed, with no status, and the stop's reason.
BOOST_AUTO_TEST_CASE(an_order_due_after_the_run_stopped_is_not_placed) {
  RunConfig config = base_config(at("2026-12-30T02:00:00Z"));
  OrderPlan later = dv_plan("dv-later", "www.example.com");
  later.placed = Timing::after(kDay);
  config.orders = {ov_plan("ov-new-year", "shop.example.com"), later};
  const RunResult result = run_simulation(config);
  BOOST_TEST(result.stop == RunStop::CalendarDataMissing);
  const OrderResult& order = order_of(result, "dv-later");
  BOOST_TEST(order.outcome == Outcome::NotPlaced);
  BOOST_TEST(outcome_name(order.outcome) == "not_placed");
  BOOST_TEST(order.history.empty());
  BOOST_TEST(has_reason(order, Reason::RunCalendarDataMissing));
  BOOST_TEST(order_of(result, "ov-new-year").outcome == Outcome::Unfinished);
}

BOOST_AUTO_TEST_CASE(business_time_in_a_year_without_data_is_left_out_with_a_warning) {
  // Pre-review on the `none` calendar, the CA's calendar CN: a DV order in January 2027 is issued
  // (nothing the CA does needs CN business days), but its stages have no business time on CN.
  RunConfig config = base_config(at("2027-01-04T09:00:00Z"));
  config.ca.pre_review_calendar = sim::CalendarLibrary{}.load("none");
  config.limits.horizon = 30 * kDay;
  config.platform.expiry_notice_days.clear();
  const RunResult result = run_one(config, dv_plan("dv-2027", "shop.example.com"));
  const OrderResult& order = order_of(result, "dv-2027");
  BOOST_TEST(order.outcome == Outcome::Issued);
  BOOST_TEST(reached(order, Status::Issued) == at("2027-01-04T13:02:00Z"));
  BOOST_TEST(order.timing(Stage::PreReview).calendar == 4 * kHour);
  BOOST_TEST(!order.timing(Stage::PreReview).business.has_value());
  BOOST_TEST(!order.timing(Stage::TotalToIssue).business.has_value());
  BOOST_TEST_REQUIRE(!result.warnings.empty());
  BOOST_TEST(result.warnings.front().reason == Reason::RunCalendarDataMissing);
  BOOST_TEST(result.warnings.front().message.find("2027") != std::string::npos);
  BOOST_TEST(result.stop == RunStop::Completed);
}

BOOST_AUTO_TEST_SUITE_END()  // test_e2e_calendar
