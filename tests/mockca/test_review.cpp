// Manual OV/EV review as a kernel process on the China calendar: the call to the independently
// listed number (no answer then confirmed, refused, wrong number, no listed number or a letter,
// voicemail until the attempts run out, call-backs), calls only in business hours (weekends,
// National Day, the working Sunday 2026-09-20), the registry at the instant of the check, the EV
// checks, durations across National Day, reuse of organization data inside and outside the
// 398-day window, determinism per seed, cancelling and resubmission.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "casim/mockca/review.hpp"
#include "casim/sim/calendar_library.hpp"
#include "printers.hpp"

BOOST_AUTO_TEST_SUITE(test_review)


using namespace casim::mockca;
using namespace casim::sim;
using namespace casim::sim::world;

namespace {

const Instant kMonday = parse_instant("2026-09-14T01:00:00Z");  // Monday 09:00 in Beijing
const std::string kNumber = "91110000MA01ABCD2X";
const std::string kListed = "+861012345678";

Organization acme() {
  Organization org;
  org.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  org.registration_number = kNumber;
  org.jurisdiction = {"CN", "Beijing", "Beijing"};
  org.address = "1 Zhongguancun Street, Haidian District";
  org.registration_date = parse_date("2023-03-05");  // 3 full years from 2026-03-05
  org.directory_phone = "+86 10 1234 5678";
  org.applicant_phone = "+86 138 0000 1111";
  org.signer_authority_confirmed = true;
  return org;
}

ReviewRequest request(ValidationLevel level = ValidationLevel::OV) {
  ReviewRequest req;
  req.order = "ov-shop";
  req.level = level;
  req.legal_name = "Acme Widgets (Beijing) Co., Ltd.";
  req.registration_number = kNumber;
  req.jurisdiction = {"cn", "Beijing", ""};
  if (level == ValidationLevel::EV) req.business_category = BusinessCategory::PrivateOrganization;
  return req;
}

// Fixed durations, so that ends can be checked to the second.
ReviewPolicy fixed_policy(double ov_days = 3, double ev_days = 5) {
  ReviewPolicy policy;
  policy.ov_duration = DurationDistribution::fixed(DurationSpec::business_days(ov_days), "test");
  policy.ev_duration = DurationDistribution::fixed(DurationSpec::business_days(ev_days), "test");
  return policy;
}

std::vector<Instant> call_instants(const World& world) {
  std::vector<Instant> instants;
  for (const auto& record : world.phones.call_log()) instants.push_back(record.at);
  return instants;
}

std::vector<Instant> instants(std::initializer_list<const char*> texts) {
  std::vector<Instant> out;
  for (const char* text : texts) out.push_back(parse_instant(text));
  return out;
}

struct Setup {
  Calendar cn = CalendarLibrary().load("CN");
  World world;
  Organization org = acme();
  std::vector<ReviewStep> seen;  // steps as the observer saw them

  Setup() { world.registry.add(org); }
  explicit Setup(const Organization& changed) : org(changed) { world.registry.add(org); }

  void line(PhoneLine answers) { world.phones.set_line(kListed, parse_instant("2026-01-01"), std::move(answers)); }

  ReviewResult run(const ReviewPolicy& policy, const ReviewRequest& req, Instant at, std::uint64_t seed = 1) {
    Review review(policy, cn, world, seed, 0);
    Kernel kernel(at);
    std::optional<ReviewResult> result;
    review.start(
        kernel, at, req, [&](const ReviewResult& r) { result = r; },
        [&](const ReviewStep& step) {
          BOOST_TEST(step.at == kernel.now());
          seen.push_back(step);
        });
    kernel.run();
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(kernel.pending() == 0U);
    const Calendar& calling = policy.calling_hours ? *policy.calling_hours : cn;
    for (const Instant call : call_instants(world)) BOOST_TEST(calling.is_business_time(call));
    return *result;
  }
};

std::vector<Reason> reasons(std::initializer_list<Reason> list) { return list; }

}  // namespace

BOOST_AUTO_TEST_SUITE(review_calls)

BOOST_AUTO_TEST_CASE(no_answer_then_confirmed_passes_at_the_drawn_end) {
  Setup s;
  s.line(PhoneLine::scripted({CallResult::NoAnswer, CallResult::Confirmed}, ScriptEnd::repeat_last()));
  const ReviewResult result = s.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  BOOST_TEST(result.reasons.empty());
  BOOST_TEST_REQUIRE(result.steps.size() == 4U);
  BOOST_TEST(result.steps[0].kind == ReviewStepKind::Started);
  BOOST_TEST(result.steps[0].detail ==
             "OV review of 'Acme Widgets (Beijing) Co., Ltd.' (attempt 1): drew 3bd on CN, earliest end "
             "2026-09-16T10:00:00Z");
  BOOST_TEST(result.steps[1].kind == ReviewStepKind::OrganizationCheck);
  BOOST_TEST(result.steps[1].at == kMonday);
  BOOST_TEST(result.steps[2].detail ==
             "call 1 to +861012345678 at 2026-09-14T02:00:00Z: no answer; attempt 1 of 5, next call at "
             "2026-09-14T06:00:00Z");
  BOOST_TEST(result.steps[3].detail == "call 2 to +861012345678 at 2026-09-14T06:00:00Z: confirmed");
  BOOST_TEST_REQUIRE(result.steps[3].call.has_value());
  BOOST_TEST(result.steps[3].call->result == CallResult::Confirmed);
  // Confirmed on Monday, but the reviewer takes the drawn 3 business days: Wednesday 18:00.
  BOOST_TEST(result.started == kMonday);
  BOOST_TEST(result.planned_end == parse_instant("2026-09-16T10:00:00Z"));
  BOOST_TEST(result.finished == parse_instant("2026-09-16T10:00:00Z"));
  BOOST_TEST(result.business_time.count() == (27 * kHour).count());
  BOOST_TEST(result.calls == 2);
  BOOST_TEST_REQUIRE(result.record.has_value());
  BOOST_TEST(result.record->organization_id == kNumber);
  BOOST_TEST(result.record->validated_at == parse_instant("2026-09-14T06:00:00Z"));
  BOOST_TEST(result.record->level == ValidationLevel::OV);
  // Only the listed number is called, never the applicant's.
  for (const auto& call : s.world.phones.call_log()) BOOST_TEST(call.number == kListed);
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-14T02:00:00Z", "2026-09-14T06:00:00Z"}));
  // The observer saw every step as it happened.
  BOOST_TEST(s.seen.size() == result.steps.size());
}

BOOST_AUTO_TEST_CASE(a_refused_call_fails_at_once_and_is_reported_at_the_drawn_end) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Refused));
  const ReviewResult result = s.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Failed);
  BOOST_TEST(result.reasons == reasons({Reason::ReviewCallRefused}), boost::test_tools::per_element());
  BOOST_TEST(result.calls == 1);
  BOOST_TEST((result.steps.back().reason == Reason::ReviewCallRefused));
  BOOST_TEST(result.finished == parse_instant("2026-09-16T10:00:00Z"));
  BOOST_TEST(!result.record.has_value());
  BOOST_TEST(s.world.phones.call_log().size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_wrong_or_dead_listed_number_does_not_reach_the_organization) {
  Setup wrong;
  wrong.line(PhoneLine::always(CallResult::WrongNumber));
  const ReviewResult first = wrong.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(first.reasons == reasons({Reason::ReviewWrongNumber}), boost::test_tools::per_element());
  BOOST_TEST(first.calls == 1);

  Setup dead;  // no line at all: the number is not in service
  const ReviewResult second = dead.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(second.reasons == reasons({Reason::ReviewWrongNumber}), boost::test_tools::per_element());
  BOOST_TEST(second.steps.back().detail ==
             "call 1 to +861012345678 at 2026-09-14T02:00:00Z: not in service");
}

BOOST_AUTO_TEST_CASE(no_listed_number_fails_or_falls_back_to_a_letter_by_policy) {
  Organization unlisted = acme();
  unlisted.directory_phone.clear();
  Setup s(unlisted);
  s.world.phones.set_line(unlisted.applicant_phone, parse_instant("2026-01-01"),
                          PhoneLine::always(CallResult::Confirmed));
  const ReviewResult failed = s.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(failed.verdict == ReviewVerdict::Failed);
  BOOST_TEST(failed.reasons == reasons({Reason::ReviewNoListedPhone}), boost::test_tools::per_element());
  BOOST_TEST(failed.steps.back().detail ==
             "no phone number listed for 'Acme Widgets (Beijing) Co., Ltd.' in an independent directory "
             "(the applicant's +8613800001111 is never called)");
  BOOST_TEST(s.world.phones.call_log().empty());

  ReviewPolicy letter = fixed_policy();
  letter.no_listed_phone = NoListedPhone::Letter;
  const ReviewResult passed = s.run(letter, request(), kMonday);
  BOOST_TEST(passed.verdict == ReviewVerdict::Passed);
  BOOST_TEST_REQUIRE(passed.steps.size() == 4U);
  BOOST_TEST(passed.steps[2].kind == ReviewStepKind::Letter);
  BOOST_TEST(passed.steps[3].kind == ReviewStepKind::Letter);
  // The letter takes 5 business days (Monday 09:00 to Friday 18:00), longer than the drawn 3.
  BOOST_TEST(passed.finished == parse_instant("2026-09-18T10:00:00Z"));
  BOOST_TEST_REQUIRE(passed.record.has_value());
  BOOST_TEST(passed.record->validated_at == parse_instant("2026-09-18T10:00:00Z"));
  BOOST_TEST(s.world.phones.call_log().empty());
}

// Issue 17, defect 2: no registered address, no letter — the review fails at once.
BOOST_AUTO_TEST_CASE(no_listed_number_and_no_address_fails_the_letter_policy_too) {
  Organization unlisted = acme();
  unlisted.directory_phone.clear();
  unlisted.address.clear();
  Setup s(unlisted);
  ReviewPolicy letter = fixed_policy();
  letter.no_listed_phone = NoListedPhone::Letter;
  const ReviewResult failed = s.run(letter, request(), kMonday);
  BOOST_TEST(failed.verdict == ReviewVerdict::Failed);
  BOOST_TEST(failed.reasons == reasons({Reason::ReviewNoListedPhone}), boost::test_tools::per_element());
  BOOST_TEST(failed.steps.back().kind == ReviewStepKind::Letter);
  BOOST_TEST(failed.steps.back().detail ==
             "no phone number listed for 'Acme Widgets (Beijing) Co., Ltd.' in an independent directory "
             "(the applicant's +8613800001111 is never called), and no registered address to mail a "
             "verification letter to");
  BOOST_TEST(!failed.record.has_value());
  // Reported at the drawn end, like every failed step.
  BOOST_TEST(failed.finished == parse_instant("2026-09-16T10:00:00Z"));
}

BOOST_AUTO_TEST_CASE(voicemail_until_the_attempts_run_out) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Voicemail));
  const ReviewResult result = s.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Failed);
  BOOST_TEST(result.reasons == reasons({Reason::ReviewNoAnswerAfterRetries}), boost::test_tools::per_element());
  BOOST_TEST(result.calls == 5);
  // Every 4 business hours; 14:00 + 4 h is Monday's closing time, so the third call waits for
  // Tuesday's opening.
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-14T02:00:00Z", "2026-09-14T06:00:00Z",
                                                 "2026-09-15T01:00:00Z", "2026-09-15T05:00:00Z",
                                                 "2026-09-15T09:00:00Z"}),
             boost::test_tools::per_element());
  BOOST_TEST(result.steps.back().detail ==
             "call 5 to +861012345678 at 2026-09-15T09:00:00Z: voicemail; attempt 5 of 5, no attempts left");
  BOOST_TEST(result.finished == parse_instant("2026-09-16T10:00:00Z"));
  BOOST_TEST(info(Reason::ReviewNoAnswerAfterRetries).meaning ==
             "information failed CA review — the reviewer will call the reserved number, resubmit via "
             "\"modify information\"");
  BOOST_TEST(info(Reason::ReviewNoAnswerAfterRetries).hint.find("do not miss the CA's call") == 0U);

  // Calls that outrun a short drawn duration: the review ends with the last call.
  Setup quick;
  quick.line(PhoneLine::always(CallResult::Busy));
  const ReviewResult late = quick.run(fixed_policy(1), request(), kMonday);
  BOOST_TEST(late.planned_end == parse_instant("2026-09-14T10:00:00Z"));
  BOOST_TEST(late.finished == parse_instant("2026-09-15T09:00:00Z"));
  BOOST_TEST(late.business_time.count() == (17 * kHour).count());
}

// Issue 17: the reviewer calls in its calling hours; the line answers in its own.
BOOST_AUTO_TEST_CASE(calls_connect_only_where_calling_hours_and_the_lines_hours_overlap) {
  const Calendar us = CalendarLibrary().load("US");
  Setup apart;  // New York 09:00-17:00 against Beijing 09:00-18:00: no overlap
  PhoneLine office = PhoneLine::always(CallResult::Confirmed);
  office.hours = apart.cn;
  apart.line(office);
  ReviewPolicy from_new_york = fixed_policy();
  from_new_york.calling_hours = us;
  const ReviewResult never = apart.run(from_new_york, request(), kMonday);
  BOOST_TEST(never.verdict == ReviewVerdict::Failed);
  BOOST_TEST(never.reasons == reasons({Reason::ReviewCallsOutsideLineHours}), boost::test_tools::per_element());
  BOOST_TEST(never.calls == 5);
  BOOST_TEST(apart.world.phones.call_log().front().at == parse_instant("2026-09-14T13:00:00Z"));  // 09:00 New York
  BOOST_TEST(never.steps.back().detail.ends_with("no attempts left; every call fell outside the line's hours"),
             never.steps.back().detail);
  for (const auto& call : apart.world.phones.call_log()) BOOST_TEST(call.outcome.outside_hours);

  Setup evening;  // a New York evening shift, 17:00-23:00: 05:00-11:00 Beijing
  evening.line(office);
  ReviewPolicy shift = from_new_york;
  shift.calling_hours = us.with_hours({17 * kHour, 23 * kHour});
  shift.retry_spacing = DurationSpec::calendar(4 * kHour);
  const ReviewResult reached = evening.run(shift, request(), kMonday);
  BOOST_TEST(reached.verdict == ReviewVerdict::Passed);
  BOOST_TEST(call_instants(evening.world) == instants({"2026-09-14T21:00:00Z", "2026-09-15T01:00:00Z"}),
             boost::test_tools::per_element());
  BOOST_TEST(evening.world.phones.call_log().front().outcome.outside_hours);

  // The same line unanswered within its hours: a plain no-answer failure.
  Setup busy;
  PhoneLine engaged = PhoneLine::always(CallResult::Busy);
  engaged.hours = busy.cn;
  busy.line(engaged);
  BOOST_TEST(busy.run(fixed_policy(), request(), kMonday).reasons == reasons({Reason::ReviewNoAnswerAfterRetries}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_call_back_is_made_at_the_time_asked_for_within_business_hours) {
  Setup s;
  s.line(PhoneLine::scripted({PhoneAnswer::call_back_at(parse_instant("2026-09-14T07:30:00Z")),
                              PhoneAnswer::call_back_at(parse_instant("2026-09-14T12:00:00Z"))},
                             ScriptEnd::answer(CallResult::Confirmed)));
  const ReviewResult result = s.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  // 15:30 as asked; 20:00 is after closing, so Tuesday 09:00.
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-14T02:00:00Z", "2026-09-14T07:30:00Z",
                                                 "2026-09-15T01:00:00Z"}),
             boost::test_tools::per_element());
  BOOST_TEST(result.steps[2].detail ==
             "call 1 to +861012345678 at 2026-09-14T02:00:00Z: call back at 2026-09-14T07:30:00Z; "
             "call-back 1 of 3 honoured, next call at 2026-09-14T07:30:00Z");
}

BOOST_AUTO_TEST_CASE(call_backs_count_as_attempts_by_policy_or_beyond_the_limit) {
  Setup counting;
  counting.line(PhoneLine::always(PhoneAnswer::call_back_after(kHour)));
  ReviewPolicy policy = fixed_policy();
  policy.call_back_counts_as_attempt = true;
  policy.max_call_attempts = 2;
  const ReviewResult counted = counting.run(policy, request(), kMonday);
  BOOST_TEST(counted.reasons == reasons({Reason::ReviewNoAnswerAfterRetries}), boost::test_tools::per_element());
  BOOST_TEST(counted.calls == 2);

  // Not counted: three call-backs are honoured, then they count; 3 + 5 calls in all.
  Setup honoured;
  honoured.line(PhoneLine::always(PhoneAnswer::call_back_after(kHour)));
  const ReviewResult result = honoured.run(fixed_policy(), request(), kMonday);
  BOOST_TEST(result.reasons == reasons({Reason::ReviewNoAnswerAfterRetries}), boost::test_tools::per_element());
  BOOST_TEST(result.calls == 8);
  BOOST_TEST(call_instants(honoured.world).back() == parse_instant("2026-09-14T09:00:00Z"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_calendar)

BOOST_AUTO_TEST_CASE(a_call_due_on_a_saturday_waits_for_monday) {
  Setup s;
  s.line(PhoneLine::scripted({CallResult::NoAnswer, CallResult::Confirmed}, ScriptEnd::repeat_last()));
  ReviewPolicy policy = fixed_policy();
  policy.retry_spacing = DurationSpec::calendar(24 * kHour);
  s.run(policy, request(), parse_instant("2026-09-11T01:00:00Z"));  // Friday 09:00
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-11T02:00:00Z", "2026-09-14T01:00:00Z"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_call_due_on_national_day_waits_for_the_end_of_the_holiday) {
  Setup s;
  s.line(PhoneLine::scripted({CallResult::NoAnswer, CallResult::Confirmed}, ScriptEnd::repeat_last()));
  ReviewPolicy policy = fixed_policy();
  policy.retry_spacing = DurationSpec::calendar(24 * kHour);
  s.run(policy, request(), parse_instant("2026-09-30T01:00:00Z"));  // Wednesday before National Day
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-30T02:00:00Z", "2026-10-08T01:00:00Z"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_working_sunday_before_national_day_allows_calls) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  // Saturday 2026-09-19 10:00 in Beijing: the reviewer starts on Sunday 2026-09-20, a make-up
  // working day.
  const ReviewResult result = s.run(fixed_policy(), request(), parse_instant("2026-09-19T02:00:00Z"));
  BOOST_TEST(result.steps[1].at == parse_instant("2026-09-20T01:00:00Z"));
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-20T02:00:00Z"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_ov_review_from_2026_09_29_counts_its_business_days_across_national_day) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  // Tuesday 10:00: 8 h left that day, 9 h on Wednesday 30th, National Day 1–7 October off, 9 h on
  // Thursday 8th, and the last hour on Friday 9th: 10:00 in Beijing.
  const ReviewResult result = s.run(fixed_policy(), request(), parse_instant("2026-09-29T02:00:00Z"));
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  BOOST_TEST(result.finished == parse_instant("2026-10-09T02:00:00Z"));
  BOOST_TEST(result.business_time.count() == (27 * kHour).count());
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-29T03:00:00Z"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_organization)

BOOST_AUTO_TEST_CASE(the_registry_is_read_at_the_instant_of_the_check) {
  const Instant saturday = parse_instant("2026-09-12T02:00:00Z");
  // Active when the order arrives on Saturday, inactive from Sunday: Monday's check fails.
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  s.world.registry.set_status(kNumber, parse_instant("2026-09-13T00:00:00Z"), RegistryStatus::Inactive);
  const ReviewResult result = s.run(fixed_policy(), request(), saturday);
  BOOST_TEST(result.reasons == reasons({Reason::ReviewOrganizationInactive}), boost::test_tools::per_element());
  BOOST_TEST(result.steps.back().detail ==
             "registry at 2026-09-14T01:00:00Z: 'Acme Widgets (Beijing) Co., Ltd.' (91110000MA01ABCD2X) "
             "is inactive");
  BOOST_TEST(s.world.phones.call_log().empty());

  // Inactive only from a second after the check: the reviewer saw it active.
  Setup later;
  later.line(PhoneLine::always(CallResult::Confirmed));
  later.world.registry.set_status(kNumber, kMonday + kSecond, RegistryStatus::Inactive);
  BOOST_TEST(later.run(fixed_policy(), request(), saturday).passed());

  // Gone from the registry, or never in it.
  Setup gone;
  gone.world.registry.set_status(kNumber, parse_instant("2026-09-13T00:00:00Z"), RegistryStatus::NotFound);
  BOOST_TEST(gone.run(fixed_policy(), request(), saturday).reasons ==
                 reasons({Reason::ReviewOrganizationNotFound}),
             boost::test_tools::per_element());
  Setup unknown;
  ReviewRequest stranger = request();
  stranger.legal_name = "Nobody Ltd.";
  stranger.registration_number = "X-1";
  BOOST_TEST(unknown.run(fixed_policy(), stranger, kMonday).reasons == reasons({Reason::ReviewOrganizationNotFound}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(name_number_and_jurisdiction_must_match_the_registry) {
  Setup s;
  ReviewRequest wrong_country = request();
  wrong_country.jurisdiction.country = "US";
  const ReviewResult country = s.run(fixed_policy(), wrong_country, kMonday);
  BOOST_TEST(country.reasons == reasons({Reason::ReviewOrganizationMismatch}), boost::test_tools::per_element());
  BOOST_TEST(country.steps.back().detail.find("country 'US' (registry: 'CN')") != std::string::npos);

  // The number finds nothing, the name finds the company: the number is wrong.
  ReviewRequest wrong_number = request();
  wrong_number.registration_number = "91110000MA01ABCD3Y";
  const ReviewResult number = s.run(fixed_policy(), wrong_number, kMonday);
  BOOST_TEST(number.reasons == reasons({Reason::ReviewOrganizationMismatch}), boost::test_tools::per_element());
  BOOST_TEST(number.steps.back().detail.find("registration number '91110000MA01ABCD3Y' (registry: "
                                             "'91110000MA01ABCD2X')") != std::string::npos);

  ReviewRequest wrong_city = request();
  wrong_city.jurisdiction.locality = "Shanghai";
  BOOST_TEST(s.run(fixed_policy(), wrong_city, kMonday).reasons == reasons({Reason::ReviewOrganizationMismatch}),
             boost::test_tools::per_element());
  BOOST_TEST(s.world.phones.call_log().empty());
}

BOOST_AUTO_TEST_CASE(ev_without_operational_existence_fails_before_any_call) {
  Organization young = acme();
  young.registration_date = parse_date("2024-05-01");
  young.signer_authority_confirmed = false;
  Setup s(young);
  s.line(PhoneLine::always(CallResult::Confirmed));
  const ReviewResult result = s.run(fixed_policy(), request(ValidationLevel::EV), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Failed);
  BOOST_TEST(result.reasons ==
                 reasons({Reason::ReviewEvOperationalExistence, Reason::ReviewEvSignerAuthority}),
             boost::test_tools::per_element());
  BOOST_TEST(result.steps[2].detail ==
             "operational existence: registered 2024-05-01 (2 full years), under 3 years and no independent "
             "evidence");
  BOOST_TEST(s.world.phones.call_log().empty());
  // EV takes its 5 business days even when failing: Friday 18:00.
  BOOST_TEST(result.finished == parse_instant("2026-09-18T10:00:00Z"));

  // Evidence of operational existence stands in for the years; the category must be given.
  Organization evidenced = young;
  evidenced.operational_existence_evidence = true;
  evidenced.signer_authority_confirmed = true;
  Setup with_evidence(evidenced);
  with_evidence.line(PhoneLine::always(CallResult::Confirmed));
  BOOST_TEST(with_evidence.run(fixed_policy(), request(ValidationLevel::EV), kMonday).passed());
  ReviewRequest no_category = request(ValidationLevel::EV);
  no_category.business_category.reset();
  BOOST_TEST(with_evidence.run(fixed_policy(), no_category, kMonday).reasons ==
                 reasons({Reason::ReviewEvRegistrationDetails}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ev_with_three_years_registered_passes) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  const ReviewResult result = s.run(fixed_policy(), request(ValidationLevel::EV), kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  BOOST_TEST_REQUIRE(result.steps.size() == 6U);
  for (int i = 2; i < 5; ++i) BOOST_TEST(result.steps[i].kind == ReviewStepKind::EvCheck);
  BOOST_TEST(result.steps[2].detail == "operational existence: registered 2023-03-05 (3 full years)");
  BOOST_TEST(result.finished == parse_instant("2026-09-18T10:00:00Z"));
  BOOST_TEST_REQUIRE(result.record.has_value());
  BOOST_TEST(result.record->level == ValidationLevel::EV);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_reuse)

BOOST_AUTO_TEST_CASE(saved_organization_data_is_reused_within_398_days) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  ReviewRequest req = request();
  req.saved = OrganizationValidationRecord{kNumber, parse_instant("2026-01-10T00:00:00Z"), ValidationLevel::OV};
  const ReviewResult result = s.run(fixed_policy(), req, kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  BOOST_TEST(result.reused);
  BOOST_TEST_REQUIRE(result.steps.size() == 2U);
  BOOST_TEST(result.steps[1].kind == ReviewStepKind::Reuse);
  BOOST_TEST(result.steps[1].detail ==
             "saved OV validation of 91110000MA01ABCD2X from 2026-01-10T00:00:00Z (247 days old, reuse "
             "limit 398 days): reused, no registry check and no call");
  // About one business day: Monday 09:00 to 18:00.
  BOOST_TEST(result.finished == parse_instant("2026-09-14T10:00:00Z"));
  BOOST_TEST((result.record == req.saved));
  BOOST_TEST(s.world.phones.call_log().empty());
}

BOOST_AUTO_TEST_CASE(older_data_gets_a_full_review) {
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  ReviewRequest req = request();
  req.saved = OrganizationValidationRecord{kNumber, parse_instant("2025-08-01T00:00:00Z"), ValidationLevel::OV};
  const ReviewResult result = s.run(fixed_policy(), req, kMonday);
  BOOST_TEST(result.verdict == ReviewVerdict::Passed);
  BOOST_TEST(!result.reused);
  BOOST_TEST(result.steps[1].detail.find("(409 days old, reuse limit 398 days): too old, full review") !=
             std::string::npos);
  BOOST_TEST(s.world.phones.call_log().size() == 1U);
  BOOST_TEST(result.record->validated_at == parse_instant("2026-09-14T02:00:00Z"));
}

BOOST_AUTO_TEST_CASE(reuse_depends_on_age_level_and_the_rule_in_force) {
  const OrganizationValidationRecord ov{kNumber, parse_instant("2025-08-12T01:00:00Z"), ValidationLevel::OV};
  BOOST_TEST(reusable(ov, ValidationLevel::OV, ov.validated_at + 398 * kDay));
  BOOST_TEST(!reusable(ov, ValidationLevel::OV, ov.validated_at + 398 * kDay + kSecond));
  BOOST_TEST(!reusable(ov, ValidationLevel::EV, ov.validated_at + kDay));
  const OrganizationValidationRecord ev{kNumber, ov.validated_at, ValidationLevel::EV};
  BOOST_TEST(reusable(ev, ValidationLevel::OV, ev.validated_at + kDay));
  // Before 2026-03-15 the limit was 825 days.
  const OrganizationValidationRecord old{kNumber, parse_instant("2024-01-01T00:00:00Z"), ValidationLevel::OV};
  BOOST_TEST(reusable(old, ValidationLevel::OV, parse_instant("2026-03-01T00:00:00Z")));
  BOOST_TEST(!reusable(old, ValidationLevel::OV, parse_instant("2026-03-16T00:00:00Z")));
  // EV data: 398 days also then (issue 17, defect 8); the same EV record still serves OV.
  const OrganizationValidationRecord old_ev{kNumber, old.validated_at, ValidationLevel::EV};
  BOOST_TEST(!reusable(old_ev, ValidationLevel::EV, parse_instant("2026-03-01T00:00:00Z")));
  BOOST_TEST(reusable(old_ev, ValidationLevel::OV, parse_instant("2026-03-01T00:00:00Z")));
  BOOST_TEST(reusable(old_ev, ValidationLevel::EV, old.validated_at + 398 * kDay));
  BOOST_TEST(!reusable(old_ev, ValidationLevel::EV, old.validated_at + 398 * kDay + kSecond));

  // A record for another organization than the one named is not used.
  Setup s;
  s.line(PhoneLine::always(CallResult::Confirmed));
  ReviewRequest req = request();
  req.saved = OrganizationValidationRecord{"OTHER-1", parse_instant("2026-09-01T00:00:00Z"), ValidationLevel::OV};
  const ReviewResult result = s.run(fixed_policy(), req, kMonday);
  BOOST_TEST(!result.reused);
  BOOST_TEST(result.steps[1].detail.find("another organization") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_process)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_review) {
  const auto run = [](std::uint64_t seed) {
    Setup s;
    s.line(PhoneLine::weighted({{CallResult::NoAnswer, 5}, {CallResult::Busy, 2}, {CallResult::Confirmed, 3}}));
    return s.run(ReviewPolicy{}, request(), kMonday, seed);
  };
  const ReviewResult a = run(11);
  const ReviewResult b = run(11);
  BOOST_TEST(a.finished == b.finished);
  BOOST_TEST(a.drawn.amount == b.drawn.amount);
  BOOST_TEST(a.calls == b.calls);
  BOOST_TEST_REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    BOOST_TEST(a.steps[i].at == b.steps[i].at);
    BOOST_TEST(a.steps[i].detail == b.steps[i].detail);
  }
  // Within the default OV range of 3–5 business days; another seed draws another duration.
  BOOST_TEST(a.drawn.is_business());
  BOOST_TEST(format_duration(a.drawn).ends_with("bd"));
  BOOST_TEST(a.drawn.amount >= 3.0);
  BOOST_TEST(a.drawn.amount <= 5.0);
  BOOST_TEST(run(12).drawn.amount != a.drawn.amount);
}

BOOST_AUTO_TEST_CASE(cancelling_mid_review_stops_further_calls) {
  Setup s;
  s.line(PhoneLine::always(CallResult::NoAnswer));
  Review review(fixed_policy(), s.cn, s.world, 1, 0);
  Kernel kernel(kMonday);
  bool done = false;
  ReviewHandle handle = review.start(kernel, kMonday, request(), [&](const ReviewResult&) { done = true; });
  const Instant cancel_at = parse_instant("2026-09-14T08:00:00Z");
  std::optional<ReviewResult> cancelled;
  kernel.schedule_at(cancel_at, [&] { cancelled = handle.cancel(); });
  kernel.run();
  BOOST_TEST(!done);
  BOOST_TEST(!handle.active());
  BOOST_TEST_REQUIRE(cancelled.has_value());
  BOOST_TEST(cancelled->verdict == ReviewVerdict::Cancelled);
  BOOST_TEST(cancelled->finished == cancel_at);
  BOOST_TEST(cancelled->calls == 2);
  BOOST_TEST(handle.progress().steps.size() == cancelled->steps.size());
  BOOST_TEST(call_instants(s.world) == instants({"2026-09-14T02:00:00Z", "2026-09-14T06:00:00Z"}),
             boost::test_tools::per_element());
  BOOST_TEST(kernel.pending() == 0U);
  BOOST_TEST(!handle.cancel().has_value());
  BOOST_TEST(!ReviewHandle().active());

  // Cancelled by an observer of the first call (the order was cancelled as the call came in).
  Setup t;
  t.line(PhoneLine::always(CallResult::NoAnswer));
  Review second(fixed_policy(), t.cn, t.world, 1, 0);
  Kernel clock(kMonday);
  ReviewHandle observed;
  observed = second.start(
      clock, kMonday, request(), [&](const ReviewResult&) { done = true; },
      [&](const ReviewStep& step) {
        if (step.kind == ReviewStepKind::Call) BOOST_TEST(observed.cancel().has_value());
      });
  clock.run();
  BOOST_TEST(!done);
  BOOST_TEST(t.world.phones.call_log().size() == 1U);
  BOOST_TEST(clock.pending() == 0U);
}

BOOST_AUTO_TEST_CASE(a_resubmission_starts_a_new_review_and_keeps_the_first) {
  Setup s;
  s.line(PhoneLine::scripted({CallResult::Refused}, ScriptEnd::answer(CallResult::Confirmed)));
  Review review(fixed_policy(), s.cn, s.world, 1, 0);
  Kernel kernel(kMonday);
  std::vector<ReviewResult> results;
  const auto keep = [&](const ReviewResult& r) { results.push_back(r); };
  review.start(kernel, kMonday, request(), keep);
  kernel.run();
  ReviewRequest resubmitted = request();
  resubmitted.attempt = 2;
  review.start(kernel, kernel.now(), resubmitted, keep);
  kernel.run();
  BOOST_TEST_REQUIRE(results.size() == 2U);
  BOOST_TEST(results[0].attempt == 1);
  BOOST_TEST(results[0].reasons == reasons({Reason::ReviewCallRefused}), boost::test_tools::per_element());
  BOOST_TEST(results[0].calls == 1);
  BOOST_TEST(results[1].attempt == 2);
  BOOST_TEST(results[1].passed());
  BOOST_TEST(results[1].started == results[0].finished);
  BOOST_TEST(results[1].steps[0].detail.find("(attempt 2)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(misuse_is_refused) {
  Setup s;
  ReviewPolicy no_attempts;
  no_attempts.max_call_attempts = 0;
  BOOST_CHECK_THROW(Review(no_attempts, s.cn, s.world, 1, 0), std::invalid_argument);
  ReviewPolicy negative;
  negative.retry_spacing = DurationSpec::business_hours(-1);
  BOOST_CHECK_THROW(Review(negative, s.cn, s.world, 1, 0), std::invalid_argument);
  Review review({}, s.cn, s.world, 1, 0);
  Kernel kernel(kMonday);
  BOOST_CHECK_THROW(review.start(kernel, kMonday, request(ValidationLevel::DV), {}), std::invalid_argument);
  BOOST_CHECK_THROW(review.start(kernel, kMonday - kSecond, request(), {}), std::logic_error);
  ReviewRequest no_attempt = request();
  no_attempt.attempt = 0;
  BOOST_CHECK_THROW(review.start(kernel, kMonday, no_attempt, {}), std::invalid_argument);
  BOOST_CHECK_THROW(ReviewHandle().progress(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE_END()  // test_review
